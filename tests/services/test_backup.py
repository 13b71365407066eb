"""Backups (.bdbackup): round trip, verified restore that refuses bad files, automatic backups."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import sqlite3
import zipfile
import zlib
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from branch_desk.domain.events import EventType
from branch_desk.domain.members import Gender, MemberInput
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.meetings.events import EventInput
from branch_desk.services.org.units import BranchInput
from branch_desk.services.safety import auto_backup as safety_module
from branch_desk.services.safety import daily as daily_module
from branch_desk.services.safety.backup import (
    DB_MEMBER,
    BackupRefused,
    list_backups,
    read_manifest,
    write_backup,
)
from branch_desk.services.safety.restore import restore_backup, set_aside
from branch_desk.services.safety.rotation import rotate
from branch_desk.storage.database import DatabaseDamaged
from branch_desk.storage.lock import AlreadyRunning
from branch_desk.storage.migrations import runner
from tests.conftest import FIXED_NOW, member_input

FIXTURES = Path(__file__).resolve().parents[1] / "storage" / "fixtures"
SCAN = b"%PDF-1.4 signed attendance sheet " + bytes(range(256)) * 40
SCAN_SHA = hashlib.sha256(SCAN).hexdigest()


def fill(paths: AppPaths, tmp_path: Path) -> None:
    """第一党支部 with 张三 and one study session carrying a scanned sign-in sheet."""
    with BranchDesk.open(paths, automatic_backups=False) as desk:
        desk.db.clock = lambda: FIXED_NOW
        desk.org.create_branch(BranchInput(name="第一党支部", upper_org="机关党委"))
        unit = desk.org.resolve().id
        desk.roster.add(unit, member_input(group=""))
        event = desk.events.add(unit, EventInput(EventType.STUDY, date(2026, 5, 1))).value
        scan = tmp_path / "签到表.pdf"
        scan.write_bytes(SCAN)
        desk.events.attach(event.id, scan, kind="签到表")


def li_si() -> MemberInput:
    return member_input(
        name="李四", id_number="", birth_date=date(1990, 1, 1), gender=Gender.MALE, group=""
    )


def snapshot(paths: AppPaths) -> dict[str, str]:
    """Every file of the data dir (but logs and the lock) with its SHA-256."""
    return {
        str(p.relative_to(paths.data_dir)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(paths.data_dir.rglob("*"))
        if p.is_file() and p.parent != paths.logs_dir and p != paths.lock_file
    }


@pytest.fixture
def saved(paths: AppPaths, tmp_path: Path) -> Path:
    """A valid backup of the filled data dir (the data dir is left closed and unchanged)."""
    fill(paths, tmp_path)
    return write_backup(paths, tmp_path / "saved.bdbackup", "手动备份").path


def test_round_trip_restores_records_and_attachments(paths: AppPaths, tmp_path: Path):
    fill(paths, tmp_path)
    with BranchDesk.open(paths, automatic_backups=False) as desk:
        info = desk.safety.backup(tmp_path / "copy")  # the suffix is added
        unit = desk.org.resolve().id
        desk.roster.add(unit, li_si())
        desk.events.delete(desk.events.list()[0].id)
    assert info.path == tmp_path / "copy.bdbackup"
    assert info.schema_revision == runner.head_revision()
    assert info.counts["members"] == 1 and info.counts["events"] == 1
    (paths.attachments_dir / SCAN_SHA[:2] / SCAN_SHA).unlink()

    restored = restore_backup(paths, info.path)

    assert restored.counts == info.counts
    with BranchDesk.open(paths, automatic_backups=False) as desk:
        assert [m.name for m in desk.roster.list()] == ["张三"]
        (event,) = desk.events.list()
        (attachment,) = desk.events.attachments(event.id)
        assert (attachment.kind, attachment.sha256) == ("签到表", SCAN_SHA)
        assert desk.events.attachment_path(SCAN_SHA).read_bytes() == SCAN
        assert desk.safety.verify().ok
    (safety,) = paths.backups_dir.glob("safety-*.bdbackup")
    assert read_manifest(safety).counts["members"] == 2  # the data before the restore


def test_restore_into_a_new_data_dir(saved: Path, tmp_path: Path):
    other = AppPaths.resolve(tmp_path / "elsewhere")
    restore_backup(other, saved)
    assert not list(other.backups_dir.iterdir())  # nothing to keep a copy of
    with BranchDesk.open(other, automatic_backups=False) as desk:
        assert [m.name for m in desk.roster.list()] == ["张三"]
        assert desk.safety.verify().ok and desk.safety.verify().files_checked == 1


# ---- refusals ----------------------------------------------------------------------------------


def rewrite(
    source: Path,
    target: Path,
    *,
    manifest: Callable[[dict[str, Any]], None] | None = None,
    members: dict[str, bytes | None] | None = None,
) -> Path:
    """Copy a backup changing its manifest and members (None drops a member)."""
    with zipfile.ZipFile(source) as old:
        contents = {name: old.read(name) for name in old.namelist()}
    if manifest:
        document = json.loads(contents["manifest.json"])
        manifest(document)
        contents["manifest.json"] = json.dumps(document).encode()
    for name, data in (members or {}).items():
        if data is None:
            contents.pop(name, None)
        else:
            contents[name] = data
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in contents.items():
            new.writestr(name, data)
    return target


def flipped(source: Path, target: Path) -> Path:
    """Flip bytes in the middle of the (stored, uncompressed) database member."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for name in old.namelist():
            new.writestr(name, old.read(name))
    data = bytearray(target.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(b ^ 0xFF for b in data[middle : middle + 64])
    target.write_bytes(bytes(data))
    return target


def set_files(**changes: Any) -> Callable[[dict[str, Any]], None]:
    return lambda m: m["files"].update(changes)


GARBAGE_DB = b"SQLite format 3\x00" + b"\xff" * 8000
DAMAGES: dict[str, Callable[[Path, Path], Path]] = {
    "bytes flipped": flipped,
    "truncated": lambda s, t: t.write_bytes(s.read_bytes()[: s.stat().st_size // 2]) and t,
    "not a zip": lambda s, t: t.write_text("这不是备份", encoding="utf-8") and t,
    "no manifest": lambda s, t: rewrite(s, t, members={"manifest.json": None}),
    "foreign zip": lambda s, t: rewrite(
        s, t, manifest=lambda m: m.update(format="other-app"), members={DB_MEMBER: b"x"}
    ),
    "sha256 mismatch": lambda s, t: rewrite(s, t, manifest=set_files(**{DB_MEMBER: "0" * 64})),
    "database missing": lambda s, t: rewrite(s, t, members={DB_MEMBER: None}),
    "database not listed": lambda s, t: rewrite(s, t, manifest=lambda m: m["files"].pop(DB_MEMBER)),
    "database damaged": lambda s, t: rewrite(
        s,
        t,
        manifest=set_files(**{DB_MEMBER: hashlib.sha256(GARBAGE_DB).hexdigest()}),
        members={DB_MEMBER: GARBAGE_DB},
    ),
    "attachment missing": lambda s, t: rewrite(
        s, t, members={f"attachments/{SCAN_SHA[:2]}/{SCAN_SHA}": None}
    ),
    "unsafe path": lambda s, t: rewrite(
        s, t, manifest=set_files(**{"../../evil": "0" * 64}), members={"../../evil": b"x"}
    ),
    "newer schema": lambda s, t: rewrite(s, t, manifest=lambda m: m.update(schema_revision="9999_future")),
}  # fmt: skip
MESSAGES = {"newer schema": "更新版本", "sha256 mismatch": "校验不符", "unsafe path": "不安全"}


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_bad_file_is_refused_and_nothing_changes(
    saved: Path, paths: AppPaths, tmp_path: Path, damage: str
):
    bad = DAMAGES[damage](saved, tmp_path / "bad.bdbackup")
    with BranchDesk.open(paths, automatic_backups=False) as desk:  # current data differs
        desk.roster.add(desk.org.resolve().id, li_si())
    before = snapshot(paths)
    with pytest.raises(BackupRefused, match=MESSAGES.get(damage)) as refused:
        restore_backup(paths, bad)
    assert "\n" not in str(refused.value)
    assert snapshot(paths) == before
    assert not list(paths.data_dir.glob(".restore-*"))
    assert not (tmp_path / "evil").exists()


def test_missing_file_is_refused(paths: AppPaths, tmp_path: Path):
    with pytest.raises(BackupRefused, match="备份文件不存在"):
        restore_backup(paths, tmp_path / "nowhere.bdbackup")


def deflate_damaged(source: Path, target: Path, member: str) -> Path:
    """Flip one byte inside ``member``'s compressed data so that zlib (not the CRC) fails."""
    data = source.read_bytes()
    with zipfile.ZipFile(source) as archive:
        info = archive.getinfo(member)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start, start + info.compress_size):
        candidate = bytearray(data)
        candidate[offset] ^= 0x55
        try:
            zipfile.ZipFile(io.BytesIO(bytes(candidate))).read(member)
        except zlib.error:
            target.write_bytes(bytes(candidate))
            return target
        except zipfile.BadZipFile:
            continue
    pytest.skip("no byte found whose damage breaks the deflate stream")


@pytest.mark.parametrize("member", ["manifest.json", DB_MEMBER])
def test_damaged_compressed_data_is_refused(
    saved: Path, paths: AppPaths, tmp_path: Path, member: str
):
    bad = deflate_damaged(saved, tmp_path / "bad.bdbackup", member)
    before = snapshot(paths)
    try:
        with pytest.raises(BackupRefused):
            restore_backup(paths, bad)
    finally:
        assert snapshot(paths) == before


def test_restore_while_open_is_refused(saved: Path, paths: AppPaths):
    with BranchDesk.open(paths, automatic_backups=False) as desk:
        before = snapshot(paths)
        with pytest.raises(AlreadyRunning, match="已在使用该数据目录"):
            restore_backup(paths, saved)
        assert snapshot(paths) == before
        assert [m.name for m in desk.roster.list()] == ["张三"]


def test_restore_over_a_damaged_database_sets_it_aside(saved: Path, paths: AppPaths):
    damaged = paths.database.read_bytes()[:4096] + b"\x5a" * 8192
    paths.database.write_bytes(damaged)
    restore_backup(paths, saved)
    (aside,) = paths.backups_dir.glob("before-restore-*.sqlite3")
    assert aside.read_bytes() == damaged
    with BranchDesk.open(paths, automatic_backups=False) as desk:
        assert [m.name for m in desk.roster.list()] == ["张三"]


def test_backup_of_the_first_release_restores_and_upgrades(paths: AppPaths, tmp_path: Path):
    old = AppPaths.resolve(tmp_path / "old")
    old.ensure()
    shutil.copy(FIXTURES / "schema_0001.sqlite3", old.database)
    info = write_backup(old, tmp_path / "old.bdbackup", "手动备份")
    assert info.schema_revision == "0001"
    fill(paths, tmp_path)

    restore_backup(paths, info.path)

    with BranchDesk.open(paths, automatic_backups=False) as desk:
        assert desk.db.schema_revision() == runner.head_revision()
        members = {m.name: m for m in desk.roster.list()}
        assert set(members) == {"张三", "李红"}
        assert members["李红"].roster_status.value == "转出"
    if runner.head_revision() != "0001":
        (before_upgrade,) = paths.backups_dir.glob("before-upgrade-0001-*.sqlite3")
        conn = sqlite3.connect(before_upgrade)
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        conn.close()


def test_list_backups_skips_unreadable_files(saved: Path, paths: AppPaths):
    shutil.copy(saved, paths.backups_dir / "good.bdbackup")
    (paths.backups_dir / "bad.bdbackup").write_bytes(b"PK\x03\x04 broken")
    assert [b.path.name for b in list_backups(paths)] == ["good.bdbackup"]


def test_description_names_the_counts(saved: Path):
    assert "党员1人" in read_manifest(saved).describe()


# ---- automatic backups -------------------------------------------------------------------------


class Clock(datetime):
    """datetime whose now() is settable (for the automatic-backup stamps)."""

    current = datetime(2026, 11, 20, 9, 0, 0)

    @classmethod
    def now(cls, tz: Any = None) -> Clock:  # type: ignore[override]
        return cls.fromisoformat(cls.current.isoformat())


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> type[Clock]:
    monkeypatch.setattr(safety_module, "datetime", Clock)
    monkeypatch.setattr(daily_module, "datetime", Clock)  # "today" for the day's first backup
    Clock.current = datetime(2026, 11, 20, 9, 0, 0)
    return Clock


def autos(paths: AppPaths) -> list[str]:
    return sorted(p.name for p in paths.backups_dir.glob("auto-*.bdbackup"))


def tick(clock: type[Clock], **delta: float) -> None:
    clock.current += timedelta(**delta)


def test_close_backs_up_only_when_data_changed(paths: AppPaths, clock: type[Clock]):
    with BranchDesk.open(paths) as desk:  # empty: no daily backup
        desk.org.create_branch(BranchInput(name="第一党支部", upper_org="机关党委"))
    assert autos(paths) == ["auto-20261120-090000.bdbackup"]
    tick(clock, minutes=5)
    BranchDesk.open(paths).close()  # nothing changed
    assert autos(paths) == ["auto-20261120-090000.bdbackup"]
    tick(clock, minutes=5)
    with BranchDesk.open(paths) as desk:
        desk.roster.add(desk.org.resolve().id, member_input(group=""))
    assert autos(paths) == ["auto-20261120-090000.bdbackup", "auto-20261120-091000.bdbackup"]
    newest = read_manifest(paths.backups_dir / "auto-20261120-091000.bdbackup")
    assert newest.counts["members"] == 1 and newest.kind == "关闭时自动备份"


def test_daily_backup_once_a_day_at_first_use(paths: AppPaths, clock: type[Clock]):
    with BranchDesk.open(paths, automatic_backups=False) as desk:
        desk.org.create_branch(BranchInput(name="第一党支部", upper_org="机关党委"))
    BranchDesk.open(paths).close()
    assert autos(paths) == ["auto-20261120-090000.bdbackup"]
    tick(clock, hours=3)
    BranchDesk.open(paths).close()
    assert len(autos(paths)) == 1
    tick(clock, days=1)
    BranchDesk.open(paths).close()
    assert autos(paths)[-1] == "auto-20261121-120000.bdbackup"
    assert read_manifest(paths.backups_dir / autos(paths)[-1]).kind == "每日自动备份"


def test_rotation_keeps_the_last_ten_and_one_a_month_for_a_year(tmp_path: Path):
    folder = tmp_path / "backups"
    folder.mkdir()
    day, last = date(2025, 6, 1), date(2026, 11, 20)
    while day <= last:
        (folder / f"auto-{day:%Y%m%d}-080000.bdbackup").write_bytes(b"")
        day += timedelta(days=1)
    others = ["safety-20250101-080000.bdbackup", "before-upgrade-0001-x.sqlite3", "mine.bdbackup"]
    for name in others:
        (folder / name).write_bytes(b"")

    removed = rotate(folder, keep_last=10, keep_monthly=12)

    kept = sorted(p.name for p in folder.glob("auto-*"))
    last_ten = [f"auto-202611{d:02d}-080000.bdbackup" for d in range(11, 21)]
    month_ends = [date(2026, m + 1, 1) - timedelta(days=1) for m in range(1, 11)]
    monthly = [f"auto-{d:%Y%m%d}-080000.bdbackup" for d in [date(2025, 12, 31), *month_ends]]
    assert kept == sorted(monthly + last_ten)
    assert len(removed) == (last - date(2025, 6, 1)).days + 1 - len(kept)
    assert all((folder / name).exists() for name in others)


def test_damaged_database_is_refused_untouched_and_can_be_set_aside(paths: AppPaths):
    BranchDesk.open(paths, automatic_backups=False).close()
    damaged = paths.database.read_bytes()[:100] + b"\xa5" * 20000
    paths.database.write_bytes(damaged)
    with pytest.raises(DatabaseDamaged):
        BranchDesk.open(paths)
    assert paths.database.read_bytes() == damaged
    aside = set_aside(paths, "damaged")
    assert aside is not None and aside.parent == paths.backups_dir
    assert aside.read_bytes() == damaged and paths.database.read_bytes() == damaged
