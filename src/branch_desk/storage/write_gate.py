"""The write gate: nothing is written to a database file that has not passed its integrity check.

The GUI opens a sound-looking database at once and runs ``PRAGMA quick_check`` in a background
thread on its own read-only connection. Until the check has passed, every engine connection
carries a SQLite authorizer (``WriteGate.authorize``) that makes any statement which would
write the file wait for the check (``WAIT_SECONDS`` at most) and refuses it when the check
failed or did not finish; reads are never held up. Writers outside SQL (backups, the WAL
checkpoint on close) ask ``WriteGate.require`` or ``WriteGate.passed`` first.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine

from ..domain.errors import UserError

log = logging.getLogger(__name__)

WAIT_SECONDS = 120.0

# Authorizer actions that change the database file (CREATE/DROP of every kind, DML, ALTER...).
WRITE_ACTIONS = frozenset(
    {
        sqlite3.SQLITE_CREATE_INDEX,
        sqlite3.SQLITE_CREATE_TABLE,
        sqlite3.SQLITE_CREATE_TRIGGER,
        sqlite3.SQLITE_CREATE_VIEW,
        sqlite3.SQLITE_DELETE,
        sqlite3.SQLITE_DROP_INDEX,
        sqlite3.SQLITE_DROP_TABLE,
        sqlite3.SQLITE_DROP_TRIGGER,
        sqlite3.SQLITE_DROP_VIEW,
        sqlite3.SQLITE_INSERT,
        sqlite3.SQLITE_UPDATE,
        sqlite3.SQLITE_ALTER_TABLE,
        sqlite3.SQLITE_REINDEX,
        sqlite3.SQLITE_ANALYZE,
        sqlite3.SQLITE_CREATE_VTABLE,
        sqlite3.SQLITE_DROP_VTABLE,
    }
)
# Pragmas that write the file (when given a value, or always for the last two).
WRITING_PRAGMAS = frozenset({"journal_mode", "user_version", "application_id", "page_size"})
ALWAYS_WRITING_PRAGMAS = frozenset({"wal_checkpoint", "incremental_vacuum", "optimize"})

NOT_FINISHED = (
    "数据库完整性检查尚未完成（已等待 {seconds:.0f} 秒），为保护数据暂不能保存。"
    "本次操作未保存任何数据，请稍后重试。"
)
REFUSED = "数据库完整性检查未通过，为保护数据已拒绝一切写入：{problem}本次操作未保存任何数据。"


class WriteGate:
    """Holds writes to one database file until its integrity check has passed.

    A gate is open (passed) from the start when the check already ran before opening
    (``WriteGate.open``); ``WriteGate.checking`` runs ``check`` on a daemon thread. ``check``
    raises a UserError (DatabaseDamaged, StorageFailed...) when the file must not be written.
    """

    def __init__(self) -> None:
        self._settled = threading.Event()
        self._error: UserError | None = None
        self._listeners: list[Callable[[WriteGate], None]] = []
        self._after_pass: list[Callable[[], None]] = []
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.wait_seconds = WAIT_SECONDS

    @classmethod
    def open(cls) -> WriteGate:
        """A gate for a file checked before it was opened (or just created by us)."""
        gate = cls()
        gate._settled.set()
        return gate

    @classmethod
    def checking(cls, check: Callable[[], object], name: str = "integrity-check") -> WriteGate:
        """Start ``check`` in the background; writes wait until it returns."""
        gate = cls()
        gate._thread = threading.Thread(target=gate._run, args=(check,), name=name, daemon=True)
        gate._thread.start()
        return gate

    def _run(self, check: Callable[[], object]) -> None:
        try:
            check()
        except UserError as exc:
            log.error("background integrity check failed: %s", exc.message)
            self._error = exc
        except Exception as exc:  # an unexpected failure must never let writes through
            log.exception("background integrity check crashed")
            self._error = UserError(f"检查时出错（{exc}）")
        with self._lock:
            self._settled.set()
            listeners = list(self._listeners)
            after = list(self._after_pass) if self._error is None else []
        for listener in listeners:
            _quietly(listener, self)
        for task in after:
            _quietly(task)

    @property
    def settled(self) -> bool:
        """Tell whether the check has finished (either way)."""
        return self._settled.is_set()

    @property
    def passed(self) -> bool:
        """Tell whether the check finished and passed (writes may go ahead)."""
        return self._settled.is_set() and self._error is None

    @property
    def error(self) -> UserError | None:
        """The check's failure (DatabaseDamaged for damage), or None."""
        return self._error if self._settled.is_set() else None

    def on_settled(self, listener: Callable[[WriteGate], None]) -> None:
        """Call ``listener(gate)`` once the check finished (now, if it already has).

        Called on the checking thread: a GUI must hand it over to its own thread.
        """
        with self._lock:
            if not self._settled.is_set():
                self._listeners.append(listener)
                return
        listener(self)

    def after_pass(self, task: Callable[[], None]) -> None:
        """Run ``task`` once the check passed (on the checking thread; now if it already has)."""
        with self._lock:
            if not self._settled.is_set():
                self._after_pass.append(task)
                return
        if self._error is None:
            task()

    def join(self, timeout: float | None = None) -> None:
        """Wait for the checking thread and what it runs after the check (idempotent)."""
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    def refusal(self) -> str | None:
        """Wait for the check; return why writing is refused (in Chinese), or None to go ahead."""
        if not self._settled.wait(self.wait_seconds):
            return NOT_FINISHED.format(seconds=self.wait_seconds)
        if self._error is None:
            return None
        problem = self._error.message.rstrip("。") + "。"
        return REFUSED.format(problem=problem)

    def require(self) -> None:
        """Wait for the check; raise StorageFailed when the file must not be written."""
        reason = self.refusal()
        if reason is not None:
            from .database import StorageFailed  # database.py imports this module

            raise StorageFailed(reason)

    def authorize(
        self, action: int, arg1: str | None, arg2: str | None, db_name: str | None, _src: object
    ) -> int:
        """SQLite authorizer: hold any statement that writes the file until the check passed."""
        if self._settled.is_set() and self._error is None:
            return sqlite3.SQLITE_OK
        if not _writes_file(action, arg1, arg2, db_name):
            return sqlite3.SQLITE_OK
        return sqlite3.SQLITE_OK if self.refusal() is None else sqlite3.SQLITE_DENY


