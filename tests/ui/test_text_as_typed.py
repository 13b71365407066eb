"""What the secretary types is what is stored, previewed and printed; nothing is made up."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from branch_desk.domain.events import EventType
from branch_desk.exports.document_model import compact
from branch_desk.exports.minutes_document import minutes_document
from branch_desk.exports.minutes_docx import write_minutes
from branch_desk.services.meetings.minutes import minutes_doc
from branch_desk.ui.context import UiContext
from branch_desk.ui.document_preview import preview_texts, text_document
from branch_desk.ui.events.editor import EventDialog
from tests.exports.document_texts import docx_texts

from .conftest import type_text
from .event_data import add_branch

TYPED = "传达学习上级精神，研究年度评议工作：第一项"
MINUTES = "张三：要把学习（研讨）落到实处；李四：同意。"
FILL = "_" * 48


def _editor(qtbot: QtBot, ctx: UiContext) -> EventDialog:
    dialog = EventDialog(ctx, None, EventType.BRANCH_ASSEMBLY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.form.day.clear()
    type_text(dialog.form.day, "2026-11-10")
    dialog._roll_timer.timeout.emit()
    return dialog


def _save(dialog: EventDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.result() == dialog.DialogCode.Accepted


def _both(ctx: UiContext, event_id: int, tmp_path: Path) -> tuple[list[str], list[str]]:
    """The printed file's text and the print preview's text of one record."""
    record = minutes_doc(ctx.desk.events.get(event_id))
    write_minutes(tmp_path / "记录.docx", record)
    shown = compact(preview_texts(text_document(minutes_document(record))))
    return docx_texts(tmp_path / "记录.docx"), shown


def test_typed_punctuation_is_stored_previewed_and_printed_unchanged(
    qtbot: QtBot, ctx: UiContext, tmp_path: Path
) -> None:
    add_branch(ctx.desk, ctx.unit_id)
    dialog = _editor(qtbot, ctx)
    type_text(dialog.form.title, TYPED)
    dialog.record.agenda.add_item()
    item = dialog.record.agenda.list.item(0)
    item.setText(TYPED)
    type_text(dialog.record.minutes, MINUTES)
    _save(dialog)
    [event] = ctx.desk.events.list(ctx.unit_id)
    assert (event.title, event.agenda, event.minutes) == (TYPED, (TYPED,), MINUTES)
    printed, shown = _both(ctx, event.id, tmp_path)
    assert printed == shown
    assert TYPED in printed  # the 主题 row
    assert f"1.{TYPED}" in printed and MINUTES in printed


def test_usual_agenda_is_a_hint_and_never_saved_untouched(
    qtbot: QtBot, ctx: UiContext, tmp_path: Path
) -> None:
    add_branch(ctx.desk, ctx.unit_id)
    dialog = _editor(qtbot, ctx)
    agenda = dialog.record.agenda
    assert agenda.items() == ()
    assert not agenda.hint.isHidden() and "传达学习上级精神" in agenda.hint.text()
    type_text(dialog.form.title, "学习贯彻全会精神")
    _save(dialog)
    [event] = ctx.desk.events.list(ctx.unit_id)
    assert event.agenda == ()
    printed, shown = _both(ctx, event.id, tmp_path)
    assert printed == shown
    assert "1.学习贯彻全会精神" in printed  # 议题 from the 主题
    assert not [t for t in printed if "传达学习上级精神" in t or "未记录" in t]
    assert printed.count(FILL) == 6 + 3  # 发言要点 and 决议 left to write by hand


def test_fill_usual_agenda_puts_the_items_in(qtbot: QtBot, ctx: UiContext) -> None:
    add_branch(ctx.desk, ctx.unit_id)
    dialog = _editor(qtbot, ctx)
    dialog.record.agenda.fill_button.click()
    assert dialog.record.agenda.items() == ("传达学习上级精神", "研究讨论支部工作")
    assert dialog.record.agenda.hint.isHidden()
    _save(dialog)
    [event] = ctx.desk.events.list(ctx.unit_id)
    assert event.agenda == ("传达学习上级精神", "研究讨论支部工作")


def test_a_record_without_topic_or_agenda_leaves_lines_to_fill(
    qtbot: QtBot, ctx: UiContext, tmp_path: Path
) -> None:
    add_branch(ctx.desk, ctx.unit_id)
    dialog = _editor(qtbot, ctx)
    _save(dialog)
    [event] = ctx.desk.events.list(ctx.unit_id)
    printed, shown = _both(ctx, event.id, tmp_path)
    assert printed == shown
    assert f"1.{FILL[:44]}" in printed
    assert not [t for t in printed if "未记录" in t or t == "无。"]


def test_a_lecture_topic_is_only_suggested_never_filled_in(qtbot: QtBot, ctx: UiContext) -> None:
    add_branch(ctx.desk, ctx.unit_id)
    dialog = EventDialog(ctx, None, EventType.PARTY_LECTURE)
    qtbot.addWidget(dialog)
    assert dialog.form.lecture_topic.text() == ""
    assert dialog.form.lecture_topic.placeholderText() == "专题党课"
    assert dialog.record.agenda.items() == ()
