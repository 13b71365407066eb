"""Asking for a file: a workbook to import, or where to save a document."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from .. import qt_chinese

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
