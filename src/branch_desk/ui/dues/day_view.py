"""本月收缴 (党费日): tick who paid, choose method and collector once, 登记 in one go."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.money import yuan_grouped
from ...services.dues import PAYMENT_METHODS, PaymentInput
from ...services.outcome import Area
from .. import messages
from ..context import UiContext
from ..tasks import CancelFn, ProgressFn
from .common import collector_name
from .day_model import COL_NAME, DayModel, DayRow, load_day

HINT = "空格键勾选/取消“已交”，方向键移动；在“本次实交”列直接输入金额（回车确认）。"


@dataclass
class DayResult:
    """What one 登记 did: how many payments were saved and who failed, with why."""

    saved: list[str] = field(default_factory=list)
    total_fen: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)


class DayTable(QTableView):
    """The list; the space bar ticks the current row whichever column has the focus."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Tick with space; everything else as usual."""
        model = self.model()
        editing = self.state() == QAbstractItemView.State.EditingState
        if event.key() == Qt.Key.Key_Space and isinstance(model, DayModel) and not editing:
            model.toggle(self.currentIndex().row())
            event.accept()
            return
        super().keyPressEvent(event)


class DuesDayPanel(QWidget):
    """Everyone owing this month; register the ticked payments in the background."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = ctx.desk.dues.today()
        self.model = DayModel(self)
        self.table = DayTable()
        self.title = QLabel()
        self.progress = QLabel()
        self.method = QComboBox()
        self.method.addItems(PAYMENT_METHODS)
        self.collector = QLineEdit(placeholderText="收款经手人姓名")
        self.tick_all = QPushButton("全部勾选")
        self.register = QPushButton("登记")
        self.register.setToolTip("为每位勾选的党员各登记一笔本月党费")
        self.busy = False
        self.result: DayResult | None = None
        self._build()
        self.reload()

    def _build(self) -> None:
        self.title.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 12)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((60, 120, 100, 130)):
            self.table.setColumnWidth(column, width)
        top = QHBoxLayout()
        top.addWidget(QLabel("缴纳方式："))
        top.addWidget(self.method)
        top.addWidget(QLabel("经手人："))
        top.addWidget(self.collector)
        top.addWidget(QLabel(f"缴纳日期：{self.today.isoformat()}"))
        top.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress, 1)
        bottom.addWidget(self.tick_all)
        bottom.addWidget(self.register)
        hint = QLabel(HINT)
        hint.setStyleSheet("color: #666;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addLayout(bottom)
        self.tick_all.clicked.connect(lambda: self.model.tick_all(True))
        self.register.clicked.connect(self.register_ticked)
        self.model.dataChanged.connect(lambda *_a: self._update_progress())
        self.model.modelReset.connect(self._update_progress)

    def reload(self) -> None:
        """Read this month's list again (ticks and typed amounts are dropped)."""
        self.today = self.ctx.desk.dues.today()
        self.title.setText(f"{self.today.year}年{self.today.month}月党费收缴")
        if not self.collector.text():
            self.collector.setText(collector_name(self.ctx))
        self.model.set_rows(load_day(self.ctx.desk.dues_reports, self.ctx.unit_id, self.today))
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, COL_NAME))

    def _update_progress(self) -> None:
        rows = self.model.rows
        done = sum(1 for r in rows if r.done)
        owing = sum(1 for r in rows if r.due_fen is not None)
        ticked = self.model.ticked()
        text = f"本月已交清 {done}/{owing} 人"
        if ticked:
            amounts = [r.amount_fen() for r in ticked if not r.amount_problem()]
            text += f"；本次勾选 {len(ticked)} 人，合计 {yuan_grouped(sum(amounts))} 元"
        self.progress.setText(text)
        self.register.setEnabled(bool(ticked) and not self.busy)

    def register_ticked(self) -> bool:
        """Ask once, then record one payment per ticked member in the background."""
        ticked = self.model.ticked()
        if not ticked or self.busy:
            return False
        wrong = [f"{r.name}：{r.amount_problem()}" for r in ticked if r.amount_problem()]
        if wrong:
            messages.warn(self, "以下金额有误，请改正后再登记：\n" + "\n".join(wrong))
            return False
        total = sum(r.amount_fen() for r in ticked)
        question = (
            f"登记{len(ticked)}人{self.today.month}月党费，合计 {yuan_grouped(total)} 元"
            f"（{self.method.currentText()}）？"
        )
        if not messages.confirm(self, question, yes="登记"):
            return False
        method, collector, today = self.method.currentText(), self.collector.text(), self.today
        self.busy = True
        self.register.setEnabled(False)
        self.ctx.tasks.run(
            lambda p, c: self._pay_all(ticked, method, collector, today, p, c),
            self._done,
            self._failed,
            title="登记党费",
            parent=self,
        )
        return True

    def _pay_all(
        self,
        rows: list[DayRow],
        method: str,
        collector: str,
        today: date,
        progress: ProgressFn,
        cancel: CancelFn,
    ) -> DayResult:
        """Record every ticked payment in one transaction (on the worker thread): all or none."""
        del cancel
        progress(0.0, f"正在登记{len(rows)}人的党费")
        month = today.replace(day=1)
        items = [
            (row.member_id, PaymentInput(month, month, row.amount_fen(), today, method, collector))
            for row in rows
        ]
        self.ctx.desk.dues.pay_many(items)
        result = DayResult()
        result.saved.extend(row.name for row in rows)
        result.total_fen = sum(data.amount_fen for _, data in items)
        return result

    def _done(self, result: DayResult) -> None:
        self.busy = False
        self.result = result
        if result.saved:
            self.ctx.publish(frozenset({Area.DUES}))
        self.reload()
        text = f"已登记{len(result.saved)}人，合计 {yuan_grouped(result.total_fen)} 元。"
        if result.failed:
            lines = "\n".join(f"{name}：{why}" for name, why in result.failed)
            messages.warn(self, f"{text}\n以下未登记：\n{lines}")
        else:
            messages.inform(self, text)

    def _failed(self, exc: Exception) -> None:
        self.busy = False
        self._update_progress()
        messages.show_failure(self, exc, "登记党费")
