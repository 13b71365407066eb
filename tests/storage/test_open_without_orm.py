"""Opening a data dir and reading its unit list need SQLAlchemy Core only (the window's first
read); the ORM, the models and the audit listener load with the first unit of work."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from branch_desk.domain.errors import NotFound
from branch_desk.domain.org import BranchInput
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.storage.repositories import units as stored_units

OPEN = """
import sys
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
desk = BranchDesk.open(AppPaths.resolve(sys.argv[1]), check_in_background=True)
names = [u.name for u in desk.units.top_units()]
title = desk.units.get(desk.units.top_units()[0].id).name
loaded = sorted(m for m in ("sqlalchemy.orm", "branch_desk.storage.models") if m in sys.modules)
desk.db.gate.join()
print(names, title, loaded)
with desk.db.session() as s:  # the first unit of work loads them
    pass
print(sorted(m for m in ("sqlalchemy.orm", "branch_desk.storage.models") if m in sys.modules))
desk.close()
"""


def _committee_with_branch(desk: BranchDesk) -> None:
    desk.org.create_branch(
        BranchInput(name="第一党支部", upper_org="机关党委", elected_on=date(2024, 3, 15))
    )
    desk.org.create_branch(BranchInput(name="第二党支部", upper_org="机关党委"))


def test_the_unit_list_is_read_without_the_orm(paths: AppPaths, tmp_path: Path) -> None:
    with BranchDesk.open(paths, automatic_backups=False) as desk:
        _committee_with_branch(desk)
    BranchDesk.open(paths).close()  # the day's backup: later openings today make none
    assert list(paths.backups_dir.glob("auto-*.bdbackup"))
    out = subprocess.run(
        [sys.executable, "-c", OPEN, str(paths.data_dir)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout.splitlines()
    assert out == [
        "['第一党支部', '第二党支部'] 第一党支部 []",
        "['branch_desk.storage.models', 'sqlalchemy.orm']",
    ]


def test_the_unit_list_equals_the_stored_units(desk: BranchDesk) -> None:
    desk.org.create_branch(
        BranchInput(name="第二党支部", upper_org="", term_years=5, ledger_start=date(2025, 1, 1))
    )
    with desk.db.session() as s:
        for unit in desk.units.top_units():
            assert desk.units.get(unit.id) == stored_units.require(s, unit.id)
    assert [u.name for u in desk.org.top_units()] == ["第一党支部", "第二党支部"]
    assert desk.org.is_set_up() and desk.units.is_set_up()
    with pytest.raises(NotFound, match="找不到编号为 999 的党组织"):
        desk.units.get(999)


def test_changes_since_opening_are_counted_from_the_opening(paths: AppPaths) -> None:
    with BranchDesk.open(paths, automatic_backups=False) as desk:
        desk.org.create_branch(BranchInput(name="第一党支部"))
        assert desk.safety.changed_since_open()  # asked first after the change
    with BranchDesk.open(paths, automatic_backups=False) as desk:
        assert desk.db.opened_audit_id > 0
        assert not desk.safety.changed_since_open()
        desk.org.create_branch(BranchInput(name="第二党支部"))
        assert desk.safety.changed_since_open()
