"""An empty, truncated or foreign database file is never taken for a new one; only init,
demo, import data, restore and the GUI's first start create a database, all at once."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.demo import events as demo_events
from branch_desk.services.org.units import BranchInput
from branch_desk.storage import database, integrity
from branch_desk.storage.database import DatabaseDamaged, NotCreated, StorageFailed
from tests.conftest import member_input
from tests.storage.test_faults import make_id

from .helpers import one_line, run

STEMS, BRANCHES = "甲乙丙丁戊己庚辛壬癸", "子丑寅卯辰巳午未申酉"


def _filled(paths: AppPaths, count: int = 40) -> None:
    """A closed data dir with a branch of ``count`` members (several database pages)."""
    with BranchDesk.open(paths, automatic_backups=False) as desk:
        unit = desk.org.create_branch(BranchInput(name="第一党支部", groups=("第一党小组",)))
        for i in range(count):
            name = f"张{STEMS[i % 10]}{BRANCHES[i // 10 % 10]}"
            desk.roster.add(unit.value.id, member_input(name=name, id_number=make_id(i)))


def _empty_file(path: Path) -> None:
    path.write_bytes(b"")


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _foreign(path: Path) -> None:
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (text TEXT)")
    conn.commit()
    conn.close()


def _no_tables(path: Path) -> None:
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 7")  # a valid SQLite file with no table at all
    conn.close()


BAD = {
    "zero-bytes": (_empty_file, "文件为空（0 字节）"),
    "truncated": (_truncated, "损坏"),
    "foreign": (_foreign, "不是支部工作台的数据文件"),
    "no-tables": (_no_tables, "不含任何数据表"),
}
COMMANDS = [
    ("members", "list"),
    ("init", "--name", "新支部"),
    ("demo",),
    ("verify",),
    ("check", "--year", "2026"),
]


@pytest.mark.parametrize("kind", BAD)
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_bad_database_file_is_refused_by_every_command_and_kept(
    capsys: pytest.CaptureFixture[str], paths: AppPaths, kind: str, command: tuple[str, ...]
) -> None:
    _filled(paths)
    spoil, message = BAD[kind]
    spoil(paths.database)
    before = paths.database.read_bytes()
    backups = sorted(paths.backups_dir.iterdir())

    code, out, err = run(capsys, paths.data_dir, *command)

    assert (code, out) == (1, "")
    one_line(err, message)
    assert paths.database.read_bytes() == before
    assert sorted(paths.backups_dir.iterdir()) == backups  # no backup of the bad file, none lost


def test_the_service_refuses_a_zero_byte_file_even_where_it_may_create(paths: AppPaths) -> None:
    paths.ensure()
    paths.database.write_bytes(b"")
    with pytest.raises(DatabaseDamaged, match="0 字节"):
        BranchDesk.open(paths, create=True)
    assert paths.database.read_bytes() == b""


@pytest.mark.parametrize(
    "command",
    [("members", "list"), ("verify",), ("check",), ("backup", "-o", "x.bdbackup"), ("backups",)],
    ids=lambda c: c[0],
)
def test_a_missing_database_is_not_created_by_other_commands(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: tuple[str, ...]
) -> None:
    data = tmp_path / "new"
    code, _, err = run(capsys, data, *command)
    if command == ("backups",):  # a listing of an empty backups folder is no error
        assert code == 0
    else:
        assert code == 1
        one_line(err, "尚未创建", "请先运行 branch-desk init 或 demo")
    assert not (data / "branch-desk.sqlite3").exists()


def test_init_creates_the_database_whole_and_removes_a_killed_attempt(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "new"
    data.mkdir()
    leftover = data / ".branch-desk.sqlite3.creating"
    leftover.write_bytes(b"half a database")  # what a killed first start leaves
    assert run(capsys, data, "init", "--name", "第一党支部")[0] == 0
    assert not leftover.exists()
    assert database.check_integrity(data / "branch-desk.sqlite3")
    code, out, _ = run(capsys, data, "members", "list")
    assert code == 0 and "共0人" in out


def test_a_failed_creation_leaves_no_database(
    paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(database.runner, "upgrade", broken)
    with pytest.raises(KeyboardInterrupt):
        BranchDesk.open(paths, create=True)
    assert not paths.database.exists()
    assert not list(paths.data_dir.glob(".branch-desk.sqlite3.creating*"))


def test_the_library_default_still_creates_but_not_when_told_not_to(tmp_path: Path) -> None:
    with pytest.raises(NotCreated, match="尚未创建"):
        BranchDesk.open(AppPaths.resolve(tmp_path / "a"), create=False)
    BranchDesk.open(AppPaths.resolve(tmp_path / "b"), automatic_backups=False).close()
    assert (tmp_path / "b" / "branch-desk.sqlite3").exists()


# ---- a full disk at open is not damage ----------------------------------------------------


def _failing_connect(code: int, message: str) -> Callable[..., sqlite3.Connection]:
    real = integrity.connect

    def connect(path: Path, *, read_only: bool = False, **options: object) -> sqlite3.Connection:
        if read_only:
            error = sqlite3.OperationalError(message)
            error.sqlite_errorcode = code  # type: ignore[attr-defined]
            raise error
        return real(path, **options)  # type: ignore[arg-type]

    return connect


def test_a_full_disk_at_open_is_reported_as_such_not_as_damage(
    capsys: pytest.CaptureFixture[str], paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    _filled(paths)
    before = paths.database.read_bytes()
    monkeypatch.setattr(integrity, "connect", _failing_connect(13, "database or disk is full"))
    with pytest.raises(StorageFailed, match="磁盘空间不足") as raised:
        BranchDesk.open(paths)
    assert not isinstance(raised.value, DatabaseDamaged)
    code, _, err = run(capsys, paths.data_dir, "members", "list")
    assert code == 1
    assert "损坏" not in one_line(err, "磁盘空间不足", "数据文件未做任何改动")
    assert paths.database.read_bytes() == before


def test_corruption_is_still_reported_as_damage(
    paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    _filled(paths)
    monkeypatch.setattr(
        integrity, "connect", _failing_connect(11, "database disk image is malformed")
    )
    with pytest.raises(DatabaseDamaged, match="已损坏"):
        BranchDesk.open(paths)


# ---- demo: all or nothing -------------------------------------------------------------------


def test_an_interrupted_demo_leaves_nothing_and_can_be_run_again(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "demo"
    real = demo_events.add_demo_events

    def interrupted(*_args: object) -> int:
        raise KeyboardInterrupt  # Ctrl+C half-way: the members are already written

    monkeypatch.setattr(demo_events, "add_demo_events", interrupted)
    code, _, err = run(capsys, data, "demo")
    assert code == 130 and "已中断" in err
    assert not (data / "branch-desk.sqlite3").exists()
    assert not list(data.glob(".demo-*"))

    monkeypatch.setattr(demo_events, "add_demo_events", real)
    code, out, err = run(capsys, data, "demo")
    assert (code, err) == (0, "") and "党员62名" in out
    code, out, _ = run(capsys, data, "members", "list")
    assert code == 0 and "共62人" in out


def test_a_killed_demo_leaves_only_a_staging_folder_that_the_next_run_removes(
    capsys: pytest.CaptureFixture[str], paths: AppPaths
) -> None:
    BranchDesk.open(paths, automatic_backups=False).close()  # the GUI's set-up form was cancelled
    staging = AppPaths.resolve(paths.data_dir / ".demo-killed")
    with BranchDesk.open(staging, automatic_backups=False) as desk:  # a half-built demo
        desk.org.create_branch(BranchInput(name="城南区住房和城乡建设局机关第一党支部"))
    code, out, err = run(capsys, paths.data_dir, "demo")
    assert (code, err) == (0, "") and "党员62名" in out
    assert not staging.data_dir.exists()
    code, _, err = run(capsys, paths.data_dir, "demo")
    assert code == 1
    one_line(err, "已有数据")
