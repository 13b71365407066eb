"""The 评议结果 tab of a 民主评议党员 record: each 正式党员's grade, chosen from a list.

The people are the 正式党员 of the attendance grid (present or absent: every full member on
the roll is graded); the grades travel with the attendance lines (``attendance.grade``).
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain.appraisal import APPRAISAL_GRADES, UNGRADED, grade_counts
from ..widgets.form_fields import ProblemLabel, choice_combo, select_data
from .attendance import AttendanceModel, AttendanceRow

FULL = "正式党员"
HINT = "每名正式党员都应评定等次：优秀、合格、基本合格或不合格。"


class GradesPanel(QWidget):
    """A grade combo per 正式党员 of the grid; ``edited`` fires on every change.

    While the record is not a 民主评议 (``set_in_use(False)``, the default) the combos are made
    only when the tab is shown or ``combos`` is asked for: a branch's worth of combos was the
    slowest part of opening the editor on any record. Until then the grades are read from what
    was stored.
    """

    edited = Signal()

    def __init__(self, attendance: AttendanceModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.attendance = attendance
        self._combos: dict[int, QComboBox] = {}
        self._names: dict[int, str] = {}
        self._kept: dict[int, str] = {}
        self._stale = True  # the rows of the grid are not made yet
        self._in_use = False
        self.summary = QLabel()
        self.problems = ProblemLabel()
        self.all_pass = QPushButton("未评定的设为合格")
        self.all_pass.clicked.connect(self._fill_pass)
        self.body = QWidget()
        self.grid = QGridLayout(self.body)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.all_pass)
        hint = QLabel(HINT)
        hint.setStyleSheet("color: #666;")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(hint)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.problems)
        attendance.modelReset.connect(self.rebuild)
        attendance.rowsInserted.connect(lambda *_a: self.rebuild())
        self.rebuild()

    @property
    def combos(self) -> dict[int, QComboBox]:
        """Return the grade combo of each listed 正式党员 by member id (made now if not yet)."""
        self._make_rows()
        return self._combos

    def set_in_use(self, in_use: bool) -> None:
        """Say whether the record is a 民主评议 (its rows are then kept made at all times)."""
        self._in_use = in_use
        if in_use:
            self._make_rows()

    def showEvent(self, event: QShowEvent) -> None:
        """Make the rows before the tab is first painted."""
        self._make_rows()
        super().showEvent(event)

    def grades(self) -> dict[int, str]:
        """Return each graded member's grade by member id ('' for not graded)."""
        if self._stale:  # what the combos would show: a kept grade from the list, else none
            kept = {mid: g for mid, g in self._kept.items() if g in APPRAISAL_GRADES}
            return {r.member_id or 0: kept.get(r.member_id or 0, "") for r in self._full()}
        return {mid: str(combo.currentData() or "") for mid, combo in self._combos.items()}

    def set_grades(self, grades: Mapping[int, str]) -> None:
        """Show stored grades (members not listed keep theirs)."""
        self._kept.update(grades)
        for member_id, grade in grades.items():
            if not self._stale and member_id in self._combos:
                select_data(self._combos[member_id], grade)
        self._show_counts()

    def rebuild(self) -> None:
        """List the grid's 正式党员 again (now if shown, else when shown), keeping the grades."""
        self._kept.update(self.grades())
        self._stale = True
        self._names = {r.member_id or 0: r.name for r in self._full()}
        if self._in_use or self.isVisible():
            self._make_rows()
        else:
            self._show_counts()

    def _full(self) -> list[AttendanceRow]:
        return [r for r in self.attendance.rows() if r.member_id and r.standing == FULL]

    def _make_rows(self) -> None:
        if not self._stale:
            return
        self._stale = False
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # gone at once, not at the next event loop turn
                widget.setParent(None)  # type: ignore[call-overload]
                widget.deleteLater()
        self._combos.clear()
        self._names.clear()
        for column, text in enumerate(("序号", "姓名", "出席情况", "评议等次")):
            self.grid.addWidget(QLabel(f"<b>{text}</b>"), 0, column)
        full = self._full()
        for row, line in enumerate(full, start=1):
            assert line.member_id is not None
            combo = choice_combo(APPRAISAL_GRADES, blank="（未评定）")
            select_data(combo, self._kept.get(line.member_id, ""))
            combo.currentIndexChanged.connect(self._changed)
            self._combos[line.member_id] = combo
            self._names[line.member_id] = line.name
            self.grid.addWidget(QLabel(str(row)), row, 0)
            self.grid.addWidget(QLabel(line.name), row, 1)
            self.grid.addWidget(QLabel(line.status.value), row, 2)
            self.grid.addWidget(combo, row, 3)
        self.grid.setRowStretch(len(full) + 1, 1)
        self.grid.setColumnStretch(4, 1)
        self.grid.setHorizontalSpacing(24)
        self._show_counts()

    def ungraded(self) -> list[str]:
        """Return the names of the listed 正式党员 without a grade."""
        return [self._names[mid] for mid, grade in self.grades().items() if not grade]

    def _fill_pass(self) -> None:
        for combo in self.combos.values():
            if not combo.currentData():
                select_data(combo, "合格")

    def _changed(self) -> None:
        self._show_counts()
        self.edited.emit()

    def _show_counts(self) -> None:
        counts = grade_counts(self.grades().values())
        parts = [f"{grade}{n}名" for grade, n in counts.items()]
        parts.append(f"{UNGRADED}{len(self.ungraded())}名")
        self.summary.setText(f"正式党员{len(self.grades())}名：" + "、".join(parts))
