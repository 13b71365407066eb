"""Build a record from another object whose attributes carry the same names.

Rows become records, inputs become rows and records become inputs field by field; where most
fields are simply the same attribute, `record_from` copies those and the caller names only what
is computed or converted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


@cache
def field_names(kind: type) -> tuple[str, ...]:
    """Return the names of the fields a dataclass's constructor takes, in order."""
    return tuple(f.name for f in fields(kind) if f.init)


def values_of(source: object, names: Iterable[str]) -> dict[str, Any]:
    """Return the attributes ``names`` of ``source`` by name (for a row or a details dict)."""
    return {name: getattr(source, name) for name in names}


def record_from(record_type: type[T], source: object, /, **given: Any) -> T:
    """Return a ``record_type`` (a dataclass) with the ``given`` fields, the rest from ``source``.

    Every field not named in ``given`` is the attribute of ``source`` with the same name;
    a missing one is an AttributeError, so nothing is silently left at a default.
    """
    names = field_names(record_type)
    copied = {name: getattr(source, name) for name in names if name not in given}
    return record_type(**copied, **given)
