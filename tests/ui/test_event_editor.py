"""The event editor driven through its real widgets."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from branch_desk.domain.events import AbsenceReason, AttendanceStatus, EventType
from branch_desk.exports.minutes_document import minutes_document
from branch_desk.services.meetings.minutes import minutes_doc
from branch_desk.ui.context import UiContext
from branch_desk.ui.document_preview import text_document
from branch_desk.ui.events.attendance import COL_REASON, COL_STATUS, AttendanceRow
from branch_desk.ui.events.editor import EventDialog

from .conftest import Said, type_text
from .event_data import MEETING_DAY, add_branch, record_assembly


def _editor(qtbot: QtBot, ctx: UiContext, kind: EventType = EventType.BRANCH_ASSEMBLY):
    dialog = EventDialog(ctx, None, kind)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _set_day(qtbot: QtBot, dialog: EventDialog, day: str) -> None:
    dialog.form.day.clear()
    type_text(dialog.form.day, day)
    dialog._roll_timer.timeout.emit()


def _key_on(qtbot: QtBot, dialog: EventDialog, name: str, key: Qt.Key) -> None:
    view = dialog.attendance_panel.view
    view.setFocus()
    view.setCurrentIndex(dialog.attendance.index(dialog.attendance.row_of(name), COL_STATUS))
    qtbot.keyClick(view, key)


def test_new_assembly_starts_from_the_template_and_the_roster(qtbot: QtBot, ctx: UiContext) -> None:
    add_branch(ctx.desk, ctx.unit_id)
    dialog = _editor(qtbot, ctx)
    assert dialog.record.agenda.items() == ()  # the usual 议题 are a hint, not items
    assert dialog.record.agenda.usual == ("传达学习上级精神", "研究讨论支部工作")
    assert dialog.form.chair.text() == "张三"
    assert dialog.form.recorder.text() == "李四"
    counts = dialog.attendance.counts()
    assert (counts.expected, counts.full, counts.probationary, counts.present) == (6, 5, 1, 6)


def test_record_an_assembly_with_two_absentees(qtbot: QtBot, ctx: UiContext) -> None:
    add_branch(ctx.desk, ctx.unit_id)
    dialog = _editor(qtbot, ctx)
    _set_day(qtbot, dialog, "2026-11-10")
    type_text(dialog.form.start, "14:30")
    type_text(dialog.form.end, "16:00")
    type_text(dialog.form.title, "学习贯彻全会精神")
    _key_on(qtbot, dialog, "王五", Qt.Key.Key_Space)  # absent, no reason yet
    problems = dialog.attendance_panel.problems
    qtbot.waitUntil(lambda: "王五" in problems.text(), timeout=2000)
    _key_on(qtbot, dialog, "王五", Qt.Key.Key_1)  # 病假
    _key_on(qtbot, dialog, "赵六", Qt.Key.Key_4)  # 出差
    assert dialog.attendance_panel.counts.text().startswith("应到 6 人")
    assert "实到 4 人　缺席 2 人" in dialog.attendance_panel.counts.text()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.result() == dialog.DialogCode.Accepted
    [event] = ctx.desk.events.list(ctx.unit_id)
    assert (event.day, event.expected, event.present) == (MEETING_DAY, 6, 4)
    reasons = {a.name: a.reason for a in event.absentees}
    assert reasons == {"王五": AbsenceReason.SICK, "赵六": AbsenceReason.TRAVEL}
    findings = ctx.desk.checks.findings(2026, date(2026, 11, 20))
    assert not [f for f in findings if f.event_id == event.id and f.rule == "record.absence_reason"]


def test_absentee_without_reason_is_a_record_problem(qtbot: QtBot, ctx: UiContext) -> None:
    add_branch(ctx.desk, ctx.unit_id)
    event = record_assembly(ctx.desk, ctx.unit_id, reason=False)
    findings = ctx.desk.checks.findings(2026, date(2026, 11, 20))
    [problem] = [f for f in findings if f.rule == "record.absence_reason"]
    assert problem.event_id == event.id and "王五" in problem.message
    dialog = EventDialog(ctx, ctx.desk.events.get(event.id))
    qtbot.addWidget(dialog)
    row = dialog.attendance.row_of("王五")
    assert dialog.attendance.index(row, COL_REASON).data() == "未填原因"
    assert "王五" in dialog.attendance_panel.problems.text()


def test_changing_the_date_asks_before_overwriting_edits(
    qtbot: QtBot, ctx: UiContext, said: Said
) -> None:
    add_branch(ctx.desk, ctx.unit_id)
    dialog = _editor(qtbot, ctx)
    _key_on(qtbot, dialog, "王五", Qt.Key.Key_2)
    said.answer = False
    _set_day(qtbot, dialog, "2026-11-03")
    assert said.questions and "重新生成" in said.questions[0]
    assert dialog.attendance.row_at(dialog.attendance.row_of("王五")).status is (
        AttendanceStatus.ABSENT
    )
    said.answer = True
    _set_day(qtbot, dialog, "2026-04-03")  # before 周八 joined
    assert [r.name for r in dialog.attendance.rows()] == ["张三", "李四", "王五", "赵六", "孙七"]


def test_group_meeting_lists_only_its_group_and_observers_are_added(
    qtbot: QtBot, ctx: UiContext
) -> None:
    add_branch(ctx.desk, ctx.unit_id)
    dialog = _editor(qtbot, ctx, EventType.GROUP_MEETING)
    dialog.form.group.setCurrentIndex(dialog.form.group.findText("第二党小组"))
    assert [r.name for r in dialog.attendance.rows()] == ["王五", "赵六"]
    dialog.attendance_panel.add_observer("钱九", "入党积极分子")
    counts = dialog.attendance.counts()
    assert (counts.expected, counts.observers) == (2, 1)
    dialog.accept()
    [event] = ctx.desk.events.list(ctx.unit_id)
    assert event.group_name == "第二党小组"
    assert [a.name for a in event.observers] == ["钱九（入党积极分子）"]  # as typed, full-width
    again = EventDialog(ctx, event)
    qtbot.addWidget(again)
    assert again.attendance.row_at(2) == AttendanceRow(
        "钱九", AttendanceStatus.OBSERVER, standing="入党积极分子"
    )


def test_errors_block_saving(qtbot: QtBot, ctx: UiContext) -> None:
    add_branch(ctx.desk, ctx.unit_id)
    dialog = _editor(qtbot, ctx)
    type_text(dialog.form.start, "16:00")
    type_text(dialog.form.end, "15:00")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "应晚于开始时间" in dialog.form.labels["end"].text()
    assert ctx.desk.events.list(ctx.unit_id) == []


def test_votes_show_a_live_verdict(qtbot: QtBot, ctx: UiContext) -> None:
    add_branch(ctx.desk, ctx.unit_id)
    dialog = _editor(qtbot, ctx)
    row = dialog.votes.add_vote("推选优秀党员")
    dialog.votes.setData(dialog.votes.index(row, 3), 3)
    assert dialog.votes.index(row, 8).data() == "通过"  # E=5, 3 > 2.5
    dialog.votes.setData(dialog.votes.index(row, 3), 2)
    assert dialog.votes.index(row, 8).data() == "未通过"


def test_print_preview_document_lists_absentee_reasons(qtbot: QtBot, ctx: UiContext) -> None:
    add_branch(ctx.desk, ctx.unit_id)
    event = record_assembly(ctx.desk, ctx.unit_id)
    document = text_document(minutes_document(minutes_doc(ctx.desk.events.get(event.id))))
    text = document.toPlainText()
    assert "王五（病假）" in text
    assert "应到人数" in text and "正式党员5人" in text
    assert "主持人（签字）" in text
