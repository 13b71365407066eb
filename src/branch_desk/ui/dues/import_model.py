"""The dues import preview table: each row's base, rate and monthly due, or months and amount.

The shared import preview model (ui/widgets/import_preview.py) with the dues columns;
amounts are right-aligned.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from ...domain.money import yuan_grouped
from ...services.dues.import_rows import DuesImportPreview, DuesImportRow
from ..widgets.import_preview import ImportPreviewModel, action_text, problems_text
from ..widgets.record_table import RIGHT, Index

BASE_HEADERS = ("行号", "姓名", "处理", "党费类别", "月基数（元）", "比例", "月应交（元）", "问题")
PAYMENT_HEADERS = ("行号", "姓名", "处理", "所交月份", "实交（元）", "问题")
MONEY_HEADERS = frozenset({"月基数（元）", "月应交（元）", "实交（元）"})


def totals_text(preview: DuesImportPreview, bases: bool) -> str:
    """Return the totals line of a preview (rows with errors left out)."""
    good = [r for r in preview.rows if r.ok]
    if bases:
        return f"合计：{len(good)}人，月应交合计 {yuan_grouped(preview.total_monthly_fen)} 元"
    payers = sum(1 for r in good if r.amount_fen)
    return f"合计：{payers}人，实交合计 {yuan_grouped(preview.total_amount_fen)} 元"


class DuesPreviewModel(ImportPreviewModel):
    """One row per row of a bases sheet: what it would assess, and its problems."""

    headers: tuple[str, ...] = BASE_HEADERS

    def cell(self, item: Any, column: int) -> str:
        """Return the text of one column of a sheet row."""
        return _cell(item, self.headers[column])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.TextAlignmentRole:
            return super().data(index, role)
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        return int(RIGHT) if self.headers[index.column()] in MONEY_HEADERS else None


class PaymentsPreviewModel(DuesPreviewModel):
    """One row per member of a 收缴登记表: the months and amount it would record."""

    headers = PAYMENT_HEADERS


def _money(fen: int | None) -> str:
    return yuan_grouped(fen) if fen is not None else ""


def _cell(item: DuesImportRow, header: str) -> str:
    values = {
        "行号": str(item.row),
        "姓名": item.name,
        "处理": action_text(item),
        "党费类别": item.category,
        "月基数（元）": _money(item.base_fen),
        "比例": item.rate,
        "月应交（元）": _money(item.monthly_due_fen),
        "所交月份": item.months,
        "实交（元）": _money(item.amount_fen) if item.amount_fen else "",
    }
    return values[header] if header in values else problems_text(item)
