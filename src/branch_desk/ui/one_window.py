"""One window per record: opening a record that already has a window brings that one forward.

Without it a double click on a 发展党员 card (Qt reports it as both ``activated`` and
``doubleClicked``) opened two identical windows, and saving in one left the other stale.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from shiboken6 import isValid

D = TypeVar("D", bound=QDialog)

_open: dict[tuple[int, str, int], QDialog] = {}


def open_once(owner: object, kind: str, record_id: int, make: Callable[[], D]) -> D:
    """Open the window ``make`` builds for a record, or activate the one already open.

    ``owner`` is what the windows belong to (the open data dir), ``kind`` names the record.
    """
    key = (id(owner), kind, record_id)
    existing = _open.get(key)
    if existing is not None and isValid(existing) and existing.isVisible():
        existing.raise_()
        existing.activateWindow()
        return existing  # type: ignore[return-value]
    dialog = deleted_when_closed(make())
    _open[key] = dialog
    dialog.finished.connect(lambda _result: _forget(key, dialog))
    dialog.open()
    return dialog


def _forget(key: tuple[int, str, int], dialog: QDialog) -> None:
    if _open.get(key) is dialog:
        del _open[key]


def deleted_when_closed(dialog: D) -> D:
    """Have ``dialog`` deleted (later, by the event loop) once it is closed, and return it.

    A closed editor otherwise stays a child of its page for the whole session. The Python
    object handed back may outlive it: what its signals' slots read (``outcome`` …) runs before
    the deletion, and ``shiboken6.isValid`` tells whether the window still exists.
    """
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return dialog
