"""Hostile backups through the CLI: exit 1 with one Chinese line, never exit 3."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from branch_desk.domain import limits
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.safety.backup import DB_MEMBER, write_backup
from tests.cli.test_safety_cli import run
from tests.services.test_backup import fill, li_si, rewrite, snapshot
from tests.services.test_hostile_backups import restamped, zeros_database


@pytest.fixture
def good(paths: AppPaths, tmp_path: Path) -> Path:
    fill(paths, tmp_path)
    saved = write_backup(paths, tmp_path / "good.bdbackup", "手动备份").path
    with BranchDesk.open(paths, automatic_backups=False) as desk:
        desk.roster.add(desk.org.resolve().id, li_si())
    return saved


def restore_refused(capsys, paths: AppPaths, bad: Path, message: str) -> None:
    before = snapshot(paths)
    code, out, err = run(capsys, paths, "restore", str(bad))
    assert code == 1, err
    assert err.startswith("错误：") and message in err and "内部错误" not in err
    assert err.count("\n") == 1 and out == ""
    assert snapshot(paths) == before


def test_restore_of_a_zip_bomb_exits_1(capsys, good: Path, paths: AppPaths, tmp_path: Path):
    bad = zeros_database(good, tmp_path / "bomb.bdbackup", 64 * limits.MB)
    restore_refused(capsys, paths, bad, "压缩比异常")


def test_restore_of_a_manifest_with_files_as_a_list_exits_1(
    capsys, good: Path, paths: AppPaths, tmp_path: Path
):
    bad = rewrite(good, tmp_path / "bad.bdbackup", manifest=lambda m: m.update(files=[DB_MEMBER]))
    restore_refused(capsys, paths, bad, "files 应为")


def test_restore_of_a_newer_database_behind_a_known_manifest_exits_1(
    capsys, good: Path, paths: AppPaths, tmp_path: Path
):
    sql = "UPDATE alembic_version SET version_num='9999_future'"
    bad = restamped(good, tmp_path / "liar.bdbackup", tmp_path, sql)
    restore_refused(capsys, paths, bad, "更新版本")
    code, out, _err = run(capsys, paths, "verify")
    assert code == 0 and "检查通过" in out


def test_backups_listing_skips_an_oversized_manifest(
    capsys, good: Path, paths: AppPaths, tmp_path: Path
):
    bad = rewrite(good, tmp_path / "x.bdbackup", manifest=lambda m: m.update(pad="x" * 2_400_000))
    (paths.backups_dir / "auto-20260101-000000.bdbackup").write_bytes(bad.read_bytes())
    code, out, err = run(capsys, paths, "backups")
    assert (code, err) == (0, "") and "auto-20260101" not in out


def test_leftovers_of_killed_backup_and_restore_are_cleaned_at_the_next_start(
    capsys, good: Path, paths: AppPaths
):
    data = paths.data_dir
    leftovers = [
        data / ".restore-k1l2m3" / DB_MEMBER,
        data / ".backup-a1b2c3" / DB_MEMBER,
        data / "branch-desk.sqlite3.restoring",
        paths.backups_dir / ".auto-20260101-000000-x1y2z3.bdbackup",
        paths.backups_dir / ".今天-q1w2e3.bdbackup",
        paths.attachments_dir / "ab" / ".incoming-zz9",
    ]
    kept = [
        paths.backups_dir / "auto-20260101-000000.bdbackup",
        data / "notes.restoring.txt",
        paths.backups_dir / ".hidden-note.txt",
        data / "restore-me",
    ]
    for path in leftovers + kept:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x" * 1024)
    young = data / ".restore-being-made"
    young.mkdir()
    future = time.time() + 3600
    os.utime(young, (future, future))
    code, _out, err = run(capsys, paths, "verify")
    assert (code, err) == (0, "")
    assert [p for p in leftovers if p.exists()] == []
    assert not (data / ".restore-k1l2m3").exists() and not (data / ".backup-a1b2c3").exists()
    assert all(p.exists() for p in kept) and young.exists()


def test_restore_itself_cleans_leftovers_first(capsys, good: Path, paths: AppPaths):
    stale = paths.data_dir / "branch-desk.sqlite3.restoring"
    stale.write_bytes(b"x" * 4096)
    code, _out, err = run(capsys, paths, "restore", str(good))
    assert (code, err) == (0, "") and not stale.exists()


def test_verify_reports_a_stored_hash_that_is_not_a_sha256(capsys, paths: AppPaths, tmp_path):
    """A database poisoned by an exchange file imported before the check existed."""
    from branch_desk.storage.models import StoredFile
    from tests.conftest import FIXED_NOW

    fill(paths, tmp_path)
    with (
        BranchDesk.open(paths, automatic_backups=False) as desk,
        desk.db.session(audited=False) as s,
    ):
        s.add(
            StoredFile(sha256="../../etc/passwd", size=1, original_name="a.txt", added_at=FIXED_NOW)
        )
    code, _out, err = run(capsys, paths, "verify")
    assert code == 1 and "附件记录的校验值无效（不是 SHA-256）：a.txt" in err
    code, _out, err = run(capsys, paths, "backup", "-o", str(tmp_path / "b.bdbackup"))
    assert code == 0, err
    code, _out, err = run(capsys, paths, "restore", str(tmp_path / "b.bdbackup"))
    assert code == 0, err
