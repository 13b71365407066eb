"""登记上缴: dues handed up to the upper committee (amount, 大额党费, period, receipt)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from ...domain.dues_records import RemittanceInput, RemittanceRecord
from ...domain.money import yuan_grouped
from ...services.outcome import Outcome
from ..context import UiContext
from ..widgets.form_fields import DateEdit, ok_cancel
from ..widgets.layouts import dialog_stack
from .fields import DuesForm, MoneyEdit


def quarter_text(ctx: UiContext) -> str:
    """Return e.g. '2026年第四季度' for today."""
    today = ctx.desk.dues.today()
    names = "一二三四"
    return f"{today.year}年第{names[(today.month - 1) // 3]}季度"


class RemitDialog(DuesForm):
    """Record one remittance; the amount starts at the balance held."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        balance = ctx.desk.dues.balance(ctx.unit_id)
        self.setWindowTitle("登记上缴党费")
        self.remitted_on = DateEdit(ctx.desk.dues.today())
        self.amount = MoneyEdit(max(balance, 0))
        self.large = MoneyEdit(0)
        self.covers = QLineEdit(quarter_text(ctx))
        self.receipt_no = QLineEdit(placeholderText="上级党委开具的收据编号")
        self.note = QLineEdit(placeholderText="可留空")
        self.buttons = ok_cancel("登记")
        form = QFormLayout()
        form.addRow("", QLabel(f"当前结存（已收未缴）：{yuan_grouped(balance)} 元"))
        form.addRow("上缴日期：", self.remitted_on)
        form.addRow("上缴金额（元）：", self.amount)
        form.addRow("其中大额党费（元）：", self.large)
        form.addRow("所属期间：", self.covers)
        form.addRow("收据编号：", self.receipt_no)
        form.addRow("备注：", self.note)
        dialog_stack(self, form, self.error, buttons=self.buttons)
        self.setMinimumWidth(420)

    def read(self) -> RemittanceInput | None:
        """Return the form as input, or None with the reason shown."""
        problems = [
            f"{label}：{why}"
            for label, why in (
                ("上缴金额", self.amount.parse_problem()),
                ("其中大额党费", self.large.parse_problem()),
                ("上缴日期", self.remitted_on.parse_problem()),
            )
            if why
        ]
        day = None if problems else self.remitted_on.date()
        if day is None:
            self.error.setText("\n".join(problems) or "上缴日期：请填写")
            return None
        return RemittanceInput(
            day,
            self.amount.fen() or 0,
            self.large.fen() or 0,
            self.covers.text(),
            self.receipt_no.text(),
            self.note.text(),
        )

    def write(self, data: RemittanceInput) -> Outcome[RemittanceRecord]:
        """Record the remittance."""
        return self.ctx.desk.dues.remit(self.ctx.unit_id, data)
