"""One window per record: opening a record that already has a window brings that one forward.

Without it a double click on a 发展党员 card (Qt reports it as both ``activated`` and
``doubleClicked``) opened two identical windows, and saving in one left the other stale.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

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
    dialog = make()
    _open[key] = dialog
    dialog.finished.connect(lambda _result: _forget(key, dialog))
    dialog.open()
    return dialog


def _forget(key: tuple[int, str, int], dialog: QDialog) -> None:
    if _open.get(key) is dialog:
        del _open[key]
