"""Opening the database safely: lock, integrity check, schema migrations, unit of work."""

from __future__ import annotations

import getpass
import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.pool import QueuePool

from . import cipher
from .connect import storage_problem
from .integrity import (
    SQLITE_HEADER,
    DatabaseDamaged,
    NewerSchema,
    NotCreated,
    StorageFailed,
    check_integrity,
    connect,
)
from .lock import InstanceLock
from .migrations import runner
from .write_gate import WriteGate, dispose_untouched, is_refused

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

# The errors and the check live in storage/integrity.py; callers import them from here too.
__all__ = [
    "Database",
    "DatabaseDamaged",
    "NewerSchema",
    "NotCreated",
    "StorageFailed",
    "check_integrity",
    "connect",
    "copy_database",
    "make_engine",
]


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


def make_engine(path: Path, *, read_only: bool = False, gate: WriteGate | None = None) -> Engine:
    """Create an engine for ``path`` with the pragmas every connection needs.

    Connections come from ``cipher.connect`` with the plain path (no URL to escape), so any
    character in the data dir's path is safe; an encrypted database gets its key there
    (storage/cipher.py); ``read_only`` opens without writing a byte. Until ``gate`` has
    passed, each new connection's writes wait for it (storage/write_gate.py).
    """
    options: dict[str, Any] = {}
    if cipher.key_for(path) is not None:  # encryption at rest: SQLCipher's DB-API module
        options["module"] = cipher.module()
    engine = create_engine(
        "sqlite://",
        creator=lambda: connect(path, read_only=read_only, check_same_thread=False),
        poolclass=QueuePool,  # as for a file URL: one connection per session, not one per thread
        future=True,
        **options,
    )
    event.listen(engine, "connect", _set_read_only_pragmas if read_only else _set_pragmas)
    if gate is not None and not gate.passed:

        def hold_writes(dbapi_connection: Any, _record: Any) -> None:
            if not gate.passed:
                dbapi_connection.set_authorizer(gate.authorize)

        event.listen(engine, "connect", hold_writes)
    return engine


def _set_read_only_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


def copy_database(source: Path, target: Path) -> None:
    """Copy a live SQLite database consistently with the online backup API."""
    target.parent.mkdir(parents=True, exist_ok=True)
    cipher.set_key(target, cipher.key_for(source))  # an encrypted database's copy is encrypted
    src = connect(source)
    try:
        dst = connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


class Database:
    """An open, locked, up-to-date database and the way to run units of work on it.

    Opening it needs SQLAlchemy Core only: the ORM, the models and the audit listener load
    with the first ``session()`` (the GUI's window reads its unit list before that, through
    storage/unit_list.py, and is usable while they load).
    """

    def __init__(
        self, path: Path, engine: Engine, lock: InstanceLock | None, gate: WriteGate | None = None
    ) -> None:
        self.path = path
        self.engine = engine
        self._lock = lock
        self.gate = gate or WriteGate.open()
        self._factory: sessionmaker[Session] | None = None
        self.actor = _current_user()
        self.clock: Callable[[], datetime] = datetime.now
        self.read_only = False
        self.opened_audit_id = 0  # the newest audit entry when opened: what changed since

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        backups_dir: Path,
        lock_path: Path | None = None,
        create: bool = True,
        read_only: bool = False,
        check_in_background: bool = False,
    ) -> Database:
        """Lock, check, migrate and open ``path``.

        A missing file is created (atomically, see ``create_database``) only with ``create``;
        otherwise NotCreated. An existing file must be one of ours (check_integrity). With
        ``read_only`` nothing is written: no migration, every write refused by SQLite.
        With ``check_in_background`` (the GUI) an up-to-date file's quick_check runs behind
        the write gate (``self.gate``): reads go ahead, writes wait for it to pass.
        """
        lock = InstanceLock(lock_path, shared_ok=read_only) if lock_path else None
        if lock:
            lock.acquire()
        gate = WriteGate.open()
        try:
            if path.exists() and check_in_background and not read_only:
                gate = _check_or_defer(path)
            elif path.exists():
                check_integrity(path)
            elif not create or read_only:
                raise NotCreated(
                    f"尚未创建数据库（{path}）。请先运行 branch-desk init 或 demo 建立党支部，"
                    "或用 branch-desk restore 从备份恢复。"
                )
            else:
                from .create import create_database  # it builds with make_engine (this module)

                create_database(path)
            engine = _open_engine(path, backups_dir, read_only, gate)
        except BaseException:
            gate.join()
            if lock:
                lock.release()
            raise
        database = cls(path, engine, lock, gate)
        database.read_only = read_only
        database.opened_audit_id = database.last_audit_id()
        return database

    @contextmanager
    def session(self, *, audited: bool = True) -> Iterator[Session]:
        """Run one unit of work: commit on success, roll back on any error, always close."""
        from . import audit

        session = self._sessions()()
        session.info[audit.AUDIT_ENABLED] = audited
        session.info[audit.AUDIT_ACTOR] = self.actor
        session.info[audit.AUDIT_CLOCK] = self.clock
        try:
            yield session
            session.commit()
        except DBAPIError as exc:
            session.rollback()
            refused = self.gate.refusal() if is_refused(exc) else None
            if refused is not None:
                raise StorageFailed(refused) from exc
            if isinstance(exc, OperationalError):
                raise StorageFailed(_storage_message(exc)) from exc
            raise
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def _sessions(self) -> sessionmaker[Session]:
        """The session factory, made (with the ORM, the models and the listeners) at first use."""
        if self._factory is None:
            from sqlalchemy.orm import sessionmaker

            from . import audit, text_limits  # noqa: F401 — they register their listeners

            self._factory = sessionmaker(self.engine, expire_on_commit=False)
        return self._factory

    def last_audit_id(self) -> int:
        """The id of the newest audit log entry (0 when the log is empty), read without the ORM."""
        with self.engine.connect() as conn:
            found = conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM audit_log").scalar()
        return int(found or 0)

    def now(self) -> datetime:
        """Return the local time used for stamps (replaceable in tests)."""
        return self.clock().replace(microsecond=0)

    def schema_revision(self) -> str | None:
        """Return the Alembic revision the database is at."""
        with self.engine.connect() as conn:
            return runner.current_revision(conn)

    def close(self) -> None:
        """Dispose of connections (checkpointing the WAL) and release the lock.

        A file that failed (or has not finished) its check is left as it is: no checkpoint.
        """
        self.gate.join(self.gate.wait_seconds)
        if self.gate.passed:
            self.engine.dispose()
            self._checkpoint()
        else:
            dispose_untouched(self.engine, lambda: connect(self.path, read_only=True))
        if self._lock:
            self._lock.release()
            self._lock = None

    def _checkpoint(self) -> None:
        if self.read_only:
            return
        try:
            conn = connect(self.path)
            try:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()
        except cipher.DB_ERRORS:
            log.warning("WAL checkpoint failed on close", exc_info=True)


