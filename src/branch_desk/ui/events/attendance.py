"""The attendance grid of the event editor: model, keyboard-driven view and live counts.

Keyboard: 空格 toggles 出席/缺席; 1–5 mark the person absent with 病假/事假/公差/出差/其他;
0 clears the reason. Counts (应到/实到/缺席/列席) are always computed, never typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ...domain.events import AbsenceReason, AttendanceInput, AttendanceStatus, observer_name
from .delegates import ChoiceDelegate

Index = QModelIndex | QPersistentModelIndex

COL_NAME, COL_STANDING, COL_STATUS, COL_REASON, COL_NOTE = range(5)
HEADERS = ("姓名", "身份", "出席情况", "缺席原因", "说明")
REASONS = tuple(AbsenceReason)
REASON_KEYS = {Qt.Key.Key_1.value + i: reason for i, reason in enumerate(REASONS)}
_ABSENT_BRUSH = QBrush(QColor("#fdecea"))
_OBSERVER_BRUSH = QBrush(QColor("#eef3fb"))
_MISSING_BRUSH = QBrush(QColor("#c62828"))


@dataclass(frozen=True, slots=True)
class AttendanceRow:
    """One line of the grid; ``standing`` is 正式党员/预备党员 or a non-member's 身份."""

    name: str
    status: AttendanceStatus
    member_id: int | None = None
    reason: AbsenceReason | None = None
    reason_text: str = ""
    standing: str = ""

    def to_input(self) -> AttendanceInput:
        """Return the line as the service takes it."""
        absent = self.status is AttendanceStatus.ABSENT
        name = self.name if self.member_id else observer_name(self.name, self.standing)
        return AttendanceInput(
            name,
            self.status,
            self.member_id,
            self.reason if absent else None,
            self.reason_text if absent else "",
        )

    @property
    def missing_reason(self) -> bool:
        """Tell whether an absentee has no reason."""
        return self.status is AttendanceStatus.ABSENT and not (self.reason or self.reason_text)


@dataclass(frozen=True, slots=True)
class Counts:
    """应到 (正式/预备), 实到, 缺席 and 列席 of the grid."""

    expected: int
    full: int
    probationary: int
    present: int
    absent: int
    observers: int

    def describe(self) -> str:
        """Return the line shown under the grid."""
        return (
            f"应到 {self.expected} 人（正式党员 {self.full}，预备党员 {self.probationary}）"
            f"　实到 {self.present} 人　缺席 {self.absent} 人　列席 {self.observers} 人"
        )


