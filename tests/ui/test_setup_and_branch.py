"""First-start set-up, the 支部信息 dialog and the dashboard."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot

from branch_desk.domain.org import OfficerRole, OrgUnitKind
from branch_desk.services.app import BranchDesk
from branch_desk.services.org.units import OfficerInput
from branch_desk.services.outcome import Area
from branch_desk.ui import app as ui_app
from branch_desk.ui.branch_dialog import BranchDialog
from branch_desk.ui.context import UiContext
from branch_desk.ui.dashboard import DashboardPage, term_note
from branch_desk.ui.main_window import MainWindow
from branch_desk.ui.setup_dialog import SetupDialog

from .conftest import add_members, type_text


def _ok(dialog: QDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()  # type: ignore[attr-defined]


def test_setup_dialog_creates_the_branch(qtbot: QtBot, empty_desk: BranchDesk) -> None:
    dialog = SetupDialog(empty_desk)
    qtbot.addWidget(dialog)
    assert dialog.groups.names() == ["第一党小组", "第二党小组", "第三党小组"]
    assert dialog.fields.kind.currentText() == "党支部"
    assert dialog.fields.term_years.value() == 3
    _ok(dialog)
    assert "不能为空" in dialog.fields.labels["name"].text()
    assert not empty_desk.org.is_set_up()
    type_text(dialog.fields.name, "中共某局机关第二支部委员会")
    type_text(dialog.fields.upper_org, "中共某局机关委员会")
    type_text(dialog.fields.elected_on, "2024-03-15")
    dialog.groups.add_new()
    _ok(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    unit = empty_desk.org.resolve()
    assert (unit.name, unit.kind, unit.elected_on) == (
        "中共某局机关第二支部委员会",
        OrgUnitKind.BRANCH,
        date(2024, 3, 15),
    )
    assert [g.name for g in empty_desk.org.groups(unit.id)][-1] == "第四党小组"


def test_cancelling_setup_quits_cleanly(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, empty_desk: BranchDesk
) -> None:
    monkeypatch.setattr(SetupDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert ui_app.run_gui(empty_desk) == 0
    assert not empty_desk.org.is_set_up()


def test_branch_dialog_edits_details_groups_and_officers(qtbot: QtBot, ctx: UiContext) -> None:
    zhang, _ = add_members(ctx.desk, ctx.unit_id)
    dialog = BranchDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.fields.upper_org.setText("中共某局机关委员会")
    dialog.groups.list.item(0).setText("综合党小组")
    dialog.groups.add_row("第四党小组")
    secretary = dialog.officers.add_row()
    assert secretary.role.currentText() == "书记"
    assert secretary.term_start.text() == "2024-03-15"
    assert secretary.term_end.text() == "2027-03-14"
    secretary.person.setCurrentIndex(secretary.person.findText("张三"))
    deputy = dialog.officers.add_row()
    deputy.person.setCurrentText("外单位王某")
    _ok(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    org = ctx.desk.org
    assert org.get(ctx.unit_id).upper_org == "中共某局机关委员会"
    assert [g.name for g in org.groups(ctx.unit_id)] == [
        "综合党小组",
        "第二党小组",
        "第三党小组",
        "第四党小组",
    ]
    officers = org.officers(ctx.unit_id)
    assert [(o.role, o.person_name, o.member_id) for o in officers] == [
        (OfficerRole.SECRETARY, "张三", zhang.id),
        (OfficerRole.DEPUTY_SECRETARY, "外单位王某", None),
    ]
    assert ctx.published[-1] == frozenset({Area.ORG, Area.MEMBERS})  # type: ignore[attr-defined]


def test_branch_dialog_keeps_bad_input_open(qtbot: QtBot, ctx: UiContext) -> None:
    dialog = BranchDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.fields.name.clear()
    _ok(dialog)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "不能为空" in dialog.fields.labels["name"].text()
    assert ctx.desk.org.get(ctx.unit_id).name == "第一党支部"


def test_dashboard_shows_branch_officers_and_counts(qtbot: QtBot, ctx: UiContext) -> None:
    zhang, _ = add_members(ctx.desk, ctx.unit_id)
    ctx.desk.org.set_officers(ctx.unit_id, [OfficerInput(OfficerRole.SECRETARY, "张三", zhang.id)])
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    assert page.summary is not None and page.summary.active_total == 2
    shown = " ".join(w.text() for w in page.widget().findChildren(QLabel))
    for text in ("第一党支部", "机关党委", "在册党员", "预备党员", "第二党小组", "书记：张三"):
        assert text in shown
    numbers = [w.text() for w in page.widget().findChildren(QLabel) if w.text().isdigit()]
    assert numbers[:3] == ["2", "1", "1"]


def test_term_note_warns_when_the_term_is_ending(desk: BranchDesk) -> None:
    unit = desk.org.resolve()
    assert term_note(unit, date(2026, 11, 20))[0] == "任期至2027年3月14日届满"
    assert "还有" in term_note(unit, date(2027, 1, 20))[0]
    assert "已于2027年3月14日届满" in term_note(unit, date(2027, 4, 1))[0]


def test_run_gui_sets_up_then_shows_the_main_window(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, empty_desk: BranchDesk
) -> None:
    def finish_setup(dialog: SetupDialog) -> QDialog.DialogCode:
        type_text(dialog.fields.name, "第九党支部")
        _ok(dialog)
        return QDialog.DialogCode(dialog.result())

    shown: list[str] = []
    monkeypatch.setattr(SetupDialog, "exec", finish_setup)
    monkeypatch.setattr(QApplication, "exec", lambda *_a: 0)
    monkeypatch.setattr(MainWindow, "show", lambda self: shown.append(self.windowTitle()))
    assert ui_app.run_gui(empty_desk) == 0
    assert shown == ["支部工作台 — 第九党支部"]
