"""Restoring a backup: check the whole file first, keep a safety copy, swap the database in.

The current data is kept before it is replaced (a backup, or the raw file when it is damaged);
the database is replaced atomically; a damaged database is moved aside, never overwritten.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from ...domain.errors import UserError
from ...domain.safe_names import check_sha256
from ...paths import AppPaths
from ...storage import cipher
from ...storage.connect import is_disk_full
from ...storage.lock import InstanceLock
from ...storage.migrations import runner
from ..data.attachments import FileStore
from ..progress import Progress, no_progress
from . import backup_sealing, sealed
from .backup import SUFFIX, BackupInfo, backup_info, write_backup
from .backup_read import (
    DB_MEMBER,
    BackupRefused,
    check_database_intact,
    check_free_space,
    check_restored_database,
    checked_members,
    extract,
    read_manifest_data,
)
from .disk_space import DiskFull, caused_by_disk_full, copy_whole, require_free_space, unpacked_size
from .leftovers import clean_leftovers

DISK_FULL_RESTORE = (
    "磁盘空间不足，无法恢复（备份文件本身没有问题）。当前数据未做任何改动；请清理磁盘空间后重试。"
)


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
            info = backup_info(path, manifest)
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
            backup_sealing.unseal_restored(
                manifest["encryption"], password, folder, folder / DB_MEMBER
            )
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
        check_database_intact(paths.database, paths.database.name)
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