class AttendanceModel(QAbstractTableModel):
    """Who was expected, who came, who was absent and why; ``edited`` after any user change."""

    counts_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AttendanceRow] = []
        self.edited = False
        self.dataChanged.connect(lambda *_a: self.counts_changed.emit())
        self.modelReset.connect(self.counts_changed)
        self.rowsInserted.connect(lambda *_a: self.counts_changed.emit())
        self.rowsRemoved.connect(lambda *_a: self.counts_changed.emit())

    def set_rows(self, rows: Sequence[AttendanceRow]) -> None:
        """Replace every row (not a user edit)."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()
        self.edited = False

    def rows(self) -> list[AttendanceRow]:
        """Return every row."""
        return list(self._rows)

    def row_at(self, row: int) -> AttendanceRow:
        """Return one row."""
        return self._rows[row]

    def row_of(self, name: str) -> int:
        """Return the row of a person by name, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.name == name), -1)

    def inputs(self) -> tuple[AttendanceInput, ...]:
        """Return the grid as service inputs."""
        return tuple(r.to_input() for r in self._rows)

    def counts(self) -> Counts:
        """Count the grid."""
        expected = [r for r in self._rows if r.status is not AttendanceStatus.OBSERVER]
        return Counts(
            expected=len(expected),
            full=sum(1 for r in expected if r.standing == "正式党员"),
            probationary=sum(1 for r in expected if r.standing == "预备党员"),
            present=sum(1 for r in expected if r.status is AttendanceStatus.PRESENT),
            absent=sum(1 for r in expected if r.status is AttendanceStatus.ABSENT),
            observers=len(self._rows) - len(expected),
        )

    def add_observer(self, name: str, standing: str) -> int:
        """Append a non-member 列席 person; return the new row."""
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(AttendanceRow(name, AttendanceStatus.OBSERVER, standing=standing))
        self.endInsertRows()
        self.edited = True
        return row

    def remove_row(self, row: int) -> None:
        """Remove a non-member row (members follow the roster and stay)."""
        if not 0 <= row < len(self._rows) or self._rows[row].member_id is not None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()
        self.edited = True

    def toggle(self, row: int) -> None:
        """Switch a member between 出席 and 缺席."""
        current = self._rows[row]
        if current.status is AttendanceStatus.OBSERVER:
            return
        absent = current.status is AttendanceStatus.PRESENT
        self._replace(row, status=AttendanceStatus.ABSENT if absent else AttendanceStatus.PRESENT)

    def mark_absent(self, row: int, reason: AbsenceReason | None) -> None:
        """Mark a person absent with ``reason`` (None clears the reason)."""
        if self._rows[row].status is AttendanceStatus.OBSERVER:
            return
        self._replace(row, status=AttendanceStatus.ABSENT, reason=reason)

    def _replace(self, row: int, **changes: Any) -> None:
        self._rows[row] = replace(self._rows[row], **changes)
        self.edited = True
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))

    # ---- Qt model interface ------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or not 0 <= section < len(HEADERS):
            return None
        return HEADERS[section] if orientation == Qt.Orientation.Horizontal else str(section + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._editable(self._rows[index.row()], index.column()):
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    @staticmethod
    def _editable(line: AttendanceRow, column: int) -> bool:
        if column in (COL_NAME, COL_STANDING):
            return line.member_id is None
        if column == COL_STATUS:
            return line.member_id is not None
        return line.status is AttendanceStatus.ABSENT

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        line, column = self._rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(line, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            if line.status is AttendanceStatus.ABSENT:
                return _ABSENT_BRUSH
            return _OBSERVER_BRUSH if line.status is AttendanceStatus.OBSERVER else None
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_REASON and line.missing_reason:
            return _MISSING_BRUSH
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_STATUS:
            return "空格：出席/缺席；1病假 2事假 3公差 4出差 5其他"
        return None

    @staticmethod
    def _text(line: AttendanceRow, column: int) -> str:
        if column == COL_NAME:
            return line.name
        if column == COL_STANDING:
            return line.standing
        if column == COL_STATUS:
            return line.status.value
        if column == COL_REASON:
            if line.missing_reason:
                return "未填原因"
            return line.reason.value if line.reason else ""
        return line.reason_text

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        if not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        text = str(value).strip()
        column = index.column()
        if column == COL_NAME and text:
            self._replace(index.row(), name=text)
        elif column == COL_STANDING:
            self._replace(index.row(), standing=text)
        elif column == COL_STATUS and text in {s.value for s in AttendanceStatus}:
            self._replace(index.row(), status=AttendanceStatus(text))
        elif column == COL_REASON:
            reason = AbsenceReason(text) if text in {r.value for r in REASONS} else None
            self._replace(index.row(), reason=reason)
        elif column == COL_NOTE:
            self._replace(index.row(), reason_text=text)
        else:
            return False
        return True


class AttendanceView(QTableView):
    """The grid with keyboard entry (空格, 1–5, 0) and combo editors."""

    def __init__(self, model: AttendanceModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.attendance = model
        statuses = (AttendanceStatus.PRESENT.value, AttendanceStatus.ABSENT.value)
        self.setItemDelegateForColumn(COL_STATUS, ChoiceDelegate(statuses, self))
        self.setItemDelegateForColumn(COL_REASON, ChoiceDelegate([r.value for r in REASONS], self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((COL_NAME, 110), (COL_STANDING, 100), (COL_STATUS, 80)):
            self.setColumnWidth(column, width)
        self.setColumnWidth(COL_REASON, 90)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Toggle with 空格, pick a reason with 1–5, clear it with 0; otherwise as usual."""
        row = self.currentIndex().row()
        key = int(event.key())
        if row >= 0 and self.state() != QAbstractItemView.State.EditingState:
            if key == Qt.Key.Key_Space.value:
                self.attendance.toggle(row)
                return
            if key in REASON_KEYS:
                self.attendance.mark_absent(row, REASON_KEYS[key])
                return
            if key == Qt.Key.Key_0.value:
                self.attendance.mark_absent(row, None)
                return
        super().keyPressEvent(event)
