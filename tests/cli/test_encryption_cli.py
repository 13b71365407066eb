"""Encryption at rest through the real CLI process: init --encrypt, encrypt, password, backups."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import branch_desk
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.demo.branch import fill_demo
from branch_desk.services.safety import sealed
from branch_desk.storage import cipher
from tests.services.test_backup import SCAN, fill

SRC = str(Path(branch_desk.__file__).resolve().parents[1])
PLAIN_HEADER = b"SQLite format 3\x00"


@pytest.fixture(autouse=True)
def _forget_keys() -> Iterator[None]:
    yield
    cipher.forget_all()
    sealed.forget_keys()


def cli(
    paths: AppPaths, *args: str, password: str | None = None, new: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run branch-desk in a child process with stdin closed."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRANCH_DESK_")}
    env["PYTHONPATH"] = SRC
    if password is not None:
        env["BRANCH_DESK_PASSWORD"] = password
    if new is not None:
        env["BRANCH_DESK_NEW_PASSWORD"] = new
    return subprocess.run(
        [sys.executable, "-m", "branch_desk", "--data-dir", str(paths.data_dir), *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=180,
    )


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.parent.name != "logs" and p.suffix != ".lock"
    }


def every_byte(folder: Path) -> Iterator[tuple[str, bytes]]:
    """Every file under ``folder``, and every member of every zip in it, as raw bytes."""
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        yield str(path), data
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                for name in archive.namelist():
                    yield f"{path}!{name}", archive.read(name)


def member_names(paths: AppPaths, password: str) -> list[str]:
    done = cli(paths, "members", "list", "--json", password=password)
    assert done.returncode == 0, done.stderr
    return [m["name"] for m in json.loads(done.stdout)]


@pytest.fixture
def encrypted(paths: AppPaths) -> AppPaths:
    """A data dir made by `init --encrypt` with the password 'first pass'."""
    done = cli(paths, "init", "--name", "第一党支部", "--encrypt", password="first pass")
    assert done.returncode == 0, done.stderr
    return paths


def test_init_encrypt_makes_a_file_plain_sqlite_cannot_read(encrypted: AppPaths):
    import sqlite3

    assert encrypted.database.read_bytes()[:16] != PLAIN_HEADER
    conn = sqlite3.connect(encrypted.database)
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.close()
    assert b"\xe7\xac\xac\xe4\xb8\x80" not in encrypted.database.read_bytes()  # 第一


def test_commands_work_with_the_password_from_the_environment(paths: AppPaths, tmp_path: Path):
    sealed.create_key(paths.data_dir, "env pass")
    cipher.set_key(paths.database, "env pass")
    fill(paths, tmp_path)
    assert member_names(paths, "env pass") == ["张三"]
    for args in (
        ("check", "--year", "2026"),
        ("events", "list"),
        ("verify",),
        ("export", "roster", "-o", str(tmp_path / "名册.xlsx")),
        ("backup", "-o", str(tmp_path / "b.bdbackup")),
    ):
        done = cli(paths, *args, password="env pass")
        assert done.returncode == 0, (args, done.stderr)
    assert (tmp_path / "名册.xlsx").stat().st_size > 0
    for where, data in every_byte(paths.data_dir):  # logs, settings, backups included
        assert b"env pass" not in data, where
        assert SCAN[:40] not in data, where  # the attachment is sealed on disk


def test_wrong_password_exits_1_and_changes_nothing(encrypted: AppPaths):
    before = snapshot(encrypted.data_dir)
    done = cli(encrypted, "members", "list", password="wrong pass")
    assert done.returncode == 1
    assert "密码错误" in done.stderr and "Traceback" not in done.stderr
    assert snapshot(encrypted.data_dir) == before


def test_no_password_and_stdin_closed_exits_at_once(encrypted: AppPaths):
    before = snapshot(encrypted.data_dir)
    started = time.monotonic()
    done = cli(encrypted, "members", "list")
    assert done.returncode == 1
    assert "BRANCH_DESK_PASSWORD" in done.stderr and "需要密码" in done.stderr
    assert time.monotonic() - started < 60
    assert snapshot(encrypted.data_dir) == before


def test_encrypt_converts_a_demo_database_and_leaves_no_plain_copy(paths: AppPaths):
    with BranchDesk.open(paths, automatic_backups=False) as desk:
        summary = fill_demo(desk, seed=3)
    name = member_names(paths, "")[0]
    done = cli(paths, "encrypt", password="demo pass")
    assert done.returncode == 0, done.stderr
    assert "已加密" in done.stdout
    assert "已删除1个未加密的旧备份" in done.stdout  # the daily backup `members list` made
    assert len(member_names(paths, "demo pass")) == summary.members
    assert not paths.database.read_bytes().startswith(PLAIN_HEADER)
    needle = name.encode("utf-8")
    for where, data in every_byte(paths.data_dir):
        assert not data.startswith(PLAIN_HEADER), where
        assert needle not in data, where
    assert [p.name for p in paths.data_dir.iterdir() if p.name.startswith(".")] == []


def test_encrypt_twice_is_refused(encrypted: AppPaths):
    before = snapshot(encrypted.data_dir)
    done = cli(encrypted, "encrypt", password="first pass")
    assert done.returncode == 1 and "已经加密" in done.stderr
    assert snapshot(encrypted.data_dir) == before


def test_password_changes_it(encrypted: AppPaths):
    done = cli(encrypted, "password", password="wrong pass", new="second pass")
    assert done.returncode == 1 and "密码错误" in done.stderr
    done = cli(encrypted, "password", password="first pass", new="second pass")
    assert done.returncode == 0, done.stderr
    old = cli(encrypted, "members", "list", password="first pass")
    assert old.returncode == 1 and "密码错误" in old.stderr
    assert cli(encrypted, "members", "list", password="second pass").returncode == 0


def test_password_needs_a_new_one(encrypted: AppPaths):
    done = cli(encrypted, "password", password="first pass")
    assert done.returncode == 1 and "BRANCH_DESK_NEW_PASSWORD" in done.stderr


def test_backup_of_an_encrypted_database_holds_no_plain_data(paths: AppPaths, tmp_path: Path):
    sealed.create_key(paths.data_dir, "backup pass")
    cipher.set_key(paths.database, "backup pass")
    fill(paths, tmp_path)
    target = tmp_path / "out" / "enc.bdbackup"
    done = cli(paths, "backup", "-o", str(target), password="backup pass")
    assert done.returncode == 0, done.stderr
    assert "已加密" in done.stdout
    for where, data in every_byte(target.parent):
        assert "张三".encode() not in data, where
        assert "第一党支部".encode() not in data, where
        assert SCAN[:40] not in data and SCAN[-64:] not in data, where

    other = AppPaths.resolve(tmp_path / "other")
    done = cli(other, "restore", str(target))
    assert done.returncode == 1 and "需要密码" in done.stderr
    done = cli(other, "restore", str(target), password="wrong pass")
    assert done.returncode == 1 and "密码错误" in done.stderr
    assert not other.database.exists()
    done = cli(other, "restore", str(target), password="backup pass")
    assert done.returncode == 0, done.stderr
    assert member_names(other, "backup pass") == ["张三"]
    verified = cli(other, "verify", password="backup pass")
    assert verified.returncode == 0 and "1个附件" in verified.stdout, verified.stderr


def test_plain_data_dirs_need_no_password(paths: AppPaths, tmp_path: Path):
    fill(paths, tmp_path)
    assert member_names(paths, "") == ["张三"]
    assert not cipher.marker_path(paths.data_dir).exists()