def _writes_file(action: int, arg1: str | None, arg2: str | None, db_name: str | None) -> bool:
    if action == sqlite3.SQLITE_PRAGMA:
        name = (arg1 or "").lower()
        return name in ALWAYS_WRITING_PRAGMAS or (name in WRITING_PRAGMAS and arg2 is not None)
    return action in WRITE_ACTIONS and db_name != "temp"


def is_refused(exc: BaseException) -> bool:
    """Tell whether a SQLite error is the authorizer's refusal ("not authorized")."""
    return "not authorized" in str(exc)


def dispose_untouched(engine: Engine, open_reader: Callable[[], Any]) -> None:
    """Close ``engine`` without the checkpoint SQLite makes when a last writer closes.

    A read-only connection (``open_reader``) that has read the file stays open meanwhile, so
    none of the engine's connections is the last; it cannot checkpoint when it closes itself.
    """
    keeper = None
    try:
        keeper = open_reader()
        keeper.execute("PRAGMA schema_version").fetchone()
    except Exception:
        log.warning("could not hold the database open while closing", exc_info=True)
    try:
        engine.dispose()
    finally:
        if keeper is not None:
            keeper.close()


def _quietly(call: Callable[..., None], *args: object) -> None:
    try:
        call(*args)
    except Exception:
        log.exception("a task after the integrity check failed")
