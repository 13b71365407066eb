"""Backups (.bdbackup): a consistent copy of the database plus its attachments, verified restore.

A backup is a zip with `manifest.json` (format, schema revision, SHA-256 of every member),
`database.sqlite3` (made with SQLite's online backup API) and `attachments/ab/abcdef…`.
Restoring checks the whole file first, keeps a safety copy of the current data, and replaces
the database atomically; a damaged database is moved aside, never overwritten.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .. import __version__
from ..domain.errors import UserError
from ..exports.files import atomic_target
from ..paths import AppPaths
from ..storage.database import copy_database
from ..storage.lock import InstanceLock
from ..storage.migrations import runner
from .files import sha256_of
from .preferences import load_preferences
from .progress import Cancel, Progress, checkpoint, never_cancel, no_progress

FORMAT = "branch-desk-backup"
VERSION = 1
SUFFIX = ".bdbackup"
DB_MEMBER = "database.sqlite3"
COUNTED = {
    "members": ("党员", "人"),
    "events": ("会议活动", "次"),
    "dues_payments": ("缴费记录", "条"),
    "candidates": ("发展对象", "人"),
}


class BackupRefused(UserError):
    """The backup file cannot be used; nothing was changed."""


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """What a backup holds, read from its manifest."""

    path: Path
    created_at: datetime
    kind: str
    schema_revision: str
    app_version: str
    counts: dict[str, int]
    size: int

    def describe(self) -> str:
        """Return e.g. '2026-11-20 10:30 自动备份：党员62人，会议活动128次…'."""
        counts = "，".join(
            f"{COUNTED[k][0]}{v}{COUNTED[k][1]}" for k, v in self.counts.items() if k in COUNTED
        )
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.kind}：{counts}"


def record_counts(db_path: Path) -> dict[str, int]:
    """Count the main records of a database file (read-only)."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        return {
            t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
            for t in COUNTED
            if t in tables
        }
    finally:
        conn.close()


def _revision(db_path: Path) -> str:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        row = None
    finally:
        conn.close()
    if row is None:
        raise BackupRefused("备份中的数据库不是支部工作台的数据文件。")
    return str(row[0])


def write_backup(
    paths: AppPaths,
    target: Path,
    kind: str,
    *,
    progress: Progress = no_progress,
    cancel: Cancel = never_cancel,
) -> BackupInfo:
    """Write a consistent backup of ``paths`` to ``target`` (atomically)."""
    with tempfile.TemporaryDirectory(dir=paths.data_dir, prefix=".backup-") as work:
        db_copy = Path(work) / DB_MEMBER
        progress(0.05, "正在复制数据库")
        try:
            copy_database(paths.database, db_copy)
        except sqlite3.Error as exc:
            raise UserError(
                f"无法备份：复制数据库失败（{exc}），可能是磁盘空间不足。未生成备份文件。"
            ) from None
        blobs = _referenced_blobs(db_copy, paths.attachments_dir)
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "kind": kind,
            "created_at": datetime.now().replace(microsecond=0).isoformat(),
            "app_version": __version__,
            "schema_revision": _revision(db_copy),
            "counts": record_counts(db_copy),
            "files": {DB_MEMBER: sha256_of(db_copy)},
        }
        for sha in blobs:
            manifest["files"][f"attachments/{sha[:2]}/{sha}"] = sha
        target.parent.mkdir(parents=True, exist_ok=True)
        with (
            atomic_target(target, internal=target.parent == paths.backups_dir) as temp,
            zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as archive,
        ):
            archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
            archive.write(db_copy, DB_MEMBER)
            for index, sha in enumerate(blobs):
                checkpoint(cancel)
                progress(0.2 + 0.8 * index / max(len(blobs), 1), "正在复制附件")
                archive.write(paths.attachments_dir / sha[:2] / sha, f"attachments/{sha[:2]}/{sha}")
    return _info(target, manifest)


def _referenced_blobs(db_path: Path, attachments: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        rows = (
            conn.execute("SELECT sha256 FROM stored_files ORDER BY sha256").fetchall()
            if "stored_files" in tables
            else []
        )
    finally:
        conn.close()
    return [r[0] for r in rows if (attachments / r[0][:2] / r[0]).is_file()]


def _info(path: Path, manifest: dict) -> BackupInfo:  # type: ignore[type-arg]
    return BackupInfo(
        path=path,
        created_at=datetime.fromisoformat(manifest["created_at"]),
        kind=str(manifest.get("kind", "")),
        schema_revision=str(manifest["schema_revision"]),
        app_version=str(manifest.get("app_version", "")),
        counts={k: int(v) for k, v in manifest.get("counts", {}).items()},
        size=path.stat().st_size,
    )


def read_manifest(path: Path) -> BackupInfo:
    """Read a backup's manifest (quick; does not check the contents)."""
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = json.loads(archive.read("manifest.json"))
        if manifest.get("format") != FORMAT:
            raise BackupRefused(f"{path.name} 不是支部工作台的备份文件。")
        return _info(path, manifest)
    except FileNotFoundError:
        raise BackupRefused(f"备份文件不存在：{path}") from None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, zlib.error, EOFError):
        raise BackupRefused(f"{path.name} 已损坏或不是支部工作台的备份文件。") from None