def _check_or_defer(path: Path) -> WriteGate:
    """Check ``path`` now if opening it writes (a migration, a switch to WAL, a key), else later.

    The cheap part of the check (ours, a known revision) always runs now; quick_check runs
    behind a write gate only for an up-to-date, plain file already in WAL mode.
    """
    revision = check_integrity(path, quick_check=False)
    with open(path, "rb") as handle:
        header = handle.read(20)
    in_wal = header[:16] == SQLITE_HEADER and header[18:20] == b"\x02\x02"
    if revision != runner.head_revision() or not in_wal:
        check_integrity(path)
        return WriteGate.open()
    return WriteGate.checking(lambda: check_integrity(path))


def _migrate(engine: Engine, path: Path, backups_dir: Path) -> None:
    with engine.connect() as conn:
        current = runner.current_revision(conn)
    head = runner.head_revision()
    if current == head:
        return
    if current is not None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = backups_dir / f"before-upgrade-{current}-{stamp}.sqlite3"
        try:
            copy_database(path, kept)
        except BaseException:
            kept.unlink(missing_ok=True)  # never leave a partial copy (a full disk)
            raise
        log.info("upgrading database %s from %s to %s", path, current, head)
    with engine.begin() as conn:
        runner.upgrade(conn, head)


def _open_engine(path: Path, backups_dir: Path, read_only: bool, gate: WriteGate) -> Engine:
    """Make the engine and bring the schema up to date; disk trouble is not called damage."""
    engine = make_engine(path, read_only=read_only, gate=gate)
    try:
        if read_only:
            with engine.connect() as conn:
                current = runner.current_revision(conn)
            if current != runner.head_revision():
                raise StorageFailed(
                    f"数据目录为只读（{path.parent}），而该数据文件须先升级到本版本的结构才能打开；"
                    "请在可写的位置打开一次。数据文件未做任何改动。"
                )
        else:
            _migrate(engine, path, backups_dir)
    except BaseException as exc:
        engine.dispose()
        orig = exc.orig if isinstance(exc, OperationalError) else exc
        if isinstance(orig, sqlite3.Error):
            raise StorageFailed(open_message(orig, path)) from exc
        raise
    return engine


def open_message(exc: sqlite3.Error, path: Path) -> str:
    problem = storage_problem(exc, path.parent) or f"数据库无法写入（{exc}）"
    log.error("opening %s failed: %s", path, exc)
    return f"无法打开数据库 {path}：{problem}。数据文件未做任何改动。"


def _current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return ""
