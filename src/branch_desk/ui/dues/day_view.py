"""党费日 (收缴): any month or range, a 缴纳日期, the months still owed; 登记 the ticked rows."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.dues_records import PAYMENT_METHODS
from ...domain.money import yuan_grouped
from ...domain.rules.settings import RuleValues
from ...services.dues.collection_day import DayEntry, DayLine, DayResult
from ...services.dues.ledger import month_index, months_text
from ...services.outcome import Area
from .. import messages
from ..context import UiContext
from ..tasks import CancelFn, ProgressFn
from ..widgets.tables import make_table
from .day_model import COL_NAME, DayModel, DayRow, load_day
from .fields import collector_name

HINT = (
    "空格键勾选/取消“已交”，方向键移动；在“本次实交”列直接输入金额（回车确认）。"
    "金额不足或月份超出期限的行标红，不会登记。"
)
CHINESE = QLocale(QLocale.Language.Chinese, QLocale.Country.China)


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


def month_edit(day: date) -> QDateEdit:
    """Return a month chooser (yyyy年M月)."""
    edit = QDateEdit(QDate(day.year, day.month, 1))
    edit.setLocale(CHINESE)
    edit.setDisplayFormat("yyyy年M月")
    return edit


def date_picker(day: date) -> QDateEdit:
    """Return a date field with a Chinese calendar popup, no later than ``day``."""
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setLocale(CHINESE)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setCalendarPopup(True)
    edit.calendarWidget().setLocale(CHINESE)
    edit.setMaximumDate(QDate(day.year, day.month, day.day))
    return edit


def picked(edit: QDateEdit) -> date:
    """Return the date shown by a QDateEdit."""
    value = edit.date()
    return date(value.year(), value.month(), value.day())


class DuesDayPanel(QWidget):
    """Everyone owing in the chosen months; register the ticked payments in the background."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, load: bool = True) -> None:
        """``load=False`` leaves the list empty until :meth:`reload` (the 党费 page's own)."""
        super().__init__(parent)
        self.ctx = ctx
        self.rules: RuleValues | None = None  # the unit's settings, read once per pass of checks
        self.today = ctx.desk.dues.today()
        self.model = DayModel(self, checker=self._problem)
        self.table = make_table(
            self.model, widths=(50, 100, 220, 90, 120), compact_rows=False, table=DayTable()
        )
        self.title = QLabel()
        self.progress = QLabel()
        self.first = month_edit(self.today)
        self.last = month_edit(self.today)
        self.paid_on = date_picker(self.today)
        self.include_owed = QCheckBox("含以往欠交")
        self.include_owed.setToolTip("同时列出每位党员以前月份仍未交的党费（补交期限内）")
        self.method = QComboBox()
        self.method.addItems(PAYMENT_METHODS)
        self.collector = QLineEdit(placeholderText="收款经手人姓名")
        self.tick_all = QPushButton("全部勾选")
        self.register = QPushButton("登记")
        self.register.setToolTip("为每位勾选的党员登记所列月份的党费")
        self.busy = False
        self.result: DayResult | None = None
        self.covered = ""
        self.loads = 0  # how often the list was read (a page reloading it on the news counts)
        self._build()
        if load:
            self.reload()

    def _build(self) -> None:
        self.title.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 12)
        months = QHBoxLayout()
        for label, widget in (("所交月份：", self.first), ("至", self.last)):
            months.addWidget(QLabel(label))
            months.addWidget(widget)
        months.addWidget(self.include_owed)
        months.addSpacing(16)
        months.addWidget(QLabel("缴纳日期："))
        months.addWidget(self.paid_on)
        months.addStretch(1)
        how = QHBoxLayout()
        how.addWidget(QLabel("缴纳方式："))
        how.addWidget(self.method)
        how.addWidget(QLabel("经手人："))
        how.addWidget(self.collector)
        how.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress, 1)
        bottom.addWidget(self.tick_all)
        bottom.addWidget(self.register)
        hint = QLabel(HINT)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(months)
        layout.addLayout(how)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addLayout(bottom)
        self.tick_all.clicked.connect(lambda: self.model.tick_all(True))
        self.register.clicked.connect(self.register_ticked)
        for edit in (self.first, self.last):
            edit.dateChanged.connect(lambda _d: self.reload())
        self.include_owed.toggled.connect(lambda _on: self.reload())
        self.paid_on.dateChanged.connect(lambda _d: self.recheck())
        self.model.dataChanged.connect(lambda *_a: self._update_progress())
        self.model.modelReset.connect(self._update_progress)

    def span(self) -> tuple[date, date]:
        """Return the first days of the first and last chosen months."""
        return picked(self.first).replace(day=1), picked(self.last).replace(day=1)

    def set_span(self, first: date, last: date | None = None) -> None:
        """Choose the months (without reloading twice)."""
        last = last or first
        for edit, day in ((self.first, first), (self.last, last)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, 1))
            edit.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        """Read the list again for the chosen months (ticks and typed amounts are dropped)."""
        self.loads += 1
        self.rules = self.ctx.desk.settings.values(self.ctx.unit_id)
        self.today = self.ctx.desk.dues.today()
        self.paid_on.setMaximumDate(QDate(self.today.year, self.today.month, self.today.day))
        first, last = self.span()
        if last < first:
            self.title.setText("所交月份有误：结束月份不能早于开始月份")
            self.model.set_rows([])
            return
        self.covered = months_text(list(range(month_index(first), month_index(last) + 1)))
        if self.include_owed.isChecked():
            self.covered += "（含以往欠交）"
        self.title.setText(f"{self.covered}党费收缴")
        if not self.collector.text():
            self.collector.setText(collector_name(self.ctx))
        rows = load_day(
            self.ctx.desk.dues_day,
            self.ctx.unit_id,
            first,
            last,
            picked(self.paid_on),
            self.include_owed.isChecked(),
        )
        self.model.set_rows(rows)
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, COL_NAME))

    def recheck(self) -> None:
        """Check every row again (the settings read once for all of them)."""
        self.rules = self.ctx.desk.settings.values(self.ctx.unit_id)
        self.model.recheck()

    def _problem(self, line: DayLine, amount: str) -> str:
        day, rules = picked(self.paid_on), self.rules
        return self.ctx.desk.dues_day.problem(self.ctx.unit_id, line, amount, day, rules)

    def _update_progress(self) -> None:
        rows = self.model.rows
        done = sum(1 for r in rows if r.done)
        owing = sum(1 for r in rows if r.due_fen is not None)
        ticked = self.model.ticked()
        text = f"所选月份已交清 {done}/{owing} 人"
        if ticked:
            good = [r for r in ticked if not r.problem]
            text += f"；本次勾选 {len(ticked)} 人，合计 {yuan_grouped(_total(good))} 元"
            if len(good) < len(ticked):
                text += f"（{len(ticked) - len(good)}人有误，标红）"
        self.progress.setText(text)
        self.register.setEnabled(bool(ticked) and not self.busy)

    def register_ticked(self) -> bool:
        """Ask once (naming any bad rows, which stay for correction), then register the rest."""
        ticked = self.model.ticked()
        if not ticked or self.busy:
            return False
        self.recheck()
        bad = [r for r in ticked if r.problem]
        good = [r for r in ticked if not r.problem]
        method = self.method.currentText()
        if bad and not good:
            messages.warn(self, "以下各行有误，请改正后再登记：\n" + _lines(bad))
            return False
        question = f"登记{len(good)}人{self.covered}党费，合计 {yuan_grouped(_total(good))} 元（{method}）？"
        if bad:
            question = (
                f"以下{len(bad)}人有误，本次不登记（可改正后再登记）：\n{_lines(bad)}\n\n"
                f"只登记其余{len(good)}人，合计 {yuan_grouped(_total(good))} 元（{method}）？"
            )
        if not messages.confirm(self, question, yes="登记"):
            return False
        entries = [DayEntry(r.line, r.amount_fen()) for r in good]
        paid_on, collector = picked(self.paid_on), self.collector.text()
        self.busy = True
        self.register.setEnabled(False)
        self.ctx.tasks.run(
            lambda p, c: self._pay_all(entries, method, collector, paid_on, p, c),
            self._done,
            self._failed,
            title="登记党费",
            parent=self,
        )
        return True

    def _pay_all(
        self,
        entries: list[DayEntry],
        method: str,
        collector: str,
        paid_on: date,
        progress: ProgressFn,
        cancel: CancelFn,
    ) -> DayResult:
        """Record the good rows in one transaction (on the worker thread): all or none."""
        del cancel
        progress(0.0, f"正在登记{len(entries)}人的党费")
        outcome = self.ctx.desk.dues_day.register(entries, paid_on, method, collector)
        return outcome.value

    def _done(self, result: DayResult) -> None:
        self.busy = False
        self.result = result
        bad = [r for r in self.model.ticked() if r.problem]
        kept = {r.member_id: (r.amount, r.ticked) for r in bad}
        loads = self.loads
        if result.saved:
            self.ctx.publish(frozenset({Area.DUES}))
        if self.loads == loads:  # the 党费 page did not read the list again on the news
            self.reload()
        for row in self.model.rows:  # the rows not registered keep what was typed
            if row.member_id in kept:
                row.amount, row.ticked = kept[row.member_id]
        self.recheck()
        messages.inform(
            self, f"已登记{len(result.saved)}人，合计 {yuan_grouped(result.total_fen)} 元。"
        )

    def _failed(self, exc: Exception) -> None:
        self.busy = False
        self._update_progress()
        messages.show_failure(self, exc, "登记党费")


def _total(rows: list[DayRow]) -> int:
    return sum(r.amount_fen() for r in rows)


def _lines(rows: list[DayRow]) -> str:
    return "\n".join(f"{r.name}：{r.problem}" for r in rows)
