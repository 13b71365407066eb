"""Small widgets shared by the dialogs: date fields, inline problem labels, button boxes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Generic, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import Problem
from ...domain.idcard import IdNumberError, parse_id_number
from ...domain.text import DateParseError, parse_date_value

ERROR_COLOR = "#c62828"
WARNING_COLOR = "#e67e00"
DATE_HINT = "如 2019-07-01，可留空"
V = TypeVar("V")


class TypedEdit(QLineEdit, Generic[V]):
    """A value typed as text (a date, a time, an amount); empty means 未填.

    A subclass says how a value is written (:meth:`format`) and read back (:meth:`parse`,
    raising ``error``); with ``tidy`` a readable text is rewritten in that form once typed.
    """

    error: type[Exception] = ValueError
    tidy = True

    def __init__(self, hint: str, value: V | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(hint)
        self.set_value(value)
        if self.tidy:
            self.editingFinished.connect(self._tidy)

    def format(self, value: V) -> str:
        """Return the text showing ``value``."""
        raise NotImplementedError

    def parse(self, text: str) -> V | None:
        """Return the value of ``text`` (None when empty); raise ``error`` when unreadable."""
        raise NotImplementedError

    def set_value(self, value: V | None) -> None:
        """Show ``value`` (or nothing for None)."""
        self.setText("" if value is None else self.format(value))

    def value(self) -> V | None:
        """Return the typed value; raise ``error`` when it cannot be read."""
        return self.parse(self.text())

    def parse_problem(self) -> str:
        """Return why the text cannot be read, or '' when it is fine."""
        try:
            self.value()
        except self.error as exc:
            return str(exc)
        return ""

    def _tidy(self) -> None:
        if not self.parse_problem() and self.text().strip():
            self.set_value(self.value())


class DateEdit(TypedEdit[date]):
    """A date typed as text (2019-07-01, 2019.7.1, 2019年7月1日); empty means 未填."""

    date_changed = Signal()
    error = DateParseError

    def __init__(self, value: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(DATE_HINT, value, parent)
        self.textChanged.connect(self.date_changed)

    def format(self, value: date) -> str:
        return value.isoformat()

    def parse(self, text: str) -> date | None:
        return parse_date_value(text)

    def set_date(self, value: date | None) -> None:
        """Show ``value`` (or nothing for None)."""
        self.set_value(value)

    def date(self) -> date | None:
        """Return the typed date; raise DateParseError when it cannot be read."""
        return self.value()


class ProblemLabel(QLabel):
    """A red (error) or orange (warning) message under a field; hidden when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.show_problems([])

    def show_problems(self, problems: Iterable[Problem]) -> None:
        """Show the messages of ``problems`` (errors first)."""
        items = sorted(problems, key=lambda p: not p.is_error)
        self.setText("；".join(p.message for p in items))
        color = ERROR_COLOR if any(p.is_error for p in items) else WARNING_COLOR
        self.setStyleSheet(f"color: {color};")
        self.setVisible(bool(items))


def show_field_problems(labels: Mapping[str, ProblemLabel], problems: Iterable[Problem]) -> None:
    """Show each problem under its field: ``labels`` maps field names to their labels."""
    items = list(problems)
    for name, label in labels.items():
        label.show_problems(p for p in items if p.field == name)


class FieldProblems:
    """A form with a problem label under each field: ``labels`` maps field names to them."""

    labels: Mapping[str, ProblemLabel]

    def show_problems(self, problems: Iterable[Problem]) -> None:
        """Show each problem under its field."""
        show_field_problems(self.labels, problems)


def with_message(field: QWidget, message: ProblemLabel) -> QWidget:
    """Stack a field above its problem label in one cell."""
    cell = QWidget()
    layout = QVBoxLayout(cell)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(field)
    layout.addWidget(message)
    return cell


def ok_cancel(ok_text: str = "确定") -> QDialogButtonBox:
    """Return an OK/Cancel button box with Chinese labels."""
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
    return box


def choice_combo(values: Iterable[str], blank: str | None = "") -> QComboBox:
    """Return a combo of ``values`` (with a leading blank item unless ``blank`` is None)."""
    combo = QComboBox()
    if blank is not None:
        combo.addItem(blank, "")
    for value in values:
        combo.addItem(value, value)
    return combo


def editable_combo(values: Iterable[str]) -> QComboBox:
    """Return a combo offering ``values`` under a blank item, where any text may be typed."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.addItems(["", *values])
    return combo


def select_data(combo: QComboBox, value: str) -> None:
    """Select the item whose data is ``value`` (first item when missing)."""
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))


def fill_from_id_number(id_number: QLineEdit, gender: QComboBox, birth_date: DateEdit) -> None:
    """Fill an empty gender and birth date from an ID number as soon as it is complete."""

    def fill(text: str) -> None:
        try:
            parsed = parse_id_number(text.strip())
        except IdNumberError:
            return
        if not gender.currentData():
            select_data(gender, parsed.gender)
        if not birth_date.text().strip():
            birth_date.set_date(parsed.birth_date)

    id_number.textChanged.connect(fill)


def big_number(value: int) -> QLabel:
    """Return a label showing a count in large type."""
    label = QLabel(str(value))
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setStyleSheet("font-size: 26px; font-weight: bold; color: #b71c1c;")
    return label
