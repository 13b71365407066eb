"""The 收缴登记表 grid: one row per member owing in the year, twelve coloured month cells."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from ...domain.dues import DuesLedger, LedgerRow
from ...domain.dues_owed import UNASSESSED_WORDS
from ...domain.money import yuan, yuan_grouped
from ...domain.search import member_search_text, pinyin_keys
from ..widgets.filter_proxy import RecordFilterProxy
from ..widgets.record_table import FILTER_ROLE, ROW_ROLE, SORT_ROLE
from .fields import month_text, state_background, state_foreground

Index = QModelIndex | QPersistentModelIndex

COL_NAME, COL_CATEGORY, COL_DUE = 0, 1, 2
FIRST_MONTH = 3
COL_ANNUAL_DUE, COL_ANNUAL_PAID, COL_EXTRA, COL_ARREARS = 15, 16, 17, 18
HEADERS = (
    "姓名",
    "类别",
    "月应交",
    *(f"{m}月" for m in range(1, 13)),
    "应交",
    "实交",
    "预交多交",
    "欠交",
)
HEADER_TIPS = {
    COL_ANNUAL_DUE: "截至今天已结束月份的应交党费（有未核定月份时为“未核定”）",
    COL_ANNUAL_PAID: "这些月份的实交，每月以应交为限",
    COL_EXTRA: "尚未到期月份的预交、超出应交的自愿多交和未核定月份所交，不计入收缴率",
}
STATE_ROLE = Qt.ItemDataRole.UserRole + 4
TOTAL_ROLE = Qt.ItemDataRole.UserRole + 5
TOTAL_BACKGROUND = QColor("#eeeeee")
ARREARS_COLOR = QColor("#b71c1c")


def month_of(column: int) -> int | None:
    """Return the month (1–12) a column shows, or None."""
    return column - FIRST_MONTH + 1 if FIRST_MONTH <= column < FIRST_MONTH + 12 else None


def _money(fen: int | None) -> str:
    return yuan(fen) if fen is not None else ""


def _known(fen: int | None) -> str:
    """An amount, or 未核定 where the records cannot tell it."""
    return yuan(fen) if fen is not None else UNASSESSED_WORDS


class LedgerModel(QAbstractTableModel):
    """Rows of the year's ledger plus a final 合计 row; read-only."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ledger: DuesLedger | None = None
        self._rows: tuple[LedgerRow, ...] = ()
        self._search: list[str] = []

    def set_ledger(self, ledger: DuesLedger) -> None:
        """Replace every row."""
        self.beginResetModel()
        self.ledger = ledger
        self._rows = ledger.rows
        self._search = [member_search_text(r.name, "") for r in ledger.rows]
        self.endResetModel()

    def row(self, row: int) -> LedgerRow | None:
        """Return the member row shown at ``row`` (None for 合计)."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, member_id: int) -> int:
        """Return the row of a member, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.member_id == member_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(self._rows) + 1 if self._rows else 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(section)
        return HEADERS[section] if role == Qt.ItemDataRole.DisplayRole else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        column, item = index.column(), self.row(index.row())
        if item is None:
            return self._total_data(column, role)
        if role == ROW_ROLE:
            return item
        if role == FILTER_ROLE:
            return self._search[index.row()]
        month = month_of(column)
        if month is not None:
            return self._month_data(item, month, role)
        handler = _ROLES.get(role)
        return handler(self, item, column) if handler else None

    def _display(self, item: LedgerRow, column: int) -> str:
        return {
            COL_NAME: item.name,
            COL_CATEGORY: item.category or "未核定",
            COL_DUE: _money(item.monthly_due_fen),
            COL_ANNUAL_DUE: _known(item.annual_due_fen),
            COL_ANNUAL_PAID: yuan(item.annual_paid_fen),
            COL_EXTRA: yuan(item.extra_fen) if item.extra_fen else "",
            COL_ARREARS: yuan(item.arrears_fen) if item.arrears_fen else "",
        }[column]

    def _sort(self, item: LedgerRow, column: int) -> int | str:
        if column == COL_NAME:
            keys = pinyin_keys(item.name)
            return keys[-1] if keys else item.name
        if column == COL_CATEGORY:
            return item.category
        values = {
            COL_DUE: item.monthly_due_fen or 0,
            COL_ANNUAL_DUE: -1 if item.annual_due_fen is None else item.annual_due_fen,
            COL_ANNUAL_PAID: item.annual_paid_fen,
            COL_EXTRA: item.extra_fen,
            COL_ARREARS: item.arrears_fen,
        }
        return values[column]

    def _foreground(self, item: LedgerRow, column: int) -> QBrush | None:
        if column == COL_ARREARS and item.arrears_fen:
            return QBrush(ARREARS_COLOR)
        return None

    def _tooltip(self, item: LedgerRow, column: int) -> str | None:
        if column in (COL_NAME, COL_ARREARS) and (item.note or item.arrears_fen):
            owed = f"欠交 {yuan_grouped(item.arrears_fen)} 元" if item.arrears_fen else ""
            return "；".join(t for t in (owed, item.note) if t)
        return None

    def _alignment(self, _item: LedgerRow, column: int) -> int | None:
        if column in (COL_NAME, COL_CATEGORY):
            return None
        return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def _month_data(self, item: LedgerRow, month: int, role: int) -> Any:
        cell = item.months[month - 1]
        if role == Qt.ItemDataRole.DisplayRole:
            return month_text(cell.state, cell.paid_fen)
        if role == STATE_ROLE:
            return cell.state
        if role == Qt.ItemDataRole.BackgroundRole:
            color = state_background(cell.state)
            return QBrush(color) if color else None
        if role == Qt.ItemDataRole.ForegroundRole:
            color = state_foreground(cell.state)
            return QBrush(color) if color else None
        if role == Qt.ItemDataRole.ToolTipRole:
            year = self.ledger.year if self.ledger else ""
            paid = f"\n缴纳日期：{cell.paid_on.isoformat()}" if cell.paid_on else ""
            if cell.paid_on and cell.collector:
                paid += f"\n经手人：{cell.collector}"
            return (
                f"{item.name} {year}年{month}月：{cell.state.value}\n"
                f"应交：{_money(cell.due_fen) or '—'} 元\n实交：{yuan(cell.paid_fen)} 元{paid}"
            )
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == SORT_ROLE:
            return cell.paid_fen
        return None

    def _total_data(self, column: int, role: int) -> Any:
        ledger = self.ledger
        if ledger is None:
            return None
        if role == TOTAL_ROLE:
            return True
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(TOTAL_BACKGROUND)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column != COL_NAME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        month = month_of(column)
        if month is not None:
            return yuan(ledger.month_totals[month - 1])
        return {
            COL_NAME: "合计",
            COL_CATEGORY: f"{len(ledger.rows)}人",
            COL_DUE: "",
            COL_ANNUAL_DUE: _known(ledger.annual_due_fen),
            COL_ANNUAL_PAID: yuan(ledger.annual_paid_fen),
            COL_EXTRA: yuan(ledger.extra_fen) if ledger.extra_fen else "",
            COL_ARREARS: yuan(ledger.arrears_fen) if ledger.arrears_fen else "",
        }[column]


_ROLES: dict[int, Callable[[LedgerModel, LedgerRow, int], Any]] = {
    Qt.ItemDataRole.DisplayRole: LedgerModel._display,
    Qt.ItemDataRole.ForegroundRole: LedgerModel._foreground,
    Qt.ItemDataRole.ToolTipRole: LedgerModel._tooltip,
    Qt.ItemDataRole.TextAlignmentRole: LedgerModel._alignment,
    SORT_ROLE: LedgerModel._sort,
}


class LedgerProxy(RecordFilterProxy):
    """Filters members by typed name or pinyin; the 合计 row always stays last."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent, filter_column=COL_NAME)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        index = self.sourceModel().index(source_row, COL_NAME, source_parent)
        if index.data(TOTAL_ROLE):
            return True
        return super().filterAcceptsRow(source_row, source_parent)

    def lessThan(self, left: Index, right: Index) -> bool:
        left_total, right_total = bool(left.data(TOTAL_ROLE)), bool(right.data(TOTAL_ROLE))
        if left_total != right_total:
            descending = self.sortOrder() == Qt.SortOrder.DescendingOrder
            return descending if left_total else not descending
        return super().lessThan(left, right)
