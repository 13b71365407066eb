"""The side panel showing the selected member's fields and dated roster history."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...domain.members import FIELD_LABELS, MemberDetail, MemberRecord, StatusChangeRecord
from ...domain.text import format_date

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


class MemberDetailPanel(QScrollArea):
    """Read-only view of one member; empty when nothing is selected."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setMinimumWidth(220)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        self.title = QLabel("未选择党员")
        self.title.setStyleSheet("font-size: 18px; font-weight: bold;")
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
        layout.addWidget(self.title)
        layout.addWidget(fields)
        layout.addWidget(history_box, 1)
        self.setWidget(body)
        self.show_detail(None)

    def show_detail(self, detail: MemberDetail | None) -> None:
        """Show a member with history, or clear the panel."""
        self.history.clear()
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


def _label_of(name: str) -> str:
    return {"roster_status": "在册状态", "notes": "备注"}.get(name) or FIELD_LABELS[name]
