"""The 发展党员 page: board and list, candidate page, step editors, reminders, holidays."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QListWidget
from pytestqt.qtbot import QtBot

from branch_desk.domain.development import Stage, Step
from branch_desk.domain.members import MemberRecord, PartyStatus
from branch_desk.services.development.views import CandidateView
from branch_desk.ui.development.candidate_dialog import CandidateDialog
from branch_desk.ui.development.page import DevelopPage
from branch_desk.ui.development.reminders import CANDIDATE_ID_ROLE
from branch_desk.ui.development.step_dialog import StepDialog
from branch_desk.ui.main_window import MainWindow
from branch_desk.ui.settings_page import SettingsPage

from .conftest import Said
from .develop_data import activist_steps, add_candidate, admission_steps, id_for, target_steps
from .event_data import add_branch


@pytest.fixture
def members(window: MainWindow) -> list[MemberRecord]:
    """Five 正式党员 and one 预备党员 in the window's branch."""
    return add_branch(window.desk, window.ctx.unit_id)


def _page(window: MainWindow) -> DevelopPage:
    page = window.show_section("发展党员")
    assert isinstance(page, DevelopPage)
    return page


def _activist(window: MainWindow, members: list[MemberRecord]) -> CandidateView:
    """刘洋: 积极分子 since 2025-07-01, ready to become a 发展对象."""
    steps = activist_steps(date(2025, 3, 1), members)
    return add_candidate(window.desk, window.ctx.unit_id, "刘洋", date(1997, 2, 8), 333, steps)


def _card_names(page: DevelopPage, stage: Stage) -> list[str]:
    model = page.board.column_of(stage).model
    return [model.index(r).data() for r in range(model.rowCount())]


def _edit(dialog: CandidateDialog, step: Step) -> StepDialog:
    dialog.timeline.rows[step].button.click()
    editor = dialog.step_dialog
    assert editor is not None and editor.step is step
    return editor


def test_target_step_in_the_gui_moves_the_card(
    qtbot: QtBot, window: MainWindow, members: list[MemberRecord]
) -> None:
    liu = _activist(window, members)
    page = _page(window)
    page.reload()
    assert _card_names(page, Stage.ACTIVIST) == ["刘洋"]
    assert page.board.select(liu.id)
    dialog = page.open_selected()
    assert dialog is not None
    assert dialog.timeline.rows[Step.TARGET].back.styleSheet().startswith("background")
    editor = _edit(dialog, Step.TARGET)
    assert (
        editor.window_hint.text() == "这是下一步。可办理期间：最早 2026-07-01（培养考察满一年后）"
    )
    editor.day.setText("2026-11-02")
    editor.accept()
    assert editor.result() == StepDialog.DialogCode.Accepted
    assert window.desk.development.get(liu.id).stage is Stage.TARGET
    assert dialog.candidate.stage is Stage.TARGET
    assert dialog.timeline.rows[Step.TARGET].day.text() == "2026-11-02"
    assert _card_names(page, Stage.ACTIVIST) == []
    assert _card_names(page, Stage.TARGET) == ["刘洋"]
    dialog.reject()


def test_step_editor_refuses_a_bad_date_inline(
    qtbot: QtBot, window: MainWindow, members: list[MemberRecord]
) -> None:
    liu = _activist(window, members)
    dialog = _page(window).open(liu.id)
    editor = _edit(dialog, Step.TARGET)
    editor.day.setText("2026-13-40")
    editor.accept()
    assert editor.isVisible() and editor.day_problem.isVisible()
    editor.day.setText("2027-01-05")  # after today
    editor.accept()
    assert editor.isVisible() and "不能晚于今天" in editor.day_problem.text()
    assert window.desk.development.get(liu.id).stage is Stage.ACTIVIST
    editor.reject()
    dialog.reject()


