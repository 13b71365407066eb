"""The print preview that fits the screen, apart from dialog_guard.py: QtPrintSupport's library
takes ≈ 20 ms to load, which the window's first frame does not need."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtPrintSupport import QPrintPreviewDialog

from .dialog_guard import FittedDialog, fit_on_screen


class FittedPreviewDialog(QPrintPreviewDialog):
    """A print preview that never opens larger than the free area of its screen."""

    def showEvent(self, event: QShowEvent) -> None:
        fit_on_screen(self)
        super().showEvent(event)


FITTED_BASES: tuple[type, ...] = (FittedDialog, FittedPreviewDialog)
