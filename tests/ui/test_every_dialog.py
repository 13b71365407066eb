"""Every dialog and print preview the app has opens on the demo branch, fits a laptop, closes.

The lists of dialog classes and print-preview functions come from the code itself
(tests/ui/dialog_catalog.py): adding a screen without adding it to CASES below fails here.
Each case opens its screen as a user would (from its page where there is one) on a screen
whose free area is 1280×680 (a 1280×720 laptop minus its task bar), checks that the window
and its buttons are inside, and closes it with Esc (no question: nothing was typed).
"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QDialog, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from branch_desk.ui import dialog_guard
from branch_desk.ui.fitted_preview import FITTED_BASES
from branch_desk.ui.main_window import MainWindow

from .conftest import Said
from .dialog_cases import CASES, PREVIEW_HELPERS
from .dialog_catalog import dialog_classes, preview_openers

LAPTOP = QRect(0, 0, 1280, 680)


@pytest.fixture
def laptop(monkeypatch: pytest.MonkeyPatch) -> QRect:
    """Pretend the screen's free area is that of a 1280×720 laptop."""
    monkeypatch.setattr(dialog_guard, "available_rect", lambda _widget: LAPTOP)
    return LAPTOP


def test_every_dialog_class_has_a_case() -> None:
    missing = set(dialog_classes()) - set(CASES)
    assert missing == set(), f"no test opens {sorted(missing)}: add it to CASES"


def test_every_dialog_fits_the_screen_by_construction() -> None:
    unfitted = [n for n, c in dialog_classes().items() if not issubclass(c, FITTED_BASES)]
    assert unfitted == [], (
        "derive from dialog_guard.FittedDialog, EditorDialog or FittedPreviewDialog"
    )


def test_every_print_preview_has_a_case() -> None:
    openers = preview_openers()
    assert set(PREVIEW_HELPERS) <= openers and set(PREVIEW_HELPERS.values()) <= set(CASES)
    for opener in openers - set(PREVIEW_HELPERS):
        assert opener.split(":")[1] in CASES, f"no test opens the preview of {opener}"


def _inside(widget: QWidget, top: QWidget) -> bool:
    rect = QRect(widget.mapTo(top, widget.rect().topLeft()), widget.size())
    return top.rect().contains(rect)


def _bottom_buttons(dialog: QWidget) -> list[QAbstractButton]:
    """Return the visible buttons that are not inside a scrolling area of the dialog."""
    buttons = []
    for button in dialog.findChildren(QAbstractButton):
        scrolled = button.parent() is not None and _in_scroll(button)
        if button.isVisible() and not scrolled and button.text():
            buttons.append(button)
    return buttons


def _in_scroll(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


@pytest.mark.parametrize("name", sorted(CASES))
def test_opens_fits_and_closes(
    qtbot: QtBot, demo_window: MainWindow, tmp_path: Path, laptop: QRect, said: Said, name: str
) -> None:
    dialog = CASES[name](demo_window, tmp_path)
    assert isinstance(dialog, QDialog), f"{name} did not open"
    dialog.show()
    gc.collect()  # a Qt object the dialog points to must survive this
    qtbot.waitExposed(dialog)
    qtbot.wait(50)
    if getattr(dialog, "busy", False):
        qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)  # type: ignore[attr-defined]
    frame = dialog.frameGeometry()
    assert frame.width() <= laptop.width() and frame.height() <= laptop.height(), (
        f"{name} is {frame.width()}×{frame.height()}"
    )
    outside = [b.text() for b in _bottom_buttons(dialog) if not _inside(b, dialog)]
    assert outside == [], f"{name}: buttons outside the window: {outside}"
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    if name == "ProgressDialog":  # Esc asks the running work to stop; the work closes it
        assert dialog.message.text() == "正在取消…"  # type: ignore[attr-defined]
        dialog.done(0)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2_000)
    assert said.questions == [], f"{name} asked {said.questions} though nothing was typed"
    dialog.deleteLater()