def test_timeline_shows_the_late_talk_next_to_the_talk_step(
    qtbot: QtBot, window: MainWindow, members: list[MemberRecord]
) -> None:
    steps = {Step.APPLICATION: (date(2026, 8, 3), {}), Step.TALK: (date(2026, 9, 20), {})}
    chen = add_candidate(window.desk, window.ctx.unit_id, "陈静", date(1999, 9, 12), 322, steps)
    dialog = _page(window).open(chen.id)
    talk = dialog.timeline.rows[Step.TALK]
    assert "超过收到入党申请书后一个月" in talk.issues.text()
    assert "#c62828" in talk.issues.text()
    assert dialog.timeline.rows[Step.APPLICATION].issues.text() == ""
    assert "问题1项" in dialog.facts.text()
    assert "下一步：最早 2026-11-03" in dialog.timeline.rows[Step.ACTIVIST].summary.text()
    dialog.reject()


def test_sponsor_picker_saves_two_linked_members(
    qtbot: QtBot, window: MainWindow, members: list[MemberRecord]
) -> None:
    steps = activist_steps(date(2024, 3, 1), members)
    steps |= {Step.TARGET: (date(2025, 8, 1), {}), Step.TARGET_FILED: (date(2025, 8, 5), {})}
    sun = add_candidate(window.desk, window.ctx.unit_id, "孙悦", date(1996, 11, 30), 356, steps)
    dialog = _page(window).open(sun.id)
    editor = _edit(dialog, Step.SPONSORS)
    picker = editor.fields.people
    assert picker is not None
    assert picker.chooser.itemText(picker.chooser.count() - 1) == "周八"  # 预备党员 last
    for name in ("王五", "赵六"):
        picker.chooser.setCurrentText(name)
        picker.add_button.click()
    assert "入党介绍人应为2名" not in editor.fields.problem.text()
    editor.day.setText("2025-08-20")
    editor.accept()
    stored = window.desk.development.get(sun.id).steps[Step.SPONSORS].data["people"]
    by_name = {m.name: m.id for m in members}
    assert stored == [
        {"name": "王五", "member_id": by_name["王五"]},
        {"name": "赵六", "member_id": by_name["赵六"]},
    ]
    assert not [i for i in window.desk.development.get(sun.id).issues if i.step is Step.SPONSORS]
    dialog.reject()


def test_free_name_is_kept_unlinked(
    qtbot: QtBot, window: MainWindow, members: list[MemberRecord]
) -> None:
    liu = _activist(window, members)
    editor = _edit(_page(window).open(liu.id), Step.TALK)
    picker = editor.fields.people
    assert picker is not None
    picker.set_people([])
    picker.chooser.setCurrentText("钱某某")
    picker.add_typed()
    assert picker.people() == [{"name": "钱某某", "member_id": None}]
    assert picker.list.item(0).text() == "钱某某（非本支部名册）"
    editor.reject()


def test_approval_adds_the_candidate_to_the_roster(
    qtbot: QtBot, window: MainWindow, members: list[MemberRecord], said: Said
) -> None:
    steps = activist_steps(date(2023, 9, 1), members) | target_steps(date(2024, 1, 1), members)
    steps |= admission_steps(date(2026, 9, 10))
    zhou = add_candidate(window.desk, window.ctx.unit_id, "周婷", date(1995, 5, 16), 368, steps)
    page = _page(window)
    dialog = page.open(zhou.id)
    editor = _edit(dialog, Step.APPROVAL)
    kind = editor.fields.approver_kind
    kind.setCurrentIndex(kind.findData("党总支"))
    assert "党总支无权审批" in editor.fields.problem.text()
    assert "#c62828" in editor.fields.rule.styleSheet()
    kind.setCurrentIndex(kind.findData("基层党委"))
    editor.fields.approver.setText("机关党委")
    editor.day.setText("2026-10-20")
    editor.accept()
    assert any("预备党员" in text and "周婷" in text for text in said.infos)
    roster = {m.name: m for m in window.desk.roster.list(window.ctx.unit_id)}
    assert roster["周婷"].party_status is PartyStatus.PROBATIONARY
    assert roster["周婷"].joined_on == date(2026, 9, 10)
    assert dialog.candidate.stage is Stage.PROBATIONARY
    assert _card_names(page, Stage.PROBATIONARY) == ["周婷"]
    assert window.roster.model.rowCount() == len(members) + 1
    dialog.reject()


