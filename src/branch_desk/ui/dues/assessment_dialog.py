"""核定 editor: category, base (one figure or pay-slip parts), relief, 起始月份, live reason."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.dues import DuesCategory, Reduction, base_from_parts
from ...domain.dues_records import AssessmentInput, AssessmentRecord
from ...domain.members import MemberCategory
from ...domain.money import MoneyError, yuan_grouped
from ...services.dues.assessments import check_assessment
from ...services.outcome import Outcome
from ..context import UiContext
from ..widgets.form_fields import ok_cancel
from .fields import DuesForm, MoneyEdit
from .parts import PartsTable

MID_YEAR_NOTE = (
    "年中调整：年内基数有变化时，选择新基数开始的月份另存一条核定；"
    "此前各月仍按原核定计算，已交的党费不受影响。"
)


@dataclass(frozen=True)
class Assessee:
    """Who is assessed: the member, their 人员类别, and the year."""

    member_id: int
    name: str
    category: MemberCategory
    year: int


class AssessmentDialog(DuesForm):
    """Edit one member's 核定 for a year; the monthly due and its reason update as you type."""

    def __init__(
        self,
        ctx: UiContext,
        who: Assessee,
        record: AssessmentRecord | None = None,
        from_month: int = 1,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.who = who
        self.setWindowTitle(f"党费核定 — {who.name}（{who.year}年）")
        self.category = QComboBox()
        for choice in DuesCategory:
            self.category.addItem(choice.value, choice.value)
        self.by_figure = QRadioButton("直接填写月基数")
        self.by_parts = QRadioButton("按工资明细计算")
        self.mode = QButtonGroup(self)
        self.base = MoneyEdit()
        self.parts = PartsTable()
        self.base_total = QLabel()
        self.base_stack = QStackedWidget()
        self.base_box = QWidget()
        self.fixed = MoneyEdit()
        self.fixed_row = QWidget()
        self.reduction = QComboBox()
        for choice in Reduction:
            self.reduction.addItem(choice.value, choice.value)
        self.reduced = MoneyEdit()
        self.approval_ref = QLineEdit(placeholderText="减交、免交须填写上级批准文号")
        self.from_month = QSpinBox()
        self.from_month.setRange(1, 12)
        self.from_month.setSuffix("月")
        self.note = QLineEdit(placeholderText="可留空")
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setStyleSheet("font-size: 15px; font-weight: bold; color: #1b5e20;")
        self.buttons = ok_cancel("保存")
        self._build()
        self._fill(record, from_month)
        self._wire()
        self.refresh()
        self.resize(620, 640)

    def _build(self) -> None:
        self.mode.addButton(self.by_figure)
        self.mode.addButton(self.by_parts)
        self.base_stack.addWidget(self.base)
        self.base_stack.addWidget(self.parts)
        choose = QHBoxLayout()
        choose.addWidget(self.by_figure)
        choose.addWidget(self.by_parts)
        choose.addStretch(1)
        base_layout = QVBoxLayout(self.base_box)
        base_layout.setContentsMargins(0, 0, 0, 0)
        base_layout.addLayout(choose)
        base_layout.addWidget(self.base_stack)
        base_layout.addWidget(self.base_total)
        fixed_layout = QHBoxLayout(self.fixed_row)
        fixed_layout.setContentsMargins(0, 0, 0, 0)
        fixed_layout.addWidget(QLabel("每月应交（元）："))
        fixed_layout.addWidget(self.fixed)
        relief = QHBoxLayout()
        relief.addWidget(self.reduction)
        relief.addWidget(QLabel("减交后月应交（元）："))
        relief.addWidget(self.reduced)
        mid_year = QLabel(MID_YEAR_NOTE)
        mid_year.setWordWrap(True)
        mid_year.setStyleSheet("color: #666;")
        form = QFormLayout()
        form.addRow("党费类别：", self.category)
        form.addRow("计算基数：", self.base_box)
        form.addRow("", self.fixed_row)
        form.addRow("减免：", relief)
        form.addRow("批准文号：", self.approval_ref)
        form.addRow("起始月份：", self.from_month)
        form.addRow("", mid_year)
        form.addRow("备注：", self.note)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.explanation)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _fill(self, record: AssessmentRecord | None, from_month: int) -> None:
        desk = self.ctx.desk
        category = record.category if record else desk.dues.default_category(self.who.category)
        self.category.setCurrentIndex(self.category.findData(category.value))
        self.from_month.setValue(from_month if record is None else record.from_month)
        if record is None:
            self.by_figure.setChecked(True)
            self.parts.set_parts(())
            return
        self.by_parts.setChecked(bool(record.parts))
        self.by_figure.setChecked(not record.parts)
        self.parts.set_parts(record.parts)
        if not record.parts and record.base_fen:
            self.base.set_fen(record.base_fen)
        if record.category is DuesCategory.OTHER:
            self.fixed.set_fen(record.computed_fen)
        self.reduction.setCurrentIndex(self.reduction.findData(record.reduction.value))
        if record.reduction is Reduction.REDUCED:
            self.reduced.set_fen(record.monthly_due_fen)
        self.approval_ref.setText(record.approval_ref)
        self.note.setText(record.note)

    def _wire(self) -> None:
        for combo in (self.category, self.reduction):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        for edit in (self.base, self.fixed, self.reduced, self.approval_ref):
            edit.textChanged.connect(lambda _t: self.refresh())
        self.from_month.valueChanged.connect(lambda _v: self.refresh())
        self.mode.buttonToggled.connect(lambda *_a: self.refresh())
        self.parts.changed.connect(self.refresh)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def chosen_category(self) -> DuesCategory:
        """Return the chosen 党费类别."""
        return DuesCategory(self.category.currentData())

    def read(self) -> AssessmentInput:
        """Return the form as an assessment input; raise MoneyError for an unreadable amount."""
        category = self.chosen_category()
        reduction = Reduction(self.reduction.currentData())
        use_parts = category.has_base and self.by_parts.isChecked()
        return AssessmentInput(
            category=category,
            base_fen=(self.base.fen() or 0) if category.has_base and not use_parts else 0,
            parts=self.parts.parts() if use_parts else (),
            reduction=reduction,
            reduced_fen=(self.reduced.fen() or 0) if reduction is Reduction.REDUCED else 0,
            approval_ref=self.approval_ref.text() if reduction is not Reduction.NONE else "",
            fixed_fen=self.fixed.fen() if category is DuesCategory.OTHER else None,
            from_month=self.from_month.value(),
            note=self.note.text(),
        )

    def refresh(self) -> None:
        """Show or hide the fields the choices need and recompute the monthly due."""
        category = self.chosen_category()
        reduction = Reduction(self.reduction.currentData())
        self.base_box.setVisible(category.has_base)
        self.base_stack.setCurrentWidget(self.parts if self.by_parts.isChecked() else self.base)
        self.fixed_row.setVisible(category is DuesCategory.OTHER)
        self.reduced.setEnabled(reduction is Reduction.REDUCED)
        self.approval_ref.setEnabled(reduction is not Reduction.NONE)
        try:
            data = self.read()
        except MoneyError as exc:
            self.explanation.clear()
            self.error.setText(str(exc))
            return
        if category.has_base and data.parts:
            self.base_total.setText(f"计算基数：{yuan_grouped(base_from_parts(data.parts))} 元")
        self.base_total.setVisible(category.has_base and bool(data.parts))
        self.explanation.setText(self.ctx.desk.dues.calculate(self.ctx.unit_id, data).explanation)
        self.error.clear()

    def accept(self) -> None:
        """Save when the form is complete; otherwise show what is missing and stay open."""
        try:
            data = self.read()
        except MoneyError as exc:
            self.error.setText(str(exc))
            return
        problems = [p for p in check_assessment(data) if p.is_error]
        if problems:
            self.error.setText("\n".join(p.describe() for p in problems))
            return
        self.save(data)

    def write(self, data: AssessmentInput) -> Outcome[AssessmentRecord]:
        """Save the assessment."""
        return self.ctx.desk.dues.assess(self.who.member_id, self.who.year, data)
