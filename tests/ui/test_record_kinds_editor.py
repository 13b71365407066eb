"""The event editor for each kind of record: a 谈心谈话 has its own 谈话 tab."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from branch_desk.domain.events import EventType
from branch_desk.ui.context import UiContext
from branch_desk.ui.events.editor import EventDialog

from .event_data import MEETING_DAY, add_branch


def _talk_dialog(qtbot: QtBot, ctx: UiContext) -> EventDialog:
    dialog = EventDialog(ctx, kind=EventType.HEART_TALK)
    qtbot.addWidget(dialog)
    dialog.form.day.set_date(MEETING_DAY)
    dialog._day_settled()
    return dialog


def _visible_tabs(dialog: EventDialog) -> list[str]:
    tabs = dialog.tabs
    return [tabs.tabText(i) for i in range(tabs.count()) if tabs.isTabVisible(i)]


def test_a_talk_shows_its_own_tab_and_no_meeting_fields(qtbot: QtBot, ctx: UiContext) -> None:
    add_branch(ctx.desk, ctx.unit_id)
    dialog = _talk_dialog(qtbot, ctx)
    assert _visible_tabs(dialog) == ["谈话", "附件"]
    assert dialog.tabs.currentWidget() is dialog.talk
    chair_label = dialog.form.forms[1].labelForField(dialog.form.rows["chair"])
    assert chair_label.text() == "谈话人："
    assert dialog.form.recorder.isHidden() or not dialog.form.rows["recorder"].isVisible()
    dialog.form.set_kind(EventType.BRANCH_ASSEMBLY)
    assert "谈话" not in _visible_tabs(dialog)
    assert "参会人员" in _visible_tabs(dialog)
    assert chair_label.text() == "主持人："


def test_a_talk_is_saved_with_its_people_and_what_was_said(qtbot: QtBot, ctx: UiContext) -> None:
    members = {m.name: m.id for m in add_branch(ctx.desk, ctx.unit_id)}
    dialog = _talk_dialog(qtbot, ctx)
    dialog.form.chair.setText("张三")
    dialog.validate()
    assert "请填写谈话对象" in dialog.talk.problems.text()
    dialog.talk.partners.setText("李四、外单位 刘一")
    dialog.talk.content.setPlainText("交流了思想和工作情况，李四同志表示将加强学习。")
    dialog.accept()
    assert dialog.outcome is not None
    talk = ctx.desk.events.get(dialog.outcome.value.id)
    assert [(a.name, a.member_id) for a in talk.attendance] == [
        ("张三", members["张三"]),
        ("李四", members["李四"]),
        ("外单位", None),
        ("刘一", None),
    ]
    assert talk.chair == talk.recorder == "张三"
    assert talk.minutes == "交流了思想和工作情况，李四同志表示将加强学习。"
    assert talk.votes == () and talk.resolutions == ""
    again = EventDialog(ctx, talk)
    qtbot.addWidget(again)
    assert again.talk.partners.text() == "李四、外单位、刘一"
    assert again.talk.content.toPlainText() == talk.minutes
