"""修改记录: who changed what and when, filtered by person, category, date and text."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ...domain.text import DateParseError
from ...services.data.audit_log import ENTITY_LABELS, AuditRecord
from ..context import UiContext
from ..dialog_guard import FittedDialog
from ..widgets.form_fields import ERROR_COLOR, DateEdit
from ..widgets.layouts import packed_row, side_by_side, stacked
from ..widgets.tables import make_table
from .model import HistoryModel

LIMIT = 2000
INTRO = "每次新增、修改、删除都会自动记下操作人、时间和修改前后的内容，记录不可更改。"


class HistoryDialog(FittedDialog):
    """The audit log as a table with filters; optionally limited to one record (a member)."""

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None = None,
        *,
        entity: str | None = None,
        entity_id: int | None = None,
        scope: str = "",
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.entity_id = entity_id
        self.setWindowTitle("修改记录")
        self.resize(1100, 620)
        self.model = HistoryModel(self)
        self.actor = QComboBox()
        self.entity = QComboBox()
        self.since = DateEdit()
        self.until = DateEdit()
        self.search = QLineEdit(placeholderText="搜索记录名称、项目或内容", clearButtonEnabled=True)
        self.clear_button = QPushButton("清除筛选")
        self.scope = QLabel()
        self.all_button = QPushButton("显示全部记录")
        self.count = QLabel()
        self.table = make_table(
            self.model,
            widths=(150, 80, 90, 110, 50, 100, 220),
            single=False,
            compact_rows=False,
        )
        self.table.setWordWrap(False)
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._fill_combos(entity)
        self._build()
        self._set_scope(scope if entity_id is not None else "")
        self._wire()
        self.reload()

    def _fill_combos(self, entity: str | None) -> None:
        self.actor.addItem("全部操作人", "")
        for name in self.ctx.desk.audit.actors():
            self.actor.addItem(name, name)
        self.entity.addItem("全部类别", "")
        for key, label in ENTITY_LABELS.items():
            self.entity.addItem(label, key)
        if entity:
            self.entity.setCurrentIndex(max(self.entity.findData(entity), 0))

    def _build(self) -> None:
        self.since.setPlaceholderText("起始日期")
        self.until.setPlaceholderText("截止日期")
        for field in (self.since, self.until):
            field.setMaximumWidth(110)
        intro = QLabel(INTRO)
        intro.setStyleSheet("color: #666;")
        filters = QHBoxLayout()
        for text, widget in (
            ("操作人：", self.actor),
            ("类别：", self.entity),
            ("日期：", self.since),
            ("至", self.until),
        ):
            filters.addWidget(QLabel(text))
            filters.addWidget(widget)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.clear_button)
        scope = packed_row(self.scope, self.all_button)
        close = QPushButton("关闭")
        close.clicked.connect(self.close)
        bottom = side_by_side(None, (self.count, 1), close)
        stacked(self, intro, filters, scope, (self.table, 1), bottom)

    def _wire(self) -> None:
        self.actor.currentIndexChanged.connect(self.reload)
        self.entity.currentIndexChanged.connect(self.reload)
        for field in (self.since, self.until):
            field.date_changed.connect(self._timer.start)
        self.search.textChanged.connect(self._timer.start)
        self._timer.timeout.connect(self.reload)
        self.clear_button.clicked.connect(self.clear_filters)
        self.all_button.clicked.connect(self.show_all)

    def _set_scope(self, name: str) -> None:
        if not name:
            self.entity_id = None
        self.scope.setText(f"仅显示“{name}”的修改记录" if name else "")
        self.scope.setVisible(bool(name))
        self.all_button.setVisible(bool(name))
        self.entity.setEnabled(not name)

    def show_all(self) -> None:
        """Drop the limit to one record and show every change."""
        self._set_scope("")
        self.entity.blockSignals(True)
        self.entity.setCurrentIndex(0)
        self.entity.blockSignals(False)
        self.reload()

    def _date(self, field: DateEdit) -> date | None:
        try:
            return field.date()
        except DateParseError:
            return None

    def clear_filters(self) -> None:
        """Show everything again (within the record the window was opened for)."""
        for widget in (self.since, self.until, self.search):
            widget.blockSignals(True)
            widget.clear()
            widget.blockSignals(False)
        self.actor.setCurrentIndex(0)
        if self.entity.isEnabled():
            self.entity.setCurrentIndex(0)
        self.reload()

    def reload(self) -> list[AuditRecord]:
        """Query the audit log with the shown filters."""
        self._timer.stop()
        bad = [f.parse_problem() for f in (self.since, self.until) if f.parse_problem()]
        records = self.ctx.desk.audit.query(
            entity=self.entity.currentData() or None,
            entity_id=self.entity_id,
            actor=self.actor.currentData() or None,
            since=self._date(self.since),
            until=self._date(self.until),
            text=self.search.text().strip(),
            limit=LIMIT,
        )
        self.model.set_records(records)
        text = f"共{len(records)}条"
        if len(records) >= LIMIT:
            text += f"（只显示最近的{LIMIT}条，请缩小筛选范围）"
        if bad:
            text = f"<span style='color:{ERROR_COLOR}'>日期无法识别：{bad[0]}</span>　{text}"
        self.count.setText(text)
        return records

    def selected(self) -> AuditRecord | None:
        """Return the selected change."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.record_at(rows[0].row()) if rows else None


def open_history(
    ctx: UiContext,
    parent: QWidget | None,
    *,
    entity: str | None = None,
    entity_id: int | None = None,
    scope: str = "",
) -> HistoryDialog:
    """Open a 修改记录 window (not modal) and return it."""
    dialog = HistoryDialog(ctx, parent, entity=entity, entity_id=entity_id, scope=scope)
    dialog.show()
    return dialog
