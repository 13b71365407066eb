"""终止: end a candidate's procedure (未通过, 取消资格, 撤回) with the day and the reason."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QFormLayout, QLabel, QPlainTextEdit, QWidget

from ...domain.candidate_records import ENDINGS
from ...domain.development import Stage
from ...domain.errors import Problem
from ...services.development.views import CandidateView
from .. import messages
from ..context import UiContext
from ..dialog_guard import EditorDialog
from ..widgets.form_fields import (
    DateEdit,
    ProblemLabel,
    choice_combo,
    ok_cancel,
    show_field_problems,
    with_message,
)

END_NOTE = "终止后不能再登记步骤；如系误操作，请联系上级党委核实后重新录入。"


class EndDialog(EditorDialog):
    """Choose how and why the procedure ends; asks once more before saving."""

    def __init__(self, ctx: UiContext, candidate: CandidateView, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.candidate = ctx, candidate
        self.ended: CandidateView | None = None
        self.setWindowTitle(f"终止发展程序 — {candidate.name}")
        self.outcome = choice_combo((s.value for s in ENDINGS), blank=None)
        self.day = DateEdit(ctx.desk.development.today())
        self.reason = QPlainTextEdit()
        self.reason.setFixedHeight(80)
        self.reason.setPlaceholderText("如 本人申请撤回、支部大会表决未通过、政审不合格")
        self.labels = {"day": ProblemLabel(), "reason": ProblemLabel()}
        self.buttons = ok_cancel("终止")
        note = QLabel(END_NOTE)
        note.setWordWrap(True)
        note.setStyleSheet("color: #666;")
        form = QFormLayout(self)
        form.addRow("终止方式：", self.outcome)
        form.addRow("日期：", with_message(self.day, self.labels["day"]))
        form.addRow("原因：", with_message(self.reason, self.labels["reason"]))
        form.addRow(note)
        form.addRow(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.setMinimumWidth(440)

    def problems(self) -> list[Problem]:
        """Return what must be corrected before ending."""
        found = []
        if message := self.day.parse_problem() or ("" if self.day.date() else "请填写日期"):
            found.append(Problem("day", "日期", message))
        if not self.reason.toPlainText().strip():
            found.append(Problem("reason", "原因", "请填写终止原因"))
        return found

    def _show(self, problems: Sequence[Problem]) -> None:
        show_field_problems(self.labels, problems)

    def accept(self) -> None:
        """Confirm, then end the procedure through the service."""
        problems = self.problems()
        self._show(problems)
        if problems:
            return
        outcome, day = Stage(self.outcome.currentData()), self.day.date()
        assert day is not None
        question = f"确定以“{outcome.value}”终止{self.candidate.name}的发展程序吗？\n{END_NOTE}"
        if not messages.confirm(self, question, yes="终止"):
            return
        reason = self.reason.toPlainText()
        service = self.ctx.desk.development
        result = messages.inline_call(
            self, lambda: service.end(self.candidate.id, outcome, day, reason), self._show
        )
        if result is None:
            return
        self.ended = self.ctx.apply(result)
        super().accept()
