"""The member fields of the add/edit dialog, each with its inline problem label."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ...domain.errors import Problem
from ...domain.members import (
    FIELD_LABELS,
    Gender,
    MemberCategory,
    MemberInput,
    PartyStatus,
)
from ..widgets.form_fields import (
    DateEdit,
    ProblemLabel,
    choice_combo,
    editable_combo,
    fill_from_id_number,
    select_data,
    show_field_problems,
    with_message,
)

ETHNICITIES = (
    "汉族",
    "回族",
    "满族",
    "蒙古族",
    "壮族",
    "藏族",
    "维吾尔族",
    "苗族",
    "彝族",
    "土家族",
)
EDUCATIONS = ("研究生", "大学本科", "大学专科", "中专", "高中", "初中及以下")
DATE_FIELDS = ("birth_date", "joined_on", "full_member_on")
LEFT = ("name", "gender", "ethnicity", "birth_date", "id_number", "education", "phone")
RIGHT = ("category", "party_status", "joined_on", "full_member_on", "group", "work_unit")


class MemberForm(QWidget):
    """Every field of MemberInput; reads and writes inputs and shows problems per field."""

    edited = Signal(str)

    def __init__(self, groups: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit()
        self.gender = choice_combo(g.value for g in Gender)
        self.ethnicity = editable_combo(ETHNICITIES)
        self.birth_date = DateEdit()
        self.id_number = QLineEdit()
        self.id_number.setPlaceholderText("18位，末位可为X")
        self.education = editable_combo(EDUCATIONS)
        self.category = choice_combo(c.value for c in MemberCategory)
        self.party_status = choice_combo(p.value for p in PartyStatus)
        self.joined_on = DateEdit()
        self.full_member_on = DateEdit()
        self.group = choice_combo(groups, blank="（未分党小组）")
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("手机号或座机号")
        self.work_unit = QLineEdit()
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(60)
        self.labels: dict[str, ProblemLabel] = {}
        self._build()
        self._wire()

    def field(self, name: str) -> QWidget:
        """Return the input widget of a MemberInput field."""
        return getattr(self, name)

    def _build(self) -> None:
        grid = QGridLayout(self)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setHorizontalSpacing(10)
        for column, names in ((0, LEFT), (2, RIGHT)):
            for row, name in enumerate(names):
                self.labels[name] = ProblemLabel()
                grid.addWidget(self._caption(name), row, column, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(with_message(self.field(name), self.labels[name]), row, column + 1)
        self.labels["notes"] = ProblemLabel()
        grid.addWidget(QLabel("备注："), len(LEFT), 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(with_message(self.notes, self.labels["notes"]), len(LEFT), 1, 1, 3)

    def _caption(self, name: str) -> QLabel:
        """Return a field's caption, as tall as the field so both line up when a message shows."""
        caption = QLabel(FIELD_LABELS[name] + "：")
        caption.setMinimumHeight(self.field(name).sizeHint().height())
        return caption

    def _wire(self) -> None:
        for name in (*LEFT, *RIGHT):
            widget = self.field(name)
            if isinstance(widget, QComboBox):
                widget.currentTextChanged.connect(lambda _t, n=name: self.edited.emit(n))
            else:
                widget.textChanged.connect(lambda _t, n=name: self.edited.emit(n))
        self.notes.textChanged.connect(lambda: self.edited.emit("notes"))
        fill_from_id_number(self.id_number, self.gender, self.birth_date)

    def set_input(self, data: MemberInput) -> None:
        """Fill the fields from ``data``."""
        self.name.setText(data.name)
        select_data(self.gender, data.gender.value if data.gender else "")
        self.ethnicity.setCurrentText(data.ethnicity)
        self.birth_date.set_date(data.birth_date)
        self.id_number.setText(data.id_number)
        self.education.setCurrentText(data.education)
        select_data(self.category, data.category.value if data.category else "")
        select_data(self.party_status, data.party_status.value if data.party_status else "")
        self.joined_on.set_date(data.joined_on)
        self.full_member_on.set_date(data.full_member_on)
        select_data(self.group, data.group)
        self.phone.setText(data.phone)
        self.work_unit.setText(data.work_unit)
        self.notes.setPlainText(data.notes)

    def read(self) -> tuple[MemberInput, list[Problem]]:
        """Return the typed input and the problems of dates that could not be read."""
        problems = [
            Problem(name, FIELD_LABELS[name], message)
            for name in DATE_FIELDS
            if (message := self.field(name).parse_problem())
        ]
        bad = {p.field for p in problems}
        gender, category, party = (
            self.gender.currentData(),
            self.category.currentData(),
            self.party_status.currentData(),
        )
        data = MemberInput(
            name=self.name.text(),
            gender=Gender(gender) if gender else None,
            ethnicity=self.ethnicity.currentText(),
            birth_date=None if "birth_date" in bad else self.birth_date.date(),
            id_number=self.id_number.text(),
            education=self.education.currentText(),
            category=MemberCategory(category) if category else None,
            party_status=PartyStatus(party) if party else None,
            joined_on=None if "joined_on" in bad else self.joined_on.date(),
            full_member_on=None if "full_member_on" in bad else self.full_member_on.date(),
            group=self.group.currentData() or "",
            phone=self.phone.text(),
            work_unit=self.work_unit.text(),
            notes=self.notes.toPlainText(),
        )
        return data, problems

    def show_problems(self, problems: Iterable[Problem], fields: set[str] | None = None) -> None:
        """Show each problem under its field; limit to ``fields`` when given."""
        items = [p for p in problems if fields is None or p.field in fields]
        show_field_problems(self.labels, items)
