"""Is a file a sound database of ours? The check made before anything is written to it, and
the errors of opening one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..domain.errors import UserError
from . import cipher
from .connect import storage_problem
from .migrations import runner

SQLITE_HEADER = b"SQLite format 3\x00"


class DatabaseDamaged(UserError):
    """The database file fails the integrity check or is not a database at all."""


class NewerSchema(UserError):
    """The database was written by a newer version of Branch Desk."""


class StorageFailed(UserError):
    """SQLite could not write (disk full, read-only data dir, locked file); nothing was saved."""


class NotCreated(UserError):
    """There is no database yet and the command does not create one."""


NOT_OURS = (
    "该文件不是支部工作台的数据文件（{detail}）：{path}。"
    "文件未做任何改动；如有备份，可用 branch-desk restore 恢复。"
)


def connect(path: Path, *, read_only: bool = False, **options: Any) -> Any:
    """Open a connection to ``path``: with its key when encrypted (storage/cipher.py), else plain
    through storage/connect.py (escaped read-only URIs, immutable in a read-only folder)."""
    return cipher.connect(path, readonly=read_only, **options)


def check_integrity(path: Path, *, quick_check: bool = True) -> str:
    """Check ``path`` read-only, without changing a byte; return its schema revision.

    Raise DatabaseDamaged unless it is a readable SQLite file passing quick_check (skipped
    without ``quick_check``: the write gate runs it later) and one of
    ours (an empty, 0-byte or foreign file is never taken for a new database); raise
    NewerSchema for a revision this version does not know; raise StorageFailed when the disk,
    not the file, is the problem (full, unreadable), so that no restore is offered over it.
    """
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StorageFailed(f"无法读取数据库文件 {path}：{exc.strerror or exc}") from None
    if not header:
        raise DatabaseDamaged(NOT_OURS.format(detail="文件为空（0 字节）", path=path))
    encrypted = header != SQLITE_HEADER and cipher.key_for(path) is not None
    if header != SQLITE_HEADER and not encrypted:  # encryption at rest: a key opens it below
        if cipher.is_marked(path.parent):
            raise cipher.PasswordNeeded("数据库已加密，请输入密码后再打开。")
        raise DatabaseDamaged(f"数据库文件已损坏或不是支部工作台的数据文件：{path}")
    result, tables, revision = _inspect(path, encrypted, quick_check)
    if result != ["ok"]:
        detail = "；".join(str(r) for r in result[:3])
        raise DatabaseDamaged(f"数据库完整性检查未通过（{detail}）：{path}")
    if revision is None:
        detail = "不含任何数据表" if not tables - {"alembic_version"} else "缺少结构版本"
        raise DatabaseDamaged(NOT_OURS.format(detail=detail, path=path))
    if not runner.is_known(revision):
        raise NewerSchema(
            f"该数据文件由更新版本的支部工作台创建（结构版本 {revision}），"
            "请安装最新版本后再打开；文件未做任何改动。"
        )
    return revision


def _inspect(
    path: Path, encrypted: bool = False, quick_check: bool = True
) -> tuple[list[Any], set[str], str | None]:
    """Run quick_check read-only; return its result, the table names and the revision."""
    try:
        if encrypted:  # encryption at rest: a wrong password changes nothing
            cipher.check_password(path, cipher.key_for(path) or "")
        conn = connect(path, read_only=True)
        try:
            result = ["ok"]
            if quick_check:
                result = [row[0] for row in conn.execute("PRAGMA quick_check")]
            tables = {
                row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            revision = None
            if "alembic_version" in tables:
                found = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = found[0] if found else None
        finally:
            conn.close()
    except cipher.DATABASE_ERRORS as exc:
        problem = storage_problem(exc, path.parent)  # type: ignore[arg-type]
        if problem:
            raise StorageFailed(
                f"无法打开数据库 {path}：{problem}。数据文件未做任何改动。"
            ) from None
        raise DatabaseDamaged(f"数据库文件已损坏（{exc}）：{path}") from None
    return result, tables, revision
