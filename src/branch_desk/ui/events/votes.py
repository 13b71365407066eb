"""The votes table of the event editor: 事项, 类型, 方式, counts and the live verdict."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.events import VoteInput, VoteKind, VoteMethod
from ...domain.rules.votes import VoteAssessment
from ..widgets.form_fields import ProblemLabel
from .delegates import ChoiceDelegate, CountDelegate

Index = QModelIndex | QPersistentModelIndex
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


class VotesModel(QAbstractTableModel):
    """Editable votes; the 结论 column asks ``judge`` (set by the editor) for each row."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._votes: list[VoteInput] = []
        self.judge: Judge | None = None

    def set_votes(self, votes: Sequence[VoteInput]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._votes = list(votes)
        self.endResetModel()

    def votes(self) -> tuple[VoteInput, ...]:
        """Return the votes as service inputs."""
        return tuple(self._votes)

    def add_vote(self, subject: str = "") -> int:
        """Append a vote (一般事项, 举手表决); return its row."""
        row = len(self._votes)
        self.beginInsertRows(QModelIndex(), row, row)
        self._votes.append(VoteInput(subject))
        self.endInsertRows()
        return row

    def remove_vote(self, row: int) -> None:
        """Remove one vote."""
        if 0 <= row < len(self._votes):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._votes[row]
            self.endRemoveRows()

    def refresh_verdicts(self) -> None:
        """Recompute the 结论 column (attendance or date changed)."""
        if self._votes:
            last = len(self._votes) - 1
            self.dataChanged.emit(self.index(0, COL_VERDICT), self.index(last, COL_VERDICT))

    def assessment(self, row: int) -> VoteAssessment | None:
        """Return the live verdict of one vote."""
        return self.judge(self._votes[row]) if self.judge else None

    # ---- Qt model interface ------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._votes)

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
        return base if index.column() == COL_VERDICT else base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._votes):
            return None
        vote, column = self._votes[index.row()], index.column()
        if column == COL_VERDICT:
            return self._verdict_data(index.row(), role)
        if role == Qt.ItemDataRole.EditRole and column in COUNT_FIELDS:
            return getattr(vote, COUNT_FIELDS[column])
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(vote, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in COUNT_FIELDS:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    @staticmethod
    def _text(vote: VoteInput, column: int) -> str:
        if column == COL_SUBJECT:
            return vote.subject
        if column == COL_KIND:
            return vote.kind.value
        if column == COL_METHOD:
            return vote.method.value
        return str(getattr(vote, COUNT_FIELDS[column]))

    def _verdict_data(self, row: int, role: int) -> Any:
        assessment = self.assessment(row)
        if assessment is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return short_verdict(assessment)
        if role == Qt.ItemDataRole.ToolTipRole:
            return assessment.verdict
        if role == Qt.ItemDataRole.ForegroundRole:
            return _PASSED if assessment.passed else _FAILED
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row, column = index.row(), index.column()
        vote = self._votes[row]
        if column == COL_SUBJECT:
            vote = replace(vote, subject=str(value).strip())
        elif column == COL_KIND and str(value) in {k.value for k in VoteKind}:
            kind = VoteKind(str(value))
            method = VoteMethod.SECRET_BALLOT if kind in SECRET_KINDS else vote.method
            vote = replace(vote, kind=kind, method=method)
        elif column == COL_METHOD and str(value) in {m.value for m in VoteMethod}:
            vote = replace(vote, method=VoteMethod(str(value)))
        elif column in COUNT_FIELDS and str(value).strip().isdigit():
            vote = replace(vote, **{COUNT_FIELDS[column]: int(str(value).strip())})
        else:
            return False
        self._votes[row] = vote
        self.dataChanged.emit(self.index(row, 0), self.index(row, COL_VERDICT))
        return True


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
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problems)
        layout.addWidget(self.verdict)
        layout.addLayout(buttons)
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
