"""Backups (.bdbackup): a consistent copy of the database plus its attachments.

A backup is a zip with `manifest.json` (format, schema revision, SHA-256 of every member),
`database.sqlite3` (made with SQLite's online backup API) and `attachments/ab/abcdef…`.
Writing one and reading its manifest is here; the verified restore is in restore.py, the
rotation of automatic backups in rotation.py.
"""

from __future__ import annotations

import json
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ... import app_version
from ...domain.errors import UserError
from ...domain.safe_names import is_sha256
from ...exports.safe_output import atomic_target
from ...paths import AppPaths
from ...storage import cipher, private
from ...storage.database import copy_database
from ..data.attachments import sha256_of
from ..data.preferences import load_preferences
from ..progress import Cancel, Progress, checkpoint, never_cancel, no_progress
from . import backup_sealing, sealed
from .backup_read import DB_MEMBER, FORMAT, VERSION, BackupRefused, read_manifest_data
from .daily import SUFFIX

__all__ = ["DB_MEMBER", "FORMAT", "VERSION", "BackupInfo", "BackupRefused"]
COUNTED = {
    "members": ("党员", "人"),
    "events": ("会议活动", "次"),
    "dues_payments": ("缴费记录", "条"),
    "candidates": ("发展对象", "人"),
}


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
    encrypted: bool = False
    files_key: dict[str, Any] | None = None  # wrapped, when encrypted (services/sealed.py)

    def describe(self) -> str:
        """Return e.g. '2026-11-20 10:30 自动备份：党员62人，会议活动128次…'."""
        counts = "，".join(
            f"{COUNTED[k][0]}{v}{COUNTED[k][1]}" for k, v in self.counts.items() if k in COUNTED
        )
        locked = "（已加密）" if self.encrypted else ""
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.kind}{locked}：{counts}"


def record_counts(db_path: Path) -> dict[str, int]:
    """Count the main records of a database file (read-only)."""
    conn = cipher.connect(db_path, readonly=True)
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
    conn = cipher.connect(db_path, readonly=True)
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except cipher.DATABASE_ERRORS:
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
    password: str | None = None,
) -> BackupInfo:
    """Write a consistent backup of ``paths`` to ``target`` (atomically).

    An encrypted database (or a ``password`` given for a plain one) gives an encrypted backup.
    """
    password = password or cipher.key_for(paths.database)  # encryption at rest
    with tempfile.TemporaryDirectory(dir=paths.data_dir, prefix=".backup-") as work:
        db_copy = Path(work) / DB_MEMBER
        progress(0.05, "正在复制数据库")
        try:
            copy_database(paths.database, db_copy)
        except cipher.DB_ERRORS as exc:
            raise UserError(
                f"无法备份：复制数据库失败（{exc}），可能是磁盘空间不足。未生成备份文件。"
            ) from None
        if password is not None and cipher.key_for(db_copy) is None:
            backup_sealing.encrypted_copy(db_copy, password)
        blobs = _referenced_blobs(db_copy, paths.attachments_dir)
        sealed, sources = backup_sealing.seal_blobs(
            password, blobs, paths.attachments_dir, Path(work)
        )
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "kind": kind,
            "created_at": datetime.now().replace(microsecond=0).isoformat(),
            "app_version": app_version(),
            "schema_revision": _revision(db_copy),
            "counts": record_counts(db_copy),
            "files": {DB_MEMBER: sha256_of(db_copy)},
        }
        if sealed is not None:
            manifest["encryption"] = sealed
        for sha in blobs:
            stored = sha if sealed is None else sha256_of(sources[sha])
            manifest["files"][f"attachments/{sha[:2]}/{sha}"] = stored
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
                archive.write(sources[sha], f"attachments/{sha[:2]}/{sha}")
        cipher.set_key(db_copy, None)
    private.restrict(target)  # it holds every member's ID number, wherever it is written
    return backup_info(target, manifest)


def _referenced_blobs(db_path: Path, attachments: Path) -> list[str]:
    conn = cipher.connect(db_path, readonly=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        rows = (
            conn.execute("SELECT sha256 FROM stored_files ORDER BY sha256").fetchall()
            if "stored_files" in tables
            else []
        )
    finally:
        conn.close()
    return [r[0] for r in rows if is_sha256(r[0]) and (attachments / r[0][:2] / r[0]).is_file()]


def backup_info(path: Path, manifest: dict[str, Any]) -> BackupInfo:
    """The info of the backup at ``path`` from its (checked) manifest."""
    return BackupInfo(
        path=path,
        created_at=datetime.fromisoformat(manifest["created_at"]),
        kind=str(manifest.get("kind", "")),
        schema_revision=str(manifest["schema_revision"]),
        app_version=str(manifest.get("app_version", "")),
        counts={k: int(v) for k, v in manifest.get("counts", {}).items()},
        size=path.stat().st_size,
        encrypted=isinstance(manifest.get("encryption"), dict),
        files_key=sealed.entry_of(manifest.get("encryption")),
    )


def read_manifest(path: Path) -> BackupInfo:
    """Read a backup's manifest (quick, size-limited; does not check the contents)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return backup_info(path, read_manifest_data(archive, path.name))
    except FileNotFoundError:
        raise BackupRefused(f"备份文件不存在：{path}") from None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, zlib.error, EOFError):
        raise BackupRefused(f"{path.name} 已损坏或不是支部工作台的备份文件。") from None


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
