"""Exports from the 会议活动 page: a record as .docx and a 签到表, written in the background."""

from __future__ import annotations

from datetime import time
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from ...domain.archive import safe_file_name
from ...domain.errors import Problem
from ...domain.events import EventRecord, EventType
from ...exports.minutes_document import sign_in_document
from ..context import UiContext
from ..dialog_guard import FittedDialog
from ..document_preview import DocumentPreviewDialog, show_document_preview
from ..widgets.file_choice import DOCX_FILTER, choose_save_path, documents_dir
from ..widgets.file_tasks import export_in_background, write_in_background
from ..widgets.form_fields import DateEdit, ProblemLabel, ok_cancel, with_message
from .fields import TimeEdit


def default_minutes_name(event: EventRecord) -> str:
    """Return 会议记录_2026-06-15_支部党员大会.docx."""
    kind = event.group_name + "会议" if event.group_name else event.type.value
    return safe_file_name(f"会议记录_{event.day.isoformat()}_{kind}", ".docx")


def ask_docx_path(parent: QWidget, title: str, name: str) -> Path | None:
    """Ask where to save a .docx; None when cancelled."""
    return choose_save_path(parent, title, documents_dir() / name, DOCX_FILTER, ".docx")


def start_minutes_export(ctx: UiContext, parent: QWidget, event: EventRecord) -> Path | None:
    """Ask for a file name, then write the event's 会议记录 in the background."""
    return export_in_background(
        ctx,
        parent,
        "导出会议记录",
        default_minutes_name(event),
        lambda path: ctx.desk.minutes.export_minutes(event.id, path),
        lambda path, _doc: f"会议记录已导出到：\n{path}",
    )


class SignInDialog(FittedDialog):
    """Choose the meeting a 签到表 is for: type, date, 党小组, time and place."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("打印签到表")
        self.kind = QComboBox()
        for kind in EventType:
            self.kind.addItem(kind.value, kind.value)
        self.group = QComboBox()
        for group in ctx.desk.org.groups(ctx.unit_id):
            self.group.addItem(group.name, group.id)
        self.day = DateEdit(ctx.desk.roster.today())
        self.start = TimeEdit()
        self.place = QLineEdit()
        self.title_edit = QLineEdit(placeholderText="可留空，默认为“支部名称＋会议类型＋签到表”")
        self.day_problem = ProblemLabel()
        self.buttons = ok_cancel("导出…")
        self.preview_button = self.buttons.addButton(
            "打印预览…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.preview_button.clicked.connect(self.preview_sheet)
        self.form = QFormLayout(self)
        self.form.addRow("会议类型：", self.kind)
        self.form.addRow("党小组：", self.group)
        self.form.addRow("日期：", with_message(self.day, self.day_problem))
        self.form.addRow("开始时间：", self.start)
        self.form.addRow("地点：", self.place)
        self.form.addRow("标题：", self.title_edit)
        self.form.addRow(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.setMinimumWidth(440)
        self._kind_changed()

    def selected_kind(self) -> EventType:
        """Return the chosen type."""
        return EventType(self.kind.currentData())

    def _kind_changed(self) -> None:
        self.form.setRowVisible(self.group, self.selected_kind() is EventType.GROUP_MEETING)

    def _checked(self) -> bool:
        """Show a problem with the date or time next to the field; True when there is none."""
        problem = self.day.parse_problem() or self.start.parse_problem()
        if not problem and self.day.date() is None:
            problem = "请填写日期"
        self.day_problem.show_problems([Problem("day", "日期", problem)] if problem else [])
        return not problem

    def preview_sheet(self) -> DocumentPreviewDialog | None:
        """Open the print preview of the sheet as it would be exported."""
        if not self._checked():
            return None
        kind, day = self.selected_kind(), self.day.date()
        assert day is not None
        sheet = self.ctx.desk.minutes.sign_in_sheet(
            self.ctx.unit_id,
            kind,
            day,
            group_id=self.group.currentData() if kind is EventType.GROUP_MEETING else None,
            start=self.start.value(),
            place=self.place.text(),
            title=self.title_edit.text(),
        )
        return show_document_preview(self, sign_in_document(sheet))

    def accept(self) -> None:
        """Check the date and time, ask for a file name and export."""
        if not self._checked():
            return
        day = self.day.date()
        assert day is not None
        name = f"签到表_{day.isoformat()}_{self.selected_kind().value}.docx"
        path = ask_docx_path(self, "导出签到表", name)
        if path is None:
            return
        self.export(path, self.start.value())
        super().accept()

    def export(self, path: Path, start: time | None) -> None:
        """Write the 签到表 in the background."""
        kind, day = self.selected_kind(), self.day.date()
        group_id = self.group.currentData() if kind is EventType.GROUP_MEETING else None
        place, title, ctx = self.place.text(), self.title_edit.text(), self.ctx
        parent = self.parentWidget() or self
        write_in_background(
            ctx,
            parent,
            "导出签到表",
            lambda: ctx.desk.minutes.export_sign_in(
                ctx.unit_id,
                kind,
                day,
                path,
                group_id=group_id,
                start=start,
                place=place,
                title=title,
            ),
            lambda sheet: f"签到表已导出（{len(sheet.names)}人）：\n{path}",
        )
