"""The 党费 section: year, 收缴登记表 grid, 党费日, 核定, 缴费记录, import and export."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtGui import QFont, QFontMetrics, QHideEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.dues import LedgerRow, MonthState
from ...exports.column_fit import widest
from ...services.outcome import Area
from ...services.shared_reads import shared_reads
from ..context import UiContext, touches
from ..widgets.record_table import ROW_ROLE
from ..widgets.settings import ui_settings
from ..widgets.tables import make_table
from . import files
from .assessments import AssessmentPanel
from .day_view import DuesDayPanel
from .fields import STATE_BACKGROUND, STATE_FOREGROUND
from .import_dialog import BASES, PAYMENTS
from .ledger_model import (
    COL_DUE,
    COL_NAME,
    FIRST_MONTH,
    LedgerModel,
    LedgerProxy,
    month_of,
)
from .payment_dialog import PaymentDialog
from .payments import PaymentsPanel
from .side import DuesSidePanel

if TYPE_CHECKING:
    from ..document_preview import DocumentPreviewDialog

# The print previews and the document writers (python-docx among them) are imported when a
# preview is first opened: the page's first visit must not wait for them.

T = TypeVar("T")
FILTER_HINT = "输入姓名或拼音首字母筛选"
LEGEND = (
    (MonthState.PAID, "已交"),
    (MonthState.OWED, "欠交"),
    (MonthState.CURRENT, "本月待交/未交足"),
    (MonthState.PREPAID, "已预交"),
    (MonthState.EXEMPT, "免交"),
    (MonthState.OFF_ROLL, "— 不在册"),
    (MonthState.UNASSESSED, "未核定"),
)
WIDTHS = {0: 70, 1: 56, 2: 62, 15: 78, 16: 78, 17: 78, 18: 70}
MONTH_WIDTH = 58
AMOUNT_COLUMNS = (COL_DUE, *range(FIRST_MONTH, FIRST_MONTH + 12), *range(15, 19))
CELL_PADDING = 18  # the cell's margins and grid line, in pixels


def legend() -> QHBoxLayout:
    """Return the colour key of the month cells."""
    row = QHBoxLayout()
    row.addWidget(QLabel("图例："))
    for state, text in LEGEND:
        label = QLabel(f" {text} ")
        back = STATE_BACKGROUND.get(state, "transparent")
        fore = STATE_FOREGROUND.get(state, "#000")
        label.setStyleSheet(f"background: {back}; color: {fore}; border: 1px solid #ccc;")
        row.addWidget(label)
    row.addStretch(1)
    return row


class DuesPage(QWidget):
    """Everything about dues for one year of the branch."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = LedgerModel(self)
        self.proxy = LedgerProxy(self)
        self.proxy.setSourceModel(self.model)
        self.year_box = QComboBox()
        today = ctx.desk.dues.today()
        for year in range(today.year + 1, today.year - 5, -1):
            self.year_box.addItem(f"{year}年", year)
        self.year_box.setCurrentIndex(1)
        self.filter = QLineEdit(placeholderText=FILTER_HINT, clearButtonEnabled=True)
        self.count = QLabel()
        self.table = self._make_table()
        self.side = DuesSidePanel(ctx)
        # The tabs are read when first shown (or first used): see the properties below.
        self._day = DuesDayPanel(ctx, load=False)
        self._assessments = AssessmentPanel(ctx)
        self._payments = PaymentsPanel(ctx)
        self.tabs = QTabWidget()
        self.pay_button = QPushButton("登记缴费…")
        self.pay_button.setToolTip("为所选党员登记缴费（回车或双击；双击月份格从该月计）")
        self.buttons: dict[str, QPushButton] = {}
        self._stale: set[QWidget] = set()  # tabs to read again when next shown
        self._build()
        self.restore_state()  # before the figures: the widths are fitted to them once, below
        self.reload(shown_only=True)  # the tab on screen; the others when shown or used
        self.tabs.currentChanged.connect(lambda _i: self._load_tab(self.tabs.currentWidget()))

    def _make_table(self) -> QTableView:
        widths = [WIDTHS.get(c, MONTH_WIDTH) for c in range(self.model.columnCount())]
        table = make_table(self.proxy, sort_column=-1, widths=widths, stretch_last=False)
        # a grid, not a list: one cell is current (its month matters), the colours are the states
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        table.setAlternatingRowColors(False)
        table.horizontalHeader().setMinimumSectionSize(40)
        return table

    def fit_columns(self) -> None:
        """Widen every amount column to its widest value (合计 included): amounts never elide."""
        font = QFont(self.table.font())
        font.setBold(True)  # the 合计 row is bold: measure the widest way
        metrics = QFontMetrics(font)
        records, model = self.model.records(), self.model
        total = len(records)  # the 合计 row, after the members (none when there are none)
        for column in AMOUNT_COLUMNS:  # the members' texts straight from the model, not via Qt
            texts = [model.display_text(r, column, record) for r, record in enumerate(records)]
            texts.append(str(model.index(total, column).data() or ""))
            texts.append(str(self.model.headerData(column, Qt.Orientation.Horizontal) or ""))
            need = metrics.horizontalAdvance(widest(texts)) + CELL_PADDING
            if self.table.columnWidth(column) < need:
                self.table.setColumnWidth(column, need)

    def _build(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel("年份："))
        top.addWidget(self.year_box)
        top.addWidget(self.filter, 1)
        top.addWidget(self.count)
        top.addStretch(1)
        actions = {
            "导入党费基数…": lambda: files.start_import(self.ctx, self, BASES, self.year()),
            "导入收缴登记表…": lambda: files.start_import(self.ctx, self, PAYMENTS, self.year()),
            "导出登记表…": lambda: files.start_export(self.ctx, self, files.LEDGER, self.year()),
            "导出核定表…": lambda: files.start_export(
                self.ctx, self, files.ASSESSMENT, self.year()
            ),
            "导出公示…": lambda: files.start_export(self.ctx, self, files.NOTICE, self.year()),
        }
        for text, slot in actions.items():
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, s=slot: s())
            self.buttons[text] = button
            top.addWidget(button)
        top.addWidget(self._print_button())
        grid = QWidget()
        grid_layout = QVBoxLayout(grid)
        grid_layout.setContentsMargins(0, 0, 0, 0)
        grid_layout.addWidget(self.table, 1)
        bottom = legend()
        bottom.addWidget(self.pay_button)
        grid_layout.addLayout(bottom)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(grid)
        self.split.addWidget(self.side)
        self.split.setStretchFactor(0, 1)
        self.split.setStretchFactor(1, 0)
        self.split.setSizes([620, 170])
        self.tabs.addTab(self.split, "收缴登记表")
        self.tabs.addTab(self._day, "党费日")
        self.tabs.addTab(self._assessments, "党费核定")
        self.tabs.addTab(self._payments, "缴费记录")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.year_box.currentIndexChanged.connect(lambda _i: self.reload(shown_only=True))
        self.filter.textChanged.connect(self._refilter)
        self.filter.returnPressed.connect(self.table.setFocus)
        self.table.doubleClicked.connect(self.pay_at)
        self.pay_button.clicked.connect(lambda: self.pay_at(self.table.currentIndex()))
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda: self.pay_at(self.table.currentIndex()))

    def _print_button(self) -> QPushButton:
        button = QPushButton("打印预览")
        menu = QMenu(button)
        menu.addAction("党费收缴登记表", self.preview_ledger)
        menu.addAction("党费基数核定表", self.preview_assessment)
        menu.addAction("党费收缴情况公示", self.preview_notice)
        button.setMenu(menu)
        self.buttons["打印预览"] = button
        return button

    # ---- showing -----------------------------------------------------------------------

    @property
    def day(self) -> DuesDayPanel:
        """The 党费日 tab, read first if it has not been since the last change."""
        self._load_tab(self._day)
        return self._day

    @property
    def assessments(self) -> AssessmentPanel:
        """The 党费核定 tab, read first if it has not been since the last change."""
        self._load_tab(self._assessments)
        return self._assessments

    @property
    def payments(self) -> PaymentsPanel:
        """The 缴费记录 tab, read first if it has not been since the last change."""
        self._load_tab(self._payments)
        return self._payments

    def year(self) -> int:
        """Return the year shown."""
        return int(self.year_box.currentData())

    def on_data_changed(self, areas: frozenset[Area]) -> None:
        """Reload when dues, members, the branch or the rules changed (the tab shown now)."""
        if touches(areas, Area.DUES, Area.MEMBERS, Area.ORG, Area.SETTINGS):
            self.reload(shown_only=True)

    def reload(self, shown_only: bool = False) -> None:
        """Read every tab again for the chosen year; with ``shown_only``, the tab shown now and
        the others when they are next shown."""
        tabs = [self.tabs.widget(n) for n in range(self.tabs.count())]
        self._stale = set(tabs)
        with shared_reads():  # the tabs read the same members and months: once
            for tab in [self.tabs.currentWidget()] if shown_only else tabs:
                self._load_tab(tab)

    def _load_tab(self, tab: QWidget) -> None:
        if tab not in self._stale:
            return
        self._stale.discard(tab)
        year = self.year()
        if tab is self.split:
            self._load_ledger(year)
        elif tab is self._day:
            self._day.reload()
        elif tab is self._assessments:
            self._assessments.reload(year)
        elif tab is self._payments:
            self._payments.reload(year)

    def _load_ledger(self, year: int) -> None:
        desk = self.ctx.desk
        keep = self.selected_row()
        ledger = desk.dues_reports.ledger(self.ctx.unit_id, year, desk.dues.today())
        self.model.set_ledger(ledger)
        self.fit_columns()
        if keep is not None:
            self.select_member(keep.member_id)
        self._update_count()
        self.side.reload(year)

    def _refilter(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_count()

    def _update_count(self) -> None:
        shown = max(self.proxy.rowCount() - 1, 0)
        total = len(self.model.ledger.rows) if self.model.ledger else 0
        self.count.setText(f"显示 {shown} 人，共 {total} 人")

    def selected_row(self) -> LedgerRow | None:
        """Return the member row of the current cell, if any."""
        index = self.table.currentIndex()
        return self.proxy.data(index, ROW_ROLE) if index.isValid() else None

    def select_member(self, member_id: int, month: int | None = None) -> bool:
        """Make a member's name (or month) the current cell; return whether it is shown."""
        row = self.model.row_of(member_id)
        column = FIRST_MONTH + month - 1 if month else COL_NAME
        source = self.model.index(row, column) if row >= 0 else QModelIndex()
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            return False
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    # ---- actions -----------------------------------------------------------------------

    def pay_at(self, index: QModelIndex) -> PaymentDialog | None:
        """Open the payment dialog for the member (and month) of a ledger cell."""
        item = self.proxy.data(index, ROW_ROLE) if index.isValid() else None
        if item is None:
            return None
        month = month_of(index.column())
        dialog = PaymentDialog(self.ctx, item.member_id, item.name, self.year(), month, self)
        dialog.open()
        return dialog

    def _as_exported(self, read: Callable[[int, int, date], T]) -> T:
        """Return ``read(unit, year, as_of)`` on the as-of day the exported file uses."""
        year = self.year()
        return read(self.ctx.unit_id, year, self.ctx.desk.dues_reports.default_as_of(year))

    def preview_ledger(self) -> DocumentPreviewDialog:
        """Open the print preview of the year's 收缴登记表 (the workbook's layout)."""
        from ...exports.dues_documents import ledger_document
        from ..document_preview import show_document_preview

        ledger = self._as_exported(self.ctx.desk.dues_reports.ledger)
        return show_document_preview(self, ledger_document(ledger))

    def preview_assessment(self) -> DocumentPreviewDialog:
        """Open the print preview of the year's 核定表 (the workbook's layout)."""
        from ...exports.dues_documents import assessment_document
        from ..document_preview import show_document_preview

        sheet = self.ctx.desk.dues_reports.assessment_sheet(self.ctx.unit_id, self.year())
        return show_document_preview(self, assessment_document(sheet))

    def preview_notice(self) -> DocumentPreviewDialog:
        """Open the print preview of the year's 党费收缴情况公示 (the .docx layout)."""
        from ...exports.dues_docx import notice_document  # python-docx: only when previewed
        from ..document_preview import show_document_preview

        notice = self._as_exported(self.ctx.desk.dues_reports.notice)
        return show_document_preview(self, notice_document(notice))

    def show_tab(self, title: str) -> QWidget:
        """Switch to a tab by its title and return it."""
        for number in range(self.tabs.count()):
            if self.tabs.tabText(number) == title:
                self.tabs.setCurrentIndex(number)
        return self.tabs.currentWidget()

    # ---- settings ----------------------------------------------------------------------

    def _settings(self) -> QSettings:
        return ui_settings(self.ctx.desk)

    def restore_state(self) -> None:
        """Restore the column widths, the splitter and the open tab."""
        settings = self._settings()
        header = settings.value("dues/header")
        if header:
            self.table.horizontalHeader().restoreState(header)
            self.fit_columns()  # a width saved narrower than today's amounts grows again
        split = settings.value("dues/splitter")
        if split:
            self.split.restoreState(split)
        self.tabs.setCurrentIndex(int(settings.value("dues/tab", 0) or 0))

    def hideEvent(self, event: QHideEvent) -> None:
        """Remember the column widths and the tab whenever the page is left."""
        settings = self._settings()
        settings.setValue("dues/header", self.table.horizontalHeader().saveState())
        settings.setValue("dues/splitter", self.split.saveState())
        settings.setValue("dues/tab", self.tabs.currentIndex())
        settings.sync()
        super().hideEvent(event)
