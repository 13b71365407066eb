"""Record or end a 表决权排除情形 (a reason a full member does not count in E)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from ...domain.errors import Problem
from ...domain.members import MemberRecord
from ...domain.voting import ExclusionKind
from ...services.outcome import Outcome
from ...services.roster.exclusions import ExclusionInput, ExclusionRecord
from .. import messages
from ..context import UiContext
from ..dialog_guard import EditorDialog
from ..widgets.form_dialog import SavingFormDialog
from ..widgets.form_fields import (
    DateEdit,
    ProblemLabel,
    choice_combo,
    ok_cancel,
    with_message,
)
from ..widgets.layouts import dialog_stack

EXPLANATION = (
    "留党察看、被依法留置或逮捕的党员，自开始之日起不计入应到会有表决权的人数。\n"
    "其余情形（因病无法表达意志、自费出国半年以上、正在服刑、年老体弱卧床不起、"
    "外出半年以上未转组织关系）须经上级党组织批准并经党员大会通过，"
    "只有同时填写“上级党组织批准文号”和“党员大会通过记录”后才生效。"
)
FIELDS = ("kind", "start_on", "end_on", "upper_ref", "assembly_ref")


def exclusion_line(record: ExclusionRecord) -> str:
    """Describe one exclusion on one line, saying whether it takes effect."""
    end = record.end_on.isoformat() if record.end_on else "至今"
    state = "" if record.approved else "（未生效：缺少批准文号或党员大会记录）"
    return f"{record.start_on.isoformat()}—{end}  {record.kind.value}{state}"


class ExclusionDialog(SavingFormDialog):
    """Add an exclusion for a member: kind, dates and the two approval references."""

    def __init__(self, ctx: UiContext, member: MemberRecord, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.member = ctx, member
        self.setWindowTitle(f"表决权排除情形 — {member.name}")
        self.kind = choice_combo((k.value for k in ExclusionKind), blank=None)
        self.start_on = DateEdit(ctx.desk.roster.today())
        self.end_on = DateEdit()
        self.end_on.setPlaceholderText("可留空（尚未结束）")
        self.upper_ref = QLineEdit(placeholderText="如 某党委〔2026〕3号")
        self.assembly_ref = QLineEdit(placeholderText="如 2026年6月15日支部党员大会通过")
        self.note = QLineEdit()
        self.labels = {name: ProblemLabel() for name in FIELDS}
        self.explain = QLabel(EXPLANATION)
        self.explain.setWordWrap(True)
        self.explain.setStyleSheet("color: #555;")
        self.buttons = ok_cancel()
        form = QFormLayout()
        form.addRow("情形：", with_message(self.kind, self.labels["kind"]))
        form.addRow("开始日期：", with_message(self.start_on, self.labels["start_on"]))
        form.addRow("结束日期：", with_message(self.end_on, self.labels["end_on"]))
        form.addRow("上级党组织批准文号：", with_message(self.upper_ref, self.labels["upper_ref"]))
        assembly = with_message(self.assembly_ref, self.labels["assembly_ref"])
        form.addRow("党员大会通过记录：", assembly)
        form.addRow("备注：", self.note)
        dialog_stack(self, self.explain, form, buttons=self.buttons)
        self.setMinimumWidth(520)

    def read(self) -> tuple[ExclusionInput | None, list[Problem]]:
        """Return the input, or the problems of unreadable or missing dates."""
        problems = []
        for name, field, label in (
            ("start_on", self.start_on, "开始日期"),
            ("end_on", self.end_on, "结束日期"),
        ):
            if message := field.parse_problem():
                problems.append(Problem(name, label, message))
        if not problems and self.start_on.date() is None:
            problems.append(Problem("start_on", "开始日期", "请填写开始日期"))
        if problems:
            return None, problems
        start = self.start_on.date()
        assert start is not None
        kind = ExclusionKind(self.kind.currentData())
        data = ExclusionInput(
            kind,
            start,
            self.end_on.date(),
            self.upper_ref.text(),
            self.assembly_ref.text(),
            self.note.text(),
        )
        return data, []

    def save(self, data: ExclusionInput) -> Outcome[ExclusionRecord]:
        """Record the exclusion."""
        return self.ctx.desk.exclusions.add(self.member.id, data)

    def saved(self, outcome: Outcome[ExclusionRecord]) -> None:
        """Say when the exclusion does not take effect yet."""
        if not outcome.value.approved:
            messages.inform(self, "已记录。该情形尚缺批准文号或党员大会通过记录，暂不生效。")


class EndExclusionDialog(EditorDialog):
    """Choose the day an exclusion ended."""

    def __init__(self, ctx: UiContext, record: ExclusionRecord, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.record = ctx, record
        self.setWindowTitle("结束表决权排除情形")
        self.end_on = DateEdit(ctx.desk.roster.today())
        self.problem = ProblemLabel()
        self.buttons = ok_cancel()
        form = QFormLayout(self)
        form.addRow(QLabel(exclusion_line(record)))
        form.addRow("结束日期：", with_message(self.end_on, self.problem))
        form.addRow(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def accept(self) -> None:
        """Close the exclusion on the chosen day."""
        message = self.end_on.parse_problem()
        day = None if message else self.end_on.date()
        if day is None:
            self.problem.show_problems([Problem("end_on", "结束日期", message or "请填写日期")])
            return
        exclusions = self.ctx.desk.exclusions
        outcome = messages.inline_call(
            self, lambda: exclusions.end(self.record.id, day), self.problem.show_problems
        )
        if outcome is None:
            return
        self.ctx.apply(outcome)
        super().accept()
