"""Dialogs a secretary can trust: they fit the screen, and closing never loses typed text.

``FittedDialog`` shrinks itself to the screen's free area when shown (tests/ui/
test_every_dialog.py checks that every dialog's minimum size fits a 1280×720 laptop).
``EditorDialog`` also asks "放弃未保存的修改？" when it is closed with Esc, 取消 or the
window's close button while what is typed differs from what it showed when it opened;
nothing is asked when nothing changed.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from . import messages

log = logging.getLogger(__name__)

DISCARD_QUESTION = "放弃未保存的修改？"
FRAME_ALLOWANCE = (16, 40)  # width and height of a window frame with its title bar
EDITABLE = Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable


def available_rect(widget: QWidget) -> QRect:
    """Return the free area of the screen the widget is on (without task bars)."""
    screen = widget.screen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 680)


def fit_on_screen(window: QWidget) -> None:
    """Shrink ``window`` to the free screen area and move it fully onto it."""
    room = available_rect(window)
    frame = window.frameGeometry().size() - window.size()
    if frame.isEmpty():  # not shown yet: allow for a title bar and borders
        frame = QSize(*FRAME_ALLOWANCE)
    width = min(window.width(), room.width() - frame.width())
    height = min(window.height(), room.height() - frame.height())
    window.resize(max(width, 1), max(height, 1))
    if not window.testAttribute(Qt.WidgetAttribute.WA_Moved):
        return  # Qt places it when shown (a dialog centred on its parent, kept on screen)
    outer = window.size() + frame
    x = min(max(window.x(), room.left()), room.right() - outer.width() + 1)
    y = min(max(window.y(), room.top()), room.bottom() - outer.height() + 1)
    window.move(max(x, room.left()), max(y, room.top()))


def _view_state(view: QAbstractItemView) -> tuple[Any, ...]:
    """Return the editable or checkable cells of a view's model (top level rows)."""
    model = view.model()
    if model is None:
        return ()
    cells: list[Any] = []
    row = 0
    while model.hasIndex(row, 0):
        column = 0
        while model.hasIndex(row, column):
            index = model.index(row, column)
            if model.flags(index) & EDITABLE:
                check = model.data(index, Qt.ItemDataRole.CheckStateRole)
                cells.append((row, column, model.data(index), check))
            column += 1
        row += 1
    cells.append(row)
    return tuple(cells)


def _value(widget: QWidget) -> Any:
    """Return what the user can change in ``widget``, or None for widgets holding no input."""
    if isinstance(widget, QLineEdit):
        inner = isinstance(widget.parent(), QAbstractSpinBox | QComboBox)
        return None if inner or widget.isReadOnly() else widget.text()
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return None if widget.isReadOnly() else widget.toPlainText()
    if isinstance(widget, QComboBox):
        return (widget.currentIndex(), widget.currentText())
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    if isinstance(widget, QAbstractButton):
        return widget.isChecked() if widget.isCheckable() else None
    if isinstance(widget, QAbstractItemView):
        return _view_state(widget)
    return None


def input_state(roots: list[QWidget]) -> tuple[Any, ...]:
    """Return everything typed or chosen in the input widgets under ``roots``.

    Sorted, because Qt reorders a widget's children (a tab brought to the front, a raised
    panel); the order of the fields is not an edit.
    """
    state: list[Any] = []
    for root in roots:
        for widget in [root, *root.findChildren(QWidget)]:
            value = None if isinstance(widget, QHeaderView) else _value(widget)
            if value is not None:
                state.append((type(widget).__name__, value))
    return tuple(sorted(state, key=repr))


class FittedDialog(QDialog):
    """A dialog that never opens larger than the free area of its screen."""

    def showEvent(self, event: QShowEvent) -> None:
        """Fit the screen each time the dialog appears."""
        fit_on_screen(self)
        super().showEvent(event)


class EditorDialog(FittedDialog):
    """A dialog with input: asks before closing discards what was typed."""

    _baseline: tuple[Any, ...] | None = None

    def guarded_widgets(self) -> list[QWidget]:
        """Return the widgets whose input must not be lost (all of the dialog by default)."""
        return [self]

    def mark_saved(self) -> None:
        """Take what is shown now as the unchanged state (after opening or saving)."""
        self._baseline = input_state(self.guarded_widgets())

    def has_unsaved_changes(self) -> bool:
        """Tell whether anything was typed or chosen since the dialog opened (or saved)."""
        return self._baseline is not None and input_state(self.guarded_widgets()) != self._baseline

    def showEvent(self, event: QShowEvent) -> None:
        """Remember the state shown when the dialog first appears."""
        super().showEvent(event)
        if self._baseline is None:
            try:
                self.mark_saved()
            except Exception:  # an exception escaping a Qt event handler kills the program
                log.exception("cannot read the input of %s", type(self).__name__)
                self._baseline = ()

    def reject(self) -> None:
        """Close without saving (Esc, 取消, the close button) — after asking, if edited."""
        if self.has_unsaved_changes() and not messages.confirm(
            self, DISCARD_QUESTION, yes="放弃修改"
        ):
            return
        super().reject()
