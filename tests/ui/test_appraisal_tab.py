"""The 评议结果 tab of a 民主评议党员 record: a grade for each 正式党员 of the grid."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from branch_desk.domain.events import AttendanceStatus, EventType
from branch_desk.ui.context import UiContext
from branch_desk.ui.events.editor import EventDialog
from branch_desk.ui.widgets.form_fields import select_data

from .event_data import MEETING_DAY, add_branch


def _appraisal(qtbot: QtBot, ctx: UiContext) -> EventDialog:
    dialog = EventDialog(ctx, kind=EventType.EVALUATION)
    qtbot.addWidget(dialog)
    dialog.form.day.set_date(MEETING_DAY)
    dialog._day_settled()
    return dialog


def test_the_tab_lists_the_full_members_with_a_grade_each(qtbot: QtBot, ctx: UiContext) -> None:
    members = {m.name: m.id for m in add_branch(ctx.desk, ctx.unit_id)}
    dialog = _appraisal(qtbot, ctx)
    tabs = dialog.tabs
    assert tabs.isTabVisible(tabs.indexOf(dialog.grades_panel))
    panel = dialog.grades_panel
    listed = sorted(panel._names.values())
    assert listed == sorted(["张三", "李四", "王五", "赵六", "孙七"])  # 周八 is 预备
    select_data(panel.combos[members["张三"]], "优秀")
    panel.all_pass.click()
    assert (
        panel.summary.text() == "正式党员5名：优秀1名、合格4名、基本合格0名、不合格0名、未评定0名"
    )
    lines = {a.name: a for a in dialog.read().attendance or ()}
    assert lines["张三"].grade == "优秀" and lines["李四"].grade == "合格"
    assert lines["周八"].grade == ""
    dialog.form.set_kind(EventType.BRANCH_ASSEMBLY)
    assert not tabs.isTabVisible(tabs.indexOf(panel))
    assert all(not a.grade for a in dialog.read().attendance or ())


def test_an_absent_member_is_still_graded_and_grades_survive_a_refill(
    qtbot: QtBot, ctx: UiContext
) -> None:
    members = {m.name: m.id for m in add_branch(ctx.desk, ctx.unit_id)}
    dialog = _appraisal(qtbot, ctx)
    panel = dialog.grades_panel
    select_data(panel.combos[members["王五"]], "基本合格")
    dialog.attendance.toggle(dialog.attendance.row_of("王五"))
    assert dialog.attendance.row_at(dialog.attendance.row_of("王五")).status is (
        AttendanceStatus.ABSENT
    )
    dialog.refill(ask=False)
    assert panel.grades()[members["王五"]] == "基本合格"
    assert "未评定4名" in panel.summary.text()
