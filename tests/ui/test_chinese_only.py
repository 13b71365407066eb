"""No English leaks into the UI: every visible text of every window and dialog is Chinese."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTableView,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from branch_desk.domain.events import EventType
from branch_desk.services.app import BranchDesk
from branch_desk.services.outcome import Area
from branch_desk.services.safety.backup import list_backups
from branch_desk.ui.branch_dialog import BranchDialog
from branch_desk.ui.events.editor_tabs import ObserverDialog
from branch_desk.ui.events.page import EventsPage
from branch_desk.ui.main_window import MainWindow
from branch_desk.ui.safety.damaged_dialog import DamagedDialog
from branch_desk.ui.setup_dialog import SetupDialog
from branch_desk.ui.tasks import ProgressDialog

from .conftest import add_members
from .event_data import add_branch, record_assembly

ALLOWED = {"Excel", "Word", "Ctrl", "zs"}
WORD = re.compile(r"[A-Za-z]{2,}")  # single letters are mnemonics (&F), Ctrl+N or the X of an ID


def _texts(widget: QWidget) -> list[str]:
    found = [widget.windowTitle()]
    for child in widget.findChildren(QWidget):
        if isinstance(child, QLabel | QAbstractButton | QGroupBox):
            found.append(child.text() if not isinstance(child, QGroupBox) else child.title())
        if isinstance(child, QLineEdit):
            found.append(child.placeholderText())
        if isinstance(child, QComboBox):
            found += [child.itemText(i) for i in range(child.count())]
        if isinstance(child, QTabWidget):
            found += [child.tabText(i) for i in range(child.count())]
        if isinstance(child, QTableView) and child.model() is not None:
            model = child.model()
            found += [
                str(model.headerData(c, Qt.Orientation.Horizontal) or "")
                for c in range(model.columnCount())
            ]
        found.append(child.toolTip())
    found += [action.text() for action in widget.findChildren(QAction)]
    return found


def _english(texts: list[str], data_dir: str) -> set[str]:
    shown = (t.replace(data_dir, "") for t in texts)
    return {w for t in shown for w in WORD.findall(t)} - ALLOWED


def test_main_window_and_dialogs_show_no_english(qtbot: QtBot, window: MainWindow) -> None:
    add_members(window.desk, window.ctx.unit_id)
    window.roster.reload()
    window.roster.table.selectRow(0)
    dialogs: list[QWidget] = [
        window.roster.add_member(),
        window.roster.edit_selected(),  # type: ignore[list-item]
        window.roster.change_status_selected(),  # type: ignore[list-item]
        BranchDialog(window.ctx, window),
        ProgressDialog("导入名册", window),
    ]
    texts = _texts(window)
    for dialog in dialogs:
        texts += _texts(dialog)
    assert _english(texts, str(window.desk.paths.data_dir)) == set()


def test_meeting_pages_and_dialogs_show_no_english(qtbot: QtBot, window: MainWindow) -> None:
    add_branch(window.desk, window.ctx.unit_id)
    record_assembly(window.desk, window.ctx.unit_id, reason=False)
    window.ctx.publish(frozenset({Area.ALL}))
    page = window.show_section("会议活动")
    assert isinstance(page, EventsPage)
    page.table.selectRow(0)
    window.roster.table.selectRow(0)
    dialogs: list[QWidget] = [
        page.new_event(EventType.PARTY_LECTURE),
        page.edit_selected(),  # type: ignore[list-item]
        page.sign_in(),
        ObserverDialog(window),
        window.roster.detail.add_exclusion(),  # type: ignore[list-item]
    ]
    texts = _texts(window)
    for name in ("会议活动", "设置", "工作台"):
        texts += _texts(window.show_section(name))
    for dialog in dialogs:
        texts += _texts(dialog)
    assert _english(texts, str(window.desk.paths.data_dir)) == set()


def test_setup_dialog_shows_no_english(qtbot: QtBot, empty_desk: BranchDesk) -> None:
    dialog = SetupDialog(empty_desk)
    qtbot.addWidget(dialog)
    assert _english(_texts(dialog), str(empty_desk.paths.data_dir)) == set()


def test_safety_and_history_windows_show_no_english(qtbot: QtBot, window: MainWindow) -> None:
    desk = window.desk
    add_members(desk, window.ctx.unit_id)
    desk.safety.backup(desk.paths.backups_dir / "手动备份.bdbackup")
    window.show_section("设置")
    window.roster.reload()
    window.roster.table.selectRow(0)
    dialogs: list[QWidget] = [
        window.show_history(),
        window.roster.detail.show_changes(),  # type: ignore[list-item]
        DamagedDialog(desk.paths, "数据库文件已损坏", list_backups(desk.paths)),
        DamagedDialog(desk.paths, "数据库文件已损坏", []),
        ProgressDialog("正在从备份恢复", window, cancellable=False),
    ]
    texts = _texts(window.pages["设置"])
    for dialog in dialogs:
        texts += _texts(dialog)
    file_names = {"backups", "bdbackup", "branch", "desk", "sqlite"}  # file paths, shown as is
    found = _english(texts, str(desk.paths.data_dir)) - file_names - set(desk.audit.actors())
    assert found == set()
