"""The instance lock survives a deleted lock file; a read-only data dir opens read-only with a
notice; the data dir and every file in it are owner-only (POSIX)."""

from __future__ import annotations

import logging
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest

from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.app_log import setup_logging
from branch_desk.services.data.preferences import Preferences, save_preferences
from branch_desk.services.org.units import BranchInput
from branch_desk.storage.database import StorageFailed
from branch_desk.storage.lock import AlreadyRunning
from tests.conftest import member_input

from .helpers import child, one_line, run

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions and flock")

HOLDER = """
import sys
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
desk = BranchDesk.open(AppPaths.resolve({data!r}), automatic_backups=False)
print("open", flush=True)
sys.stdin.read()
desk.close()
"""


def _set_up(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    code, _, err = run(capsys, data, "init", "--name", "第一党支部", "--groups", "第一党小组")
    assert code == 0, err


@POSIX
def test_a_deleted_lock_file_does_not_let_a_second_instance_in(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    _set_up(capsys, data)
    holder = child(HOLDER.format(data=str(data)))
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        (data / "branch-desk.lock").unlink()

        with pytest.raises(AlreadyRunning, match="已在使用该数据目录"):
            BranchDesk.open(AppPaths.resolve(data))
        code, out, err = run(capsys, data, "members", "list")
        assert (code, out) == (1, "")
        one_line(err, "已在使用该数据目录")
        code, _, err = run(capsys, data, "restore", str(tmp_path / "any.bdbackup"))
        assert code == 1 and "已在使用该数据目录" in err
    finally:
        holder.communicate("", timeout=30)
    assert holder.returncode == 0
    code, out, _ = run(capsys, data, "members", "list")
    assert code == 0 and "共0人" in out


# ---- read-only data dir ---------------------------------------------------------------------


def unwritable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Make ``os.access`` report the data dir unwritable (root ignores chmod: simulated)."""
    data = tmp_path / "data"
    real = os.access

    def access(path: object, mode: int, *args: object, **kwargs: object) -> bool:
        inside = Path(os.fspath(path)).absolute().is_relative_to(data)  # type: ignore[arg-type]
        if mode & os.W_OK and inside:
            return False
        return real(path, mode, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    return data


def test_a_read_only_data_dir_lists_with_a_notice_and_refuses_changes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    _set_up(capsys, data)
    with BranchDesk.open(AppPaths.resolve(data), automatic_backups=False) as desk:
        desk.roster.add(desk.org.top_units()[0].id, member_input())
    before = (data / "branch-desk.sqlite3").read_bytes()
    backups = sorted((data / "backups").iterdir())
    unwritable(monkeypatch, tmp_path)

    code, out, err = run(capsys, data, "members", "list")
    assert code == 0 and "张三" in out
    one_line(err, "数据目录为只读", "无法保存")
    code, out, err = run(capsys, data, "check", "--year", "2026")
    assert code == 0 and "问题" in out

    with BranchDesk.open(AppPaths.resolve(data)) as desk:
        assert desk.read_only and not desk.automatic_backups
        with pytest.raises(StorageFailed, match="只读"):
            desk.org.create_branch(BranchInput(name="第二党支部"))
    code, out, err = run(capsys, data, "init", "--name", "x")
    assert code == 1 and "已建立党组织" in err  # refused before writing
    assert (data / "branch-desk.sqlite3").read_bytes() == before
    assert sorted((data / "backups").iterdir()) == backups


def test_a_write_in_read_only_mode_is_refused_with_a_clear_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    BranchDesk.open(AppPaths.resolve(data), automatic_backups=False).close()  # no branch yet
    unwritable(monkeypatch, tmp_path)
    code, out, err = run(capsys, data, "init", "--name", "第一党支部")
    assert (code, out) == (1, "")
    assert "数据目录为只读" in err and "未保存任何数据" in err and "Traceback" not in err


def test_an_old_schema_in_a_read_only_data_dir_is_explained_not_migrated(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    AppPaths.resolve(data).ensure()
    old = Path(__file__).parents[1] / "storage" / "fixtures" / "schema_0001.sqlite3"
    shutil.copy(old, data / "branch-desk.sqlite3")
    before = (data / "branch-desk.sqlite3").read_bytes()
    unwritable(monkeypatch, tmp_path)
    code, out, err = run(capsys, data, "members", "list")
    assert (code, out) == (1, "")
    one_line(err, "数据目录为只读", "须先升级")
    assert (data / "branch-desk.sqlite3").read_bytes() == before
    assert not list((data / "backups").iterdir())


@pytest.fixture
def read_only_view(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """A folder and a read-only bind mount of it (Linux, root); else chmod (not root); else skip."""
    source, view = tmp_path / "source", tmp_path / "view"
    source.mkdir()
    view.mkdir()
    if sys.platform.startswith("linux") and os.geteuid() == 0:
        mounted = subprocess.run(["mount", "--bind", str(source), str(view)], capture_output=True)
        if mounted.returncode != 0:
            pytest.skip("root cannot mount here, and chmod does not stop root's writes")
        try:
            subprocess.run(["mount", "-o", "remount,ro,bind", str(view)], check=True)
            yield source, view
        finally:
            subprocess.run(["umount", str(view)], check=False)
        return
    if sys.platform == "win32" or os.geteuid() == 0:
        pytest.skip("no way to make a folder read-only for this user")
    view.rmdir()
    view.symlink_to(source)
    yield source, view
    for path in [source, *source.rglob("*")]:
        path.chmod(0o700 if path.is_dir() else 0o600)


def test_a_really_read_only_data_dir_opens_read_only(
    capsys: pytest.CaptureFixture[str], read_only_view: tuple[Path, Path], tmp_path: Path
) -> None:
    source, view = read_only_view
    _set_up(capsys, source / "data")
    if not view.is_mount():
        for path in [source / "data", *(source / "data").rglob("*")]:
            path.chmod(0o500 if path.is_dir() else 0o400)
    data = view / "data"
    before = (source / "data" / "branch-desk.sqlite3").read_bytes()

    code, out, err = run(capsys, data, "members", "list")
    assert code == 0 and "共0人" in out
    one_line(err, "数据目录为只读", "无法保存")
    code, out, err = run(capsys, data, "export", "roster", "-o", str(tmp_path / "r.xlsx"))
    assert code == 0 and (tmp_path / "r.xlsx").exists()
    code, out, err = run(capsys, data, "dues", "remit", "--amount", "3", "--date", "2026-01-02")
    assert code == 1 and "数据目录为只读，无法写入" in err and "Traceback" not in err
    code, out, err = run(capsys, data, "verify")
    assert code == 0, err
    assert (source / "data" / "branch-desk.sqlite3").read_bytes() == before


@pytest.fixture
def fresh_logging(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Let main() set up its log file in this test's data dir (closed afterwards)."""
    root = logging.getLogger()
    kept = [h for h in root.handlers if not isinstance(h, RotatingFileHandler)]
    monkeypatch.setattr(root, "handlers", list(kept))
    yield
    for handler in root.handlers:
        if handler not in kept:
            handler.close()


def test_logging_does_not_crash_when_the_log_cannot_be_opened(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fresh_logging: None
) -> None:
    data = tmp_path / "data"
    (data / "logs" / "branch-desk.log").mkdir(parents=True)  # the log file cannot be opened
    setup_logging(AppPaths.resolve(data))
    logging.getLogger("branch_desk").error("still fine")
    _set_up(capsys, data)
    code, out, _ = run(capsys, data, "members", "list")
    assert code == 0 and "共0人" in out


# ---- private files --------------------------------------------------------------------------


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@POSIX
def test_everything_created_in_the_data_dir_is_owner_only(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fresh_logging: None
) -> None:
    data = tmp_path / "data"
    old = os.umask(0o022)
    try:
        _set_up(capsys, data)
        save_preferences(data, Preferences(keep_last=5))
        outside = tmp_path / "hand-out.bdbackup"
        assert run(capsys, data, "backup", "-o", str(outside))[0] == 0
        paths = AppPaths.resolve(data)
        with BranchDesk.open(paths) as desk:
            desk.roster.add(desk.org.top_units()[0].id, member_input())
            assert _mode(Path(f"{paths.database}-wal")) == 0o600
            assert _mode(Path(f"{paths.database}-shm")) == 0o600
        assert os.umask(0o022) == 0o022  # the app's 077 does not leak out of main()
    finally:
        os.umask(old)
    dirs = [p for p in [data, *data.rglob("*")] if p.is_dir()]
    files = [p for p in data.rglob("*") if p.is_file()]
    assert {d.name for d in dirs} >= {"data", "attachments", "backups", "logs"}
    names = {"branch-desk.sqlite3", "branch-desk.log", "branch-desk.lock", "preferences.json"}
    assert {f.name for f in files} >= names
    assert any(f.suffix == ".bdbackup" for f in files)
    assert {str(d): _mode(d) for d in dirs} == {str(d): 0o700 for d in dirs}
    assert {str(f): _mode(f) for f in files} == {str(f): 0o600 for f in files}
    assert _mode(outside) == 0o600


@POSIX
def test_an_existing_data_dir_is_tightened_when_opened(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fresh_logging: None
) -> None:
    data = tmp_path / "data"
    _set_up(capsys, data)
    blob = data / "attachments" / "ab" / "abcdef"
    blob.parent.mkdir()
    blob.write_bytes(b"x")
    for path in [data, *data.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    assert run(capsys, data, "members", "list")[0] == 0
    assert _mode(data) == _mode(blob.parent) == 0o700
    assert _mode(data / "branch-desk.sqlite3") == _mode(blob) == 0o600
    assert _mode(data / "logs" / "branch-desk.log") == 0o600


@POSIX
def test_a_folder_that_cannot_be_locked_falls_back_to_the_lock_file(
    paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import fcntl

    real = fcntl.flock

    def flock(handle: object, operation: int) -> None:
        if stat.S_ISDIR(os.fstat(handle).st_mode):  # type: ignore[arg-type]  # a network drive
            raise OSError(errno.ENOLCK, "No locks available")
        real(handle, operation)  # type: ignore[arg-type]

    monkeypatch.setattr(fcntl, "flock", flock)
    with BranchDesk.open(paths, automatic_backups=False), pytest.raises(AlreadyRunning):
        BranchDesk.open(paths)  # the lock file still keeps a second instance out
    BranchDesk.open(paths, automatic_backups=False).close()
