"""The 会议活动 page: filters, the event table and what a secretary does with a record."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QWidget,
)

from ...domain.events import EventRecord, EventType
from ...domain.findings import Finding
from ...exports.minutes_document import minutes_document
from ...services.meetings.minutes import minutes_doc
from ...services.outcome import Area
from ...services.shared_reads import shared_reads
from .. import messages
from ..context import UiContext, touches
from ..document_preview import DocumentPreviewDialog, show_document_preview
from ..one_window import deleted_when_closed, open_once
from ..sort_arrow import use_row_order_arrows
from ..widgets import record_list
from ..widgets.layouts import stacked
from ..widgets.settings import ui_settings
from ..widgets.tables import make_table
from .actions import SignInDialog, start_minutes_export
from .editor import EventDialog
from .import_dialog import EventImportDialog, start_ledger_import
from .model import COL_DAY, COL_TOPIC, EventFilterProxy, EventTableModel

FILTER_HINT = "输入主题、地点、主持人或拼音首字母筛选"
ALL_YEARS = "全部年份"
COLUMN_WIDTHS = (100, 300, 300, 100, 50, 50, 50, 50)
BUTTON_TIPS = {
    "新建": "选择会议类型，按该类型的模板新建记录",
    "编辑": "编辑所选记录（回车或双击）",
    "签到表": "为将要召开的会议导出签到表",
    "导入台账": "从Excel会议台账导入会议活动：先预览，无错误才全部导入",
}


def year_range(years: list[int], this_year: int) -> list[int]:
    """Return every year from the earliest record to this year (or a later record), newest first."""
    first, last = min([*years, this_year]), max([*years, this_year])
    return list(range(last, first - 1, -1))


class EventsPage(QWidget):
    """Every meeting and activity of the branch, newest first."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = EventTableModel(self)
        self.proxy = EventFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.year = QComboBox()
        self.kind = QComboBox()
        self.kind.addItem("全部类型", "")
        for kind in EventType:
            self.kind.addItem(kind.value, kind.value)
        self.filter = QLineEdit(placeholderText=FILTER_HINT, clearButtonEnabled=True)
        self.count = QLabel()
        self.table = self._make_table()
        self.buttons = self._make_buttons()
        self._total = 0  # events of every year
        self._loaded_year: int | None = None  # the year the model holds (None: every year)
        self._build()
        self._wire()
        self.reload()
        self.restore_state()

    def _make_table(self) -> QTableView:
        table = make_table(
            self.proxy,
            sort_column=COL_DAY,
            order=Qt.SortOrder.DescendingOrder,
            widths=COLUMN_WIDTHS,
        )
        use_row_order_arrows(table.horizontalHeader())
        return table

    def _make_buttons(self) -> dict[str, QPushButton]:
        actions = {
            "新建": self.new_event,
            "编辑": self.edit_selected,
            "删除": self.delete_selected,
            "导出会议记录": self.export_selected,
            "打印预览": self.preview_selected,
            "签到表": self.sign_in,
            "导入台账": self.import_ledger,
        }
        buttons = record_list.action_buttons(actions, BUTTON_TIPS)
        menu = QMenu(buttons["新建"])
        for kind in EventType:
            menu.addAction(kind.value, lambda k=kind: self.new_event(k))
        buttons["新建"].setMenu(menu)
        return buttons

    def _build(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel("年份："))
        top.addWidget(self.year)
        top.addWidget(QLabel("类型："))
        top.addWidget(self.kind)
        top.addWidget(self.filter, 2)
        top.addWidget(self.count)
        row = QHBoxLayout()
        for name, button in self.buttons.items():
            if name == "导出会议记录":
                row.addStretch(1)
            row.addWidget(button)
        stacked(self, top, (self.table, 1), row)

    def _wire(self) -> None:
        self.year.currentIndexChanged.connect(self._year_changed)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.filter.textChanged.connect(self._text_changed)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        record_list.on_keys(self.table, record_list.OPEN_KEYS, self.edit_selected)
        record_list.on_keys(self.table, record_list.DELETE_KEYS, self.delete_selected)
        self.filter.returnPressed.connect(self.table.setFocus)

    # ---- showing -----------------------------------------------------------------------

    def on_data_changed(self, areas: frozenset[Area]) -> None:
        """Reload when events, members (names, E) or the organisation changed."""
        if touches(areas, Area.EVENTS, Area.MEMBERS, Area.ORG):
            self.reload()

    def reload(self) -> None:
        """Read the chosen year's events again (every year's under 全部年份), keeping the
        selection; the other years are read when chosen."""
        keep = self.selected_event()
        with shared_reads():  # the list and its record checks read the members once
            counts = self.ctx.desk.events.year_counts(self.ctx.unit_id)
            self._total = sum(counts.values())
            self._fill_years(list(counts))
            self._load_year()
        if keep is not None:
            self.select_event(keep.id)
        self._update_count()
        self._update_buttons()

    def _load_year(self) -> None:
        year = self.year.currentData() or None
        events = self.ctx.desk.events.list(self.ctx.unit_id, year)
        self.model.set_events(events, self._problems(events))
        self.proxy.set_year(year)
        self._loaded_year = year

    def _problems(self, events: list[EventRecord]) -> dict[int, list[Finding]]:
        found: dict[int, list[Finding]] = {}
        for finding in self.ctx.desk.checks.record_findings(self.ctx.unit_id, events):
            if finding.event_id is not None:
                found.setdefault(finding.event_id, []).append(finding)
        return found

    def _fill_years(self, recorded: list[int]) -> None:
        current = self.year.currentData()
        this_year = self.ctx.desk.roster.today().year
        years = year_range(recorded, this_year)
        self.year.blockSignals(True)
        self.year.clear()
        for year in years:
            self.year.addItem(f"{year}年", year)
        self.year.addItem(ALL_YEARS, 0)
        index = self.year.findData(current if current is not None else this_year)
        self.year.setCurrentIndex(max(index, 0))
        self.year.blockSignals(False)

    def _year_changed(self) -> None:
        if (self.year.currentData() or None) != self._loaded_year:
            self._load_year()
        self._update_count()

    def _kind_changed(self) -> None:
        data = self.kind.currentData()
        self.proxy.set_kind(EventType(data) if data else None)
        self._update_count()

    def _text_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_count()

    def _update_count(self) -> None:
        self.count.setText(f"显示 {self.proxy.rowCount()} 条，共 {self._total} 条")

    def _update_buttons(self) -> None:
        chosen = self.selected_event() is not None
        for name in ("编辑", "删除", "导出会议记录", "打印预览"):
            self.buttons[name].setEnabled(chosen)

    def selected_event(self) -> EventRecord | None:
        """Return the event of the current row, if any."""
        return record_list.current_record(self.table)

    def select_event(self, event_id: int) -> bool:
        """Make an event the current row (when shown); return whether it is."""
        return record_list.select_source_row(self.table, self.model.row_of(event_id), COL_TOPIC)

    # ---- actions -----------------------------------------------------------------------

    def new_event(self, kind: EventType = EventType.BRANCH_ASSEMBLY) -> EventDialog:
        """Open the editor for a new event of ``kind`` (window-modal)."""
        dialog = deleted_when_closed(EventDialog(self.ctx, None, kind, self))
        dialog.accepted.connect(lambda: self._select_saved(dialog))
        dialog.open()
        return dialog

    def edit_selected(self) -> EventDialog | None:
        """Open the editor for the selected event."""
        event = self.selected_event()
        if event is None:
            return None
        dialog = open_editor(self.ctx, self, event.id)
        dialog.accepted.connect(lambda: self._select_saved(dialog))
        return dialog

    def _select_saved(self, dialog: EventDialog) -> None:
        """Show the saved record: switch to its year (clear filters hiding it), say so."""
        if dialog.outcome is None:
            return
        event = dialog.outcome.value
        if self.year.currentData() not in (0, event.day.year):
            self.year.setCurrentIndex(max(self.year.findData(event.day.year), 0))
        if not self.select_event(event.id):
            self.kind.setCurrentIndex(0)
            self.filter.clear()
            self.select_event(event.id)
        bar = getattr(self.window(), "statusBar", None)
        if bar is not None:
            bar().showMessage(f"已保存{event.day.isoformat()}的{event.type.value}记录", 8000)

    def delete_selected(self) -> None:
        """Delete a record entered by mistake, after confirmation."""
        event = self.selected_event()
        if event is None:
            return
        question = (
            f"确定删除{event.day.isoformat()}的{event.type.value}记录吗？\n"
            "删除只用于更正误录入的记录，删除后不能恢复。"
        )
        if messages.confirm(self, question, yes="删除"):
            self.ctx.attempt(self, lambda: self.ctx.desk.events.delete(event.id))

    def export_selected(self) -> None:
        """Export the selected record as a Word document."""
        event = self.selected_event()
        if event is not None:
            start_minutes_export(self.ctx, self, event)

    def preview_selected(self) -> DocumentPreviewDialog | None:
        """Open the print preview of the selected record: the layout the .docx has."""
        event = self.selected_event()
        if event is None:
            return None
        doc = minutes_document(minutes_doc(self.ctx.desk.events.get(event.id)))
        return show_document_preview(self, doc)

    def import_ledger(self) -> EventImportDialog | None:
        """Choose a meeting ledger (会议台账) workbook and preview its import."""
        return start_ledger_import(self.ctx, self)

    def sign_in(self) -> SignInDialog:
        """Open the 签到表 dialog."""
        dialog = deleted_when_closed(SignInDialog(self.ctx, self))
        dialog.open()
        return dialog

    # ---- settings ----------------------------------------------------------------------

    def restore_state(self) -> None:
        """Restore the column widths."""
        record_list.restore_header(ui_settings(self.ctx.desk), "events/header", self.table)

    def hideEvent(self, event: QHideEvent) -> None:
        """Remember the column widths whenever the page is left or the window closes."""
        settings = ui_settings(self.ctx.desk)
        record_list.save_header(settings, "events/header", self.table)
        settings.sync()
        super().hideEvent(event)


def open_editor(ctx: UiContext, parent: QWidget, event_id: int) -> EventDialog:
    """Open the editor on a stored event (used by the list and the 工作台)."""
    return open_once(
        ctx.desk,
        "event",
        event_id,
        lambda: EventDialog(ctx, ctx.desk.events.get(event_id), parent=parent),
    )
