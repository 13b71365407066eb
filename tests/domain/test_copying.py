from dataclasses import dataclass
from types import SimpleNamespace

import pytest

from branch_desk.domain.copying import record_from


@dataclass(frozen=True, slots=True)
class Pair:
    kind: str
    size: int
    note: str = ""


def test_fields_are_copied_by_name_unless_given() -> None:
    row = SimpleNamespace(kind="a", size="2", note="n", other=1)
    assert record_from(Pair, row, size=2) == Pair("a", 2, "n")


def test_a_field_the_source_lacks_is_an_error_not_a_default() -> None:
    with pytest.raises(AttributeError):
        record_from(Pair, SimpleNamespace(kind="a", size=1))
