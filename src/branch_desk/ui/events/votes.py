"""The votes table of the event editor: 事项, 类型, 方式, counts and the live verdict."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QWidget,
)

from ...domain.events import VoteInput, VoteKind, VoteMethod
from ...domain.rules.votes import VoteAssessment
from ..widgets.edit_table import EditableRecordModel
from ..widgets.form_fields import ProblemLabel
from ..widgets.layouts import packed_row, stacked
from ..widgets.record_table import CENTER, Column
from .delegates import ChoiceDelegate, CountDelegate

Judge = Callable[[VoteInput], VoteAssessment | None]

(COL_SUBJECT, COL_KIND, COL_METHOD, COL_YES, COL_NO, COL_ABSTAIN) = range(6)
COL_WRITTEN_YES, COL_WRITTEN_NO, COL_VERDICT = 6, 7, 8
HEADERS = ("表决事项", "类型", "表决方式", "赞成", "反对", "弃权", "书面赞成", "书面反对", "结论")
COUNT_FIELDS = {
    COL_YES: "yes",
    COL_NO: "no",
    COL_ABSTAIN: "abstain",
    COL_WRITTEN_YES: "written_yes",
    COL_WRITTEN_NO: "written_no",
}
SECRET_KINDS = (VoteKind.ADMISSION, VoteKind.FULL_MEMBERSHIP, VoteKind.ELECTION)
_PASSED = QBrush(QColor("#2e7d32"))
_FAILED = QBrush(QColor("#c62828"))


def short_verdict(assessment: VoteAssessment) -> str:
    """Return 通过 / 未通过 / 不足法定人数 / 记录有误."""
    if assessment.problems:
        return "记录有误"
    if not assessment.quorate:
        return "不足法定人数"
    return "通过" if assessment.passed else "未通过"


def _count_column(column: int) -> Column[VoteInput]:
    field = COUNT_FIELDS[column]
    return Column(HEADERS[column], lambda v: getattr(v, field), align=CENTER)


class VotesModel(EditableRecordModel[VoteInput]):
    """Editable votes; the 结论 column asks ``judge`` (set by the editor) for each row."""

    def __init__(self, parent: QObject | None = None) -> None:
        columns = [
            Column(HEADERS[COL_SUBJECT], lambda v: v.subject),
            Column(HEADERS[COL_KIND], lambda v: v.kind.value),
            Column(HEADERS[COL_METHOD], lambda v: v.method.value),
            *(_count_column(c) for c in COUNT_FIELDS),
            Column(
                HEADERS[COL_VERDICT],
                self._verdict_text,
                tooltip=self._verdict_tip,
                foreground=self._verdict_brush,
            ),
        ]
        super().__init__(columns, parent)
        self.judge: Judge | None = None

    def set_votes(self, votes: Sequence[VoteInput]) -> None:
        """Replace every row."""
        self.set_records(votes)

    def votes(self) -> tuple[VoteInput, ...]:
        """Return the votes as service inputs."""
        return tuple(self._records)

    def add_vote(self, subject: str = "") -> int:
        """Append a vote (一般事项, 举手表决); return its row."""
        return self.append_record(VoteInput(subject))

    def remove_vote(self, row: int) -> None:
        """Remove one vote."""
        self.remove_record(row)

    def refresh_verdicts(self) -> None:
        """Recompute the 结论 column (attendance or date changed)."""
        if self._records:
            last = len(self._records) - 1
            self.dataChanged.emit(self.index(0, COL_VERDICT), self.index(last, COL_VERDICT))

    def assessment(self, row: int) -> VoteAssessment | None:
        """Return the live verdict of one vote."""
        return self.judge(self._records[row]) if self.judge else None

    # ---- the 结论 column -----------------------------------------------------------------

    def _verdict_text(self, vote: VoteInput) -> str:
        assessment = self.judge(vote) if self.judge else None
        return short_verdict(assessment) if assessment else ""

    def _verdict_tip(self, vote: VoteInput) -> str | None:
        assessment = self.judge(vote) if self.judge else None
        return assessment.verdict if assessment else None

    def _verdict_brush(self, vote: VoteInput) -> QBrush | None:
        assessment = self.judge(vote) if self.judge else None
        if assessment is None:
            return None
        return _PASSED if assessment.passed else _FAILED

    # ---- editing -------------------------------------------------------------------------

    def editable(self, record: VoteInput, column: int) -> bool:
        return column != COL_VERDICT

    def edit_value(self, record: VoteInput, column: int) -> Any:
        if column in COUNT_FIELDS:
            return getattr(record, COUNT_FIELDS[column])
        return super().edit_value(record, column)

    def record_with(self, record: VoteInput, column: int, value: Any) -> VoteInput | None:
        text = str(value).strip()
        if column == COL_SUBJECT:
            return replace(record, subject=text)
        if column == COL_KIND and text in {k.value for k in VoteKind}:
            kind = VoteKind(text)
            method = VoteMethod.SECRET_BALLOT if kind in SECRET_KINDS else record.method
            return replace(record, kind=kind, method=method)
        if column == COL_METHOD and text in {m.value for m in VoteMethod}:
            return replace(record, method=VoteMethod(text))
        if column in COUNT_FIELDS and text.isdigit():
            return replace(record, **{COUNT_FIELDS[column]: int(text)})
        return None


class VotesPanel(QWidget):
    """The votes table with 添加表决/删除表决 and the full verdict of the current vote."""

    def __init__(self, model: VotesModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.table = QTableView()
        self.table.setModel(model)
        kinds, methods = [k.value for k in VoteKind], [m.value for m in VoteMethod]
        self.table.setItemDelegateForColumn(COL_KIND, ChoiceDelegate(kinds, self.table))
        self.table.setItemDelegateForColumn(COL_METHOD, ChoiceDelegate(methods, self.table))
        for column in COUNT_FIELDS:
            self.table.setItemDelegateForColumn(column, CountDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(COL_SUBJECT, 200)
        self.table.setColumnWidth(COL_KIND, 110)
        self.table.setColumnWidth(COL_METHOD, 90)
        for column in COUNT_FIELDS:
            self.table.setColumnWidth(column, 64)
        self.verdict = QLabel("可在此记录需要表决的事项；结论按表决规则自动计算。")
        self.verdict.setWordWrap(True)
        self.problems = ProblemLabel()  # impossible numbers: saving is refused until fixed
        self.add_button = QPushButton("添加表决")
        self.remove_button = QPushButton("删除表决")
        self._build()

    def _build(self) -> None:
        buttons = packed_row(self.add_button, self.remove_button)
        stacked(self, (self.table, 1), self.problems, self.verdict, buttons)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(
            lambda: self.model.remove_vote(self.table.currentIndex().row())
        )
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self.show_verdict())
        self.model.dataChanged.connect(lambda *_a: self.show_verdict())

    def _add(self) -> None:
        row = self.model.add_vote()
        index = self.model.index(row, COL_SUBJECT)
        self.table.setCurrentIndex(index)
        self.table.edit(index)

    def show_verdict(self) -> None:
        """Show the full verdict of the current vote under the table."""
        row = self.table.currentIndex().row()
        assessment = self.model.assessment(row) if row >= 0 else None
        if assessment is not None:
            self.verdict.setText(f"第{row + 1}项：{assessment.verdict}")
