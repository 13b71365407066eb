"""Encryption at rest: SQLCipher keys for database files, and connections that use them.

An encrypted data dir holds ``encryption.json`` (no secret in it, only the fact and the cipher)
beside a SQLCipher 4 database. The password lives only in this process's memory: front ends
register it with :func:`set_key` for the database path after asking the user, and every
connection to that file (SQLAlchemy, integrity checks, backups, checkpoints) goes through
:func:`connect`, which applies it. Files without a registered key open with plain ``sqlite3``
exactly as before.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

from ..domain.errors import UserError
from .connect import connect as plain_connect
from .connect import sqlite_uri

try:  # SQLCipher 4 (package sqlcipher3-wheels); plain data dirs work without it
    import sqlcipher3.dbapi2 as _sqlcipher
except ImportError:  # pragma: no cover - the wheel is a declared dependency
    _sqlcipher = None  # type: ignore[assignment]

MARKER_NAME = "encryption.json"
CIPHER = "sqlcipher4"
SQLITE_HEADER = b"SQLite format 3\x00"
WRONG_PASSWORD = "密码错误：无法用该密码打开加密的数据库，未做任何改动。"

#: Every error a database connection may raise, plain or encrypted.
DB_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error,) + (
    (_sqlcipher.Error,) if _sqlcipher is not None else ()
)
DATABASE_ERRORS: tuple[type[Exception], ...] = (sqlite3.DatabaseError,) + (
    (_sqlcipher.DatabaseError,) if _sqlcipher is not None else ()
)

_keys: dict[str, str] = {}
_raw_keys: dict[tuple[str, bytes], bytes] = {}
KDF_ROUNDS = 256_000  # SQLCipher 4 default (PBKDF2-HMAC-SHA512)


class PasswordNeeded(UserError):
    """The database is encrypted and no password was given."""


class WrongPassword(UserError):
    """The password given does not open the encrypted database; nothing was changed."""


def _norm(path: Path | str) -> str:
    return os.path.normcase(os.path.abspath(os.fspath(path)))


def set_key(path: Path | str, password: str | None) -> None:
    """Use ``password`` for every connection to ``path`` in this process (None: forget it)."""
    if password is None:
        _keys.pop(_norm(path), None)
    else:
        _keys[_norm(path)] = password


def key_for(path: Path | str) -> str | None:
    """Return the password registered for ``path``, if any."""
    return _keys.get(_norm(path))


def forget_all() -> None:
    """Drop every password and derived key held in memory (tests)."""
    _keys.clear()
    _raw_keys.clear()


def module() -> Any:
    """Return the sqlcipher3 DB-API module, or refuse clearly when it is missing."""
    if _sqlcipher is None:
        raise UserError("未安装加密组件（sqlcipher3-wheels），无法打开或建立加密的数据库。")
    return _sqlcipher


def quote(password: str) -> str:
    """Return ``password`` as an SQL string literal for PRAGMA key (no binding there)."""
    return "'" + password.replace("'", "''") + "'"


def file_starts_with(path: Path, prefix: bytes) -> bool:
    """Tell whether the file ``path`` starts with ``prefix`` (False when it cannot be read)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(prefix)) == prefix
    except OSError:
        return False


def has_plain_header(path: Path) -> bool:
    """Tell whether ``path`` starts with the plain SQLite header."""
    return file_starts_with(path, SQLITE_HEADER)


def needs_password(db: Path) -> bool:
    """Tell whether ``db`` is an encrypted database of a data dir marked as encrypted."""
    try:
        size = db.stat().st_size
    except OSError:
        return False
    return size > 0 and not has_plain_header(db) and is_marked(db.parent)


def marker_path(data_dir: Path) -> Path:
    return Path(data_dir) / MARKER_NAME


def is_marked(data_dir: Path) -> bool:
    """Tell whether the data dir says its database is encrypted."""
    return marker_path(data_dir).is_file()


def write_marker(data_dir: Path, extra: dict[str, Any] | None = None) -> None:
    """Record that the data dir's database is encrypted (``extra``: wrapped keys, no secret)."""
    text = json.dumps(
        {"cipher": CIPHER, "note": "数据库已用密码加密；遗失密码无法恢复数据。", **(extra or {})},
        ensure_ascii=False,
        indent=1,
    )
    target = marker_path(data_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(target.name + ".tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, target)


def remove_marker(data_dir: Path) -> None:
    marker_path(data_dir).unlink(missing_ok=True)


def connect(
    path: Path | str, *, readonly: bool = False, password: str | None = None, **kwargs: Any
) -> Any:
    """Open ``path`` with the key registered for it (or ``password``), else with plain sqlite3."""
    key = password if password is not None else key_for(path)
    if key is None:  # plain: the one place plain connections are made (storage/connect.py)
        return plain_connect(Path(path), read_only=readonly, **kwargs)
    target = sqlite_uri(Path(path), mode="ro") if readonly else str(path)
    conn = module().connect(target, uri=readonly, **kwargs)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = {_key_literal(path, key)}")
    except BaseException:
        conn.close()
        raise
    return conn


def _key_literal(path: Path | str, password: str) -> str:
    """The PRAGMA key value: for an existing file, the raw key SQLCipher 4 would derive.

    SQLCipher derives its key with PBKDF2-HMAC-SHA512 (256,000 rounds) over the salt in the
    file's first 16 bytes on every connection; deriving it once per process and passing it raw
    (with the same salt) opens the same file without repeating the work for each connection.
    """
    try:
        with open(path, "rb") as handle:
            salt = handle.read(16)
    except OSError:
        salt = b""
    if len(salt) < 16 or salt == SQLITE_HEADER:
        return quote(password)
    cached = _raw_keys.get((password, salt))
    if cached is None:
        cached = hashlib.pbkdf2_hmac("sha512", password.encode("utf-8"), salt, KDF_ROUNDS, 32)
        _raw_keys[(password, salt)] = cached
    return f"\"x'{cached.hex()}{salt.hex()}'\""


def check_password(path: Path, password: str) -> None:
    """Raise WrongPassword unless ``password`` opens the encrypted database ``path``."""
    try:
        conn = connect(path, readonly=True, password=password)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except DATABASE_ERRORS:
        raise WrongPassword(WRONG_PASSWORD) from None


def export_encrypted(plain: Path, target: Path, password: str) -> None:
    """Write an encrypted copy of the plain database ``plain`` to the new file ``target``."""
    conn = module().connect(str(plain))
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"ATTACH DATABASE ? AS encrypted KEY {quote(password)}", (str(target),))
        conn.execute("SELECT sqlcipher_export('encrypted')")
        conn.execute("DETACH DATABASE encrypted")
    finally:
        conn.close()


def rekey(path: Path, old: str, new: str) -> None:
    """Re-encrypt ``path`` from password ``old`` to ``new`` (one transaction inside SQLCipher)."""
    check_password(path, old)
    conn = connect(path, password=old)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute(f"PRAGMA rekey = {quote(new)}")
    finally:
        conn.close()
    check_password(path, new)
