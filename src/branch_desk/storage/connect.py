"""The one place SQLite connections are made, from a plain path (any character is safe).

Every connection to a database of the app (the engine's, integrity checks, backups, verify)
comes from ``connect``: a hook added here (e.g. a key for an encrypted database) applies to
all of them. Read-only connections need SQLite's ``file:`` URI; ``sqlite_uri`` escapes the
path, so ``#``, ``?``, ``%41``, spaces, ``&`` or Chinese in the data dir's path address the
right file and nothing is written outside it.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT})
# SQLite primary result codes (the low byte of an extended code).
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 3, 5, 6, 8
SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN = 10, 13, 14
DISK_FULL = "磁盘空间不足"


def sqlite_uri(path: Path, **params: str) -> str:
    """Return a ``file:`` URI for ``path`` with every special character percent-escaped."""
    text = Path(path).absolute().as_posix()
    if not text.startswith("/"):
        text = "/" + text  # C:/x → /C:/x, the form SQLite's Windows VFS expects
    query = "&".join(f"{key}={quote(value, safe='')}" for key, value in params.items())
    return "file://" + quote(text, safe="/:") + (f"?{query}" if query else "")


def connect(path: Path, *, read_only: bool = False, **options: Any) -> sqlite3.Connection:
    """Open a connection to the database file ``path``.

    ``read_only`` never writes a byte; in a folder that cannot be written, a database without
    pending log (WAL) is opened immutable, since SQLite could not create its shared-memory file.
    """
    if not read_only:
        return sqlite3.connect(os.fspath(path), **options)
    params = {"mode": "ro"}
    if not os.access(Path(path).parent, os.W_OK) and not _has_pending_log(path):
        params["immutable"] = "1"
    return sqlite3.connect(sqlite_uri(path, **params), uri=True, **options)


def _has_pending_log(path: Path) -> bool:
    try:
        return Path(f"{path}-wal").stat().st_size > 0
    except OSError:
        return False


def is_disk_full(exc: BaseException) -> bool:
    """Tell whether ``exc`` (OSError or SQLite error) means the disk or quota is full."""
    if isinstance(exc, OSError):
        return exc.errno in DISK_FULL_ERRNOS
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        if code is not None and code & 0xFF == SQLITE_FULL:
            return True
        text = str(exc).lower()
        return "database or disk is full" in text or "file too large" in text
    return False


def storage_problem(exc: sqlite3.Error, folder: Path | None = None) -> str | None:
    """Name a problem of the disk or of access (not of the file's contents), else None.

    SQLITE_CORRUPT and SQLITE_NOTADB are damage (None); a full disk, an I/O error, a file
    that cannot be opened, a read-only folder or a busy file are not, and must not make
    anyone restore a backup over a healthy database. An I/O error in ``folder`` whose disk
    has almost no room left is reported as a full disk.
    """
    if is_disk_full(exc):
        return DISK_FULL + "，请清理磁盘后重试"
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if code is not None else None
    if primary == SQLITE_IOERR:
        if folder is not None and _nearly_full(folder):
            return DISK_FULL + "，请清理磁盘后重试"
        return f"磁盘读写出错（{exc}），请检查磁盘后重试"
    if primary in (SQLITE_READONLY, SQLITE_PERM):
        return "数据目录为只读或没有权限，无法写入"
    if primary == SQLITE_CANTOPEN:
        return "无法打开数据库文件（没有权限或磁盘不可用）"
    if primary in (SQLITE_BUSY, SQLITE_LOCKED):
        return "数据库正被其他程序占用"
    return None


def _nearly_full(folder: Path, margin: int = 4 * 1024 * 1024) -> bool:
    try:
        return shutil.disk_usage(folder).free < margin
    except OSError:
        return False
