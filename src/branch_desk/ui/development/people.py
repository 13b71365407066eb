"""Choosing people for a step (培养联系人, 入党介绍人, 谈话人): roster members or free names."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.members import MemberRecord, PartyStatus, RosterStatus

PERSON_ROLE = Qt.ItemDataRole.UserRole + 1


def person_text(person: dict[str, Any]) -> str:
    """Return 张三 (linked to the roster) or 张三（非本支部名册）."""
    if person.get("member_id"):
        return str(person["name"])
    return f"{person['name']}（非本支部名册）"


class PeoplePicker(QWidget):
    """A short list of people; pick from the roster (正式党员 first) or type any name."""

    changed = Signal()

    def __init__(self, members: Sequence[MemberRecord], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        on_roll = [m for m in members if m.roster_status is RosterStatus.ACTIVE]
        on_roll.sort(key=lambda m: (m.party_status is not PartyStatus.FULL, m.name))
        self.members = on_roll
        self.chooser = QComboBox()
        self.chooser.setEditable(True)
        self.chooser.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.chooser.lineEdit().setPlaceholderText("选择名册中的党员，或输入姓名")
        for member in on_roll:
            self.chooser.addItem(member.name, member.id)
            tip = f"{member.party_status.value}党员" + (f"，{member.group}" if member.group else "")
            self.chooser.setItemData(self.chooser.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        self.chooser.setCurrentIndex(-1)
        self.chooser.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.list = QListWidget()
        self.list.setMaximumHeight(self.fontMetrics().height() * 4 + 16)
        self.add_button = QPushButton("添加")
        self.remove_button = QPushButton("移除")
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_typed)
        self.remove_button.clicked.connect(self.remove_current)
        self.chooser.lineEdit().returnPressed.connect(self.add_typed)
        row = QHBoxLayout()
        row.addWidget(self.chooser, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.list)

    def member_named(self, name: str) -> MemberRecord | None:
        """Return the on-roll member of that name (the first, 正式党员 preferred)."""
        return next((m for m in self.members if m.name == name), None)

    def add_person(self, name: str, member_id: int | None = None) -> bool:
        """Add someone (linked to the roster when ``member_id`` is known); no duplicates."""
        name = name.strip()
        if not name or name in [p["name"] for p in self.people()]:
            return False
        if member_id is None and (member := self.member_named(name)) is not None:
            member_id = member.id
        person = {"name": name, "member_id": member_id}
        item = QListWidgetItem(person_text(person))
        item.setData(PERSON_ROLE, person)
        self.list.addItem(item)
        self.changed.emit()
        return True

    def add_typed(self) -> None:
        """Add the chosen or typed name."""
        if self.add_person(self.chooser.currentText()):
            self.chooser.setCurrentIndex(-1)
            self.chooser.clearEditText()

    def remove_current(self) -> None:
        """Remove the selected person."""
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self.changed.emit()

    def set_people(self, people: Sequence[dict[str, Any]]) -> None:
        """Show stored people."""
        self.list.clear()
        for person in people:
            self.add_person(str(person.get("name", "")), person.get("member_id"))

    def people(self) -> list[dict[str, Any]]:
        """Return the people as stored: name and member id (None for a free name)."""
        return [self.list.item(i).data(PERSON_ROLE) for i in range(self.list.count())]
