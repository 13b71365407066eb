"""导入台账: preview a meeting ledger (会议台账) row by row, then import all of it or nothing.

The shared import preview (ui/widgets/import_preview.py); here each row shows
the meeting, what will happen to it (新增/更新/无变化), its 学时 with their source, and its
problems by column, and the notice says where the 学时 came from.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from ...services.meetings.import_hours import FROM_COLUMN, FROM_TIMES, MISSING
from ...services.meetings.importer import EventImportPreview, EventImportResult, EventImportRow
from ...services.outcome import Outcome
from ..context import UiContext
from ..tasks import CancelFn, ProgressFn
from ..widgets.file_choice import choose_workbook
from ..widgets.import_preview import (
    ACTION_COLUMN,
    PROBLEMS_COLUMN,
    ROW_COLUMN,
    ImportPreviewDialog,
    ImportPreviewModel,
    counts_summary,
    unknown_columns_lines,
)
from ..widgets.record_table import Column

_SOURCES = {FROM_COLUMN: "学时列", FROM_TIMES: "按起止时间", MISSING: "未填"}


def hours_text(row: EventImportRow) -> str:
    """Return '2.5（按起止时间）', '3（学时列）', '0（未填）', or '' for a meeting without 学时."""
    source = _SOURCES.get(row.hours_source, "")
    if row.data is None or not source:
        return ""
    return f"{row.data.study_hours.normalize():f}（{source}）"


class EventPreviewModel(ImportPreviewModel):
    """One row per ledger row: 行号, 会议, 处理, 学时 and its problems."""

    columns = (
        ROW_COLUMN,
        Column("会议", lambda row: row.summary),
        ACTION_COLUMN,
        Column("学时", hours_text),
        PROBLEMS_COLUMN,
    )


def event_summary(preview: EventImportPreview) -> str:
    """Describe a ledger preview in one line."""
    return counts_summary(preview, "次")


class EventImportDialog(ImportPreviewDialog):
    """Preview a meeting ledger in the background; 导入 only when it has no error."""

    title = "导入会议台账"
    read_title, apply_title = "读取会议台账", "导入会议台账"
    model_class = EventPreviewModel

    def read_preview(self, progress: ProgressFn, cancel: CancelFn) -> EventImportPreview:
        """Read the ledger into a preview (runs in the background)."""
        return self.ctx.desk.event_import.preview(self.ctx.unit_id, self.path, progress, cancel)

    def summary(self, preview: Any) -> str:
        """Describe the preview in one line."""
        return event_summary(preview)

    def extra_text(self, preview: Any) -> str:
        """Return the 学时 notice and the ignored columns."""
        lines = [preview.hours_notice] if preview.hours_notice else []
        return "\n".join(lines + unknown_columns_lines(preview))

    def apply_preview(self, preview: Any) -> Outcome[EventImportResult]:
        """Write the previewed meetings (runs in the background)."""
        return self.ctx.desk.event_import.apply(self.ctx.unit_id, preview)

    def done_text(self, r: Any) -> str:
        """Say what the import did."""
        return f"导入完成：新增{r.created}次会议活动，更新{r.updated}次，无变化{r.unchanged}次。"


def ask_ledger_path(parent: QWidget) -> str:
    """Ask for the ledger workbook; '' when cancelled."""
    chosen = choose_workbook(parent, "选择要导入的会议台账", start="")
    return str(chosen) if chosen else ""


def start_ledger_import(ctx: UiContext, parent: QWidget) -> EventImportDialog | None:
    """Ask for a meeting ledger workbook, then open its import preview."""
    chosen = ask_ledger_path(parent)
    if not chosen:
        return None
    dialog = EventImportDialog(ctx, Path(chosen), parent)
    dialog.open()
    return dialog