def test_new_applicant_records_the_application(qtbot: QtBot, window: MainWindow) -> None:
    page = _page(window)
    dialog = page.add_candidate()
    dialog.accept()
    assert dialog.isVisible() and dialog.form.labels["name"].isVisible()
    dialog.form.name.setText("王小明")
    dialog.form.id_number.setText(id_for(date(2001, 4, 3), 311))
    assert dialog.form.birth_date.text() == "2001-04-03"
    dialog.applied.setText("2026-11-10")
    dialog.accept()
    assert not dialog.isVisible()
    [made] = window.desk.development.list(window.ctx.unit_id)
    assert made.name == "王小明" and made.steps[Step.APPLICATION].day == date(2026, 11, 10)
    assert _card_names(page, Stage.APPLICANT) == ["王小明"]
    assert page.selected() is not None and page.selected().id == made.id


def test_dashboard_reminds_of_a_talk_due_and_opens_the_candidate(
    qtbot: QtBot, window: MainWindow
) -> None:
    steps = {Step.APPLICATION: (date(2026, 11, 10), {})}
    add_candidate(window.desk, window.ctx.unit_id, "王小明", date(2001, 4, 3), 311, steps)
    dashboard = window.show_section("工作台")
    dashboard.reload()  # type: ignore[attr-defined]
    listing = dashboard.findChild(QListWidget, "develop_reminder_list")
    assert listing is not None
    lines = [listing.item(i).text() for i in range(listing.count())]
    assert lines == ["王小明：党组织派人谈话（最迟 2026-12-10）"]
    listing.itemDoubleClicked.emit(listing.item(0))
    dialog = dashboard.findChild(CandidateDialog)
    assert dialog is not None and dialog.candidate.name == "王小明"
    assert listing.item(0).data(CANDIDATE_ID_ROLE) == dialog.candidate.id
    dialog.reject()


def test_records_and_end_of_procedure(
    qtbot: QtBot, window: MainWindow, members: list[MemberRecord], said: Said
) -> None:
    liu = _activist(window, members)
    page = _page(window)
    dialog = page.open(liu.id)
    dialog.records.day.setText("2026-10-08")
    dialog.records.add_button.click()
    assert dialog.records.list.item(0).text() == "2026-10-08　思想汇报"
    assert window.desk.development.get(liu.id).records[-1][1] == date(2026, 10, 8)
    end = dialog.end_procedure()
    end.accept()
    assert end.isVisible() and end.labels["reason"].isVisible()
    end.reason.setPlainText("本人申请撤回")
    end.outcome.setCurrentIndex(end.outcome.findData("撤回"))
    end.accept()
    assert "确定以“撤回”终止刘洋的发展程序吗" in said.questions[-1]
    assert window.desk.development.get(liu.id).stage is Stage.WITHDRAWN
    assert not dialog.end_button.isEnabled()
    assert not dialog.timeline.rows[Step.TARGET].button.isEnabled()
    assert _card_names(page, Stage.WITHDRAWN) == ["刘洋"]
    dialog.reject()


def test_documents_checklist_and_attach(
    qtbot: QtBot, window: MainWindow, members: list[MemberRecord], tmp_path
) -> None:
    liu = _activist(window, members)
    dialog = _page(window).open(liu.id)
    panel = dialog.documents
    texts = [panel.list.item(i).text() for i in range(panel.list.count())]
    assert texts[0] == "缺　入党申请书"
    assert any(t.startswith("—　入党志愿书") for t in texts)
    scan = tmp_path / "申请书.pdf"
    scan.write_bytes(b"%PDF-1.4 test")
    panel.add_files("入党申请书", [scan])
    qtbot.waitUntil(lambda: panel.busy == 0, timeout=5000)
    assert panel.list.item(0).text() == "✓　入党申请书（1份）"
    assert [d.doc_kind for d in window.desk.development.documents(liu.id)] == ["入党申请书"]
    dialog.reject()


