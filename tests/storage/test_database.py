import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from branch_desk.domain.members import Gender
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.storage.database import Database, DatabaseDamaged, NewerSchema, make_engine
from branch_desk.storage.lock import AlreadyRunning
from branch_desk.storage.migrations import runner
from tests.conftest import member_input

FIXTURES = Path(__file__).parent / "fixtures"


def test_new_database_has_safe_pragmas(empty_desk: BranchDesk):
    with empty_desk.db.session() as s:
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert s.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
    assert empty_desk.db.schema_revision() == runner.head_revision()


def test_second_instance_is_refused_and_touches_nothing(desk: BranchDesk, paths: AppPaths):
    before = paths.database.stat().st_mtime_ns
    with pytest.raises(AlreadyRunning, match="已在使用该数据目录"):
        BranchDesk.open(paths)
    assert paths.database.stat().st_mtime_ns == before
    assert desk.org.is_set_up()


def test_lock_is_released_on_close(paths: AppPaths):
    BranchDesk.open(paths).close()
    BranchDesk.open(paths).close()


def test_data_survives_reopen(desk: BranchDesk, branch_id: int, paths: AppPaths):
    desk.roster.add(branch_id, member_input())
    desk.close()
    with BranchDesk.open(paths) as again:
        assert [m.name for m in again.roster.list()] == ["张三"]


def test_damaged_file_is_refused_and_kept(paths: AppPaths):
    paths.ensure()
    paths.database.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    original = paths.database.read_bytes()
    with pytest.raises(DatabaseDamaged, match="已损坏"):
        BranchDesk.open(paths)
    assert paths.database.read_bytes() == original


def test_not_a_database_is_refused(paths: AppPaths):
    paths.ensure()
    paths.database.write_text("这不是数据库", encoding="utf-8")
    with pytest.raises(DatabaseDamaged, match="不是支部工作台的数据文件"):
        BranchDesk.open(paths)


def test_foreign_sqlite_file_is_refused_unchanged(paths: AppPaths):
    paths.ensure()
    conn = sqlite3.connect(paths.database)
    conn.execute("CREATE TABLE notes (x TEXT)")
    conn.commit()
    conn.close()
    before = paths.database.read_bytes()
    with pytest.raises(DatabaseDamaged, match="不是支部工作台的数据文件"):
        BranchDesk.open(paths)
    assert paths.database.read_bytes() == before


def test_corrupted_page_fails_integrity_check(desk: BranchDesk, branch_id: int, paths: AppPaths):
    for i in range(40):
        name = "党员" + chr(0x4E00 + i)
        gender = Gender.MALE
        desk.roster.add(
            branch_id,
            member_input(name=name, id_number="", birth_date=date(1990, 3, 7), gender=gender),
        )
    desk.close()
    data = bytearray(paths.database.read_bytes())
    page = 4096
    for offset in range(page * 2, min(len(data), page * 4)):
        data[offset] = 0x5A
    paths.database.write_bytes(bytes(data))
    with pytest.raises(DatabaseDamaged):
        BranchDesk.open(paths)
    assert paths.database.read_bytes() == bytes(data)


def test_newer_schema_is_refused_unchanged(paths: AppPaths):
    BranchDesk.open(paths).close()
    conn = sqlite3.connect(paths.database)
    conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.commit()
    conn.close()
    before = paths.database.read_bytes()
    with pytest.raises(NewerSchema, match="更新版本"):
        BranchDesk.open(paths)
    assert paths.database.read_bytes() == before


def test_audit_log_records_field_changes(desk: BranchDesk, branch_id: int):
    member = desk.roster.add(branch_id, member_input()).value
    desk.roster.update(member.id, member.to_input().with_changes(phone="13900139000"))
    with desk.db.session() as s:
        rows = s.execute(
            text(
                "SELECT actor, action, field, before, after FROM audit_log "
                "WHERE entity='members' AND entity_id=:id ORDER BY id"
            ),
            {"id": member.id},
        ).all()
    assert rows[0].action == "新增" and '"name": "张三"' in rows[0].after
    assert [(r.action, r.field, r.before, r.after) for r in rows[1:]] == [
        ("修改", "phone", "13800138000", "13900139000")
    ]
    assert rows[1].actor == desk.db.actor


def test_failed_change_is_rolled_back_with_its_audit(desk: BranchDesk, branch_id: int):
    with desk.db.session() as s:
        before = s.execute(text("SELECT count(*) FROM audit_log")).scalar()
    with pytest.raises(RuntimeError), desk.db.session() as s:
        s.execute(text("UPDATE org_units SET name='改名' WHERE id=:id"), {"id": branch_id})
        raise RuntimeError("boom")
    with desk.db.session() as s:
        assert s.execute(text("SELECT count(*) FROM audit_log")).scalar() == before
    assert desk.org.get(branch_id).name == "第一党支部"


@pytest.mark.parametrize("revision", runner.all_revisions())
def test_upgrade_from_every_revision_keeps_data(tmp_path: Path, revision: str):
    """A database stamped at any earlier revision upgrades to head with its rows intact."""
    path = tmp_path / "old.sqlite3"
    engine = make_engine(path)
    with engine.begin() as conn:
        runner.upgrade(conn, revision)
        conn.execute(
            text(
                "INSERT INTO org_units (id, kind, name, upper_org, term_years, sort_order,"
                " created_at) VALUES (1, '党支部', '老支部', '', 3, 0, '2024-01-01 00:00:00')"
            )
        )
    engine.dispose()
    db = Database.open(path, backups_dir=tmp_path / "backups")
    try:
        assert db.schema_revision() == runner.head_revision()
        with db.session() as s:
            assert s.execute(text("SELECT name FROM org_units")).scalar() == "老支部"
    finally:
        db.close()


def test_frozen_release_database_opens_and_upgrades(tmp_path: Path):
    """The database written by release 0.1.0 (schema 0001) opens with every record."""
    paths = AppPaths.resolve(tmp_path / "data")
    paths.ensure()
    shutil.copy(FIXTURES / "schema_0001.sqlite3", paths.database)
    with BranchDesk.open(paths) as desk:
        members = {m.name: m for m in desk.roster.list()}
        assert set(members) == {"张三", "李红"}
        assert members["李红"].roster_status.value == "转出"
        assert members["张三"].group == "第一党小组"
        assert desk.db.schema_revision() == runner.head_revision()
    if runner.head_revision() != "0001":
        assert list(paths.backups_dir.glob("before-upgrade-0001-*.sqlite3"))
