"""A data dir whose path holds #, %41, ?, spaces, & or Chinese works for every command, and
nothing is written outside it (the database is addressed by an escaped URI or a plain path)."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.storage.connect import connect, sqlite_uri
from tests.conftest import member_input

from .helpers import run, tree

NAMES = ["a#b", "x%41y", "q?r", "with space", "支部 数据", "m&n=1", "p%3Fq#?"]
if sys.platform == "win32":  # ? cannot be part of a Windows file name
    NAMES = [n for n in NAMES if "?" not in n]


@pytest.mark.parametrize("name", NAMES)
def test_every_command_works_in_a_data_dir_with_special_characters(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str
) -> None:
    root, out = tmp_path / "root", tmp_path / "out"
    root.mkdir()
    out.mkdir()
    data = root / name

    assert run(capsys, data, "init", "--name", "第一党支部", "--groups", "第一党小组")[0] == 0
    with BranchDesk.open(AppPaths.resolve(data), automatic_backups=False) as desk:
        desk.roster.add(desk.org.top_units()[0].id, member_input())
    code, listing, _ = run(capsys, data, "members", "list")
    assert code == 0 and "张三" in listing and "共1人" in listing
    code, _, err = run(capsys, data, "backup", "-o", str(out / "b.bdbackup"))
    assert code == 0, err
    code, _, err = run(capsys, data, "verify")
    assert code == 0, err
    code, listing, err = run(capsys, data, "backups")
    assert code == 0 and "共" in listing, err
    code, _, err = run(capsys, data, "export", "data", "-o", str(out / "x.json"))
    assert code == 0, err
    code, _, err = run(capsys, data, "restore", str(out / "b.bdbackup"))
    assert code == 0, err
    code, listing, _ = run(capsys, data, "members", "list")
    assert "张三" in listing

    assert {p.split("/")[0].split("\\")[0] for p in tree(root)} == {name}  # nothing beside it
    assert sorted(p.name for p in out.iterdir()) == ["b.bdbackup", "x.json"]


@pytest.mark.parametrize("name", NAMES)
def test_verify_checks_the_database_in_that_data_dir(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str
) -> None:
    data = tmp_path / name
    assert run(capsys, data, "init", "--name", "第一党支部")[0] == 0
    conn = sqlite3.connect(data / "branch-desk.sqlite3")
    conn.execute(
        "UPDATE org_units SET parent_id = 999"
    )  # foreign keys are off here: a dangling link
    conn.commit()
    conn.close()
    code, _, err = run(capsys, data, "verify")
    assert code == 1
    assert "引用了不存在的记录" in err


def test_a_damaged_database_in_such_a_data_dir_fails_verify(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "a#b"
    assert run(capsys, data, "init", "--name", "第一党支部")[0] == 0
    database = data / "branch-desk.sqlite3"
    raw = bytearray(database.read_bytes())
    raw[4096:8192] = b"\xa5" * 4096  # page 2 overwritten
    database.write_bytes(bytes(raw))
    code, _, err = run(capsys, data, "verify")
    assert code == 1 and "损坏" in err


def test_uris_escape_every_special_character(tmp_path: Path) -> None:
    folder = tmp_path / "x%41y#z?w&v"
    folder.mkdir()
    path = folder / "数据.sqlite3"
    conn = connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    uri = sqlite_uri(path, mode="ro")
    assert "#" not in uri and "?" not in uri.split("?mode=")[0] and "%2541" in uri
    ro = connect(path, read_only=True)
    try:
        assert ro.execute("SELECT name FROM sqlite_master").fetchall() == [("t",)]
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            ro.execute("CREATE TABLE u (x)")
    finally:
        ro.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder.name]
