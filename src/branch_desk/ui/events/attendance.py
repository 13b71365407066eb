"""The attendance grid of the event editor: model, keyboard-driven view and live counts.

Keyboard: 空格 toggles 出席/缺席; 1–5 mark the person absent with 病假/事假/公差/出差/其他;
0 clears the reason. Counts (应到/实到/缺席/列席) are always computed, never typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ...domain.events import AbsenceReason, AttendanceInput, AttendanceStatus, observer_name
from ..widgets.edit_table import EditableRecordModel
from ..widgets.record_table import Column
from .delegates import ChoiceDelegate

COL_NAME, COL_STANDING, COL_STATUS, COL_REASON, COL_NOTE = range(5)
HEADERS = ("姓名", "身份", "出席情况", "缺席原因", "说明")
REASONS = tuple(AbsenceReason)
REASON_KEYS = {Qt.Key.Key_1.value + i: reason for i, reason in enumerate(REASONS)}
_ABSENT_BRUSH = QBrush(QColor("#fdecea"))
_OBSERVER_BRUSH = QBrush(QColor("#eef3fb"))
_MISSING_BRUSH = QBrush(QColor("#c62828"))
KEYS_TIP = "空格：出席/缺席；1病假 2事假 3公差 4出差 5其他"


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


def _reason_text(line: AttendanceRow) -> str:
    if line.missing_reason:
        return "未填原因"
    return line.reason.value if line.reason else ""


def _missing_brush(line: AttendanceRow) -> QBrush | None:
    return _MISSING_BRUSH if line.missing_reason else None


COLUMNS: tuple[Column[AttendanceRow], ...] = (
    Column(HEADERS[COL_NAME], lambda r: r.name),
    Column(HEADERS[COL_STANDING], lambda r: r.standing),
    Column(HEADERS[COL_STATUS], lambda r: r.status.value, tooltip=lambda _r: KEYS_TIP),
    Column(HEADERS[COL_REASON], _reason_text, foreground=_missing_brush),
    Column(HEADERS[COL_NOTE], lambda r: r.reason_text),
)


class AttendanceModel(EditableRecordModel[AttendanceRow]):
    """Who was expected, who came, who was absent and why; ``edited`` after any user change."""

    counts_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, parent)
        self.edited = False
        self.dataChanged.connect(lambda *_a: self.counts_changed.emit())
        self.modelReset.connect(self.counts_changed)
        self.rowsInserted.connect(lambda *_a: self.counts_changed.emit())
        self.rowsRemoved.connect(lambda *_a: self.counts_changed.emit())

    def set_rows(self, rows: Sequence[AttendanceRow]) -> None:
        """Replace every row (not a user edit)."""
        self.set_records(rows)
        self.edited = False

    def rows(self) -> list[AttendanceRow]:
        """Return every row."""
        return self.records()

    def row_at(self, row: int) -> AttendanceRow:
        """Return one row."""
        return self.record(row)

    def row_of(self, name: str) -> int:
        """Return the row of a person by name, or -1."""
        return self.row_where(lambda r: r.name == name)

    def inputs(self) -> tuple[AttendanceInput, ...]:
        """Return the grid as service inputs."""
        return tuple(r.to_input() for r in self._records)

    def counts(self) -> Counts:
        """Count the grid."""
        expected = [r for r in self._records if r.status is not AttendanceStatus.OBSERVER]
        return Counts(
            expected=len(expected),
            full=sum(1 for r in expected if r.standing == "正式党员"),
            probationary=sum(1 for r in expected if r.standing == "预备党员"),
            present=sum(1 for r in expected if r.status is AttendanceStatus.PRESENT),
            absent=sum(1 for r in expected if r.status is AttendanceStatus.ABSENT),
            observers=len(self._records) - len(expected),
        )

    def add_observer(self, name: str, standing: str) -> int:
        """Append a non-member 列席 person; return the new row."""
        row = self.append_record(AttendanceRow(name, AttendanceStatus.OBSERVER, standing=standing))
        self.edited = True
        return row

    def remove_row(self, row: int) -> None:
        """Remove a non-member row (members follow the roster and stay)."""
        if not 0 <= row < len(self._records) or self._records[row].member_id is not None:
            return
        self.remove_record(row)
        self.edited = True

    def toggle(self, row: int) -> None:
        """Switch a member between 出席 and 缺席."""
        current = self._records[row]
        if current.status is AttendanceStatus.OBSERVER:
            return
        absent = current.status is AttendanceStatus.PRESENT
        self._replace(row, status=AttendanceStatus.ABSENT if absent else AttendanceStatus.PRESENT)

    def mark_absent(self, row: int, reason: AbsenceReason | None) -> None:
        """Mark a person absent with ``reason`` (None clears the reason)."""
        if self._records[row].status is AttendanceStatus.OBSERVER:
            return
        self._replace(row, status=AttendanceStatus.ABSENT, reason=reason)

    def _replace(self, row: int, **changes: Any) -> None:
        self.replace_record(row, replace(self._records[row], **changes))

    def replace_record(self, row: int, record: AttendanceRow) -> None:
        self.edited = True
        super().replace_record(row, record)

    # ---- editing -------------------------------------------------------------------------

    def editable(self, record: AttendanceRow, column: int) -> bool:
        if column in (COL_NAME, COL_STANDING):
            return record.member_id is None
        if column == COL_STATUS:
            return record.member_id is not None
        return record.status is AttendanceStatus.ABSENT

    def record_with(self, record: AttendanceRow, column: int, value: Any) -> AttendanceRow | None:
        text = str(value).strip()
        if column == COL_NAME and text:
            return replace(record, name=text)
        if column == COL_STANDING:
            return replace(record, standing=text)
        if column == COL_STATUS and text in {s.value for s in AttendanceStatus}:
            return replace(record, status=AttendanceStatus(text))
        if column == COL_REASON:
            reason = AbsenceReason(text) if text in {r.value for r in REASONS} else None
            return replace(record, reason=reason)
        if column == COL_NOTE:
            return replace(record, reason_text=text)
        return None

    def other_data(self, record: AttendanceRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole:
            if record.status is AttendanceStatus.ABSENT:
                return _ABSENT_BRUSH
            return _OBSERVER_BRUSH if record.status is AttendanceStatus.OBSERVER else None
        return None


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
