"""The main window: sections, shortcuts, remembered geometry, change news, errors."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from branch_desk.domain.errors import UserError
from branch_desk.services.app import BranchDesk
from branch_desk.services.outcome import Area
from branch_desk.ui.dashboard import DashboardPage
from branch_desk.ui.main_window import SECTIONS, MainWindow
from branch_desk.ui.roster.member_dialog import MemberDialog

from .conftest import Said, add_members


def test_sections_and_ctrl_number_shortcuts(qtbot: QtBot, window: MainWindow) -> None:
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == ["工作台", "党员", "会议活动", "党费", "发展党员", "报告归档", "设置"]
    assert len(SECTIONS) == window.stack.count()
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.roster
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.pages["会议活动"]
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(window.stack.currentWidget(), DashboardPage)


def test_only_the_first_page_is_built_at_start(qtbot: QtBot, window: MainWindow) -> None:
    assert list(window.pages) == ["工作台"]
    assert window.stack.count() == len(SECTIONS) == window.nav.count()
    for row, section in enumerate(SECTIONS):  # every page is reachable from the navigation
        window.nav.setCurrentRow(row)
        assert window.stack.currentWidget() is window.pages[section.title]
        assert window.stack.indexOf(window.pages[section.title]) == row
    assert list(window.pages) == [section.title for section in SECTIONS]
    add_members(window.desk, window.ctx.unit_id)
    window.ctx.apply(window.desk.roster.remove(1))  # every built page hears of changes
    assert window.roster.model.rowCount() == 1


def test_a_page_built_late_shows_current_data(qtbot: QtBot, window: MainWindow) -> None:
    add_members(window.desk, window.ctx.unit_id)
    assert "党员" not in window.pages
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.roster
    assert window.roster.model.rowCount() == 2


def test_ctrl_n_opens_the_add_dialog(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.roster.findChild(MemberDialog)
    assert dialog is not None and dialog.isVisible() and dialog.member is None
    assert dialog.windowTitle() == "新增党员"
    dialog.reject()


def test_title_menus_and_about_are_chinese(window: MainWindow, said: Said) -> None:
    assert window.windowTitle() == "支部工作台 — 第一党支部"
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["文件(&F)", "工具(&T)", "帮助(&H)"]
    file_items = [a.text() for a in window.menuBar().actions()[0].menu().actions() if a.text()]
    assert file_items == [
        "导入名册…",
        "导出名册…",
        "备份…",
        "从备份恢复…",
        "检查数据完整性…",
        "退出",
    ]
    tools = [a.text() for a in window.menuBar().actions()[1].menu().actions()]
    assert tools == ["修改记录…"]
    window.show_about()
    assert "版本：" in said.infos[0] and str(window.desk.paths.data_dir) in said.infos[0]
    assert f"数据库结构版本：{window.desk.db.schema_revision()}" in said.infos[0]


def test_geometry_and_splitters_are_saved_to_the_ini_file(qtbot: QtBot, desk: BranchDesk) -> None:
    first = MainWindow(desk)
    qtbot.addWidget(first)
    first.show()
    first.resize(first.minimumSizeHint().width(), 500)  # default is 1280×780
    first.roster.splitter.setSizes([500, 300])
    first.show_section("党员")
    first.close()
    ini = desk.paths.ui_settings
    assert ini.is_file()
    stored = QSettings(str(ini), QSettings.Format.IniFormat)
    assert stored.value("window/geometry") is not None
    second = MainWindow(desk)
    qtbot.addWidget(second)
    assert second.height() == 500  # (the offscreen screen is narrower than the window)
    assert second.stack.currentWidget() is second.roster
    assert second.roster.splitter.saveState() == first.roster.splitter.saveState()


def test_outcomes_are_announced_and_pages_reload(qtbot: QtBot, window: MainWindow) -> None:
    window.show_section("党员")  # pages are built on first show
    add_members(window.desk, window.ctx.unit_id)
    assert window.roster.model.rowCount() == 0
    with qtbot.waitSignal(window.data_changed) as blocker:
        window.ctx.attempt(window, lambda: window.desk.roster.remove(1))
    assert blocker.args == [frozenset({Area.MEMBERS})]
    assert window.roster.model.rowCount() == 1
    dashboard = window.pages["工作台"]
    assert isinstance(dashboard, DashboardPage)
    assert dashboard.summary is not None and dashboard.summary.active_total == 1


def test_the_dashboard_shows_a_placeholder_then_fills_after_the_first_paint(
    qtbot: QtBot, desk: BranchDesk
) -> None:
    add_members(desk, desk.org.resolve().id)
    win = MainWindow(desk)
    qtbot.addWidget(win)
    dashboard = win.pages["工作台"]
    assert isinstance(dashboard, DashboardPage)
    assert not dashboard.is_filled  # nothing counted before the window is shown
    placeholder = dashboard.widget()
    assert isinstance(placeholder, QLabel) and placeholder.text() == "正在统计…"
    with qtbot.waitSignal(dashboard.filled, timeout=5000):
        win.show()
    assert dashboard.summary is not None and dashboard.summary.active_total == 2
    assert dashboard.findChildren(QLabel, options=Qt.FindChildOption.FindChildrenRecursively)
    assert "正在统计…" not in [label.text() for label in dashboard.findChildren(QLabel)]
    win.tasks.shutdown()


def test_service_errors_are_shown_in_chinese_not_raised(window: MainWindow, said: Said) -> None:
    def refuse() -> None:
        raise UserError("找不到编号为 99 的党员。")

    assert window.ctx.attempt(window, refuse) is None  # type: ignore[arg-type]
    assert said.warnings == ["找不到编号为 99 的党员。"]
