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
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ... import __version__
from ...domain.errors import UserError
from ...domain.safe_names import UnsafeName, check_sha256
from ...exports.safe_output import atomic_target
from ...paths import DATABASE_NAME, AppPaths
from ...storage import cipher, private
from ...storage.connect import is_disk_full
from ...storage.database import copy_database
from ...storage.lock import InstanceLock
from ...storage.migrations import runner
from ..data.attachments import FileStore, sha256_of
from ..data.preferences import load_preferences
from ..progress import Cancel, Progress, checkpoint, never_cancel, no_progress
from . import encryption, sealed
from .backup_read import (
    DB_MEMBER,
    FORMAT,
    VERSION,
    BackupRefused,
    check_free_space,
    check_restored_database,
    checked_members,
    extract,
    read_manifest_data,
)
from .disk_space import DiskFull, caused_by_disk_full, copy_whole, require_free_space, unpacked_size
from .leftovers import clean_leftovers

__all__ = ["DB_MEMBER", "FORMAT", "VERSION", "BackupInfo", "BackupRefused"]
SUFFIX = ".bdbackup"
COUNTED = {
    "members": ("党员", "人"),
    "events": ("会议活动", "次"),
    "dues_payments": ("缴费记录", "条"),
    "candidates": ("发展对象", "人"),
}


DISK_FULL_RESTORE = (
    "磁盘空间不足，无法恢复（备份文件本身没有问题）。当前数据未做任何改动；请清理磁盘空间后重试。"
)


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
            encryption.encrypted_copy(db_copy, password)
        blobs = _referenced_blobs(db_copy, paths.attachments_dir)
        sealed, sources = encryption.seal_blobs(password, blobs, paths.attachments_dir, Path(work))
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
    return _info(target, manifest)


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
    return [r[0] for r in rows if _valid_sha(r[0]) and (attachments / r[0][:2] / r[0]).is_file()]


def _valid_sha(value: object) -> bool:
    try:
        check_sha256(value)
    except UnsafeName:
        return False
    return True


def _info(path: Path, manifest: dict[str, Any]) -> BackupInfo:
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
            return _info(path, read_manifest_data(archive, path.name))
    except FileNotFoundError:
        raise BackupRefused(f"备份文件不存在：{path}") from None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, zlib.error, EOFError):
        raise BackupRefused(f"{path.name} 已损坏或不是支部工作台的备份文件。") from None


@contextmanager
def verified_contents(
    path: Path, work_dir: Path, password: str | None = None
) -> Iterator[tuple[BackupInfo, Path]]:
    """Check, then extract every member of a backup; yield its info and the extracted folder.

    Names, sizes and the expansion ratio are checked before anything is written
    (services/backup_read.py); an encrypted backup needs its ``password`` (its attachments are
    checked sealed and stay sealed); the folder is removed afterwards whatever happens.
    """
    info, folder = _extract_checked(path, work_dir, password)
    try:
        yield info, folder
    finally:
        cipher.set_key(folder / DB_MEMBER, None)
        shutil.rmtree(folder, ignore_errors=True)


def _extract_checked(
    path: Path, work_dir: Path, password: str | None = None
) -> tuple[BackupInfo, Path]:
    folder: Path | None = None
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = read_manifest_data(archive, path.name)
            info = _info(path, manifest)
            if not runner.is_known(info.schema_revision):
                raise BackupRefused(
                    f"{path.name} 由更新版本的支部工作台创建（结构版本 {info.schema_revision}），"
                    "请升级后再恢复。"
                )
            chosen = checked_members(archive, manifest["files"], path.name, info.encrypted)
            check_free_space(chosen, work_dir)
            folder = Path(tempfile.mkdtemp(dir=work_dir, prefix=".restore-"))
            for entry, sha in chosen:
                # an attachment's name is its plain hash (sealed content has another one)
                named = entry.filename.rsplit("/", 1)[-1]
                target = folder / DB_MEMBER if entry.filename == DB_MEMBER else _blob(folder, named)
                extract(archive, entry, sha, target)
        if info.encrypted:  # encryption at rest: the password opens the database first
            encryption.unseal_restored(manifest["encryption"], password, folder, folder / DB_MEMBER)
        check_restored_database(folder / DB_MEMBER, manifest, path.name)
        return info, folder
    except BaseException as exc:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
        raise _explained(exc, path) from None


