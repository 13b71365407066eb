"""The write gate: the GUI's background integrity check holds every write until it passed."""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from branch_desk.storage import database
from branch_desk.storage.database import Database, DatabaseDamaged, StorageFailed
from branch_desk.storage.models import OrgUnit

REAL_CHECK = database.check_integrity


class SlowCheck:
    """Replaces check_integrity: the quick_check part waits for ``release`` (or fails)."""

    def __init__(self, fail: bool = False) -> None:
        self.release = threading.Event()
        self.started = threading.Event()
        self.fail = fail

    def __call__(self, path: Path, *, quick_check: bool = True) -> str:
        if not quick_check:
            return REAL_CHECK(path, quick_check=False)
        self.started.set()
        self.release.wait(10)
        if self.fail:
            raise DatabaseDamaged(f"数据库完整性检查未通过（*** in database main ***）：{path}")
        return REAL_CHECK(path)


def _unit(name: str) -> OrgUnit:
    return OrgUnit(kind="党支部", name=name, created_at=datetime(2026, 1, 1))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "branch-desk.sqlite3"
    db = Database.open(path, backups_dir=tmp_path / "backups")
    with db.session() as s:
        s.add(_unit("第一支部"))
    db.close()
    return path


def _open(path: Path, check: SlowCheck, monkeypatch: pytest.MonkeyPatch) -> Database:
    monkeypatch.setattr(database, "check_integrity", check)
    return Database.open(path, backups_dir=path.parent / "backups", check_in_background=True)


def _count(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(OrgUnit)) or 0)


def test_reads_work_while_the_check_runs(db_path: Path, monkeypatch: pytest.MonkeyPatch):
    check = SlowCheck()
    db = _open(db_path, check, monkeypatch)
    try:
        assert check.started.wait(5)
        assert not db.gate.settled
        assert _count(db) == 1
        assert db.schema_revision()
    finally:
        check.release.set()
        db.close()


def test_a_write_before_the_check_waits_then_succeeds(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
):
    check = SlowCheck()
    db = _open(db_path, check, monkeypatch)
    threading.Timer(0.3, check.release.set).start()
    with db.session() as s:
        s.add(_unit("第二支部"))
    assert db.gate.passed
    assert _count(db) == 2
    db.close()


def test_a_failed_check_refuses_every_write_and_keeps_the_file(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
):
    before = db_path.read_bytes()
    check = SlowCheck(fail=True)
    db = _open(db_path, check, monkeypatch)
    threading.Timer(0.2, check.release.set).start()
    with pytest.raises(StorageFailed, match=r"完整性检查未通过.*拒绝一切写入"), db.session() as s:
        s.add(_unit("第二支部"))
    assert isinstance(db.gate.error, DatabaseDamaged)
    for statement in (
        "UPDATE org_units SET name = 'x'",
        "DELETE FROM org_units",
        "CREATE TABLE extra (id INTEGER)",
        "PRAGMA user_version = 7",
    ):
        with pytest.raises(StorageFailed, match="拒绝一切写入"), db.session() as s:
            s.execute(text(statement))
    with pytest.raises(StorageFailed, match="拒绝一切写入"):
        db.gate.require()
    assert _count(db) == 1  # reading still works
    db.close()
    assert db_path.read_bytes() == before


def test_a_check_that_never_ends_times_out_with_a_clear_message(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
):
    check = SlowCheck()
    db = _open(db_path, check, monkeypatch)
    db.gate.wait_seconds = 0.2
    try:
        with pytest.raises(StorageFailed, match=r"尚未完成.*未保存任何数据"), db.session() as s:
            s.add(_unit("第二支部"))
    finally:
        check.release.set()
        db.gate.wait_seconds = 10
        db.close()


def test_a_migration_is_checked_before_opening(db_path: Path, monkeypatch: pytest.MonkeyPatch):
    calls: list[bool] = []

    def recording(path: Path, *, quick_check: bool = True) -> str:
        calls.append(quick_check)
        return REAL_CHECK(path, quick_check=quick_check)

    monkeypatch.setattr(database.runner, "head_revision", lambda: "not-this-one")
    monkeypatch.setattr(database, "_open_engine", lambda *_args: _no_engine())
    monkeypatch.setattr(database, "check_integrity", recording)
    with pytest.raises(RuntimeError):
        Database.open(db_path, backups_dir=db_path.parent / "b", check_in_background=True)
    assert calls == [False, True]  # the full check ran synchronously, before any write


def _no_engine() -> Any:
    raise RuntimeError("stop here")


def test_the_real_check_passes_in_the_background(db_path: Path):
    db = Database.open(db_path, backups_dir=db_path.parent / "backups", check_in_background=True)
    with db.session() as s:
        s.add(_unit("第二支部"))
    assert db.gate.passed
    db.close()


def test_a_failed_check_leaves_a_pending_log_unmerged(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    db = Database.open(db_path, backups_dir=tmp_path / "backups")
    db.engine.dispose()
    live = database.connect(db_path)
    live.execute("PRAGMA wal_autocheckpoint=0")
    live.execute("UPDATE org_units SET name = '日志中'")
    live.commit()
    copy = tmp_path / "copy" / "branch-desk.sqlite3"  # as a crash leaves it: the log not merged
    copy.parent.mkdir()
    copy.write_bytes(db_path.read_bytes())
    Path(f"{copy}-wal").write_bytes(Path(f"{db_path}-wal").read_bytes())
    live.close()
    db.close()
    before = copy.read_bytes(), Path(f"{copy}-wal").read_bytes()
    assert before[1]
    check = SlowCheck(fail=True)
    check.release.set()
    damaged = _open(copy, check, monkeypatch)
    with damaged.session() as s:  # the log is read
        assert s.scalar(select(OrgUnit.name)) == "日志中"
    damaged.close()
    assert (copy.read_bytes(), Path(f"{copy}-wal").read_bytes()) == before
