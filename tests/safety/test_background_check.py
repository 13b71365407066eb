"""A data dir opened with its integrity check in the background (the GUI): writes and backups
wait for the check, a failed check refuses them all and leaves the file as it was."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from branch_desk.domain.errors import UserError
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.org.units import BranchInput
from branch_desk.services.safety.instance import running_elsewhere
from branch_desk.storage import database
from branch_desk.storage.database import DatabaseDamaged, StorageFailed
from tests.conftest import member_input
from tests.storage.test_write_gate import SlowCheck


@pytest.fixture
def filled(paths: AppPaths) -> AppPaths:
    """A data dir with one branch and one member (so a daily backup has something to keep)."""
    with BranchDesk.open(paths, automatic_backups=False) as desk:
        unit = desk.org.create_branch(BranchInput(name="第一党支部", groups=("第一党小组",))).value
        desk.roster.add(unit.id, member_input())
    return paths


def _open(
    paths: AppPaths, check: SlowCheck, monkeypatch: pytest.MonkeyPatch, backups: bool = False
) -> BranchDesk:
    monkeypatch.setattr(database, "check_integrity", check)
    return BranchDesk.open(paths, automatic_backups=backups, check_in_background=True)


def _auto_backups(paths: AppPaths) -> list[Path]:
    return sorted(paths.backups_dir.glob("auto-*.bdbackup"))


def test_writes_and_backups_wait_for_the_check(
    filled: AppPaths, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    check = SlowCheck()
    desk = _open(filled, check, monkeypatch)
    try:
        assert check.started.wait(5)
        desk.db.gate.wait_seconds = 0.2
        assert [m.name for m in desk.roster.list()] == ["张三"]  # reads go ahead
        with pytest.raises(StorageFailed, match="尚未完成"):
            desk.org.create_branch(BranchInput(name="第二党支部"))
        with pytest.raises(StorageFailed, match="尚未完成"):
            desk.safety.backup(tmp_path / "early.bdbackup")
        assert desk.safety.automatic("测试") is None
        assert not (tmp_path / "early.bdbackup").exists() and not _auto_backups(filled)
        check.release.set()
        desk.db.gate.join(5)
        desk.org.create_branch(BranchInput(name="第二党支部"))
        assert desk.safety.backup(tmp_path / "later.bdbackup").path.is_file()
    finally:
        check.release.set()
        desk.close()


def test_the_days_backup_is_made_after_the_check_passed(
    filled: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    check = SlowCheck()
    told: list[UserError | None] = []
    desk = _open(filled, check, monkeypatch, backups=True)
    try:
        desk.when_checked(told.append)
        assert check.started.wait(5)
        assert not _auto_backups(filled) and not told
        check.release.set()
        desk.db.gate.join(10)
        assert told == [None]
        assert len(_auto_backups(filled)) == 1
    finally:
        check.release.set()
        desk.close()


def test_a_failed_check_refuses_every_write_and_backup(
    filled: AppPaths, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    before = filled.database.read_bytes()
    check = SlowCheck(fail=True)
    told: list[UserError | None] = []
    desk = _open(filled, check, monkeypatch, backups=True)
    try:
        desk.when_checked(told.append)
        check.release.set()
        desk.db.gate.join(10)
        assert len(told) == 1 and isinstance(told[0], DatabaseDamaged)
        assert [m.name for m in desk.roster.list()] == ["张三"]
        with pytest.raises(StorageFailed, match="未通过"):
            desk.org.create_branch(BranchInput(name="第二党支部"))
        with pytest.raises(StorageFailed, match="未通过"):
            desk.safety.backup(tmp_path / "copy.bdbackup")
        assert desk.safety.automatic("测试") is None
        later: list[UserError | None] = []
        desk.when_checked(later.append)  # told at once once settled
        assert later == told
    finally:
        desk.close()
    assert not _auto_backups(filled) and not (tmp_path / "copy.bdbackup").exists()
    assert filled.database.read_bytes() == before


def test_the_cli_and_a_new_data_dir_check_before_opening(filled: AppPaths, tmp_path: Path) -> None:
    with BranchDesk.open(filled, automatic_backups=False) as desk:
        assert desk.db.gate.passed  # the CLI's default: checked before opening
        told: list[UserError | None] = []
        desk.when_checked(told.append)
        assert told == [None]
    fresh = AppPaths.resolve(tmp_path / "new")
    with BranchDesk.open(fresh, automatic_backups=False, check_in_background=True) as desk:
        assert desk.db.gate.passed  # created by us: nothing to check
        desk.org.create_branch(BranchInput(name="第一党支部"))


def test_running_elsewhere_tells_before_a_window_shows(filled: AppPaths) -> None:
    assert running_elsewhere(filled) is None
    with BranchDesk.open(filled, automatic_backups=False):
        busy = running_elsewhere(filled)
        assert busy is not None and "已在使用该数据目录" in busy
    assert running_elsewhere(filled) is None
    with BranchDesk.open(filled, automatic_backups=False) as desk:  # the probe left no lock
        assert desk.roster.today() >= date(2020, 1, 1)
