"""Hostile .bdbackup files: unsafe names, zip bombs, lying manifests; refused, nothing written."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import struct
import zipfile
from pathlib import Path
from typing import Any

import pytest

from branch_desk.domain import limits
from branch_desk.domain.errors import UserError
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.safety import backup_read
from branch_desk.services.safety.backup import (
    DB_MEMBER,
    BackupRefused,
    list_backups,
    read_manifest,
    write_backup,
)
from branch_desk.services.safety.restore import restore_backup
from branch_desk.storage.migrations import runner
from tests.services.test_backup import SCAN_SHA, fill, li_si, rewrite, set_files, snapshot

BLOB = f"attachments/{SCAN_SHA[:2]}/{SCAN_SHA}"


@pytest.fixture
def good(paths: AppPaths, tmp_path: Path) -> Path:
    """A valid backup of 第一党支部; the data dir then holds different (newer) data."""
    fill(paths, tmp_path)
    saved = write_backup(paths, tmp_path / "good.bdbackup", "手动备份").path
    with BranchDesk.open(paths, automatic_backups=False) as desk:
        desk.roster.add(desk.org.resolve().id, li_si())
    return saved


def refused(paths: AppPaths, bad: Path, match: str) -> BackupRefused:
    """Restore ``bad``: it must be refused, the data dir unchanged, no temp folder left."""
    before = snapshot(paths)
    with pytest.raises(BackupRefused, match=match) as caught:
        restore_backup(paths, bad)
    assert snapshot(paths) == before
    assert not list(paths.data_dir.glob(".restore-*"))
    assert not list(paths.data_dir.glob("*.restoring"))
    return caught.value


def with_member(name: str, *, listed: bool = True) -> dict[str, Any]:
    data = b"#!/bin/sh\necho pwned\n"
    sha = hashlib.sha256(data).hexdigest()
    return {
        "manifest": set_files(**{name: sha}) if listed else None,
        "members": {name: data},
    }


@pytest.mark.parametrize(
    "name",
    [
        "/tmp/evil.sh",
        "C:/evil.sh",
        "C:evil.sh",
        "\\evil.sh",
        "\\\\server\\share\\evil.sh",
        "attachments/../../evil.sh",
        "attachments\\..\\..\\evil.sh",
        "attachments//evil.sh",
        "attachments/./evil.sh",
        "attachments/nul",
    ],
)
def test_every_absolute_or_drive_qualified_member_is_refused(
    good: Path, paths: AppPaths, tmp_path: Path, name: str
) -> None:
    bad = rewrite(good, tmp_path / "bad.bdbackup", **with_member(name))
    message = refused(paths, bad, "不安全的路径").message
    assert message.startswith("bad.bdbackup") and "\n" not in message
    assert not list(tmp_path.rglob("evil.sh"))


def test_an_unsafe_member_not_in_the_manifest_is_refused_too(
    good: Path, paths: AppPaths, tmp_path: Path
) -> None:
    bad = rewrite(good, tmp_path / "bad.bdbackup", **with_member("../../evil.sh", listed=False))
    refused(paths, bad, "不安全的路径")


@pytest.mark.parametrize("name", ["a\x00b", "a/\x01", "x" * 300, "", "attachments/ab/notahash"])
def test_unsafe_names_only_in_the_manifest_are_refused(
    good: Path, paths: AppPaths, tmp_path: Path, name: str
) -> None:
    bad = rewrite(good, tmp_path / "bad.bdbackup", manifest=set_files(**{name: "0" * 64}))
    refused(paths, bad, "不安全的路径|无效的文件名|不认识的文件")


def test_a_member_under_a_hash_other_than_its_own_is_refused(
    good: Path, paths: AppPaths, tmp_path: Path
) -> None:
    other = "attachments/00/" + "0" * 64
    bad = rewrite(good, tmp_path / "bad.bdbackup", **with_member(other))
    refused(paths, bad, "不认识的文件")


def zeros_database(good: Path, target: Path, size: int) -> Path:
    bomb = bytes(size)
    return rewrite(
        good,
        target,
        manifest=set_files(**{DB_MEMBER: hashlib.sha256(bomb).hexdigest()}),
        members={DB_MEMBER: bomb},
    )


def test_a_zip_bomb_is_refused_before_anything_is_extracted(
    good: Path, paths: AppPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = zeros_database(good, tmp_path / "bomb.bdbackup", 64 * limits.MB)
    assert bad.stat().st_size < limits.MB  # 64 MB of zeros deflate to ~64 KB
    extracted: list[str] = []
    monkeypatch.setattr(backup_read, "extract", lambda *a: extracted.append(a[1].filename))
    refused(paths, bad, r"压缩比异常（\d+:1，上限 200:1）")
    assert extracted == []


def test_a_header_that_lies_about_the_size_stops_at_the_declared_size(
    good: Path, paths: AppPaths, tmp_path: Path
) -> None:
    """The directory claims 1 KB; 64 MB of zeros are behind it: at most 1 KB is written."""
    bad = zeros_database(good, tmp_path / "liar.bdbackup", 64 * limits.MB)
    data = bytearray(bad.read_bytes())
    name = DB_MEMBER.encode()
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            name_at = start + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at : name_at + len(name)] == name:
                struct.pack_into("<I", data, start + size_at, 1024)
            start += 4
    bad.write_bytes(bytes(data))
    with zipfile.ZipFile(bad) as archive:
        assert archive.getinfo(DB_MEMBER).file_size == 1024
    refused(paths, bad, "已损坏")


@pytest.mark.parametrize(
    ("limit", "value", "message"),
    [
        ("MAX_DATABASE_BYTES", 1024, r"database.sqlite3 过大"),
        ("MAX_ATTACHMENT_BYTES", 100, rf"{BLOB} 过大"),
        ("MAX_BACKUP_TOTAL_BYTES", 1024, "解压后过大"),
        ("MAX_BACKUP_ENTRIES", 1, "文件数过多"),
    ],
)
def test_size_and_count_limits_are_checked_before_extracting(
    good: Path,
    paths: AppPaths,
    monkeypatch: pytest.MonkeyPatch,
    limit: str,
    value: int,
    message: str,
) -> None:
    monkeypatch.setattr(limits, limit, value)
    refused(paths, good, message)


def test_an_oversized_manifest_is_refused_by_restore_and_the_listing(
    good: Path, paths: AppPaths, tmp_path: Path
) -> None:
    bad = rewrite(
        good, tmp_path / "bad.bdbackup", manifest=lambda m: m.update(padding="x" * 2_400_000)
    )
    refused(paths, bad, "清单过大")
    with pytest.raises(BackupRefused, match="清单过大"):
        read_manifest(bad)
    copy = paths.backups_dir / "auto-20260101-000000.bdbackup"
    copy.write_bytes(bad.read_bytes())
    assert copy not in [b.path for b in list_backups(paths)]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda m: m.update(files=[DB_MEMBER]), "files 应为"),
        (lambda m: m.update(files={DB_MEMBER: 5}), "files 应为"),
        (lambda m: m.update(counts="many"), "counts 应为"),
        (lambda m: m.update(counts={"members": True}), "counts 应为"),
        (lambda m: m.update(created_at=20260101), "created_at"),
        (lambda m: m.update(created_at="yesterday"), "created_at"),
        (lambda m: m.update(schema_revision=None), "schema_revision"),
        (lambda m: m.update(version=0), "版本"),
        (lambda m: m.update(version=-1), "版本"),
        (lambda m: m.update(version=2), "版本"),
    ],
)
def test_a_manifest_of_the_wrong_shape_is_refused(
    good: Path, paths: AppPaths, tmp_path: Path, change: Any, message: str
) -> None:
    refused(paths, rewrite(good, tmp_path / "bad.bdbackup", manifest=change), message)


def test_deeply_nested_manifest_is_refused(good: Path, paths: AppPaths, tmp_path: Path) -> None:
    bad = tmp_path / "nested.bdbackup"
    with zipfile.ZipFile(good) as old, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as new:
        new.writestr("manifest.json", "[" * 200_000 + "]" * 200_000)
        new.writestr(DB_MEMBER, old.read(DB_MEMBER))
    refused(paths, bad, "清单已损坏")


def restamped(good: Path, target: Path, tmp_path: Path, sql: str) -> Path:
    """The backup with its database changed by ``sql`` and the manifest's hash updated."""
    db = tmp_path / "inner.sqlite3"
    with zipfile.ZipFile(good) as archive:
        db.write_bytes(archive.read(DB_MEMBER))
    conn = sqlite3.connect(db)
    conn.executescript(sql)
    conn.close()
    data = db.read_bytes()
    return rewrite(
        good,
        target,
        manifest=set_files(**{DB_MEMBER: hashlib.sha256(data).hexdigest()}),
        members={DB_MEMBER: data},
    )


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("UPDATE alembic_version SET version_num='9999_future'", "更新版本"),
        (f"UPDATE alembic_version SET version_num='{runner.all_revisions()[0]}'", "清单与其中的数据库不符"),
        ("DROP TABLE members", "不是支部工作台的数据文件"),
        ("DROP TABLE alembic_version", "不是支部工作台的数据文件"),
        ("INSERT INTO alembic_version VALUES ('x')", "不是支部工作台的数据文件"),
    ],
)  # fmt: skip
def test_a_lying_manifest_is_refused_by_checking_the_database_itself(
    good: Path, paths: AppPaths, tmp_path: Path, sql: str, message: str
) -> None:
    bad = restamped(good, tmp_path / "liar.bdbackup", tmp_path, sql)
    refused(paths, bad, message)
    with BranchDesk.open(paths, automatic_backups=False) as desk:  # still opens, data intact
        assert len(desk.roster.list()) == 2


