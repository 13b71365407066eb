"""The records panel: 思想汇报 received and 培养考察 done, newest first, with an add row."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.development import RecordKind
from ...domain.errors import Problem
from ...services.development.views import CandidateView
from ..context import UiContext
from ..widgets.form_fields import DateEdit, ProblemLabel, choice_combo

RECORDS_HINT = "思想汇报每季度至少一次；支部每半年对积极分子、发展对象进行一次培养考察。"


class RecordsPanel(QWidget):
    """List and add a candidate's 思想汇报 and 培养考察 dates."""

    changed = Signal(object)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.candidate: CandidateView | None = None
        self.list = QListWidget()
        self.kind = choice_combo((k.value for k in RecordKind), blank=None)
        self.day = DateEdit(ctx.desk.development.today())
        self.note = QLineEdit(placeholderText="备注，可留空")
        self.add_button = QPushButton("添加")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add)
        self.problem = ProblemLabel()
        self.total = QLabel()
        hint = QLabel(RECORDS_HINT)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666;")
        row = QHBoxLayout()
        for widget in (self.kind, self.day, self.note):
            row.addWidget(widget)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.total)
        layout.addLayout(row)
        layout.addWidget(self.problem)

    def set_candidate(self, candidate: CandidateView) -> None:
        """Show a candidate's records, newest first, with counts per kind."""
        self.candidate = candidate
        self.list.clear()
        for kind, day in sorted(candidate.records, key=lambda r: r[1], reverse=True):
            self.list.addItem(f"{day.isoformat()}　{kind.value}")
        if not candidate.records:
            self.list.addItem("尚无记录")
        counts = "，".join(f"{k.value}{n}次" for k, n in self.counts().items())
        self.total.setText(f"共计：{counts}")
        self.add_button.setEnabled(not candidate.stage.ended)

    def counts(self) -> dict[RecordKind, int]:
        """Return how many records of each kind the candidate has."""
        found = dict.fromkeys(RecordKind, 0)
        for kind, _day in self.candidate.records if self.candidate else ():
            found[kind] += 1
        return found

    def add(self) -> None:
        """Record the typed date for the chosen kind."""
        if self.candidate is None:
            return
        problem = self.day.parse_problem() or ("" if self.day.date() else "请填写日期")
        self.problem.show_problems([Problem("day", "日期", problem)] if problem else [])
        if problem:
            return
        day, kind = self.day.date(), RecordKind(self.kind.currentData())
        assert day is not None
        candidate_id, note = self.candidate.id, self.note.text()
        outcome = self.ctx.attempt(
            self, lambda: self.ctx.desk.development.add_record(candidate_id, kind, day, note)
        )
        if outcome is not None:
            self.note.clear()
            self.set_candidate(outcome.value)
            self.changed.emit(outcome.value)
