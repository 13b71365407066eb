"""The dues import preview table: each row's base, rate and monthly due, or months and amount."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...domain.money import yuan_grouped
from ...services.dues.import_rows import DuesImportPreview, DuesImportRow
from ..widgets import ERROR_COLOR, WARNING_COLOR

Index = QModelIndex | QPersistentModelIndex

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


class DuesPreviewModel(QAbstractTableModel):
    """One row per sheet row with what it would record and its problems."""

    def __init__(self, bases: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers = BASE_HEADERS if bases else PAYMENT_HEADERS
        self._rows: tuple[DuesImportRow, ...] = ()

    def set_rows(self, rows: tuple[DuesImportRow, ...]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or not 0 <= section < len(self.headers):
            return None
        return self.headers[section] if orientation == Qt.Orientation.Horizontal else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item, header = self._rows[index.row()], self.headers[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell(item, header)
        if role == Qt.ItemDataRole.ForegroundRole and item.problems:
            return QBrush(QColor(WARNING_COLOR if item.ok else ERROR_COLOR))
        if role == Qt.ItemDataRole.TextAlignmentRole and header in MONEY_HEADERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _money(fen: int | None) -> str:
    return yuan_grouped(fen) if fen is not None else ""


def _cell(item: DuesImportRow, header: str) -> str:
    values = {
        "行号": str(item.row),
        "姓名": item.name,
        "处理": item.action if item.ok else "有错误",
        "党费类别": item.category,
        "月基数（元）": _money(item.base_fen),
        "比例": item.rate,
        "月应交（元）": _money(item.monthly_due_fen),
        "所交月份": item.months,
        "实交（元）": _money(item.amount_fen) if item.amount_fen else "",
    }
    if header in values:
        return values[header]
    return "；".join(f"〔{p.column}〕{p.message}" if p.column else p.message for p in item.problems)
