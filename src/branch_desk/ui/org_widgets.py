"""Editors for the organisation: the list of 党小组 and the officers (支委成员)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.members import MemberRecord
from ..domain.org import OfficerRecord, OfficerRole
from ..domain.text import clean
from ..services.org.units import OfficerInput
from .widgets.form_fields import DateEdit, choice_combo, select_data
from .widgets.layouts import packed_row, side_by_side

GROUP_ID_ROLE = Qt.ItemDataRole.UserRole
OFFICER_HEADERS = ("职务", "姓名（可从名册选择或直接输入）", "任期开始", "任期结束")
OFFICER_STRETCH = (2, 3, 2, 2)


def chinese_number(n: int) -> str:
    """Write 1–99 in Chinese numerals (第十二党小组); larger numbers in digits."""
    digits = "零一二三四五六七八九"
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    lead = "" if tens == 0 else ("十" if tens == 1 else digits[tens] + "十")
    return lead + (digits[ones] if ones else "")


class GroupListEditor(QWidget):
    """An editable list of 党小组 names; rows already saved can be renamed, not removed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.add_button = QPushButton("添加党小组")
        self.remove_button = QPushButton("删除所选")
        self.add_button.clicked.connect(self.add_new)
        self.remove_button.clicked.connect(self.remove_current)
        buttons = packed_row(self.add_button, self.remove_button, vertical=True)
        side_by_side(self, (self.list, 1), buttons, margins=False)

    def add_row(self, name: str, group_id: int | None = None) -> QListWidgetItem:
        """Append a row (``group_id`` None for a group not saved yet)."""
        item = QListWidgetItem(name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        item.setData(GROUP_ID_ROLE, group_id)
        self.list.addItem(item)
        return item

    def add_new(self) -> None:
        """Append a row named after its position and start editing it."""
        item = self.add_row(f"第{chinese_number(self.list.count() + 1)}党小组")
        self.list.setCurrentItem(item)
        self.list.editItem(item)

    def remove_current(self) -> None:
        """Remove the current row unless it is already saved."""
        item = self.list.currentItem()
        if item is not None and item.data(GROUP_ID_ROLE) is None:
            self.list.takeItem(self.list.row(item))

    def items(self) -> list[QListWidgetItem]:
        """Return every row's item."""
        return [self.list.item(i) for i in range(self.list.count())]

    def entries(self) -> list[tuple[int | None, str]]:
        """Return (group id or None, cleaned name) for every non-blank row."""
        rows = (self.list.item(i) for i in range(self.list.count()))
        pairs = ((item.data(GROUP_ID_ROLE), clean(item.text())) for item in rows)
        return [(gid, name) for gid, name in pairs if name or gid is not None]

    def names(self) -> list[str]:
        """Return the names typed, blanks dropped."""
        return [name for _gid, name in self.entries() if name]


class OfficerRow(QWidget):
    """One officer: role, person (picked from the roster or typed) and term."""

    def __init__(self, members: Sequence[MemberRecord], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.role = choice_combo((r.value for r in OfficerRole), blank=None)
        self.person = QComboBox()
        self.person.setEditable(True)
        self.person.addItem("", None)
        for member in members:
            self.person.addItem(member.name, member.id)
        self.term_start = DateEdit()
        self.term_end = DateEdit()
        self.remove_button = QPushButton("移除")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        fields = (self.role, self.person, self.term_start, self.term_end)
        for widget, stretch in zip(fields, OFFICER_STRETCH, strict=True):
            layout.addWidget(widget, stretch)
        layout.addWidget(self.remove_button)

    def set_officer(self, role: OfficerRole, name: str, member_id: int | None) -> None:
        """Show a saved officer."""
        select_data(self.role, role.value)
        index = self.person.findData(member_id) if member_id else -1
        if index >= 0:
            self.person.setCurrentIndex(index)
        else:
            self.person.setCurrentText(name)

    def read(self) -> tuple[OfficerInput | None, str]:
        """Return the officer typed (None for a blank row) or a message for a bad date."""
        name = clean(self.person.currentText())
        problem = self.term_start.parse_problem() or self.term_end.parse_problem()
        if problem:
            return None, f"{name or '支委成员'}的任期日期：{problem}"
        if not name:
            return None, ""
        index = self.person.findText(name, Qt.MatchFlag.MatchExactly)
        member_id = self.person.itemData(index) if index > 0 else None
        officer = OfficerInput(
            OfficerRole(self.role.currentData()),
            name,
            member_id,
            self.term_start.date(),
            self.term_end.date(),
        )
        return officer, ""


class OfficerEditor(QWidget):
    """A list of officer rows with an 添加 button."""

    def __init__(self, members: Sequence[MemberRecord], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.members = list(members)
        self.rows: list[OfficerRow] = []
        self.default_term: tuple[date | None, date | None] = (None, None)
        self.grid = QVBoxLayout()
        header = QHBoxLayout()
        for text, stretch in zip(OFFICER_HEADERS, OFFICER_STRETCH, strict=True):
            header.addWidget(QLabel(text), stretch)
        header.addSpacing(QPushButton("移除").sizeHint().width())
        self.add_button = QPushButton("添加支委成员")
        self.add_button.clicked.connect(lambda: self.add_row())
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(self.grid)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def add_row(self, officer: OfficerRecord | None = None) -> OfficerRow:
        """Append a row, filled from ``officer`` or with the default term."""
        row = OfficerRow(self.members)
        if officer is not None:
            row.set_officer(officer.role, officer.person_name, officer.member_id)
            row.term_start.set_date(officer.term_start)
            row.term_end.set_date(officer.term_end)
        else:
            select_data(row.role, _next_role(len(self.rows)).value)
            row.term_start.set_date(self.default_term[0])
            row.term_end.set_date(self.default_term[1])
        row.remove_button.clicked.connect(lambda: self._remove(row))
        self.rows.append(row)
        self.grid.addWidget(row)
        return row

    def _remove(self, row: OfficerRow) -> None:
        self.rows.remove(row)
        row.setParent(None)
        row.deleteLater()

    def read(self) -> tuple[list[OfficerInput], list[str]]:
        """Return the officers typed and any date problems."""
        officers, problems = [], []
        for row in self.rows:
            officer, problem = row.read()
            if problem:
                problems.append(problem)
            elif officer is not None:
                officers.append(officer)
        return officers, problems


def _next_role(count: int) -> OfficerRole:
    order = (
        OfficerRole.SECRETARY,
        OfficerRole.DEPUTY_SECRETARY,
        OfficerRole.ORGANIZATION,
        OfficerRole.PROPAGANDA,
        OfficerRole.DISCIPLINE,
    )
    return order[count] if count < len(order) else OfficerRole.COMMITTEE_MEMBER
