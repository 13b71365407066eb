"""设置 → 学习重点与表彰…: the 学习重点 tab, the 表彰 tab, the dashboard and the event editor."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time

import pytest
from pytestqt.qtbot import QtBot

from branch_desk.domain.events import EventType
from branch_desk.services.app import BranchDesk
from branch_desk.services.meetings.events import EventInput
from branch_desk.ui.main_window import MainWindow
from tests.conftest import member_input


@pytest.fixture
def window(qtbot: QtBot, desk: BranchDesk, branch_id: int) -> Iterator[MainWindow]:
    """The main window on a branch with one member and one 主题党日."""
    desk.roster.add(branch_id, member_input())
    desk.events.add(
        branch_id, EventInput(EventType.THEME_DAY, date(2026, 5, 9), start=time(9), end=time(10))
    )
    win = MainWindow(desk)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.tasks.shutdown()


def test_focus_and_honours_are_saved_and_shown_on_the_dashboard(window: MainWindow, qtbot: QtBot):
    desk, unit = window.desk, window.ctx.unit_id
    dialog = window.show_section("设置").open_records()  # type: ignore[attr-defined]
    qtbot.addWidget(dialog)
    year = desk.roster.today().year
    dialog.year.setValue(year)
    dialog.focus.setPlainText("学习贯彻党的二十届三中全会精神\n\n党纪学习教育\n")
    dialog.save_focus()
    assert desk.year_records.focus(unit, year) == ["学习贯彻党的二十届三中全会精神", "党纪学习教育"]
    assert "已保存" in dialog.focus_state.text()
    dialog.focus.setPlainText("很" * 101)
    dialog.save_focus()
    assert "过长" in dialog.focus_state.text()  # refused in Chinese, nothing changed
    assert len(desk.year_records.focus(unit, year)) == 2
    dialog.load_focus()
    before = len(desk.year_records.honours(unit))
    dialog.tabs.setCurrentIndex(1)
    dialog.recipient.setCurrentIndex(1)  # the first member on the roll
    dialog.title.setText("优秀共产党员")
    dialog.level.setCurrentText("县处级")
    dialog.awarded_on.setText(date(year, 1, 1).isoformat())
    dialog.add_honour()
    honours = desk.year_records.honours(unit)
    assert len(honours) == before + 1
    added = next(h for h in honours if h.title == "优秀共产党员" and h.awarded_on.month == 1)
    assert added.recipient == dialog.recipient.itemText(1) and added.of_member
    dialog.title.setText("")
    dialog.add_honour()
    assert "荣誉称号" in dialog.honour_state.text()
    assert len(desk.year_records.honours(unit)) == before + 1
    dialog.mark_saved()
    dialog.reject()
    dashboard = window.show_section("工作台")
    assert dashboard.focus_items == ["学习贯彻党的二十届三中全会精神", "党纪学习教育"]  # type: ignore[attr-defined]


def test_event_editor_offers_the_activity_kinds_of_the_settings(window: MainWindow, qtbot: QtBot):
    page = window.show_section("会议活动")
    page.table.selectRow(0)  # type: ignore[attr-defined]
    editor = page.edit_selected()  # type: ignore[attr-defined]
    qtbot.addWidget(editor)
    kinds = [editor.form.activity.itemText(i) for i in range(editor.form.activity.count())]
    assert kinds[:3] == ["（不分类）", "志愿服务", "结对共建"] and "廉政教育" in kinds
    editor.form.set_activity_kind("结对共建")
    assert editor.read().activity_kind == "结对共建"
    editor.form.set_activity_kind("旧类别")  # a kind since removed from the list is kept
    assert editor.form.activity_kind() == "旧类别"