def _explained(exc: BaseException, path: Path) -> BaseException:
    """Say what went wrong reading ``path``: its fault, the disk's, or neither."""
    if isinstance(exc, BackupRefused) and not exc.message.startswith(path.name):
        return BackupRefused(f"{path.name} {exc.message}")
    if isinstance(exc, UserError):
        return exc
    if isinstance(exc, FileNotFoundError) and Path(exc.filename or "") == path:
        return BackupRefused(f"备份文件不存在：{path}")
    if isinstance(exc, OSError) and is_disk_full(exc):
        return DiskFull(DISK_FULL_RESTORE)
    if isinstance(
        exc, zipfile.BadZipFile | KeyError | OSError | ValueError | zlib.error | EOFError
    ):
        return BackupRefused(f"{path.name} 已损坏，无法读取（{type(exc).__name__}）。")
    return exc


def _blob(folder: Path, sha: str) -> Path:
    return FileStore(folder / "attachments").path_of(sha)


def _check_database(db_path: Path, name: str) -> None:
    try:
        conn = cipher.connect(db_path, readonly=True)
        try:
            result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        finally:
            conn.close()
    except cipher.DATABASE_ERRORS:
        raise BackupRefused(f"{name} 中的数据库已损坏。") from None
    if result != ["ok"]:
        raise BackupRefused(f"{name} 中的数据库未通过完整性检查。")


def restore_backup(
    paths: AppPaths,
    source: Path,
    *,
    progress: Progress = no_progress,
    password: str | None = None,
) -> BackupInfo:
    """Replace the data dir's database and attachments by a verified backup (app must be closed)."""
    paths.ensure()
    with InstanceLock(paths.lock_file):
        _check_space_for_restore(paths, Path(source))
        try:
            info = _restore_locked(paths, Path(source), progress, password)
        except OSError as exc:
            if is_disk_full(exc):
                raise DiskFull(DISK_FULL_RESTORE) from None
            raise
    progress(1.0, "恢复完成")
    return info


def _restore_locked(
    paths: AppPaths, source: Path, progress: Progress, password: str | None
) -> BackupInfo:
    clean_leftovers(paths)
    progress(0.1, "正在校验备份文件")
    with verified_contents(source, paths.data_dir, password) as (info, folder):
        progress(0.5, "正在保存当前数据的安全副本")
        _safety_copy(paths)
        progress(0.7, "正在恢复附件")
        _restore_blobs(folder, paths, sealed_copy=info.encrypted)
        progress(0.9, "正在恢复数据库")
        if info.encrypted:  # encryption at rest: the data dir follows the backup
            sealed.save_entry(paths.data_dir, info.files_key)
        _swap_in(folder / DB_MEMBER, paths.database)
        cipher.set_key(paths.database, password if info.encrypted else None)
        if not info.encrypted:
            cipher.remove_marker(paths.data_dir)
    return info


def _check_space_for_restore(paths: AppPaths, source: Path) -> None:
    """Refuse early when the disk cannot hold the unpacked backup, the safety copy and the new file."""
    current = paths.database.stat().st_size if paths.database.exists() else 0
    database = unpacked_size(source)
    require_free_space(paths.data_dir, database * 2 + current, DISK_FULL_RESTORE)


