"""Small editors used by the event editor: a typed time, the 议题 list, 同时计为 checkboxes."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import time

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.events import EventType
from ...domain.text import to_halfwidth
from ..widgets.form_fields import TypedEdit

TIME_PATTERN = re.compile(r"^(\d{1,2})[:：.点时]?(\d{2})?分?$")


def parse_time(text: str) -> time | None:
    """Read 14:30, 14：30, 1430 or 14点30; '' is None; raise ValueError when unreadable."""
    value = to_halfwidth(text).strip().replace(" ", "")
    if not value:
        return None
    match = TIME_PATTERN.match(value)
    if match is None:
        raise ValueError("时间应写作 14:30")
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 23 or minute > 59:
        raise ValueError("不是有效的时间")
    return time(hour, minute)


class TimeEdit(TypedEdit[time]):
    """A time typed as text (14:30, 1430, 14点30), shown as HH:MM; empty means 未填."""

    def __init__(self, value: time | None = None, parent: QWidget | None = None) -> None:
        super().__init__("如 14:30", value, parent)
        self.setMaximumWidth(90)

    def format(self, value: time) -> str:
        return value.strftime("%H:%M")

    def parse(self, text: str) -> time | None:
        return parse_time(text)


class AgendaEditor(QWidget):
    """The 议题 list: type each item in place; add, remove and reorder.

    The type's usual 议题 are only a hint under an empty list; 填入常用议题 copies them in.
    Nothing the user did not put in the list is saved.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setMaximumHeight(120)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #888;")
        self.usual: tuple[str, ...] = ()
        self.buttons = {
            "添加": self.add_item,
            "删除": self.remove_current,
            "上移": lambda: self.move_current(-1),
            "下移": lambda: self.move_current(1),
        }
        self.fill_button = QPushButton("填入常用议题")
        self.fill_button.setAutoDefault(False)
        self.fill_button.clicked.connect(self.fill_usual)
        column = QVBoxLayout()
        column.setSpacing(2)
        for text, slot in self.buttons.items():
            button = QPushButton(text)
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            column.addWidget(button)
        column.addWidget(self.fill_button)
        column.addStretch(1)
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.list, 1)
        left.addWidget(self.hint)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 1)
        layout.addLayout(column)
        self.list.itemChanged.connect(lambda _item: self.changed.emit())
        self.list.model().rowsMoved.connect(lambda *_a: self.changed.emit())
        self.changed.connect(self._show_hint)

    def set_usual(self, items: Iterable[str]) -> None:
        """Offer a type's usual 议题 as a hint (not as items) and through 填入常用议题."""
        self.usual = tuple(items)
        self._show_hint()

    def fill_usual(self) -> None:
        """Append the usual 议题 not in the list yet."""
        have = set(self.items())
        for text in self.usual:
            if text not in have:
                self._append(text)
        self.changed.emit()

    def _show_hint(self) -> None:
        empty = not self.items()
        if self.usual and empty:
            self.hint.setText(f"常用议题（未填入，不会保存）：{'；'.join(self.usual)}")
        self.hint.setVisible(bool(self.usual) and empty)
        self.fill_button.setEnabled(bool(self.usual))

    def set_items(self, items: Iterable[str]) -> None:
        """Replace the list."""
        self.list.blockSignals(True)
        self.list.clear()
        for text in items:
            self._append(text)
        self.list.blockSignals(False)
        self.changed.emit()

    def items(self) -> tuple[str, ...]:
        """Return the non-empty items in order."""
        texts = (self.list.item(i).text().strip() for i in range(self.list.count()))
        return tuple(t for t in texts if t)

    def _append(self, text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.list.addItem(item)
        return item

    def add_item(self) -> None:
        """Add an empty item and start typing in it."""
        item = self._append("")
        self.list.setCurrentItem(item)
        self.list.editItem(item)

    def remove_current(self) -> None:
        """Remove the current item."""
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self.changed.emit()

    def move_current(self, step: int) -> None:
        """Move the current item up (-1) or down (+1)."""
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self.changed.emit()


class AlsoCountsList(QListWidget):
    """同时计为: a wrapped grid of checkable types (the event's own type is hidden)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSpacing(2)
        self.setMaximumHeight(self.fontMetrics().height() * 3 + 20)
        for kind in EventType:
            item = QListWidgetItem(kind.value)
            item.setData(Qt.ItemDataRole.UserRole, kind.value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.addItem(item)

    def hide_type(self, kind: EventType) -> None:
        """Hide (and uncheck) the event's own type."""
        for i in range(self.count()):
            item = self.item(i)
            own = item.data(Qt.ItemDataRole.UserRole) == kind.value
            if own:
                item.setCheckState(Qt.CheckState.Unchecked)
            item.setHidden(own)

    def set_checked(self, kinds: Iterable[EventType]) -> None:
        """Check exactly ``kinds``."""
        wanted = {k.value for k in kinds}
        for i in range(self.count()):
            item = self.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def checked(self) -> tuple[EventType, ...]:
        """Return the checked types in list order."""
        return tuple(
            EventType(self.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked and not self.item(i).isHidden()
        )
