"""The side panel: the selected member's fields, roster history, this year's attendance and
学时, and the 表决权排除情形 with add/end."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...domain.attendance_stats import MemberYearStats
from ...domain.members import FIELD_LABELS, MemberDetail, MemberRecord, StatusChangeRecord
from ...domain.text import format_date
from ...services.roster.exclusions import ExclusionRecord
from ..context import UiContext
from ..history.dialog import HistoryDialog, open_history
from ..widgets.ancestors import attribute_above
from ..widgets.layouts import packed_row, stacked
from .exclusion_dialog import EndExclusionDialog, ExclusionDialog, exclusion_line

SHOWN = (
    "name",
    "gender",
    "ethnicity",
    "birth_date",
    "id_number",
    "education",
    "category",
    "party_status",
    "joined_on",
    "full_member_on",
    "group",
    "phone",
    "work_unit",
)


def field_text(member: MemberRecord, name: str) -> str:
    """Return one field of a member as shown to the user."""
    value = getattr(member, name)
    if value is None or value == "":
        return "未填"
    if hasattr(value, "isoformat"):
        return format_date(value)
    return str(value)


def history_line(entry: StatusChangeRecord) -> str:
    """Describe one roster change on one line."""
    parts = [format_date(entry.effective_on), entry.kind.value]
    if entry.place:
        parts.append(entry.place)
    if entry.letter_no:
        parts.append(f"介绍信 {entry.letter_no}")
    if entry.note:
        parts.append(entry.note)
    return "  ".join(parts)


def stats_text(stats: MemberYearStats) -> str:
    """Return e.g. 出勤率 80%（应到 5 次，实到 4 次，缺席 1 次）."""
    if stats.rate is None:
        return f"{stats.year}年尚无应参加的会议记录"
    return (
        f"出勤率 {stats.rate:.0%}（应到 {stats.expected} 次，"
        f"实到 {stats.present} 次，缺席 {stats.absent} 次）"
    )


class MemberDetailPanel(QScrollArea):
    """Read-only view of one member; empty when nothing is selected.

    The panel finds the UiContext of the page it sits in (or takes ``ctx``) to read the
    member's attendance and exclusions.
    """

    def __init__(self, parent: QWidget | None = None, ctx: UiContext | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.member: MemberRecord | None = None
        self.setWidgetResizable(True)
        self.setMinimumWidth(220)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        self.title = QLabel("未选择党员")
        self.title.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.history_button = QPushButton("查看修改记录")
        self.history_button.setToolTip("查看该党员信息的每一次修改：谁、何时、原值和新值")
        self.history_button.clicked.connect(self.show_changes)
        self.values = {name: QLabel() for name in (*SHOWN, "roster_status", "notes")}
        fields = QGroupBox("基本信息")
        form = QFormLayout(fields)
        for name, label in self.values.items():
            label.setWordWrap(True)
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(_label_of(name) + "：", label)
        self.history = QListWidget()
        history_box = QGroupBox("党籍变动记录")
        QVBoxLayout(history_box).addWidget(self.history)
        layout = QVBoxLayout(body)
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.history_button)
        layout.addLayout(heading)
        layout.addWidget(fields)
        layout.addWidget(self._stats_box())
        layout.addWidget(self._exclusions_box())
        layout.addWidget(history_box, 1)
        self.setWidget(body)
        self.show_detail(None)

    def _stats_box(self) -> QGroupBox:
        self.stats_box = QGroupBox("本年参会与学习")
        self.attendance = QLabel()
        self.hours = QLabel()
        for label in (self.attendance, self.hours):
            label.setWordWrap(True)
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self.stats_box)
        layout.addWidget(self.attendance)
        layout.addWidget(self.hours)
        return self.stats_box

    def _exclusions_box(self) -> QGroupBox:
        box = QGroupBox("表决权排除情形")
        self.exclusions = QListWidget()
        self.exclusions.setWordWrap(True)
        self.exclusions.setMaximumHeight(self.fontMetrics().height() * 4 + 16)
        self.add_exclusion_button = QPushButton("添加…")
        self.end_exclusion_button = QPushButton("结束…")
        self.add_exclusion_button.clicked.connect(self.add_exclusion)
        self.end_exclusion_button.clicked.connect(self.end_exclusion)
        buttons = packed_row(self.add_exclusion_button, self.end_exclusion_button)
        stacked(box, self.exclusions, buttons)
        return box

    def context(self) -> UiContext | None:
        """Return the given context, or the one of the page this panel sits in."""
        if self.ctx is not None:
            return self.ctx
        return attribute_above(self.parentWidget(), "ctx", UiContext)

    def show_detail(self, detail: MemberDetail | None) -> None:
        """Show a member with history, or clear the panel."""
        self.history.clear()
        self.member = detail.member if detail else None
        self._show_extras()
        if detail is None:
            self.title.setText("未选择党员")
            for label in self.values.values():
                label.setText("")
            return
        member = detail.member
        self.title.setText(member.name)
        for name, label in self.values.items():
            label.setText(field_text(member, name))
        self.history.addItems([history_line(h) for h in detail.history])

    def _show_extras(self) -> None:
        ctx, member = self.context(), self.member
        self.exclusions.clear()
        for button in (self.add_exclusion_button, self.end_exclusion_button, self.history_button):
            button.setEnabled(member is not None and ctx is not None)
        if member is None or ctx is None:
            self.attendance.setText("")
            self.hours.setText("")
            return
        year = ctx.desk.roster.today().year
        stats = ctx.desk.events.member_stats(member.id, year)
        self.stats_box.setTitle(f"{year}年参会与学习")
        self.attendance.setText(stats_text(stats))
        self.hours.setText(f"学习学时 {stats.study_hours} 学时")
        for record in ctx.desk.exclusions.list(member.id):
            item = QListWidgetItem(exclusion_line(record))
            item.setData(Qt.ItemDataRole.UserRole, record)
            self.exclusions.addItem(item)

    def add_exclusion(self) -> ExclusionDialog | None:
        """Open the dialog recording a new exclusion for the shown member."""
        ctx = self.context()
        if ctx is None or self.member is None:
            return None
        dialog = ExclusionDialog(ctx, self.member, self)
        dialog.open()
        return dialog

    def show_changes(self) -> HistoryDialog | None:
        """Open 修改记录 limited to the shown member."""
        ctx = self.context()
        if ctx is None or self.member is None:
            return None
        return open_history(
            ctx, self, entity="members", entity_id=self.member.id, scope=self.member.name
        )

    def end_exclusion(self) -> EndExclusionDialog | None:
        """Open the dialog ending the selected exclusion."""
        ctx, item = self.context(), self.exclusions.currentItem()
        record: ExclusionRecord | None = item.data(Qt.ItemDataRole.UserRole) if item else None
        if ctx is None or record is None:
            return None
        dialog = EndExclusionDialog(ctx, record, self)
        dialog.open()
        return dialog


def _label_of(name: str) -> str:
    return {"roster_status": "在册状态", "notes": "备注"}.get(name) or FIELD_LABELS[name]
