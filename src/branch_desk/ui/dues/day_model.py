"""The 党费日 list: each member's months to collect, a 已交 tick and the amount handed over."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from ...domain.money import MoneyError, parse_yuan, yuan
from ...services.dues.collection_day import DayLine, DuesDayService
from ..widgets.form_fields import ERROR_COLOR
from ..widgets.record_table import RIGHT, Column, Index, RecordTableModel

Checker = Callable[[DayLine, str], str]

COL_TICK, COL_NAME, COL_MONTHS, COL_DUE, COL_AMOUNT, COL_STATE = range(6)
HEADERS = ("已交", "姓名", "所交月份", "应交（元）", "本次实交（元）", "状态")
DONE_COLOR = QColor("#2e7d32")
MUTED_COLOR = QColor("#9e9e9e")
TICKED_COLOR = QColor("#e3f2fd")
PROBLEM_BACKGROUND = QColor("#ffebee")
AMOUNT_HINT = "可改为实际收到的金额（多交部分记为自愿多交）"


@dataclass
class DayRow:
    """One member on the 党费日 list and what the secretary has typed for them."""

    line: DayLine
    ticked: bool = False
    amount: str = ""
    problem: str = ""

    @property
    def member_id(self) -> int:
        return self.line.member_id

    @property
    def name(self) -> str:
        return self.line.name

    @property
    def due_fen(self) -> int | None:
        """Return what the proposed months need (None when a month is unassessed)."""
        return None if self.line.unassessed else self.line.due_fen

    @property
    def done(self) -> bool:
        """Tell whether the chosen months are already paid in full."""
        return self.line.done

    @property
    def payable(self) -> bool:
        """Tell whether a payment can be registered here (assessed and still open)."""
        return self.line.payable and not self.line.unassessed

    def amount_fen(self) -> int:
        """Return the typed amount in fen; raise MoneyError when it cannot be read."""
        return parse_yuan(self.amount.strip())

    def amount_problem(self) -> str:
        """Return why this row cannot be registered as typed, or ''."""
        return self.problem


def load_day(
    service: DuesDayService,
    unit_id: int,
    first: date,
    last: date | None = None,
    paid_on: date | None = None,
    include_owed: bool = False,
) -> list[DayRow]:
    """Read the rows for the chosen months (default: ``first``'s month, paid that day)."""
    paid_on = paid_on or first
    last = last or first
    lines = service.lines(unit_id, first.replace(day=1), last.replace(day=1), paid_on, include_owed)
    lines.sort(key=lambda line: line.done)  # those still to collect first
    return [DayRow(line, amount=yuan(line.due_fen) if line.payable else "") for line in lines]


def _tip(item: DayRow) -> str | None:
    return (item.problem or AMOUNT_HINT) if item.payable else None


def _column(column: int) -> Column[DayRow]:
    return Column(
        HEADERS[column],
        lambda r: _text(r, column),
        align=RIGHT if column in (COL_DUE, COL_AMOUNT) else None,
        tooltip=_tip,
        foreground=lambda r: _color(r, column),
    )


class DayModel(RecordTableModel[DayRow]):
    """Rows of the 党费日 list; 已交 is checkable and the amount editable on open rows.

    ``checker`` (line, amount text) → problem text marks a row as soon as it is ticked or
    typed (the service's check, so 登记 never meets a surprise).
    """

    def __init__(self, parent: QObject | None = None, checker: Checker | None = None) -> None:
        super().__init__([_column(c) for c in range(len(HEADERS))], parent)
        self.checker = checker

    @property
    def rows(self) -> list[DayRow]:
        """Return the rows shown (the same objects: what is typed is kept in them)."""
        return self._records

    def set_rows(self, rows: list[DayRow]) -> None:
        """Replace every row."""
        self.set_records(rows)

    def prepare(self) -> None:
        for row in self._records:
            self._check(row)

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
        for item in self.rows:
            if item.payable:
                item.ticked = on
        self._all_changed()

    def recheck(self) -> None:
        """Check every row again (after the payment date changed)."""
        for item in self.rows:
            self._check(item)
        self._all_changed()

    def _all_changed(self) -> None:
        """Say once that every row may have changed (not once a row: listeners count rows)."""
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, len(HEADERS) - 1)
            )

    def _check(self, item: DayRow) -> None:
        item.problem = ""
        if item.payable and self.checker is not None:
            item.problem = self.checker(item.line, item.amount)
        elif item.payable:
            try:
                item.amount_fen()
            except MoneyError as exc:
                item.problem = f"金额有误：{exc}"

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

    def extra_data(self, record: DayRow, column: int, role: int) -> Any:
        """The 已交 tick, the amount being edited and the background of a ticked row."""
        if role == Qt.ItemDataRole.CheckStateRole and column == COL_TICK:
            on = record.ticked or record.done
            return (Qt.CheckState.Checked if on else Qt.CheckState.Unchecked).value
        if role == Qt.ItemDataRole.EditRole:
            return _text(record, column)
        if role == Qt.ItemDataRole.BackgroundRole and record.ticked and record.payable:
            return QBrush(PROBLEM_BACKGROUND if record.problem else TICKED_COLOR)
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
            self._check(item)
        else:
            return False
        self._changed(index.row())
        return True

    def _changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))


def _text(item: DayRow, column: int) -> str:
    if column == COL_NAME:
        return item.name
    if column == COL_MONTHS:
        return item.line.span() if item.line.months else ""
    if column == COL_DUE:
        if item.done:
            return ""
        return yuan(item.line.due_fen) if item.due_fen is not None else "未核定"
    if column == COL_AMOUNT:
        return item.amount if item.payable else (yuan(item.line.paid_fen) if item.done else "")
    if column == COL_STATE:
        return _state(item)
    return ""


def _state(item: DayRow) -> str:
    if item.line.unassessed:
        return "未核定，请先核定基数"
    if item.done:
        return "已交清"
    if item.problem:
        return item.problem
    older = f"（更早欠交{len(item.line.too_old)}个月已超过补交期限）" if item.line.too_old else ""
    partial = f"（所选月份已交{yuan(item.line.paid_fen)}）" if item.line.paid_fen else ""
    return ("本次登记" if item.ticked else "未交") + partial + older


def _color(item: DayRow, column: int) -> QBrush | None:
    if item.done:
        return QBrush(DONE_COLOR)
    if item.due_fen is None:
        return QBrush(MUTED_COLOR)
    if column in (COL_AMOUNT, COL_STATE) and item.problem:
        return QBrush(QColor(ERROR_COLOR))
    return None