def _restore_blobs(folder: Path, paths: AppPaths, *, sealed_copy: bool = False) -> None:
    """Copy the extracted attachments in (names rebuilt from their checked hashes).

    The attachments of an encrypted backup are copied sealed, replacing what is there; a plain
    backup replaces only sealed files (the data dir becomes plain again).
    """
    extracted, store = FileStore(folder / "attachments"), FileStore(paths.attachments_dir)
    for blob in sorted((folder / "attachments").glob("*/*")):
        sha = check_sha256(blob.name)
        target = store.path_of(sha)
        if sealed_copy or (target.exists() and sealed.is_sealed(target)):
            target.parent.mkdir(parents=True, exist_ok=True)
            sealed.copy_atomically(extracted.path_of(sha), target)
        elif not target.exists():
            store.copy_in(extracted.path_of(sha), sha)


def _swap_in(source: Path, database: Path) -> None:
    """Replace the database by ``source`` atomically; a failed copy leaves no staged file."""
    staged = database.with_name(database.name + ".restoring")
    try:
        shutil.copyfile(source, staged)
        with open(staged, "rb+") as handle:
            os.fsync(handle.fileno())
    except OSError:
        staged.unlink(missing_ok=True)
        raise
    for side in ("-wal", "-shm"):
        Path(str(database) + side).unlink(missing_ok=True)
    os.replace(staged, database)


def _safety_copy(paths: AppPaths) -> None:
    """Keep the current data before it is replaced: a backup if it is sound, else the raw file.

    A full disk stops the restore (DiskFull) rather than leave a partial copy behind.
    """
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
    except (UserError, *cipher.DATABASE_ERRORS, OSError) as exc:
        if caused_by_disk_full(exc):
            raise DiskFull(DISK_FULL_RESTORE) from None
        set_aside(paths, "before-restore")


def set_aside(paths: AppPaths, reason: str) -> Path | None:
    """Copy a (damaged) database file aside, byte for byte, into backups/; return the copy.

    Each file is copied whole or not at all; on a full disk DiskFull is raised.
    """
    if not paths.database.exists():
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = paths.backups_dir / f"{reason}-{stamp}.sqlite3"
    paths.backups_dir.mkdir(parents=True, exist_ok=True)
    copies = [(paths.database, target)] + [
        (Path(f"{paths.database}{side}"), Path(f"{target}{side}"))
        for side in ("-wal", "-shm")
        if Path(f"{paths.database}{side}").exists()
    ]
    done: list[Path] = []
    try:
        for source, copy in copies:
            copy_whole(source, copy)
            done.append(copy)
    except OSError as exc:
        for copy in done:
            copy.unlink(missing_ok=True)
        if is_disk_full(exc):
            raise DiskFull("磁盘空间不足，无法另存数据库文件；数据文件未做任何改动。") from None
        raise
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
    """Delete automatic backups beyond the last ``keep_last`` plus one per month for a year.

    The newest backup that passes verification is never deleted, nor, when that one holds no
    records, the newest verified one that does: a run of broken or empty backups (a damaged
    or emptied database backed up again and again) never rotates away the last good one.
    """
    autos = sorted(folder.glob(f"auto-*{SUFFIX}"), reverse=True)
    keep = set(autos[:keep_last])
    months: set[str] = set()
    for path in autos:
        month = path.name[5:11]  # auto-YYYYMM…
        if month not in months and len(months) < keep_monthly:
            months.add(month)
            keep.add(path)
    keep.update(_newest_verified(autos, folder))
    removed = [p for p in autos if p not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def _newest_verified(newest_first: list[Path], work_dir: Path) -> list[Path]:
    """The newest backup passing verification, and the newest one that also has records."""
    found: list[Path] = []
    # an encrypted data dir's backups open with its key (the backups folder sits in the data dir)
    password = cipher.key_for(work_dir.parent / DATABASE_NAME)
    for path in newest_first:
        try:
            with verified_contents(path, work_dir, password) as (info, _folder):
                has_records = any(info.counts.values())
        except (UserError, OSError, *cipher.DATABASE_ERRORS):
            continue
        if not found or has_records:
            found.append(path)
        if has_records:
            break
    return found
