"""Attachments of an encrypted data dir: sealed on disk with a random files key.

The files key (256 bits, random) seals every attachment with AES-256-GCM (file_cipher.py
``seal_file``). It is kept only wrapped: AES-GCM under a key derived from the database password
with scrypt, in ``encryption.json`` (salt, nonce and wrapped key — nothing usable without the
password). Changing the password re-wraps it; a backup carries the sealed files as they are and
the wrapped key in its manifest. A sealed file starts with ``BDENC1``; a plain one (plain data
dir) is read as is.
"""

from __future__ import annotations

import atexit
import json
import os
import secrets
import shutil
import tempfile
from pathlib import Path
from typing import Any

from ...domain.errors import UserError
from ...paths import DATABASE_NAME
from ...storage import cipher
from .file_cipher import MAGIC, SCRYPT, derive_key, open_sealed, seal_file

ENTRY = "files_key"
PREVIOUS = "files_key_previous"
_keys: dict[str, bytes] = {}
_opened: list[Path] = []


def wrap(files_key: bytes, password: str) -> dict[str, Any]:
    """Return the wrapped form of ``files_key`` (to store beside the data)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    wrapped = AESGCM(derive_key(password, salt)).encrypt(nonce, files_key, b"files key")
    return {"salt": salt.hex(), "nonce": nonce.hex(), "wrapped": wrapped.hex(), **SCRYPT}


def unwrap(entry: dict[str, Any], password: str) -> bytes:
    """Return the files key from its wrapped form; WrongPassword when it does not open."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        salt, nonce = bytes.fromhex(entry["salt"]), bytes.fromhex(entry["nonce"])
        wrapped = bytes.fromhex(entry["wrapped"])
        key = derive_key(password, salt, entry)
        return AESGCM(key).decrypt(nonce, wrapped, b"files key")
    except InvalidTag:
        raise cipher.WrongPassword(cipher.WRONG_PASSWORD) from None
    except (KeyError, TypeError, ValueError):
        raise UserError("附件密钥记录无效（encryption.json）。") from None


def read_entry(data_dir: Path, which: str = ENTRY) -> dict[str, Any] | None:
    """Return the wrapped files key recorded for ``data_dir`` (None: none)."""
    try:
        found = json.loads(cipher.marker_path(data_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    entry = found.get(which) if isinstance(found, dict) else None
    return entry if isinstance(entry, dict) else None


def save_entry(
    data_dir: Path, entry: dict[str, Any] | None, previous: dict[str, Any] | None = None
) -> None:
    """Write the marker with ``entry`` (atomically) and forget any cached key of the dir."""
    extra = {ENTRY: entry} if entry else {}
    if previous:
        extra[PREVIOUS] = previous
    cipher.write_marker(data_dir, extra)
    _keys.pop(os.path.abspath(data_dir), None)


def create_key(data_dir: Path, password: str) -> bytes:
    """Make a new files key for ``data_dir``, record it wrapped, and return it."""
    files_key = secrets.token_bytes(32)
    save_entry(data_dir, wrap(files_key, password))
    _keys[os.path.abspath(data_dir)] = files_key
    return files_key


def files_key(data_dir: Path) -> bytes | None:
    """The files key of an encrypted, unlocked data dir; None for a plain one."""
    password = cipher.key_for(Path(data_dir) / DATABASE_NAME)
    if password is None or not cipher.is_marked(data_dir):
        return None
    cached = _keys.get(os.path.abspath(data_dir))
    if cached is not None:
        return cached
    entry = read_entry(data_dir)
    if entry is None:
        return None
    try:
        key = unwrap(entry, password)
    except cipher.WrongPassword:  # a password change was interrupted before the rekey
        previous = read_entry(data_dir, PREVIOUS)
        if previous is None:
            raise
        key = unwrap(previous, password)
    _keys[os.path.abspath(data_dir)] = key
    return key


def forget_keys() -> None:
    _keys.clear()


def entry_of(header: object) -> dict[str, Any] | None:
    """The wrapped files key in a backup's ``encryption`` header (None when absent or odd)."""
    entry = header.get(ENTRY) if isinstance(header, dict) else None
    return entry if isinstance(entry, dict) else None


def copy_atomically(source: Path, target: Path) -> None:
    """Copy ``source`` over ``target`` through a temporary file beside it."""
    temp = target.with_name(f".restoring-{target.name}")
    try:
        shutil.copyfile(source, temp)
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)


def is_sealed(path: Path) -> bool:
    return cipher.file_starts_with(path, MAGIC)


def seal_in_place(path: Path, key: bytes) -> None:
    """Replace the plain file ``path`` by its sealed form (atomically)."""
    if is_sealed(path):
        return
    temp = path.with_name(f".sealing-{path.name}")
    try:
        seal_file(key, path, temp)
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def plain_copy(path: Path, key: bytes | None, target: Path) -> Path:
    """Write the plain content of the stored file ``path`` to ``target``."""
    if key is not None and is_sealed(path):
        open_sealed(key, path, target)
    else:
        shutil.copyfile(path, target)
    return target


def readable_path(path: Path, key: bytes | None) -> Path:
    """``path`` itself when plain, else a decrypted copy in a private temp folder (removed at exit)."""
    if key is None or not is_sealed(path):
        return path
    folder = Path(tempfile.mkdtemp(prefix="branch-desk-"))  # 0700
    _opened.append(folder)
    return plain_copy(path, key, folder / path.name)


@atexit.register
def _remove_opened() -> None:
    for folder in _opened:
        shutil.rmtree(folder, ignore_errors=True)
    _opened.clear()
