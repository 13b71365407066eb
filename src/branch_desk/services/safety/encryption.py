"""Encrypting a data dir, changing its password, and encrypting what goes into its backups.

The database is a SQLCipher 4 file (storage/cipher.py); attachments are sealed with AES-256-GCM
under a random files key kept wrapped by the password (services/sealed.py). A backup of an
encrypted data dir holds the encrypted database and the sealed attachments as they are, with the
wrapped files key in its manifest. Nothing secret is ever written: not the password, not a key.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from ...domain.errors import UserError
from ...paths import AppPaths
from ...storage import cipher
from ...storage.database import check_integrity
from ...storage.lock import InstanceLock

MAGIC = b"BDENC1"
CHUNK = 1024 * 1024
TAG = 16
SCRYPT = {"n": 2**15, "r": 8, "p": 1}
MIN_PASSWORD = 6


def check_new_password(password: str) -> str:
    """Refuse a password too short to protect anything; return it."""
    if len(password) < MIN_PASSWORD:
        raise UserError(f"密码太短：至少需要{MIN_PASSWORD}个字符。")
    return password


def derive_key(password: str, salt: bytes, cost: dict[str, Any] | None = None) -> bytes:
    """Derive a 256-bit AES key from ``password`` with scrypt."""
    params = SCRYPT if cost is None else cost
    n, r, p = int(params["n"]), int(params["r"]), int(params["p"])
    if not (2**10 <= n <= 2**20 and 1 <= r <= 32 and 1 <= p <= 16):
        raise UserError("备份文件的加密参数无效。")
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * 1024 * 1024, dklen=32
    )


def _aead(key: bytes) -> Any:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(key)


def seal_file(key: bytes, source: Path, target: Path) -> None:
    """Encrypt ``source`` into ``target`` in 1 MiB AES-GCM chunks (order and end authenticated)."""
    aead = _aead(key)
    prefix = secrets.token_bytes(8)
    with open(source, "rb") as src, open(target, "wb") as out:
        out.write(MAGIC + prefix)
        index = 0
        chunk = src.read(CHUNK)
        while True:
            following = src.read(CHUNK)
            last = not following
            nonce = prefix + index.to_bytes(4, "big")
            out.write(aead.encrypt(nonce, chunk, b"last" if last else b"more"))
            if last:
                break
            chunk, index = following, index + 1


def open_sealed(key: bytes, source: Path, target: Path) -> None:
    """Decrypt a file written by :func:`seal_file`; raise UserError if it was altered."""
    from cryptography.exceptions import InvalidTag

    aead = _aead(key)
    with open(source, "rb") as src, open(target, "wb") as out:
        head = src.read(len(MAGIC) + 8)
        if head[: len(MAGIC)] != MAGIC:
            raise UserError("备份中的附件不是加密格式。")
        prefix = head[len(MAGIC) :]
        index = 0
        chunk = src.read(CHUNK + TAG)
        while True:
            following = src.read(CHUNK + TAG)
            last = not following
            nonce = prefix + index.to_bytes(4, "big")
            try:
                out.write(aead.decrypt(nonce, chunk, b"last" if last else b"more"))
            except InvalidTag:
                raise cipher.WrongPassword("密码错误，或附件已损坏；未做任何改动。") from None
            if last:
                break
            chunk, index = following, index + 1


def seal_blobs(
    password: str | None, blobs: Iterable[str], attachments: Path, work: Path
) -> tuple[dict[str, Any] | None, dict[str, Path]]:
    """Return the manifest header and the file to store for each blob (sealed when encrypted).

    Sealed attachments go into the backup as they are, with the files key wrapped under the
    password in the header; a plain one is sealed into ``work`` first.
    """
    from . import sealed

    blobs = list(blobs)
    sources = {sha: attachments / sha[:2] / sha for sha in blobs}
    if password is None:
        return None, sources
    key = sealed.files_key(attachments.parent) or secrets.token_bytes(32)
    header = {
        "database": cipher.CIPHER,
        "attachments": "aes-256-gcm",
        sealed.ENTRY: sealed.wrap(key, password),
    }
    (work / "sealed").mkdir(exist_ok=True)
    for sha in blobs:
        if not sealed.is_sealed(sources[sha]):
            seal_file(key, sources[sha], work / "sealed" / sha)
            sources[sha] = work / "sealed" / sha
    return header, sources


def encrypted_copy(plain_copy: Path, password: str) -> Path:
    """Turn the plain temporary copy ``plain_copy`` into an encrypted one (same folder)."""
    target = plain_copy.with_name(plain_copy.name + ".encrypted")
    cipher.export_encrypted(plain_copy, target, password)
    plain_copy.unlink()
    os.replace(target, plain_copy)
    cipher.set_key(plain_copy, password)
    return plain_copy


def unseal_restored(header: dict[str, Any], password: str | None, folder: Path, db: Path) -> None:
    """Check the password on an extracted encrypted backup and every sealed attachment in it."""
    from . import sealed

    if password is None:
        raise cipher.PasswordNeeded("该备份已加密，请输入备份时的数据库密码。")
    cipher.check_password(db, password)
    cipher.set_key(db, password)
    entry = header.get(sealed.ENTRY)
    if not isinstance(entry, dict):
        raise UserError("备份文件的加密参数无效。")
    key = sealed.unwrap(entry, password)
    for stored in sorted((folder / "attachments").rglob("*")):
        if stored.is_file():
            plain = stored.with_name(stored.name + ".check")
            try:
                open_sealed(key, stored, plain)
                if _sha256(plain) != stored.name:
                    raise UserError(f"备份中的附件已损坏（校验不符）：{stored.name[:12]}…")
            finally:
                plain.unlink(missing_ok=True)


# ---- converting a data dir ---------------------------------------------------------------------


def _counts(path: Path) -> dict[str, int]:
    from .backup import record_counts

    return record_counts(path)


def encrypt_data_dir(paths: AppPaths, password: str) -> Path:
    """Encrypt the plain database of ``paths`` in place; return the encrypted backup made first.

    The encrypted copy is written to a temporary file beside the database, checked (integrity and
    record counts) and swapped in atomically; the plain file is not kept.
    """
    from . import sealed
    from .backup import SUFFIX, write_backup

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
            if _counts(temp) != _counts(db):
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
    from . import sealed

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
    from .backup import SUFFIX, read_manifest

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


def _sha256(path: Path) -> str:
    from ..data.attachments import sha256_of

    return sha256_of(path)


def _fsync(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())