@contextmanager
def verified_contents(path: Path, work_dir: Path) -> Iterator[tuple[BackupInfo, Path]]:
    """Extract and check every member of a backup; yield its info and the extracted folder."""
    info = read_manifest(path)
    known = runner.all_revisions()
    if info.schema_revision not in known:
        raise BackupRefused(
            f"该备份由更新版本的支部工作台创建（结构版本 {info.schema_revision}），请升级后再恢复。"
        )
    folder = Path(tempfile.mkdtemp(dir=work_dir, prefix=".restore-"))
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = json.loads(archive.read("manifest.json"))
            files: dict[str, str] = manifest.get("files", {})
            if DB_MEMBER not in files:
                raise BackupRefused(f"{path.name} 中缺少数据库。")
            for name, expected in files.items():
                if ".." in name or name.startswith("/"):
                    raise BackupRefused(f"{path.name} 含有不安全的路径：{name}")
                target = folder / name
                target.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(name) as source, open(target, "wb") as out:
                    shutil.copyfileobj(source, out)
                if sha256_of(target) != expected:
                    raise BackupRefused(f"{path.name} 已损坏：{name} 校验不符。")
        _check_database(folder / DB_MEMBER, path.name)
        yield info, folder
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, zlib.error, EOFError) as exc:
        if isinstance(exc, UserError):
            raise
        raise BackupRefused(f"{path.name} 已损坏，无法读取（{type(exc).__name__}）。") from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _check_database(db_path: Path, name: str) -> None:
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        raise BackupRefused(f"{name} 中的数据库已损坏。") from None
    if result != ["ok"]:
        raise BackupRefused(f"{name} 中的数据库未通过完整性检查。")


def restore_backup(
    paths: AppPaths, source: Path, *, progress: Progress = no_progress
) -> BackupInfo:
    """Replace the data dir's database and attachments by a verified backup (app must be closed)."""
    paths.ensure()
    with InstanceLock(paths.lock_file):
        progress(0.1, "正在校验备份文件")
        with verified_contents(Path(source), paths.data_dir) as (info, folder):
            progress(0.5, "正在保存当前数据的安全副本")
            _safety_copy(paths)
            progress(0.7, "正在恢复附件")
            for blob in sorted((folder / "attachments").rglob("*")):
                if blob.is_file():
                    target = paths.attachments_dir / blob.parent.name / blob.name
                    if not target.exists():
                        target.parent.mkdir(parents=True, exist_ok=True)
                        shutil.copyfile(blob, target)
            progress(0.9, "正在恢复数据库")
            staged = paths.database.with_name(paths.database.name + ".restoring")
            shutil.copyfile(folder / DB_MEMBER, staged)
            with open(staged, "rb+") as handle:
                os.fsync(handle.fileno())
            for side in ("-wal", "-shm"):
                Path(str(paths.database) + side).unlink(missing_ok=True)
            os.replace(staged, paths.database)
    progress(1.0, "恢复完成")
    return info


def _safety_copy(paths: AppPaths) -> None:
    """Keep the current data before it is replaced: a backup if it is sound, else the raw file."""
    if not paths.database.exists():
        return
    try:
        _check_database(paths.database, paths.database.name)
    except BackupRefused:
        set_aside(paths, "before-restore")  # damaged: keep the file itself, make no backup of it
        return
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    try:
        write_backup(paths, paths.backups_dir / f"safety-{stamp}{SUFFIX}", "恢复前安全副本")
    except (UserError, sqlite3.DatabaseError, OSError):
        set_aside(paths, "before-restore")


def set_aside(paths: AppPaths, reason: str) -> Path | None:
    """Copy a (damaged) database file aside, byte for byte, into backups/; return the copy."""
    if not paths.database.exists():
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = paths.backups_dir / f"{reason}-{stamp}.sqlite3"
    paths.backups_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy2(paths.database, target)
    for side in ("-wal", "-shm"):
        extra = Path(str(paths.database) + side)
        if extra.exists():
            shutil.copy2(extra, Path(str(target) + side))
    return target


def list_backups(paths: AppPaths) -> list[BackupInfo]:
    """Return readable backups in the data dir (and the mirror folder), newest first."""
    folders = [paths.backups_dir]
    mirror = load_preferences(paths.data_dir).mirror_dir
    if mirror:
        folders.append(Path(mirror))
    found = []
    for folder in folders:
        for path in sorted(folder.glob(f"*{SUFFIX}")) if folder.is_dir() else []:
            try:
                found.append(read_manifest(path))
            except BackupRefused:
                continue
    return sorted(found, key=lambda b: b.created_at, reverse=True)


def rotate(folder: Path, keep_last: int, keep_monthly: int) -> list[Path]:
    """Delete automatic backups beyond the last ``keep_last`` plus one per month for a year."""
    autos = sorted(folder.glob(f"auto-*{SUFFIX}"), reverse=True)
    keep = set(autos[:keep_last])
    months: set[str] = set()
    for path in autos:
        month = path.name[5:11]  # auto-YYYYMM…
        if month not in months and len(months) < keep_monthly:
            months.add(month)
            keep.add(path)
    removed = [p for p in autos if p not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed
