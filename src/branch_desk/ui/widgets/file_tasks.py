"""Files on the task thread: writing a document and saying where it went; storing attachments."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from ...services.outcome import Outcome
from .. import messages
from ..context import UiContext
from ..tasks import CancelFn, ProgressFn, Task
from .file_choice import DOCX_FILTER, XLSX_FILTER, choose_save_path, documents_dir

T = TypeVar("T")


def write_in_background(
    ctx: UiContext,
    parent: QWidget,
    title: str,
    write: Callable[[], T],
    done_text: Callable[[T], str],
) -> Task:
    """Run ``write`` on the task thread under ``title`` (导出会议记录 …) and return the task.

    When it is done, ``done_text`` of its result is shown; a failure is shown as
    “<title>失败”.
    """

    def work(progress: ProgressFn, _cancel: CancelFn) -> T:
        """Write the file (worker thread)."""
        progress(0.0, f"正在{title}…")
        return write()

    return ctx.tasks.run(
        work,
        lambda result: messages.inform(parent, done_text(result)),
        lambda exc: messages.show_failure(parent, exc, title),
        title=title,
        parent=parent,
    )


def export_in_background(
    ctx: UiContext,
    parent: QWidget,
    prompt: str,
    name: str,
    write: Callable[[Path], T],
    done_text: Callable[[Path, T], str],
    title: str = "",
) -> Path | None:
    """Ask where to save a document (``prompt`` titles the file dialog), then write it.

    The dialog starts in the documents folder at ``name``, whose suffix (.docx or .xlsx)
    the chosen file keeps. ``write(path)`` runs on the task thread under ``title``
    (the prompt by default) and ``done_text(path, result)`` is shown when it is done.
    Return the chosen path, or None when cancelled.
    """
    suffix = Path(name).suffix
    file_filter = DOCX_FILTER if suffix == ".docx" else XLSX_FILTER
    path = choose_save_path(parent, prompt, documents_dir() / name, file_filter, suffix)
    if path is None:
        return None
    write_in_background(
        ctx, parent, title or prompt, lambda: write(path), lambda result: done_text(path, result)
    )
    return path


class AttachingPanel(QWidget):
    """A panel that stores dropped or chosen files on the task thread, one task a file.

    ``busy`` counts the files still being stored; after each one the panel reloads
    (:meth:`reload`) and emits ``attached``.
    """

    attached = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.busy = 0

    def attach_file(self, title: str, path: Path, store: Callable[[], Outcome[Any]]) -> None:
        """Run ``store`` (which stores ``path`` and links it) under ``title`` (添加附件 …)."""

        def work(progress: ProgressFn, _cancel: CancelFn) -> Outcome[Any]:
            """Store the file and link it (worker thread)."""
            progress(0.0, f"正在{title}：{path.name}")
            return store()

        self.busy += 1
        self.ctx.tasks.run(
            work, self._stored, lambda exc: self._not_stored(exc, title), title=title, parent=self
        )

    def reload(self) -> None:
        """Show the stored files again (after each file)."""

    def _stored(self, outcome: Outcome[Any]) -> None:
        self.busy -= 1
        self.ctx.apply(outcome)
        self.reload()
        self.attached.emit()

    def _not_stored(self, exc: Exception, title: str) -> None:
        self.busy -= 1
        messages.show_failure(self, exc, title)
