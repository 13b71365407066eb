"""Asking for a file: a workbook to import, or where to save a document."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from .. import messages, qt_chinese
from ..context import UiContext
from ..tasks import CancelFn, ProgressFn, Task

XLSX_FILTER = "Excel 工作簿 (*.xlsx)"
DOCX_FILTER = "Word 文档 (*.docx)"


def documents_dir() -> Path:
    """Return the user's documents folder (home when unknown)."""
    return qt_chinese.start_dir()


def choose_workbook(parent: QWidget, title: str, start: str | None = None) -> Path | None:
    """Ask for an .xlsx workbook to read (from ``start``, else documents); None when cancelled."""
    folder = str(documents_dir()) if start is None else start
    chosen, _ = qt_chinese.get_open_file_name(parent, title, folder, XLSX_FILTER)
    return Path(chosen) if chosen else None


def choose_save_path(
    parent: QWidget, title: str, suggested: Path, file_filter: str, suffix: str
) -> Path | None:
    """Ask where to save; the answer always ends in ``suffix``; None when cancelled."""
    chosen, _ = qt_chinese.get_save_file_name(parent, title, str(suggested), file_filter)
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == suffix else path.with_suffix(suffix)


def save_in_background(
    ctx: UiContext,
    parent: QWidget,
    title: str,
    write: Callable[[], Any],
    done_text: Callable[[Any], str],
) -> Task:
    """Run ``write()`` (e.g. 导出… to a chosen path) on the worker thread under ``title``.

    Says ``done_text(result)`` when it has written, or why it failed.
    """

    def work(progress: ProgressFn, _cancel: CancelFn) -> Any:
        progress(0.0, f"正在{title}…")
        return write()

    return ctx.tasks.run(
        work,
        lambda result: messages.inform(parent, done_text(result)),
        lambda exc: messages.show_failure(parent, exc, title),
        title=title,
        parent=parent,
    )
