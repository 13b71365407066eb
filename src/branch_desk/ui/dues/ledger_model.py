"""The 收缴登记表 grid: one row per member owing in the year, twelve coloured month cells.

``LedgerModel`` is a ``RecordTableModel[LedgerRow]`` like every list (its columns are
``Column``s; the sort, row and filter roles are the shared ones), with what a grid has
and a list does not: a final 合计 row that is no member's record (``rowCount`` and
``data`` add it after the members; ``LedgerProxy`` keeps it last and never filters it
out), and month cells that also answer ``STATE_ROLE`` and a background colour.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ...domain.dues import DuesLedger, LedgerMonth, LedgerRow
from ...domain.dues_owed import UNASSESSED_WORDS
from ...domain.money import yuan, yuan_grouped
from ...domain.search import member_search_text, pinyin_keys
from ..widgets.filter_proxy import RecordFilterProxy
from ..widgets.record_table import CENTER, RIGHT, Column, Index, RecordTableModel
from .fields import month_text, state_background, state_foreground

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


def _name_key(item: LedgerRow) -> str:
    keys = pinyin_keys(item.name)
    return keys[-1] if keys else item.name


def _owed_tip(item: LedgerRow) -> str | None:
    if not (item.note or item.arrears_fen):
        return None
    owed = f"欠交 {yuan_grouped(item.arrears_fen)} 元" if item.arrears_fen else ""
    return "；".join(t for t in (owed, item.note) if t)


def _arrears_brush(item: LedgerRow) -> QBrush | None:
    return QBrush(ARREARS_COLOR) if item.arrears_fen else None


def _amount(
    header: str,
    text: Callable[[LedgerRow], object],
    sort: Callable[[LedgerRow], int],
    **more: Any,
) -> Column[LedgerRow]:
    """Return a column of amounts: right-aligned, sorted by fen."""
    return Column(header, text, sort=sort, align=RIGHT, **more)


def _member_columns(month_column: Callable[[int], Column[LedgerRow]]) -> list[Column[LedgerRow]]:
    """Return the grid's columns; ``month_column(month)`` makes the column of a month."""
    return [
        Column(HEADERS[COL_NAME], lambda r: r.name, sort=_name_key, tooltip=_owed_tip),
        Column(HEADERS[COL_CATEGORY], lambda r: r.category or "未核定", sort=lambda r: r.category),
        _amount(
            HEADERS[COL_DUE], lambda r: _money(r.monthly_due_fen), lambda r: r.monthly_due_fen or 0
        ),
        *(month_column(m) for m in range(1, 13)),
        _amount(
            HEADERS[COL_ANNUAL_DUE],
            lambda r: _known(r.annual_due_fen),
            lambda r: -1 if r.annual_due_fen is None else r.annual_due_fen,
        ),
        _amount(
            HEADERS[COL_ANNUAL_PAID], lambda r: yuan(r.annual_paid_fen), lambda r: r.annual_paid_fen
        ),
        _amount(
            HEADERS[COL_EXTRA],
            lambda r: yuan(r.extra_fen) if r.extra_fen else "",
            lambda r: r.extra_fen,
        ),
        _amount(
            HEADERS[COL_ARREARS],
            lambda r: yuan(r.arrears_fen) if r.arrears_fen else "",
            lambda r: r.arrears_fen,
            tooltip=_owed_tip,
            foreground=_arrears_brush,
        ),
    ]


class LedgerModel(RecordTableModel[LedgerRow]):
    """Rows of the year's ledger plus a final 合计 row; read-only."""

    def __init__(self, parent: QObject | None = None) -> None:
        search = lambda r: member_search_text(r.name, "")  # noqa: E731
        super().__init__(_member_columns(self._month_column), parent, search=search)
        self.ledger: DuesLedger | None = None

    def set_ledger(self, ledger: DuesLedger) -> None:
        """Replace every row."""
        self.ledger = ledger
        self.set_records(ledger.rows)

    def row(self, row: int) -> LedgerRow | None:
        """Return the member row shown at ``row`` (None for 合计)."""
        return self._records[row] if 0 <= row < len(self._records) else None

    def row_of(self, member_id: int) -> int:
        """Return the row of a member, or -1."""
        return self.row_where(lambda r: r.member_id == member_id)

    # ---- month cells -------------------------------------------------------------------

    def _month_column(self, month: int) -> Column[LedgerRow]:
        def cell(item: LedgerRow) -> LedgerMonth:
            return item.months[month - 1]

        def brush(item: LedgerRow) -> QBrush | None:
            color = state_foreground(cell(item).state)
            return QBrush(color) if color else None

        return Column(
            HEADERS[FIRST_MONTH + month - 1],
            lambda r: month_text(cell(r).state, cell(r).paid_fen),
            sort=lambda r: cell(r).paid_fen,
            align=CENTER,
            tooltip=lambda r: self._month_tip(r, month),
            foreground=brush,
        )

    def _month_tip(self, item: LedgerRow, month: int) -> str:
        cell = item.months[month - 1]
        year = self.ledger.year if self.ledger else ""
        paid = f"\n缴纳日期：{cell.paid_on.isoformat()}" if cell.paid_on else ""
        if cell.paid_on and cell.collector:
            paid += f"\n经手人：{cell.collector}"
        return (
            f"{item.name} {year}年{month}月：{cell.state.value}\n"
            f"应交：{_money(cell.due_fen) or '—'} 元\n实交：{yuan(cell.paid_fen)} 元{paid}"
        )

    def extra_data(self, record: LedgerRow, column: int, role: int) -> Any:
        """A month cell's state (STATE_ROLE) and background colour."""
        month = month_of(column)
        if month is None:
            return None
        state = record.months[month - 1].state
        if role == STATE_ROLE:
            return state
        if role == Qt.ItemDataRole.BackgroundRole:
            color = state_background(state)
            return QBrush(color) if color else None
        return None

    # ---- Qt: the 合计 row and the header tips ------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        members = super().rowCount(parent)
        return members + 1 if members else 0

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            return HEADER_TIPS.get(section)
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and self._records and index.row() == len(self._records):
            return self._total_data(index.column(), role)
        return super().data(index, role)

    def _total_data(self, column: int, role: int) -> Any:
        ledger = self.ledger
        if ledger is None or not 0 <= column < len(HEADERS):
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
            return int(RIGHT)
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
