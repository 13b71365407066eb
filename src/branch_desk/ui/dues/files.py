"""党费 files: import a bases sheet or a 收缴登记表, export the ledger, sheet or notice.

Asking for the file and writing in the background are ui/widgets/file_choice.py's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QWidget

from ...domain.archive import safe_file_name
from ...services.app import BranchDesk
from ..context import UiContext
from ..widgets.file_choice import (
    choose_workbook,
)
from ..widgets.file_tasks import export_in_background
from .import_dialog import DuesImportDialog, ImportKind


@dataclass(frozen=True)
class ExportKind:
    """One dues document: its name, file type and the service call that writes it."""

    title: str
    suffix: str
    write: Callable[[BranchDesk, int, int, Path], object]


LEDGER = ExportKind("党费收缴登记表", ".xlsx", lambda d, u, y, p: d.dues_io.export_ledger(u, y, p))
ASSESSMENT = ExportKind(
    "党费基数核定表", ".xlsx", lambda d, u, y, p: d.dues_io.export_assessment(u, y, p)
)
NOTICE = ExportKind(
    "党费收缴情况公示", ".docx", lambda d, u, y, p: d.dues_io.export_notice(u, y, p)
)


def default_name(kind: ExportKind, branch: str, year: int) -> str:
    """Return e.g. 党费收缴登记表_第一党支部_2026年.xlsx."""
    return safe_file_name(f"{kind.title}_{branch}_{year}年", kind.suffix)


def start_export(ctx: UiContext, parent: QWidget, kind: ExportKind, year: int) -> bool:
    """Ask where to save, then write the document in the background."""
    branch = ctx.desk.org.get(ctx.unit_id).name
    path = export_in_background(
        ctx,
        parent,
        f"导出{kind.title}",
        default_name(kind, branch, year),
        lambda path: kind.write(ctx.desk, ctx.unit_id, year, path),
        lambda path, _r: f"已导出{year}年{kind.title}到：\n{path}",
    )
    return path is not None


def start_import(
    ctx: UiContext, parent: QWidget, kind: ImportKind, year: int
) -> DuesImportDialog | None:
    """Ask for a workbook, then open the import preview for it."""
    chosen = choose_workbook(parent, f"{kind.title}（{year}年）")
    if chosen is None:
        return None
    dialog = DuesImportDialog(ctx, kind, year, chosen, parent)
    dialog.open()
    return dialog