def test_a_foreign_database_is_refused(good: Path, paths: AppPaths, tmp_path: Path) -> None:
    foreign = tmp_path / "foreign.sqlite3"
    conn = sqlite3.connect(foreign)
    conn.executescript(
        "CREATE TABLE alembic_version (version_num TEXT);"
        f"INSERT INTO alembic_version VALUES ('{runner.head_revision()}');"
        "CREATE TABLE accounts (id INTEGER, secret TEXT);"
    )
    conn.close()
    data = foreign.read_bytes()
    bad = rewrite(
        good,
        tmp_path / "foreign.bdbackup",
        manifest=set_files(**{DB_MEMBER: hashlib.sha256(data).hexdigest()}),
        members={DB_MEMBER: data},
    )
    refused(paths, bad, "不是支部工作台的数据文件")


def test_manifest_json_still_reads_after_the_checks(good: Path) -> None:
    info = read_manifest(good)
    assert info.counts["members"] == 1 and json.dumps(info.counts)


def test_a_full_disk_is_not_blamed_on_a_good_backup(
    good: Path, paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    from collections import namedtuple

    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(backup_read.shutil, "disk_usage", lambda _p: usage(10**9, 10**9, 1024))
    before = snapshot(paths)
    with pytest.raises(UserError, match=r"磁盘空间不足.*备份文件本身没有问题") as caught:
        restore_backup(paths, good)
    assert not isinstance(caught.value, BackupRefused)
    assert snapshot(paths) == before and not list(paths.data_dir.glob(".restore-*"))
