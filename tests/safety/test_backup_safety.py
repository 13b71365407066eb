"""Rotation never deletes the newest verified backup; a full disk during restore is named as
such, does not blame the backup, and leaves no truncated copy."""

from __future__ import annotations

import errno
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.org.units import BranchInput
from branch_desk.services.safety import backup, disk_space, restore
from branch_desk.services.safety.backup import read_manifest, write_backup
from branch_desk.services.safety.disk_space import DiskFull
from branch_desk.services.safety.restore import restore_backup
from branch_desk.services.safety.rotation import rotate
from tests.conftest import member_input
from tests.storage.test_faults import make_id

from .helpers import ROOT, one_line, run, tree

LIMITED = """
import resource, signal, sys
sys.path[:0] = [{src!r}, {root!r}]
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
from branch_desk.__main__ import main
sys.exit(main({argv!r}))
"""


def _branch(paths: AppPaths, members: int = 1) -> None:
    with BranchDesk.open(paths, automatic_backups=False) as desk:
        unit = desk.org.create_branch(BranchInput(name="第一党支部", groups=("第一党小组",)))
        if members:
            desk.roster.add(unit.value.id, member_input())


LI_ID = make_id(7)


def _auto(folder: Path, day: int) -> Path:
    return folder / f"auto-202611{day:02d}-080000.bdbackup"


# ---- rotation ---------------------------------------------------------------------------------


def test_rotation_keeps_the_newest_verified_backup_behind_broken_ones(tmp_path: Path) -> None:
    paths = AppPaths.resolve(tmp_path / "data")
    _branch(paths)
    folder = tmp_path / "backups"
    folder.mkdir()
    good = write_backup(paths, _auto(folder, 1), "每日自动备份").path
    for day in range(2, 16):  # two weeks of backups that cannot be restored
        _auto(folder, day).write_bytes(b"PK\x05\x06" + b"\x00" * 18)

    removed = rotate(folder, keep_last=10, keep_monthly=1)

    assert good.exists() and good not in removed
    assert len(removed) == 4  # the broken days 2..5 beyond the last ten
    assert read_manifest(good).counts["members"] == 1


def test_rotation_keeps_the_newest_backup_with_records_behind_empty_ones(tmp_path: Path) -> None:
    full, empty = AppPaths.resolve(tmp_path / "full"), AppPaths.resolve(tmp_path / "empty")
    _branch(full)
    _branch(empty, members=0)
    folder = tmp_path / "backups"
    folder.mkdir()
    good = write_backup(full, _auto(folder, 1), "每日自动备份").path
    empties = [write_backup(empty, _auto(folder, day), "每日自动备份").path for day in (2, 3, 4)]

    removed = rotate(folder, keep_last=2, keep_monthly=1)

    assert good.exists() and good not in removed
    assert removed == [empties[0]]


def test_rotation_still_deletes_old_verified_backups(tmp_path: Path) -> None:
    paths = AppPaths.resolve(tmp_path / "data")
    _branch(paths)
    folder = tmp_path / "backups"
    folder.mkdir()
    made = [write_backup(paths, _auto(folder, day), "自动备份").path for day in range(1, 6)]
    removed = rotate(folder, keep_last=2, keep_monthly=1)
    assert sorted(removed) == made[:3]
    assert not list(folder.glob(".restore-*"))  # verification leaves nothing behind


# ---- restore on a full disk -------------------------------------------------------------------


@pytest.fixture
def two_states(tmp_path: Path) -> tuple[AppPaths, Path, bytes]:
    """A data dir with 张三 whose backup is taken, then 李四 added (the current state)."""
    paths = AppPaths.resolve(tmp_path / "data")
    _branch(paths)
    saved = write_backup(paths, tmp_path / "good.bdbackup", "手动备份").path
    with BranchDesk.open(paths, automatic_backups=False) as desk:
        desk.roster.add(desk.org.resolve().id, member_input(name="李四", id_number=LI_ID))
    return paths, saved, paths.database.read_bytes()


def _unchanged(paths: AppPaths, before: bytes, files: set[str]) -> None:
    assert paths.database.read_bytes() == before
    now = {f for f in tree(paths.data_dir) if not f.startswith("logs/")}
    now -= {f"{paths.database.name}-wal", f"{paths.database.name}-shm"}  # SQLite's own, empty
    assert now == files  # no safety copy, staging file or temp folder left


def test_too_little_free_space_is_refused_before_anything_is_written(
    capsys: pytest.CaptureFixture[str],
    two_states: tuple[AppPaths, Path, bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    paths, saved, before = two_states
    files = tree(paths.data_dir)
    usage = shutil.disk_usage(paths.data_dir)
    monkeypatch.setattr(disk_space.shutil, "disk_usage", lambda _p: usage._replace(free=10_000))
    code, out, err = run(capsys, paths.data_dir, "restore", str(saved))
    assert (code, out) == (1, "")
    line = one_line(err, "磁盘空间不足", "备份文件本身没有问题", "可用 0.0 MB")
    assert "损坏" not in line
    _unchanged(paths, before, files)


def test_a_disk_that_fills_during_the_safety_copy_stops_the_restore_cleanly(
    two_states: tuple[AppPaths, Path, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    paths, saved, before = two_states
    files = tree(paths.data_dir)

    def full(_source: Path, target: Path) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"SQLite format 3\x00 half")
        error = sqlite3.OperationalError("database or disk is full")
        error.sqlite_errorcode = 13  # type: ignore[attr-defined]
        raise error

    monkeypatch.setattr(backup, "copy_database", full)
    with pytest.raises(DiskFull, match="磁盘空间不足"):
        restore_backup(paths, saved)
    _unchanged(paths, before, files)


def test_setting_a_file_aside_on_a_full_disk_leaves_no_partial_copy(
    two_states: tuple[AppPaths, Path, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    paths, _saved, before = two_states
    files = tree(paths.data_dir)

    def half(source: Path, target: Path) -> None:
        Path(target).write_bytes(Path(source).read_bytes()[:1000])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(disk_space.shutil, "copyfile", half)
    with pytest.raises(DiskFull, match="磁盘空间不足"):
        restore.set_aside(paths, "damaged")
    _unchanged(paths, before, files)


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_a_real_write_limit_during_restore_blames_the_disk_not_the_backup(
    two_states: tuple[AppPaths, Path, bytes],
) -> None:
    paths, saved, before = two_states
    files = tree(paths.data_dir)
    limit = paths.database.stat().st_size // 2  # the extracted database cannot be written
    argv = ["--data-dir", str(paths.data_dir), "restore", str(saved)]
    code = LIMITED.format(src=str(ROOT / "src"), root=str(ROOT), limit=limit, argv=argv)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1, result.stderr
    line = one_line(result.stderr, "磁盘空间不足", "备份文件本身没有问题")
    assert "损坏" not in line
    _unchanged(paths, before, files)
    with BranchDesk.open(paths, automatic_backups=False) as desk:
        assert sorted(m.name for m in desk.roster.list()) == ["张三", "李四"]
