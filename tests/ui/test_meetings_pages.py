"""The 会议活动 page, the 工作台 meeting boxes, the 设置 page and the member panel."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox, QListWidget
from pytestqt.qtbot import QtBot

from branch_desk.domain.events import EventType
from branch_desk.domain.voting import ExclusionKind
from branch_desk.services.outcome import Area
from branch_desk.ui import qt_chinese
from branch_desk.ui.dashboard import DashboardPage
from branch_desk.ui.events.actions import default_minutes_name
from branch_desk.ui.events.editor import EventDialog
from branch_desk.ui.events.page import EventsPage
from branch_desk.ui.main_window import MainWindow
from branch_desk.ui.settings_page import SettingsPage
from branch_desk.ui.year_grid import FIRST_MONTH

from .conftest import Said, type_text
from .event_data import add_branch, record_assembly


def _grid_row(dashboard: DashboardPage, label: str) -> int:
    model = dashboard.grid.model
    return next(r for r in range(model.rowCount()) if model.grid_row(r).label == label)


def _cell_status(dashboard: DashboardPage, label: str, month: int) -> str:
    cell = dashboard.grid.model.cell_at(_grid_row(dashboard, label), FIRST_MONTH + month - 1)
    assert cell is not None
    return cell.status


@pytest.fixture
def meeting_window(window: MainWindow) -> MainWindow:
    """The main window on a branch of six with one 支部党员大会 on 2026-11-10."""
    add_branch(window.desk, window.ctx.unit_id)
    record_assembly(window.desk, window.ctx.unit_id, reason=False)
    window.ctx.publish(frozenset({Area.ALL}))
    return window


def test_dashboard_grid_shows_assembly_met_and_lecture_due(meeting_window: MainWindow) -> None:
    dashboard = meeting_window.dashboard()
    assert isinstance(dashboard, DashboardPage)
    assert _cell_status(dashboard, "支部党员大会", 11) == "met"
    assert _cell_status(dashboard, "党课", 11) == "due"
    assert _cell_status(dashboard, "党课", 3) == "missing"
    tip = dashboard.grid.model.index(_grid_row(dashboard, "党课"), FIRST_MONTH + 9).data(3)
    assert tip.startswith("2026年第四季度：待召开")
    todo = dashboard.findChildren(QListWidget)[0]
    lines = [todo.item(i).text() for i in range(todo.count())]
    assert any("党课" in line for line in lines)


def test_record_problems_open_the_editor(qtbot: QtBot, meeting_window: MainWindow) -> None:
    dashboard = meeting_window.dashboard()
    assert isinstance(dashboard, DashboardPage) and dashboard.problems is not None
    listing = dashboard.problems.findChild(QListWidget, "record_problems")
    assert listing is not None
    item = next(
        listing.item(i) for i in range(listing.count()) if "未注明原因" in listing.item(i).text()
    )
    listing.itemDoubleClicked.emit(item)
    dialog = dashboard.findChild(EventDialog)
    assert dialog is not None and dialog.original is not None
    assert dialog.original.type is EventType.BRANCH_ASSEMBLY
    dialog.reject()


def test_settings_change_lecture_to_half_year_changes_the_grid(
    meeting_window: MainWindow,
) -> None:
    settings = meeting_window.show_section("设置")
    assert isinstance(settings, SettingsPage)
    combo = settings.editors["freq.party_lecture.period"]
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findText("每半年"))
    settings.save_button.click()
    assert settings.status.text() == "已保存。"
    values = meeting_window.desk.settings.values(meeting_window.ctx.unit_id)
    assert values.text("freq.party_lecture.period") == "half"
    dashboard = meeting_window.dashboard()
    assert isinstance(dashboard, DashboardPage)
    row = _grid_row(dashboard, "党课")
    assert dashboard.grid.model.span_of(row, FIRST_MONTH + 6) == 6
    assert dashboard.grid.model.grid_row(row).requirement == "每半年至少1次"


def test_settings_reset_defaults(meeting_window: MainWindow, said: Said) -> None:
    settings = meeting_window.show_section("设置")
    assert isinstance(settings, SettingsPage)
    settings.editors["study.hours.member"].setValue(40)  # type: ignore[union-attr]
    settings.save()
    assert settings.reset_defaults()
    values = meeting_window.desk.settings.values(meeting_window.ctx.unit_id)
    assert values.number("study.hours.member") == 32
    assert "恢复为默认值" in said.questions[0]


def test_events_page_lists_filters_and_deletes(meeting_window: MainWindow, said: Said) -> None:
    page = meeting_window.show_section("会议活动")
    assert isinstance(page, EventsPage)
    assert page.proxy.rowCount() == 1
    type_text(page.filter, "党课")
    assert page.proxy.rowCount() == 0
    page.filter.clear()
    page.table.selectRow(0)
    said.answer = False
    page.delete_selected()
    assert len(meeting_window.desk.events.list()) == 1
    said.answer = True
    page.delete_selected()
    assert meeting_window.desk.events.list() == []
    assert page.model.rowCount() == 0


def test_export_minutes_and_sign_in_in_the_background(
    qtbot: QtBot, meeting_window: MainWindow, said: Said, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = meeting_window.show_section("会议活动")
    assert isinstance(page, EventsPage)
    page.table.selectRow(0)
    event = page.selected_event()
    assert event is not None
    assert default_minutes_name(event) == "会议记录_2026-11-10_支部党员大会.docx"
    folder = meeting_window.desk.paths.data_dir.parent  # outside the data dir
    target = folder / "记录.docx"
    monkeypatch.setattr(qt_chinese, "get_save_file_name", lambda *a, **k: (str(target), ""))
    page.export_selected()
    qtbot.waitUntil(lambda: bool(said.infos), timeout=10_000)
    assert target.exists() and "会议记录已导出" in said.infos[-1]
    sheet: Path = folder / "签到.docx"
    monkeypatch.setattr(qt_chinese, "get_save_file_name", lambda *a, **k: (str(sheet), ""))
    dialog = page.sign_in()
    dialog.accept()
    qtbot.waitUntil(lambda: len(said.infos) == 2, timeout=10_000)
    assert sheet.exists() and "6人" in said.infos[-1]


def test_member_panel_shows_attendance_rate_and_exclusions(
    qtbot: QtBot, meeting_window: MainWindow, said: Said
) -> None:
    roster = meeting_window.roster
    wang = meeting_window.desk.roster.find("王五")
    roster.select_member(wang.id)
    panel = roster.detail
    assert panel.attendance.text().startswith("出勤率 0%")
    zhang = meeting_window.desk.roster.find("张三")
    roster.select_member(zhang.id)
    assert panel.attendance.text().startswith("出勤率 100%（应到 1 次，实到 1 次")
    dialog = panel.add_exclusion()
    assert dialog is not None and "同时填写" in dialog.explain.text()
    dialog.kind.setCurrentIndex(dialog.kind.findData(ExclusionKind.ILLNESS.value))
    dialog.start_on.setText("2026-01-01")
    dialog.accept()
    assert "暂不生效" in said.infos[-1]
    assert "未生效" in panel.exclusions.item(0).text()
    panel.exclusions.setCurrentRow(0)
    ending = panel.end_exclusion()
    assert ending is not None
    ending.end_on.setText("2026-06-30")
    ending.accept()
    assert "2026-01-01—2026-06-30" in panel.exclusions.item(0).text()
