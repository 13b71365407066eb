"""Encryption in backups: the sealed attachments and the encrypted database a backup holds.

A backup of an encrypted data dir (or one written with a password) holds the encrypted database
and the sealed attachments as they are, with the wrapped files key in its manifest; restoring
checks the password and every sealed attachment before anything is replaced.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ...domain.errors import UserError
from ...storage import cipher
from ..data.attachments import sha256_of
from . import sealed
from .file_cipher import open_sealed, seal_file


def seal_blobs(
    password: str | None, blobs: Iterable[str], attachments: Path, work: Path
) -> tuple[dict[str, Any] | None, dict[str, Path]]:
    """Return the manifest header and the file to store for each blob (sealed when encrypted).

    Sealed attachments go into the backup as they are, with the files key wrapped under the
    password in the header; a plain one is sealed into ``work`` first.
    """
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
                if sha256_of(plain) != stored.name:
                    raise UserError(f"备份中的附件已损坏（校验不符）：{stored.name[:12]}…")
            finally:
                plain.unlink(missing_ok=True)
