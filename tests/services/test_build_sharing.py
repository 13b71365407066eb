"""A build (summary, archive pack, whole-党委 check) counts each thing once and shares it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.checking.checker import CheckService
from branch_desk.services.demo.branch import fill_demo
from branch_desk.services.roster import people
from branch_desk.services.year.snapshot import YearSnapshotService
from tests.conftest import FIXED_NOW

YEAR = FIXED_NOW.year - 1


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BranchDesk]:
    desk = BranchDesk.open(AppPaths.resolve(tmp_path_factory.mktemp("sharing") / "data"))
    desk.db.clock = lambda: FIXED_NOW
    fill_demo(desk, seed=1)
    yield desk
    desk.close()


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Count the snapshots built, the units checked and the member facts read."""
    counted: Counter[str] = Counter()

    def counting(name: str, original):  # type: ignore[no-untyped-def]
        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            counted[name] += 1
            return original(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(
        YearSnapshotService, "_build", counting("snapshot", YearSnapshotService._build)
    )
    monkeypatch.setattr(
        CheckService, "_unit_findings", counting("check", CheckService._unit_findings)
    )
    monkeypatch.setattr(people, "stored_facts", counting("facts", people.stored_facts))
    return counted


@pytest.mark.parametrize("build", ["archive", "summary"])
def test_a_build_counts_the_year_once(
    demo: BranchDesk, calls: Counter[str], tmp_path: Path, build: str
) -> None:
    """The archive pack (its planner, basic facts and summary) and the year-end summary each
    count the year once: one snapshot, whose checks and member facts are read once."""
    unit = demo.org.resolve()
    if build == "archive":
        demo.archive.build(unit.id, YEAR, tmp_path / "pack.zip")
    else:
        demo.summary.export(unit.id, YEAR, tmp_path / "summary.docx")
    assert calls == Counter(snapshot=1, check=1, facts=1)


def test_outside_a_build_nothing_is_kept(demo: BranchDesk, calls: Counter[str]) -> None:
    unit = demo.org.resolve()
    first = demo.snapshots.build(unit.id, YEAR)
    assert demo.snapshots.build(unit.id, YEAR) == first
    assert calls["snapshot"] == 2  # a screen always sees the records as they are now
