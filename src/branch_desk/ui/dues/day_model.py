"""The 党费日 list: everyone who owes this month, a 已交 tick and the amount handed over."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...domain.dues import MonthState
from ...domain.money import MoneyError, parse_yuan, yuan
from ...services.dues_ledger import DuesMatrix, month_index
from ...services.dues_reports import DuesReports
from ..widgets import ERROR_COLOR
from .common import open_fen

Index = QModelIndex | QPersistentModelIndex

COL_TICK, COL_NAME, COL_DUE, COL_AMOUNT, COL_STATE = range(5)
HEADERS = ("已交", "姓名", "本月应交", "本次实交（元）", "状态")
DONE_COLOR = QColor("#2e7d32")
MUTED_COLOR = QColor("#9e9e9e")
TICKED_COLOR = QColor("#e3f2fd")


@dataclass
class DayRow:
    """One member on the 党费日 list and what the secretary has typed for them."""

    member_id: int
    name: str
    due_fen: int | None
    paid_fen: int
    open_fen: int
    ticked: bool = False
    amount: str = ""

    @property
    def done(self) -> bool:
        """Tell whether this month is already paid in full."""
        return self.due_fen is not None and self.open_fen == 0

    @property
    def payable(self) -> bool:
        """Tell whether a payment can be registered here (assessed and still open)."""
        return self.due_fen is not None and self.open_fen > 0

    def amount_fen(self) -> int:
        """Return the typed amount in fen; raise MoneyError when it cannot be read."""
        return parse_yuan(self.amount.strip())

    def amount_problem(self) -> str:
        """Return why the amount is wrong, or ''."""
        try:
            self.amount_fen()
        except MoneyError as exc:
            return str(exc)
        return ""


def day_rows(matrix: DuesMatrix, names: dict[int, str], month: int) -> list[DayRow]:
    """Return one row per member owing in ``month`` (exempt members left out)."""
    rows = []
    for member_id, name in names.items():
        cell = matrix.cells.get(member_id, {}).get(month)
        if cell is None or not cell.owed or cell.state is MonthState.EXEMPT:
            continue
        owed = open_fen(cell)
        rows.append(DayRow(member_id, name, cell.due_fen, cell.paid_fen, owed, amount=yuan(owed)))
    return rows


def load_day(reports: DuesReports, unit_id: int, today: date) -> list[DayRow]:
    """Read this month's list from the dues records."""
    facts, matrix = reports.matrix(unit_id, today.year, today)
    return day_rows(matrix, {f.member_id: f.name for f in facts}, month_index(today))


class DayModel(QAbstractTableModel):
    """Rows of the 党费日 list; 已交 is checkable and the amount editable on open rows."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[DayRow] = []

    def set_rows(self, rows: list[DayRow]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def ticked(self) -> list[DayRow]:
        """Return the open rows ticked as paid."""
        return [r for r in self.rows if r.ticked and r.payable]

    def toggle(self, row: int) -> None:
        """Flip the 已交 tick of an open row."""
        if 0 <= row < len(self.rows) and self.rows[row].payable:
            state = Qt.CheckState.Unchecked if self.rows[row].ticked else Qt.CheckState.Checked
            self.setData(self.index(row, COL_TICK), state.value, Qt.ItemDataRole.CheckStateRole)

    def tick_all(self, on: bool = True) -> None:
        """Tick (or untick) every open row."""
        for row, item in enumerate(self.rows):
            if item.payable:
                item.ticked = on
                self._changed(row)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return HEADERS[section] if 0 <= section < len(HEADERS) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        item = self.rows[index.row()]
        if item.payable and index.column() == COL_TICK:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if item.payable and index.column() == COL_AMOUNT:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        item, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == COL_TICK:
            on = item.ticked or item.done
            return (Qt.CheckState.Checked if on else Qt.CheckState.Unchecked).value
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return _text(item, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return _color(item, column)
        if role == Qt.ItemDataRole.BackgroundRole and item.ticked and item.payable:
            return QBrush(TICKED_COLOR)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_DUE, COL_AMOUNT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_AMOUNT and item.payable:
            return item.amount_problem() or "可改为实际收到的金额（多交部分记为自愿多交）"
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not self.rows[index.row()].payable:
            return False
        item = self.rows[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == COL_TICK:
            item.ticked = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role == Qt.ItemDataRole.EditRole and index.column() == COL_AMOUNT:
            item.amount = str(value)
            item.ticked = True
        else:
            return False
        self._changed(index.row())
        return True

    def _changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))


def _text(item: DayRow, column: int) -> str:
    if column == COL_NAME:
        return item.name
    if column == COL_DUE:
        return yuan(item.due_fen) if item.due_fen is not None else "未核定"
    if column == COL_AMOUNT:
        return item.amount if item.payable else (yuan(item.paid_fen) if item.paid_fen else "")
    if column == COL_STATE:
        if item.due_fen is None:
            return "未核定，请先核定基数"
        if item.done:
            return "本月已交清"
        if item.amount_problem():
            return "金额有误"
        partial = f"（已交{yuan(item.paid_fen)}）" if item.paid_fen else ""
        return ("本次登记" if item.ticked else "未交") + partial
    return ""


def _color(item: DayRow, column: int) -> QBrush | None:
    if item.done:
        return QBrush(DONE_COLOR)
    if item.due_fen is None:
        return QBrush(MUTED_COLOR)
    if column in (COL_AMOUNT, COL_STATE) and item.amount_problem():
        return QBrush(QColor(ERROR_COLOR))
    return None
