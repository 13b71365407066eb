"""Box layouts built from a list of parts: what most panels do to place their widgets.

An item is a widget or a layout, or ``(item, stretch)`` for one that takes a share of the
room left; :func:`packed_row` keeps its widgets together at the start of the row.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLayout,
    QVBoxLayout,
    QWidget,
)

Part = QWidget | QLayout
Item = Part | tuple[Part, int]
L = TypeVar("L", bound=QBoxLayout)


def add_items(layout: QBoxLayout, items: Iterable[Item]) -> QBoxLayout:
    """Add each item to ``layout`` (a layout as a nested layout), with its stretch; return it."""
    for item in items:
        part, stretch = item if isinstance(item, tuple) else (item, 0)
        if isinstance(part, QLayout):
            layout.addLayout(part, stretch)
        else:
            layout.addWidget(part, stretch)
    return layout


def _filled(layout: L, items: Iterable[Item], margins: bool) -> L:
    if not margins:
        layout.setContentsMargins(0, 0, 0, 0)
    add_items(layout, items)
    return layout


def stacked(parent: QWidget | None, *items: Item, margins: bool = True) -> QVBoxLayout:
    """Lay ``items`` out top to bottom (in ``parent`` if given); ``margins=False`` drops the edges."""
    return _filled(QVBoxLayout(parent), items, margins)


def side_by_side(parent: QWidget | None, *items: Item, margins: bool = True) -> QHBoxLayout:
    """Lay ``items`` out left to right (in ``parent`` if given); ``margins=False`` drops the edges."""
    return _filled(QHBoxLayout(parent), items, margins)


def packed_row(*widgets: QWidget, vertical: bool = False) -> QBoxLayout:
    """Return ``widgets`` (buttons, mostly) side by side, or stacked, kept at the start."""
    layout = add_items(QVBoxLayout() if vertical else QHBoxLayout(), widgets)
    layout.addStretch(1)
    return layout


def dialog_stack(dialog: QDialog, *items: Item, buttons: QDialogButtonBox) -> QVBoxLayout:
    """Stack ``items`` in ``dialog`` above ``buttons``, whose OK accepts and Cancel rejects."""
    layout = stacked(dialog, *items, buttons)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return layout
