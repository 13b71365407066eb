"""Finding what a widget's window (or page) holds by walking up its parents."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QWidget

T = TypeVar("T")


def attribute_above(widget: QWidget | None, name: str, kind: type[T]) -> T | None:
    """Return the attribute ``name`` of ``widget`` or the nearest parent holding one of ``kind``."""
    while widget is not None:
        found = getattr(widget, name, None)
        if isinstance(found, kind):
            return found
        widget = widget.parentWidget()
    return None
