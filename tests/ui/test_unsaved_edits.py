"""Nothing typed is lost: every editor asks "放弃未保存的修改？" before closing with changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
)
from pytestqt.qtbot import QtBot

from branch_desk.ui.dialog_guard import DISCARD_QUESTION, EditorDialog
from branch_desk.ui.events.editor import EventDialog
from branch_desk.ui.main_window import MainWindow

from .conftest import Said, type_text
from .dialog_cases import CASES
from .dialog_catalog import dialog_classes

EDITORS = sorted(n for n, c in dialog_classes().items() if issubclass(c, EditorDialog))


def _open(qtbot: QtBot, window: MainWindow, folder: Path, name: str) -> EditorDialog:
    dialog = CASES[name](window, folder)
    assert isinstance(dialog, EditorDialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.wait(600)  # let the editor's delayed refreshes (roll, checks) run first
    return dialog


def _first_field(dialog: EditorDialog) -> QLineEdit | QPlainTextEdit:
    """The first visible field a user can type in (a line, else a text box)."""
    for kind in (QLineEdit, QPlainTextEdit):
        for root in dialog.guarded_widgets():
            for edit in root.findChildren(kind):
                inner = isinstance(edit.parent(), QAbstractSpinBox | QComboBox)
                if edit.isVisible() and edit.isEnabled() and not edit.isReadOnly() and not inner:
                    return edit
    raise AssertionError(f"{type(dialog).__name__} has no field to type in")


def _text(field: QLineEdit | QPlainTextEdit) -> str:
    return field.text() if isinstance(field, QLineEdit) else field.toPlainText()


def test_there_are_editors_to_check() -> None:
    assert {"EventDialog", "MemberDialog", "StepDialog", "BranchDialog"} <= set(EDITORS)


@pytest.mark.parametrize("name", EDITORS)
def test_esc_asks_before_discarding_typed_text(
    qtbot: QtBot, demo_window: MainWindow, tmp_path: Path, said: Said, name: str
) -> None:
    dialog = _open(qtbot, demo_window, tmp_path, name)
    field = _first_field(dialog)
    field.setFocus()
    type_text(field, "补记")
    typed = _text(field)
    said.answer = False
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert said.questions == [DISCARD_QUESTION]
    assert dialog.isVisible() and _text(field) == typed and "补记" in typed
    said.answer = True
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert said.questions == [DISCARD_QUESTION] * 2
    assert not dialog.isVisible()


@pytest.mark.parametrize("name", EDITORS)
def test_unchanged_editor_closes_without_asking(
    qtbot: QtBot, demo_window: MainWindow, tmp_path: Path, said: Said, name: str
) -> None:
    dialog = _open(qtbot, demo_window, tmp_path, name)
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and said.questions == []


def _new_meeting(qtbot: QtBot, window: MainWindow) -> EventDialog:
    page = window.show_section("会议活动")
    dialog = page.new_event()  # type: ignore[attr-defined]
    qtbot.waitExposed(dialog)
    qtbot.wait(600)
    dialog.tabs.setCurrentWidget(dialog.record)
    return dialog


def test_meeting_minutes_survive_cancel_and_the_close_button(
    qtbot: QtBot, demo_window: MainWindow, said: Said
) -> None:
    dialog = _new_meeting(qtbot, demo_window)
    dialog.record.minutes.setFocus()
    type_text(dialog.record.minutes, "书记传达了上级会议精神，大家逐一发言。")
    said.answer = False
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    dialog.close()  # the window's close button
    assert said.questions == [DISCARD_QUESTION] * 2 and dialog.isVisible()
    assert dialog.record.minutes.toPlainText() == "书记传达了上级会议精神，大家逐一发言。"
    said.answer = True
    dialog.close()
    assert not dialog.isVisible()


def test_a_changed_choice_or_attendance_counts_as_an_edit(
    qtbot: QtBot, demo_window: MainWindow, said: Said
) -> None:
    dialog = _new_meeting(qtbot, demo_window)
    assert not dialog.has_unsaved_changes()
    rows = dialog.attendance.rows()
    assert rows, "the demo branch lists the expected members"
    dialog.attendance.set_rows(rows[1:])
    assert dialog.has_unsaved_changes()
    dialog.attendance.set_rows(rows)
    assert not dialog.has_unsaved_changes()
    said.answer = True
    dialog.reject()
    assert said.questions == [] and not dialog.isVisible()
