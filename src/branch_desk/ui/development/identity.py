"""A candidate's identity fields, and the 新增申请人 dialog that records the 入党申请书."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from ...domain.candidate_records import CandidateInput
from ...domain.development import Step
from ...domain.errors import Problem, ValidationFailed
from ...domain.members import Gender, MemberCategory
from ...services.development.views import CandidateView
from .. import messages
from ..context import UiContext
from ..dialog_guard import EditorDialog
from ..roster.member_form import EDUCATIONS, ETHNICITIES
from ..widgets.form_fields import (
    DateEdit,
    FieldProblems,
    ProblemLabel,
    choice_combo,
    editable_combo,
    fill_from_id_number,
    ok_cancel,
    select_data,
    with_message,
)
from ..widgets.layouts import dialog_stack

FIELDS = {
    "name": "姓名",
    "gender": "性别",
    "birth_date": "出生日期",
    "id_number": "身份证号",
    "ethnicity": "民族",
    "education": "学历",
    "category": "人员类别",
    "group": "党小组",
    "phone": "联系电话",
    "work_unit": "工作单位及职务",
    "notes": "备注",
}


class CandidateForm(FieldProblems, QWidget):
    """Every identity field of a candidate in two columns, each with its problem label."""

    def __init__(
        self, groups: Sequence[str], columns: int = 2, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.name = QLineEdit()
        self.gender = choice_combo(g.value for g in Gender)
        self.birth_date = DateEdit()
        self.id_number = QLineEdit(placeholderText="18位，末位可为X")
        self.ethnicity = editable_combo(ETHNICITIES)
        self.education = editable_combo(EDUCATIONS)
        self.category = choice_combo((c.value for c in MemberCategory), blank=None)
        self.group = choice_combo(groups, blank="（未分党小组）")
        self.phone = QLineEdit(placeholderText="手机号或座机号")
        self.work_unit = QLineEdit()
        self.notes = QLineEdit()
        self.labels = {name: ProblemLabel() for name in FIELDS}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        per_column = -(-len(FIELDS) // columns)
        for i, (name, label) in enumerate(FIELDS.items()):
            row, column = i % per_column, (i // per_column) * 2
            grid.setColumnStretch(column + 1, 1)
            grid.addWidget(QLabel(f"{label}："), row, column)
            grid.addWidget(with_message(getattr(self, name), self.labels[name]), row, column + 1)
        fill_from_id_number(self.id_number, self.gender, self.birth_date)

    def set_candidate(self, c: CandidateView) -> None:
        """Show a stored candidate."""
        self.name.setText(c.name)
        select_data(self.gender, c.gender)
        self.birth_date.set_date(c.birth_date)
        self.id_number.setText(c.id_number)
        self.ethnicity.setCurrentText(c.ethnicity)
        self.education.setCurrentText(c.education)
        select_data(self.category, c.category)
        select_data(self.group, c.group)
        self.phone.setText(c.phone)
        self.work_unit.setText(c.work_unit)
        self.notes.setText(c.notes)

    def read(self) -> CandidateInput:
        """Return the fields as typed; raise ValidationFailed when the date cannot be read."""
        if problem := self.birth_date.parse_problem():
            raise ValidationFailed([Problem("birth_date", "出生日期", problem)])
        gender = self.gender.currentData()
        return CandidateInput(
            name=self.name.text(),
            gender=Gender(gender) if gender else None,
            birth_date=self.birth_date.date(),
            id_number=self.id_number.text(),
            ethnicity=self.ethnicity.currentText(),
            education=self.education.currentText(),
            category=MemberCategory(self.category.currentData()),
            phone=self.phone.text(),
            work_unit=self.work_unit.text(),
            group=self.group.currentData() or "",
            notes=self.notes.text(),
        )


def group_names(ctx: UiContext) -> list[str]:
    """Return the 党小组 names of the current branch."""
    return [g.name for g in ctx.desk.org.groups(ctx.unit_id)]


class NewCandidateDialog(EditorDialog):
    """新增申请人: identity plus the day the 入党申请书 was received."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.created: CandidateView | None = None
        self.setWindowTitle("新增入党申请人")
        self.form = CandidateForm(group_names(ctx))
        self.applied = DateEdit(ctx.desk.development.today())
        self.applied_problem = ProblemLabel()
        self.buttons = ok_cancel("保存")
        row = QGridLayout()
        row.addWidget(QLabel("递交入党申请书日期："), 0, 0)
        row.addWidget(with_message(self.applied, self.applied_problem), 0, 1)
        row.setColumnStretch(1, 1)
        dialog_stack(self, self.form, row, buttons=self.buttons)
        self.setMinimumWidth(640)

    def accept(self) -> None:
        """Add the candidate and record step 1; stay open showing problems otherwise."""
        problem = self.applied.parse_problem()
        self.applied_problem.show_problems([Problem("day", "日期", problem)] if problem else [])
        try:
            data = self.form.read()
        except ValidationFailed as exc:
            self.form.show_problems(exc.problems)
            return
        if problem:
            return
        service = self.ctx.desk.development
        outcome = messages.inline_call(
            self, lambda: service.add(self.ctx.unit_id, data), self.form.show_problems
        )
        if outcome is None:
            return
        self.created = self.ctx.apply(outcome)
        day = self.applied.date()
        if day is not None:
            step = self.ctx.attempt(
                self, lambda: service.record_step(outcome.value.id, Step.APPLICATION, day)
            )
            if step is not None:
                self.created = step.value
        super().accept()
