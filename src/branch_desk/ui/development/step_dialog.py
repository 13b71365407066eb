"""The step editor: date and details of one step, checked as typed, saved by the service."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFormLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain.development import Step
from ...domain.errors import Problem, ValidationFailed
from ...domain.rules.development_steps import check_step
from ...domain.rules.development_types import DevIssue
from ...services.development.preview import StepPreview, preview_step, rule_title
from ...services.development.views import CandidateView
from ...services.outcome import Outcome
from .. import messages
from ..context import UiContext
from ..dialog_guard import EditorDialog
from ..widgets.form_fields import ERROR_COLOR, DateEdit, ProblemLabel, ok_cancel, with_message
from .stages import iso, issue_color
from .step_fields import DAY_CAPTIONS, StepFields

CHECK_DELAY_MS = 200
DAY_HINT = "必填，如 2024-05-10"
WINDOW_STYLE = "background: #fff8e1; border: 1px solid #ffcc80; padding: 6px;"


def window_text(candidate: CandidateView, step: Step) -> str:
    """Describe the allowed window when ``step`` is the candidate's next step, else ''."""
    nxt = candidate.next
    if nxt is None or nxt.step is not step:
        return ""
    parts = []
    if nxt.earliest:
        parts.append(f"最早 {iso(nxt.earliest)}")
    if nxt.latest:
        parts.append(f"最迟 {iso(nxt.latest)}")
    text = "这是下一步。" + ("可办理期间：" + "，".join(parts) if parts else "")
    return text + (f"（{nxt.note}）" if nxt.note else "")


def findings_html(issues: tuple[DevIssue, ...] | list[DevIssue]) -> str:
    """Return the rule findings as coloured bullets, each naming its rule ('' when none)."""
    return "<br>".join(
        f'<span style="color:{issue_color(i)}">● 【{rule_title(i)}】{i.message}</span>'
        for i in issues
    )


def admitted_message(before: CandidateView, after: CandidateView) -> str:
    """Return the news that a save changed the roster, or ''."""
    if before.member_id is None and after.member_id is not None:
        return f"{after.name}已作为预备党员编入党员名册（党员名册中可查看）。"
    if before.stage.value != "正式党员" and after.stage.value == "正式党员":
        return f"{after.name}已按期转为正式党员，党员名册已同步更新。"
    return ""


class StepDialog(EditorDialog):
    """Record or correct one step of a candidate."""

    def __init__(
        self, ctx: UiContext, candidate: CandidateView, step: Step, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.candidate, self.step = ctx, candidate, step
        self.outcome: Outcome[CandidateView] | None = None
        self.record = candidate.steps.get(step)
        self.setWindowTitle(f"{'修改' if self.record else '登记'}步骤：{step.value}")
        overrides = {d: w for d, w, _note in ctx.desk.calendar.days()}
        members = ctx.desk.roster.list(ctx.unit_id)
        self.day = DateEdit(self.record.day if self.record else None)
        self.day.setPlaceholderText(DAY_HINT)
        self.preview: StepPreview | None = None
        self.day_problem = ProblemLabel()
        self.fields = StepFields(step, members, overrides)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.remove_button = QPushButton("删除此步骤")
        self.remove_button.setAutoDefault(False)
        self.remove_button.setVisible(self.record is not None)
        self.remove_button.clicked.connect(self.remove)
        self.buttons = ok_cancel("保存")
        self.buttons.addButton(self.remove_button, self.buttons.ButtonRole.ResetRole)
        self._timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._build()
        if self.record is not None:
            self.fields.set_data(self.record.data)
        self.fields.set_start(self._day())
        self._timer.timeout.connect(self.validate)
        self.day.date_changed.connect(self._day_changed)
        self.fields.edited.connect(self._timer.start)
        self.validate()

    def _build(self) -> None:
        heading = QLabel(f"{self.candidate.name}　第{self.step.number}步　{self.step.value}")
        if self.step.number == "—":
            heading.setText(f"{self.candidate.name}　{self.step.value}")
        heading.setStyleSheet("font-size: 16px; font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        self.window_hint = QLabel(window_text(self.candidate, self.step))
        self.window_hint.setWordWrap(True)
        self.window_hint.setStyleSheet(WINDOW_STYLE)
        self.window_hint.setVisible(bool(self.window_hint.text()))
        layout.addWidget(self.window_hint)
        self.findings = QLabel()
        self.findings.setWordWrap(True)
        self.findings.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.findings)
        form = QFormLayout()
        form.addRow(DAY_CAPTIONS.get(self.step, "日期："), with_message(self.day, self.day_problem))
        layout.addLayout(form)
        layout.addWidget(self.fields)
        layout.addWidget(self.summary)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.setMinimumWidth(560)

    def _day(self) -> date | None:
        return None if self.day.parse_problem() else self.day.date()

    def _day_changed(self) -> None:
        self.fields.set_start(self._day())
        self._timer.start()

    def validate(self) -> list[Problem]:
        """Check the date and the details now; show errors red and warnings orange."""
        problems: list[Problem] = []
        if message := self.day.parse_problem():
            problems.append(Problem("day", "日期", message))
        elif self.day.date() is None:
            problems.append(Problem("day", "日期", "请填写日期"))
        problems += self.fields.problems()
        day = self._day()
        if day is not None and not any(p.is_error for p in problems):
            try:
                check_step(self.step, day, self.fields.data(), self.ctx.desk.development.today())
            except ValidationFailed as exc:
                problems += exc.problems
        ready = day is not None and not any(p.is_error for p in problems)
        self._show_findings(day if ready else None)
        self._show(problems)
        return problems

    def _show_findings(self, day: date | None) -> None:
        """Run the checker's rules on the steps with this one as typed; list what they find."""
        if day is None:
            self.preview = None
            issues = tuple(i for i in self.candidate.issues if i.step is self.step)
        else:
            self.preview = preview_step(
                self.ctx.desk.development, self.candidate.id, self.step, day, self.fields.data()
            )
            issues = self.preview.issues
        self.findings.setText(findings_html(issues))
        self.findings.setVisible(bool(issues))

    def _show(self, problems: Sequence[Problem]) -> None:
        self.day_problem.show_problems(p for p in problems if p.field == "day")
        errors = [p for p in problems if p.is_error and p.field != "day"]
        self.summary.setText("；".join(p.describe() for p in errors))
        self.summary.setStyleSheet(f"color: {ERROR_COLOR};")
        self.summary.setVisible(bool(errors))

    def accept(self) -> None:
        """Save when nothing blocks it; tell when the roster changed as a result."""
        self._timer.stop()
        if any(p.is_error for p in self.validate()):
            return
        day = self._day()
        assert day is not None
        question = self.preview.question(self.step) if self.preview else ""
        if question and not messages.confirm(self, question, yes="仍然保存"):
            return
        service = self.ctx.desk.development
        data = self.fields.data()
        self.outcome = messages.inline_call(
            self, lambda: service.record_step(self.candidate.id, self.step, day, data), self._show
        )
        if self.outcome is None:
            return
        after = self.ctx.apply(self.outcome)
        if news := admitted_message(self.candidate, after):
            messages.inform(self, news)
        super().accept()

    def remove(self) -> None:
        """Remove a step recorded by mistake, after confirmation."""
        question = f"确定删除“{self.step.value}”的记录吗？"
        if not messages.confirm(self, question, yes="删除"):
            return
        outcome = self.ctx.attempt(
            self, lambda: self.ctx.desk.development.remove_step(self.candidate.id, self.step)
        )
        if outcome is not None:
            self.outcome = outcome
            super().accept()
