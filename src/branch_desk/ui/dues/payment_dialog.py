"""登记缴费 for one member: months from/to, amount of the open dues, and their payments."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.dues_records import PAYMENT_METHODS, PaymentInput, PaymentRecord
from ...domain.money import yuan_grouped
from ...services.dues.ledger import MonthCell, month_index, month_start
from ...services.outcome import Outcome
from ..context import UiContext
from ..widgets.form_fields import DateEdit, ok_cancel
from .fields import DuesForm, MoneyEdit, collector_name, open_fen
from .payments import PaymentsPanel


def default_span(cells: list[MonthCell], chosen: int) -> tuple[int, int]:
    """Return (first, last): the first unpaid month up to ``chosen``, through ``chosen``."""
    first = next((c.index for c in cells if c.index <= chosen and open_fen(c) > 0), chosen)
    return first, chosen


def open_sum(cells: list[MonthCell], first: int, last: int) -> int:
    """Return the dues still to pay from ``first`` to ``last`` (month indexes)."""
    return sum(open_fen(c) for c in cells if first <= c.index <= last)


class PaymentDialog(DuesForm):
    """Register a payment for one member; the service's refusals are shown in the dialog."""

    def __init__(
        self,
        ctx: UiContext,
        member_id: int,
        name: str,
        year: int,
        month: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.member_id, self.name, self.year = member_id, name, year
        today = ctx.desk.dues.today()
        self.cells = ctx.desk.dues_reports.matrix_for(
            ctx.unit_id, member_id, year * 12, year * 12 + 11, today
        )
        self.setWindowTitle(f"登记党费 — {name}")
        self.first, self.last = QComboBox(), QComboBox()
        self.amount = MoneyEdit()
        self.owed = QLabel()
        self.paid_on = DateEdit(today)
        self.method = QComboBox()
        self.method.addItems(PAYMENT_METHODS)
        self.collector = QLineEdit(collector_name(ctx))
        self.note = QLineEdit(placeholderText="可留空")
        self.payments = PaymentsPanel(ctx, member_id)
        self.buttons = ok_cancel("登记")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("关闭")
        self._fill_months(month, month_index(today))
        self._build()
        self.payments.reload(year)
        self._months_changed()
        self.resize(760, 620)

    def _fill_months(self, month: int | None, current: int) -> None:
        for cell in self.cells:
            text = f"{month_start(cell.index).month}月（{cell.state.value}）"
            self.first.addItem(text, cell.index)
            self.last.addItem(text, cell.index)
        year_end = self.year * 12 + 11
        chosen = (
            self.year * 12 + month - 1 if month else min(max(current, self.year * 12), year_end)
        )
        first, last = default_span(self.cells, chosen)
        self.first.setCurrentIndex(self.first.findData(first))
        self.last.setCurrentIndex(self.last.findData(last))

    def _build(self) -> None:
        months = QHBoxLayout()
        months.addWidget(self.first)
        months.addWidget(QLabel("至"))
        months.addWidget(self.last)
        months.addStretch(1)
        form = QFormLayout()
        form.addRow("所交月份：", months)
        form.addRow("", self.owed)
        form.addRow("金额（元）：", self.amount)
        form.addRow("缴纳日期：", self.paid_on)
        form.addRow("缴纳方式：", self.method)
        form.addRow("经手人：", self.collector)
        form.addRow("备注：", self.note)
        history = QGroupBox(f"{self.year}年缴费记录")
        QVBoxLayout(history).addWidget(self.payments)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        layout.addWidget(history, 1)
        self.first.currentIndexChanged.connect(self._months_changed)
        self.last.currentIndexChanged.connect(self._months_changed)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.amount.setFocus()

    def span(self) -> tuple[int, int]:
        """Return the chosen first and last month indexes."""
        return int(self.first.currentData()), int(self.last.currentData())

    def _months_changed(self) -> None:
        first, last = self.span()
        due = open_sum(self.cells, first, last)
        self.owed.setText(f"所选月份尚欠 {yuan_grouped(due)} 元")
        self.amount.set_fen(due)
        self.error.clear()

    def read(self) -> PaymentInput | None:
        """Return the form as a payment input, or None (with the reason shown) when unreadable."""
        problems = []
        if why := self.amount.parse_problem():
            problems.append(f"金额：{why}")
        if why := self.paid_on.parse_problem():
            problems.append(f"缴纳日期：{why}")
        paid_on = None if problems else self.paid_on.date()
        if not problems and paid_on is None:
            problems.append("缴纳日期：请填写")
        if problems or paid_on is None:
            self.error.setText("\n".join(problems))
            return None
        first, last = self.span()
        return PaymentInput(
            month_start(first),
            month_start(last),
            self.amount.fen() or 0,
            paid_on,
            self.method.currentText(),
            self.collector.text(),
            self.note.text(),
        )

    def write(self, data: PaymentInput) -> Outcome[PaymentRecord]:
        """Record the payment (the service refuses too little, months out of range …)."""
        return self.ctx.desk.dues.pay(self.member_id, data)
