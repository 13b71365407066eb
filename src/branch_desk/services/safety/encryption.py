"""Encrypting a data dir and changing its password.

The database is a SQLCipher 4 file (storage/cipher.py); attachments are sealed with AES-256-GCM
(file_cipher.py) under a random files key kept wrapped by the password (sealed.py). What goes
into a backup of an encrypted data dir is in backup_sealing.py. Nothing secret is ever written:
not the password, not a key.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from ...domain.errors import UserError
from ...paths import AppPaths
from ...storage import cipher
from ...storage.database import check_integrity
from ...storage.lock import InstanceLock
from . import sealed
from .backup import SUFFIX, read_manifest, record_counts, write_backup

MIN_PASSWORD = 6


def check_new_password(password: str) -> str:
    """Refuse a password too short to protect anything; return it."""
    if len(password) < MIN_PASSWORD:
        raise UserError(f"密码太短：至少需要{MIN_PASSWORD}个字符。")
    return password


def encrypt_data_dir(paths: AppPaths, password: str) -> Path:
    """Encrypt the plain database of ``paths`` in place; return the encrypted backup made first.

    The encrypted copy is written to a temporary file beside the database, checked (integrity and
    record counts) and swapped in atomically; the plain file is not kept.
    """
    check_new_password(password)
    db = paths.database
    if db.exists() and db.stat().st_size > 0 and not cipher.has_plain_header(db):
        raise UserError("数据库已经加密；如需更换密码，请使用 branch-desk password。")
    if not db.exists() or db.stat().st_size == 0:
        raise UserError("数据目录中还没有数据库，请用 branch-desk init --encrypt 建立。")
    with InstanceLock(paths.lock_file):
        check_integrity(db)
        _checkpoint(db)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = paths.backups_dir / f"before-encrypt-{stamp}{SUFFIX}"
        temp = db.with_name(f".encrypting-{stamp}.sqlite3")
        cipher.set_key(db, None)
        try:
            write_backup(paths, backup, "加密前备份", password=password)
            files_key = sealed.create_key(paths.data_dir, password)
            cipher.export_encrypted(db, temp, password)
            cipher.check_password(temp, password)
            cipher.set_key(temp, password)
            if record_counts(temp) != record_counts(db):
                raise UserError("加密后的数据与原数据不一致，已放弃加密；原数据未改动。")
            _fsync(temp)
            for side in ("-wal", "-shm"):
                Path(str(db) + side).unlink(missing_ok=True)
            os.replace(temp, db)
        except BaseException:
            temp.unlink(missing_ok=True)
            if cipher.has_plain_header(db):
                cipher.remove_marker(paths.data_dir)
            raise
        finally:
            cipher.set_key(temp, None)
        cipher.set_key(db, password)
        for blob in sorted(paths.attachments_dir.glob("*/*")):
            if blob.is_file() and not blob.name.startswith("."):
                sealed.seal_in_place(blob, files_key)
    return backup


def change_password(paths: AppPaths, old: str, new: str) -> None:
    """Re-encrypt the database of ``paths`` from ``old`` to ``new`` (PRAGMA rekey)."""
    check_new_password(new)
    db = paths.database
    if not cipher.is_marked(paths.data_dir):
        raise UserError("数据库未加密；如需加密，请使用 branch-desk encrypt。")
    with InstanceLock(paths.lock_file):
        cipher.check_password(db, old)
        entry = sealed.read_entry(paths.data_dir)
        if entry is not None:  # the files key, wrapped under both until the database is rekeyed
            files_key = sealed.unwrap(entry, old)
            sealed.save_entry(paths.data_dir, sealed.wrap(files_key, new), previous=entry)
        cipher.rekey(db, old, new)
        cipher.set_key(db, new)
        if entry is not None:
            sealed.save_entry(paths.data_dir, sealed.wrap(files_key, new))


def plain_backups(paths: AppPaths) -> list[Path]:
    """Return the backups in backups/ that hold plain data (made before encryption)."""
    found = []
    for path in sorted(paths.backups_dir.glob(f"*{SUFFIX}")):
        try:
            if not read_manifest(path).encrypted:
                found.append(path)
        except UserError:
            continue
    found += [p for p in sorted(paths.backups_dir.glob("*.sqlite3")) if cipher.has_plain_header(p)]
    return found


def _checkpoint(db: Path) -> None:
    conn = cipher.connect(db)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def _fsync(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())
