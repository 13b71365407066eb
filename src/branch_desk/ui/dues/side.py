"""The ledger's side panel: arrears (党章第九条), balance held and the year's remittances."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from ...domain.findings import Severity
from ...domain.money import yuan_grouped
from ...domain.rules.dues import ARREARS_TEXT, arrears_level, standing_date
from ...services.dues.reports import Arrears
from ..context import UiContext
from ..widgets.form_fields import ERROR_COLOR, WARNING_COLOR
from ..widgets.layouts import side_by_side, stacked
from .remit_dialog import RemitDialog

MEMBER_ROLE = Qt.ItemDataRole.UserRole + 1


def arrears_line(item: Arrears) -> str:
    """Describe one member's unbroken unpaid run."""
    return f"{item.name}：连续{item.count}个月未交（自{item.since}起），欠交 {yuan_grouped(item.owed_fen)} 元"


def arrears_color(count: int, warn: int, flag: int) -> str:
    """Return red at the 脱党 threshold, orange at the warning one, '' below."""
    level = arrears_level(count, warn, flag)
    return {Severity.ERROR: ERROR_COLOR, Severity.WARNING: WARNING_COLOR}.get(level, "")


class DuesSidePanel(QWidget):
    """Arrears list, balance held and remittances, with 登记上缴…."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.arrears = QListWidget()
        self.arrears.setWordWrap(True)
        self.arrears.setObjectName("arrears")
        self.arrears_note = QLabel()
        self.arrears_note.setWordWrap(True)
        self.balance = QLabel()
        self.balance.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.remittances = QListWidget()
        self.remittances.setWordWrap(True)
        self.remit_button = QPushButton("登记上缴…")
        self.remit_button.clicked.connect(self.open_remit)
        self.year = ctx.desk.dues.today().year
        arrears_box = QGroupBox("连续未交党费")
        arrears_box.setToolTip(ARREARS_TEXT)
        stacked(arrears_box, self.arrears_note, (self.arrears, 1))
        self.remit_box = QGroupBox()
        stacked(self.remit_box, self.balance, (self.remittances, 1), self.remit_button)
        side_by_side(self, (arrears_box, 1), (self.remit_box, 1), margins=False)

    def reload(self, year: int | None = None) -> None:
        """Read the year's arrears (at its end, or today), the balance and remittances again."""
        if year is not None:
            self.year = year
        desk, unit_id = self.ctx.desk, self.ctx.unit_id
        today = desk.dues.today()
        values = desk.settings.values(unit_id)
        warn, flag = values.number("dues.arrears_warn"), values.number("dues.arrears_flag")
        found = desk.dues_reports.arrears(unit_id, today, year=self.year)
        self.arrears.clear()
        for entry in found:
            item = QListWidgetItem(arrears_line(entry))
            item.setData(MEMBER_ROLE, entry.member_id)
            if color := arrears_color(entry.count, warn, flag):
                item.setForeground(QColor(color))
            item.setToolTip(f"满{warn}个月提醒，满{flag}个月按党章规定处理。\n{ARREARS_TEXT}")
            self.arrears.addItem(item)
        day = standing_date(self.year, today)
        as_of = f"截至{day.year}年{day.month}月{day.day}日"
        self.arrears_note.setText(
            f"{as_of}：{len(found)}人有连续未交月份"
            if found
            else f"{as_of}：没有连续未交党费的党员"
        )
        balance = desk.dues.balance(unit_id)
        self.balance.setText(f"结存（已收未缴）：{yuan_grouped(balance)} 元")
        self.remit_box.setTitle(f"党费上缴（{self.year}年）")
        self.remittances.clear()
        for r in desk.dues.remittances(unit_id, self.year):
            large = f"，其中大额 {yuan_grouped(r.large_fen)} 元" if r.large_fen else ""
            receipt = f"，收据{r.receipt_no}" if r.receipt_no else ""
            text = f"{r.remitted_on.isoformat()}　{yuan_grouped(r.amount_fen)} 元{large}　{r.covers}{receipt}"
            self.remittances.addItem(text)
        if not self.remittances.count():
            self.remittances.addItem("本年尚无上缴记录")

    def open_remit(self) -> RemitDialog:
        """Open the 登记上缴 dialog (window-modal)."""
        dialog = RemitDialog(self.ctx, self)
        dialog.open()
        return dialog
