"""Outputs: never into the data dir, written atomically, killed runs' leftovers cleaned."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from branch_desk.cli.main import parse, run_command
from branch_desk.domain.errors import UserError
from branch_desk.exports.safe_output import (
    atomic_target,
    check_output,
    clean_leftovers,
    is_stale,
    temp_beside,
)
from branch_desk.services.app import BranchDesk
from branch_desk.services.archive.pack import PRIVATE_STAGING, clean_staging
from tests.conftest import member_input


def _dead_pid() -> int:
    """The id of a process that has just ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.fixture
def filled(desk: BranchDesk, branch_id: int) -> BranchDesk:
    desk.roster.add(branch_id, member_input())
    return desk


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "roster", "-o", "{data}/branch-desk.sqlite3"],
        ["export", "roster", "-o", "{data}/名册.xlsx"],
        ["export", "data", "-o", "{data}/backups/x.json"],
        ["dues", "ledger", "--year", "2026", "-o", "{data}/登记表.xlsx"],
        ["backup", "-o", "{data}/手动.bdbackup"],
        ["backup", "-o", "{data}/attachments/手动.bdbackup"],
        ["archive", "--year", "2026", "-o", "{data}/attachments/pack.zip"],
        ["archive", "--year", "2026", "--mask", "-o", "{data}"],
    ],
)
def test_cli_refuses_outputs_inside_the_data_dir(
    filled: BranchDesk, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    data = filled.paths.data_dir
    database = data / "branch-desk.sqlite3"
    before = sorted(p.relative_to(data) for p in data.rglob("*") if "logs" not in p.parts)
    size = database.stat().st_size
    _, args = parse([a.replace("{data}", str(data)) for a in argv])
    with pytest.raises(UserError, match="不能保存到数据文件夹内"):
        run_command(filled, args, io.StringIO())
    after = sorted(p.relative_to(data) for p in data.rglob("*") if "logs" not in p.parts)
    assert after == before and database.stat().st_size == size
    assert len(filled.roster.list()) == 1  # the database still reads


def test_cli_main_exits_1_and_keeps_the_database(filled: BranchDesk, tmp_path: Path) -> None:
    data = filled.paths.data_dir
    filled.close()
    database = data / "branch-desk.sqlite3"
    before = database.read_bytes()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2] / "src")}
    command = [sys.executable, "-m", "branch_desk", "--data-dir", str(data)]
    result = subprocess.run(
        [*command, "export", "roster", "-o", str(database)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 1
    assert "不能保存到数据文件夹内" in result.stderr + result.stdout
    assert database.read_bytes() == before


def test_a_symlinked_way_into_the_data_dir_is_refused(filled: BranchDesk, tmp_path: Path) -> None:
    link = tmp_path / "shortcut"
    link.symlink_to(filled.paths.data_dir, target_is_directory=True)
    with pytest.raises(UserError, match="不能保存到数据文件夹内"):
        check_output(link / "branch-desk.sqlite3")
    assert check_output(tmp_path / "名册.xlsx") == tmp_path / "名册.xlsx"


def test_the_data_dir_is_free_again_after_closing(desk: BranchDesk, tmp_path: Path) -> None:
    target = desk.paths.data_dir / "x.xlsx"
    with pytest.raises(UserError):
        check_output(target)
    desk.close()
    assert check_output(target) == target


def test_atomic_write_leaves_the_old_file_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "名册.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_target(target) as temp:
        temp.write_bytes(b"half")
        raise RuntimeError("killed")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["名册.xlsx"]


def test_leftovers_of_a_killed_writer_are_cleaned_at_the_next_write(tmp_path: Path) -> None:
    target = tmp_path / "名册.xlsx"
    pid = _dead_pid()
    dead = tmp_path / f".名册~bd-{pid}-abcd1234.xlsx"
    dead.write_bytes(b"unmasked half")
    mine = temp_beside(target)  # this process is alive: its temp stays
    mine.write_bytes(b"in progress")
    user = tmp_path / ".名册-mine.xlsx"  # not ours: never touched
    user.write_bytes(b"user file")
    with atomic_target(target) as temp:
        temp.write_bytes(b"new")
    assert not dead.exists() and mine.exists() and user.exists()
    assert target.read_bytes() == b"new"


def test_is_stale_only_for_our_names_of_dead_processes(tmp_path: Path) -> None:
    pid = _dead_pid()
    assert is_stale(tmp_path / f".a~bd-{pid}-x.zip")
    assert not is_stale(tmp_path / f".a~bd-{os.getpid()}-x.zip")
    assert not is_stale(tmp_path / f"a~bd-{pid}-x.zip")  # not hidden: a user's file
    assert not is_stale(tmp_path / ".a~bd-notapid-x.zip")


def test_a_killed_masked_archive_leaves_nothing_unmasked_and_is_cleaned(
    filled: BranchDesk, tmp_path: Path
) -> None:
    pid = _dead_pid()
    staging = Path(tempfile.gettempdir()) / f"{PRIVATE_STAGING}~bd-{pid}-zz"
    (staging / "02_党员名册").mkdir(parents=True)
    (staging / "02_党员名册" / "党员名册.xlsx").write_bytes(b"unmasked roster")
    beside = tmp_path / f".pack~bd-{pid}-yy"
    beside.mkdir()
    removed = clean_staging(tmp_path)
    assert staging in removed and beside in removed
    assert not staging.exists() and not beside.exists()


def test_a_masked_build_stages_nothing_beside_the_output(
    filled: BranchDesk, tmp_path: Path
) -> None:
    seen: set[tuple[str, bool]] = set()
    out = tmp_path / "out"
    out.mkdir()

    def watch(_fraction: float, _message: str) -> None:
        seen.update((p.name, p.is_dir()) for p in out.iterdir())

    unit = filled.org.resolve()
    filled.archive.build(unit.id, 2026, out / "pack.zip", mask=True, progress=watch)
    assert seen  # the watch ran while the pack was written
    for name, is_dir in seen:  # no staging folder, only the (masked) zip being written
        assert not is_dir and name.endswith(".zip"), name
    assert sorted(p.name for p in out.iterdir()) == ["pack.zip"]
    staged = list(Path(tempfile.gettempdir()).glob(f"{PRIVATE_STAGING}~bd-{os.getpid()}-*"))
    assert staged == []


def test_clean_leftovers_on_a_missing_folder_does_nothing(tmp_path: Path) -> None:
    assert clean_leftovers(tmp_path / "missing") == []
