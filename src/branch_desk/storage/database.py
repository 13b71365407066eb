"""Opening the database safely: lock, integrity check, schema migrations, unit of work."""

from __future__ import annotations

import getpass
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ..domain.errors import UserError
from . import audit, cipher, text_limits  # noqa: F401 — text_limits registers its flush check
from .lock import InstanceLock
from .migrations import runner

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"


class DatabaseDamaged(UserError):
    """The database file fails the integrity check or is not a database at all."""


class NewerSchema(UserError):
    """The database was written by a newer version of Branch Desk."""


class StorageFailed(UserError):
    """SQLite could not write (disk full, read-only data dir, locked file); nothing was saved."""


def _storage_message(exc: OperationalError) -> str:
    detail = str(exc.orig) if exc.orig is not None else str(exc)
    lowered = detail.lower()
    if "full" in lowered or "disk i/o" in lowered:
        reason = "磁盘空间不足或磁盘读写出错"
    elif "readonly" in lowered or "read-only" in lowered:
        reason = "数据目录为只读，无法写入"
    elif "locked" in lowered or "busy" in lowered:
        reason = "数据库正被其他程序占用"
    else:
        reason = "数据库无法写入"
    log.error("database write failed: %s", detail)
    return f"保存失败：{reason}（{detail}）。本次操作未保存任何数据，已有数据不受影响。"


def _set_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(path: Path) -> Engine:
    """Create an engine for ``path`` with the pragmas every connection needs."""
    if cipher.key_for(path) is not None:  # encryption at rest (storage/cipher.py)
        engine = create_engine(
            f"sqlite:///{path}",
            creator=lambda: cipher.connect(path, check_same_thread=False),
            module=cipher.module(),
            future=True,
        )
    else:
        engine = create_engine(
            f"sqlite:///{path}", connect_args={"check_same_thread": False}, future=True
        )
    event.listen(engine, "connect", _set_pragmas)
    return engine


def check_integrity(path: Path) -> str | None:
    """Check ``path`` read-only, without changing a byte; return its schema revision.

    Raise DatabaseDamaged unless it is a readable SQLite file passing quick_check and
    either empty or one of ours; raise NewerSchema for a revision this version does not know.
    """
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseDamaged(f"无法读取数据库文件 {path}：{exc.strerror or exc}") from None
    if not header:
        return None
    if header != SQLITE_HEADER and cipher.key_for(path) is None:  # encryption at rest
        if cipher.is_marked(path.parent):
            raise cipher.PasswordNeeded("数据库已加密，请输入密码后再打开。")
        raise DatabaseDamaged(f"数据库文件已损坏或不是支部工作台的数据文件：{path}")
    try:
        if header != SQLITE_HEADER:  # encryption at rest: a wrong password changes nothing
            cipher.check_password(path, cipher.key_for(path) or "")
        conn = cipher.connect(path, readonly=True)
        try:
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
        raise DatabaseDamaged(f"数据库文件已损坏（{exc}）：{path}") from None
    if result != ["ok"]:
        detail = "；".join(str(r) for r in result[:3])
        raise DatabaseDamaged(f"数据库完整性检查未通过（{detail}）：{path}")
    if revision is None and tables - {"alembic_version"}:
        raise DatabaseDamaged(f"该文件不是支部工作台的数据文件：{path}")
    if revision is not None and not runner.is_known(revision):
        raise NewerSchema(
            f"该数据文件由更新版本的支部工作台创建（结构版本 {revision}），"
            "请安装最新版本后再打开；文件未做任何改动。"
        )
    return revision


def copy_database(source: Path, target: Path) -> None:
    """Copy a live SQLite database consistently with the online backup API."""
    target.parent.mkdir(parents=True, exist_ok=True)
    cipher.set_key(target, cipher.key_for(source))  # an encrypted database's copy is encrypted
    src = cipher.connect(source)
    try:
        dst = cipher.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


class Database:
    """An open, locked, up-to-date database and the way to run units of work on it."""

    def __init__(self, path: Path, engine: Engine, lock: InstanceLock | None) -> None:
        self.path = path
        self.engine = engine
        self._lock = lock
        self._factory = sessionmaker(engine, expire_on_commit=False)
        self.actor = _current_user()
        self.clock: Callable[[], datetime] = datetime.now

    @classmethod
    def open(cls, path: Path, *, backups_dir: Path, lock_path: Path | None = None) -> Database:
        """Lock, check, migrate and open ``path`` (created when missing)."""
        lock = InstanceLock(lock_path) if lock_path else None
        if lock:
            lock.acquire()
        try:
            if path.exists():
                check_integrity(path)
            engine = make_engine(path)
            try:
                _migrate(engine, path, backups_dir)
            except BaseException:
                engine.dispose()
                raise
        except BaseException:
            if lock:
                lock.release()
            raise
        return cls(path, engine, lock)

    @contextmanager
    def session(self, *, audited: bool = True) -> Iterator[Session]:
        """Run one unit of work: commit on success, roll back on any error, always close."""
        session = self._factory()
        session.info[audit.AUDIT_ENABLED] = audited
        session.info[audit.AUDIT_ACTOR] = self.actor
        session.info[audit.AUDIT_CLOCK] = self.clock
        try:
            yield session
            session.commit()
        except OperationalError as exc:
            session.rollback()
            raise StorageFailed(_storage_message(exc)) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def now(self) -> datetime:
        """Return the local time used for stamps (replaceable in tests)."""
        return self.clock().replace(microsecond=0)

    def schema_revision(self) -> str | None:
        """Return the Alembic revision the database is at."""
        with self.engine.connect() as conn:
            return runner.current_revision(conn)

    def close(self) -> None:
        """Dispose of connections (checkpointing the WAL) and release the lock."""
        self.engine.dispose()
        self._checkpoint()
        if self._lock:
            self._lock.release()
            self._lock = None

    def _checkpoint(self) -> None:
        try:
            conn = cipher.connect(self.path)
            try:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()
        except cipher.DB_ERRORS:
            log.warning("WAL checkpoint failed on close", exc_info=True)


def _migrate(engine: Engine, path: Path, backups_dir: Path) -> None:
    with engine.connect() as conn:
        current = runner.current_revision(conn)
    head = runner.head_revision()
    if current == head:
        return
    if current is not None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        copy_database(path, backups_dir / f"before-upgrade-{current}-{stamp}.sqlite3")
        log.info("upgrading database %s from %s to %s", path, current, head)
    with engine.begin() as conn:
        runner.upgrade(conn, head)


def _current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return ""
