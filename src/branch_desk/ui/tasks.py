"""The one background-task helper: a single worker thread and a delayed progress dialog.

Threading contract: ``TaskRunner.run`` executes ``work(progress, cancel)`` on a pool with one
thread (the only thread the UI ever starts). ``progress(fraction, message)`` and ``cancel()``
may be called from the worker; results and errors come back on the GUI thread by signal.
The progress dialog appears only when the work lasts longer than ``DIALOG_DELAY_MS``; a
``quiet`` task (a page reading its figures, which shows its own placeholder) never shows one.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget
from shiboken6 import isValid

from .dialog_guard import FittedDialog

log = logging.getLogger(__name__)

DIALOG_DELAY_MS = 600
ProgressFn = Callable[[float, str], None]
CancelFn = Callable[[], bool]
Work = Callable[[ProgressFn, CancelFn], Any]

_running = [0]  # jobs inside their run() now (ui/collector.py waits for none)
_running_lock = threading.Lock()


def jobs_running() -> int:
    """How many jobs are running on worker threads at this moment."""
    return _running[0]


class _Signals(QObject):
    progress = Signal(float, str)
    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    """Runs the work on the worker thread and reports through signals."""

    def __init__(self, work: Work, signals: _Signals, stop: threading.Event) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._work, self._signals, self._stop = work, signals, stop

    def run(self) -> None:
        with _running_lock:
            _running[0] += 1
        try:
            result = self._work(self._signals.progress.emit, self._stop.is_set)
        except Exception as exc:  # handed to the GUI thread, which decides what to show
            self._signals.failed.emit(exc)
        else:
            self._signals.succeeded.emit(result)
        finally:
            with _running_lock:
                _running[0] -= 1


class ProgressDialog(FittedDialog):
    """A small window with a message, a bar and a 取消 button."""

    cancel_requested = Signal()

    def __init__(self, title: str, parent: QWidget | None, cancellable: bool = True) -> None:
        super().__init__(parent)
        self.cancellable = cancellable
        self.setWindowTitle(title)
        self.setModal(True)
        self.setMinimumWidth(360)
        self.message = QLabel("正在处理…")
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.cancel_button = QPushButton("取消")
        self.cancel_button.clicked.connect(self._cancel)
        layout = QVBoxLayout(self)
        for widget in (self.message, self.bar, self.cancel_button):
            layout.addWidget(widget)
        self.cancel_button.setVisible(cancellable)

    def update_progress(self, fraction: float, message: str) -> None:
        """Show how far the work has come."""
        self.bar.setValue(int(max(0.0, min(1.0, fraction)) * 1000))
        if message:
            self.message.setText(message)

    def reject(self) -> None:
        """Treat Esc and the close button as 取消 (ignored when the work cannot be cancelled)."""
        if self.cancellable:
            self._cancel()

    def _cancel(self) -> None:
        self.cancel_button.setEnabled(False)
        self.message.setText("正在取消…")
        self.cancel_requested.emit()


class Task(QObject):
    """One piece of background work and the callbacks waiting for its end."""

    finished = Signal()

    def __init__(
        self,
        title: str,
        parent: QWidget | None,
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None],
        cancellable: bool = True,
        *,
        quiet: bool = False,
    ) -> None:
        super().__init__()
        self.title, self._parent, self.cancellable = title, parent, cancellable
        self.quiet = quiet
        self._on_done, self._on_error = on_done, on_error
        self.stop = threading.Event()
        self.signals = _Signals(self)
        self.signals.progress.connect(self._progress)
        self.signals.succeeded.connect(self._succeeded)
        self.signals.failed.connect(self._failed)
        self.dialog: ProgressDialog | None = None
        self.running = True
        self._last: tuple[float, str] = (0.0, "")
        self._timer = QTimer(self, singleShot=True, interval=DIALOG_DELAY_MS)
        self._timer.timeout.connect(self._show_dialog)
        if not quiet:
            self._timer.start()

    def cancel(self) -> None:
        """Ask the work to stop at its next cancel check."""
        self.stop.set()

    @Slot(float, str)
    def _progress(self, fraction: float, message: str) -> None:
        self._last = (fraction, message)
        if self.dialog is not None and isValid(self.dialog):
            self.dialog.update_progress(fraction, message)

    @Slot(object)
    def _succeeded(self, result: object) -> None:
        self._end()
        if self.stop.is_set():
            return
        self._on_done(result)

    @Slot(object)
    def _failed(self, exc: Exception) -> None:
        self._end()
        if self.stop.is_set():
            log.info("task %s cancelled: %r", self.title, exc)
            return
        self._on_error(exc)

    def _show_dialog(self) -> None:
        if not self.running:
            return
        self.dialog = ProgressDialog(self.title, self._parent, self.cancellable)
        self.dialog.cancel_requested.connect(self.cancel)
        self.dialog.update_progress(*self._last)
        self.dialog.show()

    def _end(self) -> None:
        self.running = False
        self._timer.stop()
        if self.dialog is not None and isValid(self.dialog):
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None
        self.finished.emit()


class TaskRunner(QObject):
    """Runs work one piece at a time off the GUI thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._active: list[Task] = []

    def run(
        self,
        work: Work,
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None],
        *,
        title: str = "请稍候",
        parent: QWidget | None = None,
        cancellable: bool = True,
        quiet: bool = False,
    ) -> Task:
        """Start ``work(progress, cancel)``; call ``on_done(result)`` or ``on_error(exc)`` later.

        A ``quiet`` task shows no progress dialog however long it lasts.
        """
        task = Task(title, parent, on_done, on_error, cancellable, quiet=quiet)
        self._active.append(task)
        task.finished.connect(lambda: self._forget(task))
        self.pool.start(_Job(work, task.signals, task.stop))
        return task

    def busy(self, *, counting_quiet: bool = True) -> bool:
        """Tell whether any work is queued or running (quiet reads too, unless told not to)."""
        return any(counting_quiet or not task.quiet for task in self._active)

    def shutdown(self, timeout_ms: int = 30_000) -> bool:
        """Cancel everything and wait for the worker to finish; return True when it did."""
        for task in self._active:
            task.cancel()
        return self.pool.waitForDone(timeout_ms)

    def _forget(self, task: Task) -> None:
        if task in self._active:
            self._active.remove(task)
        task.deleteLater()


def run_modal(work: Work, *, title: str, parent: QWidget | None = None) -> Any:
    """Run ``work`` that must not be cancelled in the background, wait for it and return its result.

    The GUI stays responsive (a nested event loop) and shows the progress dialog without 取消;
    an error of the work is raised here.
    """
    runner = TaskRunner()
    outcome: dict[str, Any] = {}
    loop = QEventLoop()

    def done(result: object) -> None:
        outcome["result"] = result
        loop.quit()

    def failed(exc: Exception) -> None:
        outcome["error"] = exc
        loop.quit()

    runner.run(work, done, failed, title=title, parent=parent, cancellable=False)
    if not outcome:
        loop.exec()
    runner.shutdown()
    runner.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]
