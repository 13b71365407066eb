"""设置 → 学习重点与表彰…: the year's 学习重点 and the honours of the branch and its members."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import UserError
from ..domain.honours import LEVELS, HonourInput, HonourRecord
from . import messages
from .context import UiContext
from .dialog_guard import EditorDialog
from .widgets.form_fields import ERROR_COLOR, DateEdit, editable_combo
from .widgets.layouts import side_by_side, stacked

BRANCH = "本支部（集体）"
COLUMNS = ("表彰日期", "获奖对象", "荣誉称号", "级别", "授予单位")


class RecordsDialog(EditorDialog):
    """Two tabs: the 学习重点 of a year (one per line) and the list of honours with a form."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.records = ctx.desk.year_records
        self.setWindowTitle("学习重点与表彰")
        self.tabs = QTabWidget()
        self.tabs.addTab(self._focus_tab(), "学习重点")
        self.tabs.addTab(self._honours_tab(), "表彰")
        close = QPushButton("关闭")
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self.resize(760, 560)
        self.load_focus()
        self.load_honours()
        self._baseline = None  # taken when the dialog is first shown

    # ---- 学习重点 --------------------------------------------------------------------------------

    def _focus_tab(self) -> QWidget:
        page = QWidget()
        self.year = QSpinBox()
        self.year.setRange(1980, 2999)
        self.year.setValue(self.ctx.desk.roster.today().year)
        self.year.setSuffix(" 年")
        self.year.valueChanged.connect(self.load_focus)
        self.focus = QPlainTextEdit()
        self.focus.setPlaceholderText("每行一条，如：学习贯彻党的二十届三中全会精神")
        self.focus_state = QLabel()
        self.focus_state.setWordWrap(True)
        save = QPushButton("保存学习重点")
        save.clicked.connect(self.save_focus)
        head = QHBoxLayout()
        head.addWidget(QLabel("年度："))
        head.addWidget(self.year)
        head.addStretch(1)
        note = QLabel("年度总结的开头和“理论学习”部分、工作台都会列出这些学习重点。")
        note.setWordWrap(True)
        buttons = side_by_side(None, (self.focus_state, 1), save)
        stacked(page, head, note, (self.focus, 1), buttons)
        return page

    def load_focus(self) -> None:
        items = self.records.focus(self.ctx.unit_id, self.year.value())
        self.focus.setPlainText("\n".join(items))
        self.focus_state.setText(f"已登记{len(items)}条。" if items else "本年度尚未登记学习重点。")
        self.focus_state.setStyleSheet("")
        self.mark_saved()

    def save_focus(self) -> None:
        lines = self.focus.toPlainText().splitlines()
        try:
            outcome = self.records.set_focus(self.ctx.unit_id, self.year.value(), lines)
        except UserError as exc:
            self.focus_state.setText(messages.error_text(exc))
            self.focus_state.setStyleSheet(f"color: {ERROR_COLOR};")
            return
        self.ctx.apply(outcome)
        self.focus.setPlainText("\n".join(outcome.value))
        self.focus_state.setText(f"已保存{self.year.value()}年学习重点{len(outcome.value)}条。")
        self.focus_state.setStyleSheet("")
        self.mark_saved()

    # ---- 表彰 -----------------------------------------------------------------------------------

    def _honours_tab(self) -> QWidget:
        page = QWidget()
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self.show_selected)
        self.recipient = QComboBox()
        self.recipient.addItem(BRANCH, None)
        for m in self.ctx.desk.roster.list(self.ctx.unit_id):
            self.recipient.addItem(m.name, m.id)
        self.recipient.currentIndexChanged.connect(self._recipient_changed)
        self.branch_name = QLineEdit(self.ctx.desk.org.get(self.ctx.unit_id).name)
        self.title = QLineEdit(placeholderText="如：先进基层党组织、优秀共产党员")
        self.level = editable_combo(LEVELS)
        self.issuer = QLineEdit(placeholderText="如：中共××委员会")
        self.awarded_on = DateEdit()
        self.awarded_on.setPlaceholderText("如 2026-06-28")
        self.note = QLineEdit(placeholderText="可留空")
        self.honour_state = QLabel()
        self.honour_state.setWordWrap(True)
        form = QFormLayout()
        form.addRow("获奖对象：", self.recipient)
        form.addRow("集体名称：", self.branch_name)
        form.addRow("荣誉称号：", self.title)
        form.addRow("级别：", self.level)
        form.addRow("授予单位：", self.issuer)
        form.addRow("表彰日期：", self.awarded_on)
        form.addRow("备注：", self.note)
        self.add_button = QPushButton("新增")
        self.save_button = QPushButton("保存修改")
        self.delete_button = QPushButton("删除")
        self.add_button.clicked.connect(self.add_honour)
        self.save_button.clicked.connect(self.save_honour)
        self.delete_button.clicked.connect(self.delete_honour)
        buttons = QHBoxLayout()
        buttons.addWidget(self.honour_state, 1)
        for b in (self.add_button, self.save_button, self.delete_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(page)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        return page

    def _recipient_changed(self) -> None:
        self.branch_name.setEnabled(self.recipient.currentData() is None)

    def load_honours(self, select: int | None = None) -> None:
        self.honours: list[HonourRecord] = self.records.honours(self.ctx.unit_id)
        self.table.setRowCount(len(self.honours))
        for row, h in enumerate(self.honours):
            values = (h.awarded_on.isoformat(), h.recipient, h.title, h.level, h.issuer)
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        chosen = next((i for i, h in enumerate(self.honours) if h.id == select), None)
        if chosen is not None:
            self.table.selectRow(chosen)
        self.save_button.setEnabled(chosen is not None)
        self.delete_button.setEnabled(chosen is not None)

    def selected(self) -> HonourRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self.honours[rows[0].row()] if rows else None

    def show_selected(self) -> None:
        h = self.selected()
        self.save_button.setEnabled(h is not None)
        self.delete_button.setEnabled(h is not None)
        if h is None:
            return
        index = self.recipient.findData(h.member_id) if h.member_id is not None else 0
        self.recipient.setCurrentIndex(max(index, 0))
        if h.member_id is None:
            self.branch_name.setText(h.recipient)
        self.title.setText(h.title)
        self.level.setCurrentText(h.level)
        self.issuer.setText(h.issuer)
        self.awarded_on.set_date(h.awarded_on)
        self.note.setText(h.note)
        self.mark_saved()

    def read(self) -> HonourInput | None:
        problem = self.awarded_on.parse_problem()
        if problem:
            self._say(f"表彰日期：{problem}", error=True)
            return None
        member = self.recipient.currentData()
        return HonourInput(
            title=self.title.text(),
            awarded_on=self.awarded_on.date(),
            recipient="" if member is not None else self.branch_name.text(),
            member_id=member,
            level=self.level.currentText(),
            issuer=self.issuer.text(),
            note=self.note.text(),
        )

    def _say(self, text: str, error: bool = False) -> None:
        self.honour_state.setText(text)
        self.honour_state.setStyleSheet(f"color: {ERROR_COLOR};" if error else "")

    def _run(self, action, done: str) -> None:  # type: ignore[no-untyped-def]
        try:
            outcome = action()
        except UserError as exc:
            self._say(messages.error_text(exc), error=True)
            return
        self.ctx.apply(outcome)
        value = outcome.value
        self.load_honours(select=getattr(value, "id", None))
        self._say(done)
        self.mark_saved()

    def add_honour(self) -> None:
        data = self.read()
        if data is not None:
            self._run(lambda: self.records.add_honour(self.ctx.unit_id, data), "已新增表彰。")

    def save_honour(self) -> None:
        h, data = self.selected(), self.read()
        if h is not None and data is not None:
            self._run(lambda: self.records.edit_honour(h.id, data), "已保存修改。")

    def delete_honour(self) -> None:
        h = self.selected()
        if h is None or not messages.confirm(
            self, f"删除“{h.recipient}{h.title}”这条表彰记录吗？", yes="删除"
        ):
            return
        self._run(lambda: self.records.delete_honour(h.id), "已删除。")