def test_holidays_are_saved_to_the_calendar(qtbot: QtBot, window: MainWindow) -> None:
    settings = window.show_section("设置")
    assert isinstance(settings, SettingsPage)
    box = settings.holidays
    assert "只有内置日历没有收录的年份" in box.findChildren(type(box.covered))[0].text()
    box.day.setText("2027-10-01")
    box.note.setText("国庆节")
    assert box.add()
    box.day.setText("2027-09-26")
    box.kind.setCurrentIndex(box.kind.findData("调休上班"))
    assert box.add()
    assert window.desk.calendar.days(2027) == [
        (date(2027, 9, 26), True, ""),
        (date(2027, 10, 1), False, "国庆节"),
    ]
    assert box.year.value() == 2027 and box.list.count() == 2
    assert "已录入放假1天、调休上班1天" in box.covered.text()
    box.list.setCurrentRow(0)
    box.remove_selected()
    assert window.desk.calendar.days(2027) == [(date(2027, 10, 1), False, "国庆节")]


def _bullets(dialog: CandidateDialog) -> int:
    rows = sum(r.issues.text().count("●") for r in dialog.timeline.rows.values())
    return rows + dialog.timeline.general.text().count("●")


def test_step_editor_names_the_broken_rule_and_asks_before_saving(
    qtbot: QtBot, window: MainWindow, members: list[MemberRecord], said: Said
) -> None:
    """确定发展对象 on 2024-03-01, a year of cultivation ending 2024-05-10: asked, then kept."""
    steps = activist_steps(date(2023, 1, 10), members)  # 积极分子 2023-05-10
    zhou = add_candidate(window.desk, window.ctx.unit_id, "周敏", date(1998, 4, 2), 222, steps)
    dialog = _page(window).open(zhou.id)
    editor = _edit(dialog, Step.TARGET)
    assert "可留空" not in editor.day.placeholderText()
    editor.validate()
    assert editor.day_problem.text() == "请填写日期"
    editor.day.setText("2024-03-01")
    qtbot.waitUntil(lambda: "培养考察一年" in editor.findings.text())
    assert editor.findings.isVisible() and "最早 2024-05-10" in editor.findings.text()
    said.answer = False
    editor.accept()
    assert len(said.questions) == 1 and "培养考察一年" in said.questions[0]
    assert editor.isVisible()
    assert Step.TARGET not in window.desk.development.get(zhou.id).steps  # nothing saved
    editor.day.setText("2024-06-01")
    qtbot.waitUntil(lambda: "培养考察一年" not in editor.findings.text())
    editor.accept()
    assert len(said.questions) == 1  # nothing broken: saved without asking
    assert window.desk.development.get(zhou.id).stage is Stage.TARGET
    dialog.reject()


def test_step_editor_saves_a_broken_rule_when_confirmed(
    qtbot: QtBot, window: MainWindow, members: list[MemberRecord], said: Said
) -> None:
    steps = activist_steps(date(2023, 1, 10), members)
    zhou = add_candidate(window.desk, window.ctx.unit_id, "周敏", date(1998, 4, 2), 222, steps)
    dialog = _page(window).open(zhou.id)
    editor = _edit(dialog, Step.TARGET)
    editor.day.setText("2024-03-01")
    said.answer = True
    editor.accept()
    assert "培养考察一年" in said.questions[0]
    assert window.desk.development.get(zhou.id).steps[Step.TARGET].day == date(2024, 3, 1)
    facts = dialog.facts.text()
    errors = sum(1 for i in dialog.candidate.issues if i.severity.value == "error")
    warnings = len(dialog.candidate.issues) - errors
    assert f"问题{errors}项，提示{warnings}项" in facts
    assert errors + warnings == _bullets(dialog)
    dialog.reject()
