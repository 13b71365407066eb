"""Roster import and export from the 党员 page: file choice and background work."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QWidget

from ...domain.archive import safe_file_name
from ..context import UiContext
from ..widgets.file_tasks import export_in_background
from .import_dialog import ImportDialog


def default_export_name(branch: str, today: date) -> str:
    """Return 党员名册_<branch>_<yyyymmdd>.xlsx."""
    return safe_file_name(f"党员名册_{branch}_{today:%Y%m%d}", ".xlsx")


def start_export(ctx: UiContext, parent: QWidget, include_inactive: bool = False) -> None:
    """Ask where to save the roster workbook, then write it in the background."""
    unit = ctx.desk.org.get(ctx.unit_id)
    export_in_background(
        ctx,
        parent,
        "导出党员名册",
        default_export_name(unit.name, ctx.desk.roster.today()),
        lambda path: ctx.desk.roster_io.export_roster(
            ctx.unit_id, path, include_inactive=include_inactive
        ),
        lambda path, count: f"已导出{count}名党员到：\n{path}",
    )


def start_import(ctx: UiContext, parent: QWidget) -> ImportDialog | None:
    """Ask for a workbook, then open the import preview for it."""
    return ImportDialog.start(ctx, parent, "选择要导入的党员名册")
