"""缴费记录: payments and reversals of a year (optionally one member's), with 冲销."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from ...domain.dues_records import PaymentRecord
from ...domain.money import yuan, yuan_grouped
from .. import messages
from ..context import UiContext
from ..widgets.record_table import RIGHT, Column, RecordTableModel, date_key
from ..widgets.tables import make_table
from . import fields

HEADERS = ("缴纳日期", "姓名", "所交月份", "金额", "其中多交", "方式", "经手人", "状态", "备注")
WIDTHS = (96, 80, 150, 80, 70, 70, 70, 70)
REVERSAL_BRUSH = QBrush(QColor("#b71c1c"))
REVERSED_BRUSH = QBrush(QColor("#9e9e9e"))


def status_text(payment: PaymentRecord) -> str:
    """Return 冲销/已冲销/大额党费/'' for a payment."""
    if payment.reversal_of_id is not None:
        return "冲销"
    if payment.reversed:
        return "已冲销"
    return "大额党费" if payment.large else ""


def _colour(payment: PaymentRecord) -> QBrush | None:
    if payment.reversal_of_id is not None:
        return REVERSAL_BRUSH
    return REVERSED_BRUSH if payment.reversed else None


COLUMNS: tuple[Column[PaymentRecord], ...] = (
    Column(HEADERS[0], lambda p: p.paid_on.isoformat(), sort=lambda p: date_key(p.paid_on)),
    Column(HEADERS[1], lambda p: p.member_name),
    Column(HEADERS[2], lambda p: p.span),
    Column(HEADERS[3], lambda p: yuan(p.amount_fen), sort=lambda p: p.amount_fen, align=RIGHT),
    Column(
        HEADERS[4],
        lambda p: yuan(p.extra_fen) if p.extra_fen else "",
        sort=lambda p: p.extra_fen,
        align=RIGHT,
    ),
    Column(HEADERS[5], lambda p: p.method),
    Column(HEADERS[6], lambda p: p.collector),
    Column(HEADERS[7], status_text),
    Column(HEADERS[8], lambda p: p.note),
)


class PaymentsModel(RecordTableModel[PaymentRecord]):
    """Payments as rows, newest last; reversals red, reversed payments grey; read-only."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, parent, row_foreground=_colour)

    def set_payments(self, payments: list[PaymentRecord]) -> None:
        """Replace every row."""
        self.set_records(payments)

    @property
    def payments(self) -> list[PaymentRecord]:
        """Return every payment shown, in row order."""
        return self.records()


class PaymentsPanel(QWidget):
    """A payments table with a 冲销 button for the selected payment."""

    def __init__(
        self, ctx: UiContext, member_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.member_id = ctx, member_id
        self.year = ctx.desk.dues.today().year
        self.model = PaymentsModel(self)
        self.table = make_table(self.model, widths=WIDTHS, compact_rows=False)
        self.total = QLabel()
        self.reverse_button = QPushButton("冲销…")
        self.reverse_button.setToolTip("登记错误的缴费用一笔负数冲销，原记录保留")
        self._build()

    def _build(self) -> None:
        fields.lay_out_list(self, self.table, self.total, [self.reverse_button])
        self.reverse_button.clicked.connect(self.reverse_selected)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_button())

    def reload(self, year: int | None = None) -> None:
        """Read the year's payments again."""
        if year is not None:
            self.year = year
        found = self.ctx.desk.dues.payments(self.ctx.unit_id, self.year)
        if self.member_id is not None:
            found = [p for p in found if p.member_id == self.member_id]
        self.model.set_payments(found)
        total = sum(p.amount_fen for p in found)
        self.total.setText(f"{self.year}年共 {len(found)} 笔，合计 {yuan_grouped(total)} 元")
        if found:
            self.table.selectRow(len(found) - 1)
        self._update_button()

    def selected(self) -> PaymentRecord | None:
        """Return the payment of the current row, if any."""
        index = self.table.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def _update_button(self) -> None:
        chosen = self.selected()
        ok = chosen is not None and chosen.reversal_of_id is None and not chosen.reversed
        self.reverse_button.setEnabled(ok)

    def reverse_selected(self) -> bool:
        """Confirm, ask for the reason and enter the reversal of the selected payment."""
        payment = self.selected()
        if payment is None:
            return False
        question = (
            f"确定冲销{payment.member_name}于{payment.paid_on.isoformat()}缴纳的"
            f"{yuan_grouped(payment.amount_fen)}元（{payment.span}）吗？\n"
            "冲销将登记一笔相同金额的负数记录，原记录保留。"
        )
        if not messages.confirm(self, question, yes="冲销"):
            return False
        reason = fields.ask_text(self, "冲销原因", "请填写冲销原因（如：金额登记错误）：")
        if reason is None:
            return False
        today = self.ctx.desk.dues.today()
        outcome = self.ctx.attempt(
            self, lambda: self.ctx.desk.dues.reverse(payment.id, today, reason)
        )
        if outcome is None:
            return False
        self.reload()
        return True
