"""缴费记录: payments and reversals of a year (optionally one member's), with 冲销."""

from __future__ import annotations

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

from ...domain.dues_records import PaymentRecord
from ...domain.money import yuan, yuan_grouped
from .. import messages
from ..context import UiContext
from . import fields

Index = QModelIndex | QPersistentModelIndex
HEADERS = ("缴纳日期", "姓名", "所交月份", "金额", "其中多交", "方式", "经手人", "状态", "备注")
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
REVERSAL_COLOR = QColor("#b71c1c")
REVERSED_COLOR = QColor("#9e9e9e")


def status_text(payment: PaymentRecord) -> str:
    """Return 冲销/已冲销/大额党费/'' for a payment."""
    if payment.reversal_of_id is not None:
        return "冲销"
    if payment.reversed:
        return "已冲销"
    return "大额党费" if payment.large else ""


class PaymentsModel(QAbstractTableModel):
    """Payments as rows, newest last; read-only."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.payments: list[PaymentRecord] = []

    def set_payments(self, payments: list[PaymentRecord]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self.payments = list(payments)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.payments)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return HEADERS[section] if 0 <= section < len(HEADERS) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.payments):
            return None
        item = self.payments[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            extra = yuan(item.extra_fen) if item.extra_fen else ""
            values = (
                item.paid_on.isoformat(),
                item.member_name,
                item.span,
                yuan(item.amount_fen),
                extra,
                item.method,
                item.collector,
                status_text(item),
                item.note,
            )
            return values[index.column()]
        if role == ROW_ROLE:
            return item
        if role == Qt.ItemDataRole.ForegroundRole:
            if item.reversal_of_id is not None:
                return QBrush(REVERSAL_COLOR)
            return QBrush(REVERSED_COLOR) if item.reversed else None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (3, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class PaymentsPanel(QWidget):
    """A payments table with a 冲销 button for the selected payment."""

    def __init__(
        self, ctx: UiContext, member_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.member_id = ctx, member_id
        self.year = ctx.desk.dues.today().year
        self.model = PaymentsModel(self)
        self.table = QTableView()
        self.total = QLabel()
        self.reverse_button = QPushButton("冲销…")
        self.reverse_button.setToolTip("登记错误的缴费用一笔负数冲销，原记录保留")
        self._build()

    def _build(self) -> None:
        table = self.table
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((96, 80, 150, 80, 70, 70, 70, 70)):
            table.setColumnWidth(column, width)
        row = QHBoxLayout()
        row.addWidget(self.total, 1)
        row.addWidget(self.reverse_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(table, 1)
        layout.addLayout(row)
        self.reverse_button.clicked.connect(self.reverse_selected)
        table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_button())

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
        return self.model.data(index, ROW_ROLE) if index.isValid() else None

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
