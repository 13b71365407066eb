"""What every list page does around its table: buttons, keys, the chosen record, widths.

A page shows a :class:`~.record_table.RecordTableModel` through a filter proxy in a
table made by :func:`~.tables.make_table`; these helpers carry the rest once: the row
of action buttons, Enter/Delete on the table, the record of the current row, making a
record's row current, and remembering the column widths.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from PySide6.QtCore import QModelIndex, QSettings, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QPushButton, QTableView, QWidget

from .record_table import ROW_ROLE

Key = Qt.Key | QKeySequence.StandardKey
OPEN_KEYS: tuple[Key, ...] = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
DELETE_KEYS: tuple[Key, ...] = (QKeySequence.StandardKey.Delete,)


def action_buttons(
    actions: Mapping[str, Callable[[], object]], tips: Mapping[str, str] | None = None
) -> dict[str, QPushButton]:
    """Return a button per action, by its text, each calling its action; with ``tips``."""
    buttons = {}
    for text, slot in actions.items():
        button = QPushButton(text)
        button.clicked.connect(lambda _c=False, s=slot: s())
        if tips and text in tips:
            button.setToolTip(tips[text])
        buttons[text] = button
    return buttons


def on_keys(widget: QWidget, keys: Iterable[Key], slot: Callable[[], object]) -> None:
    """Call ``slot`` when one of ``keys`` is pressed while ``widget`` has the focus."""
    for key in keys:
        shortcut = QShortcut(QKeySequence(key), widget)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(slot)


def current_record(view: QAbstractItemView) -> Any:
    """Return the record of the view's current row (ROW_ROLE), or None."""
    index = view.currentIndex()
    return index.data(ROW_ROLE) if index.isValid() else None


def select_source_row(view: QAbstractItemView, row: int, column: int = 0) -> bool:
    """Make ``row`` of the proxy's source model current and scroll to it.

    Return whether it is shown (a filter may hide it; -1 is no row).
    """
    proxy = view.model()
    assert isinstance(proxy, QSortFilterProxyModel)
    if row < 0:
        return False
    index = proxy.mapFromSource(proxy.sourceModel().index(row, column, QModelIndex()))
    if not index.isValid():
        return False
    view.setCurrentIndex(index)
    view.scrollTo(index)
    return True


def restore_header(settings: QSettings, key: str, table: QTableView) -> bool:
    """Restore the column widths and order remembered under ``key``; tell whether they were."""
    state = settings.value(key)
    return bool(state) and table.horizontalHeader().restoreState(state)


def save_header(settings: QSettings, key: str, table: QTableView) -> None:
    """Remember the column widths and order under ``key``."""
    settings.setValue(key, table.horizontalHeader().saveState())
