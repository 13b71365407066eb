"""Opening the data dir for a main window already on screen, and watching its integrity check.

The window is shown first as a shell (ui/main_window.py); right after its first frame
``WindowOpening`` asks for the password of an encrypted data dir, opens the data dir on the
task thread (importing SQLAlchemy and opening the database there, so the shell stays
responsive), shows the set-up form for a new data dir and attaches the desk to the window.
The integrity check of an existing file runs behind the write gate (storage/write_gate.py):
reads go ahead, writes and backups wait for it. Should it fail, the window's data is closed
and the damaged-database dialog offers a restore, as at a start over a damaged file.

Nothing here imports SQLAlchemy at load time: the window's first frame must not wait for it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from ...domain.errors import UserError
from ...paths import AppPaths
from ...services.app import BranchDesk
from .. import messages
from ..tasks import CancelFn, ProgressFn

if TYPE_CHECKING:
    from ..main_window import MainWindow

log = logging.getLogger(__name__)

# Open anyway this long after show() if no paint came (a window opened minimised).
START_FALLBACK_MS = 1000
RETRY_MS = 200


class WindowOpening(QObject):
    """Opens ``paths`` for ``window`` once it has been painted; None of it blocks the first frame.

    ``exit_code`` is set when the program must end without running (the user cancelled, the
    data dir could not be opened); ``desks`` holds every desk opened, for ``close_all``.
    """

    check_failed = Signal(object)  # the background integrity check's UserError (any thread)
    quit_requested = Signal(int)  # the program must end with this exit code

    def __init__(self, window: MainWindow, paths: AppPaths) -> None:
        super().__init__(window)
        self.window = window
        self.paths = paths
        self.desks: list[BranchDesk] = []
        self.exit_code: int | None = None
        self.started = False
        self.check_failed.connect(self._check_failed, Qt.ConnectionType.QueuedConnection)
        window.first_painted.connect(self.start, Qt.ConnectionType.QueuedConnection)
        QTimer.singleShot(START_FALLBACK_MS, self, self.start)  # dropped if self is deleted

    def start(self) -> None:
        """Begin opening (once): the password if needed, then the data dir on the task thread."""
        if self.started:
            return
        self.started = True
        from ...services.safety import keys as cipher

        database = self.paths.database
        if cipher.needs_password(database):  # encryption at rest
            from ..security import unlock  # SQLAlchemy comes with it: only when needed

            if not unlock(database, self.window):
                self.quit(1)
                return
        self.window.tasks.run(
            self._open,
            self._opened,
            self._refused,
            title="正在打开数据",
            parent=self.window,
            cancellable=False,
        )

    def _open(self, _progress: ProgressFn, _cancel: CancelFn) -> BranchDesk:
        """Open the data dir, its integrity check in the background (on the task thread)."""
        desk = BranchDesk.open(self.paths, create=True, check_in_background=True)
        self.desks.append(desk)
        return desk

    def _opened(self, desk: BranchDesk) -> None:
        if desk.read_only:  # the notice's module loads the restore code: only when needed
            from .startup import opened

            opened(self.paths, desk)
        self._attach(desk)

    def _refused(self, exc: Exception) -> None:
        from .startup import explain_failure

        if not isinstance(exc, UserError | OSError):
            log.error("opening the data dir failed", exc_info=exc)
            messages.warn(None, f"无法打开数据目录：{exc}（详情已写入日志）。", "支部工作台")
            self.quit(3)
            return
        desk = explain_failure(self.paths, exc)
        if desk is None:
            self.quit(1)
            return
        self.desks.append(desk)
        self._attach(desk)

    def _attach(self, desk: BranchDesk) -> None:
        """Set up a new data dir, then give the desk to the window and watch its check."""
        from ..app import set_up_first

        ready = set_up_first(desk)
        if ready is None:
            self.quit(0)
            return
        if ready is not desk:
            self.desks.append(ready)
        self.window.attach(ready)
        ready.when_checked(self._checked)

    def _checked(self, error: UserError | None) -> None:
        """Called on the checking thread: hand a failure over to the GUI thread."""
        if error is not None:
            self.check_failed.emit(error)

    def _check_failed(self, error: UserError) -> None:
        """The background check failed: every write is refused; offer a restore for damage."""
        from ...services.safety.open_errors import DatabaseDamaged

        if not isinstance(error, DatabaseDamaged):
            messages.show_error(self.window, error, "数据完整性检查")
            return
        if self.window.tasks.busy():  # let the running work end (its writes are refused)
            QTimer.singleShot(RETRY_MS, self, lambda: self._check_failed(error))
            return
        self._recover(error.message)

    def _recover(self, problem: str) -> None:
        from .startup import recover

        old = self.window.desk
        old.automatic_backups = False  # a damaged file is never backed up over good backups
        old.close()
        desk = recover(self.paths, problem)
        if desk is None:
            self.quit(1)
            return
        self.desks.append(desk)
        self.window.replace_desk(desk)

    def quit(self, code: int) -> None:
        """End with ``code``: close the window and ask the caller's event loop to stop."""
        self.exit_code = code
        self.window.close()
        self.quit_requested.emit(code)

    def close_all(self) -> None:
        """Close every desk opened here and the window's own (idempotent)."""
        desks = list(self.desks)
        if self.window.attached:
            desks.append(self.window.desk)
        for desk in reversed(desks):
            desk.close()
