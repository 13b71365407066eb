"""数据安全 in the GUI: the damaged-database dialog at start, backup/restore/verify, 设置."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QLabel
from pytestqt.qtbot import QtBot

from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.data.preferences import load_preferences
from branch_desk.services.safety.backup import list_backups, read_manifest
from branch_desk.ui import launch, qt_chinese
from branch_desk.ui.main_window import SECTIONS, MainWindow
from branch_desk.ui.safety import actions
from branch_desk.ui.safety.damaged_dialog import DamagedDialog
from branch_desk.ui.safety.settings_box import DataSafetyBox
from branch_desk.ui.safety.startup import open_desk
from branch_desk.ui.settings_page import SettingsPage
from tests.conftest import member_input

from .conftest import Said, add_members, make_id

GARBAGE = b"this is no database at all, the disk failed\x00" * 4


def _fill(paths: AppPaths) -> None:
    """Make a data dir with a branch and 张三, 李四; back it up; then add 王五; close it."""
    from datetime import date

    from branch_desk.services.org.units import BranchInput

    with BranchDesk.open(paths, automatic_backups=False) as desk:
        unit = desk.org.create_branch(
            BranchInput(name="第一党支部", groups=("第一党小组", "第二党小组"))
        )
        add_members(desk, unit.value.id)
        desk.safety.backup(paths.backups_dir / "two.bdbackup")
        born = date(1980, 1, 2)
        desk.roster.add(unit.value.id, member_input(name="王五", id_number=make_id(born, 135)))


def _corrupt(paths: AppPaths) -> bytes:
    with open(paths.database, "r+b") as handle:
        handle.write(GARBAGE)
    return paths.database.read_bytes()


def _dialogs(monkeypatch: pytest.MonkeyPatch, answer: QDialog.DialogCode) -> list[DamagedDialog]:
    shown: list[DamagedDialog] = []

    def exec_(dialog: DamagedDialog) -> QDialog.DialogCode:
        shown.append(dialog)
        return answer

    monkeypatch.setattr(DamagedDialog, "exec", exec_)
    return shown


def test_damaged_database_restores_the_chosen_backup(
    qtbot: QtBot, paths: AppPaths, monkeypatch: pytest.MonkeyPatch, said: Said
) -> None:
    _fill(paths)
    with BranchDesk.open(paths, automatic_backups=False) as desk:
        desk.safety.backup(paths.backups_dir / "three.bdbackup")
    damaged = _corrupt(paths)
    shown: list[DamagedDialog] = []

    def choose_two(dialog: DamagedDialog) -> QDialog.DialogCode:
        shown.append(dialog)
        assert dialog.chosen() == dialog.backups[0]  # the newest is preselected
        dialog.select(paths.backups_dir / "two.bdbackup")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(DamagedDialog, "exec", choose_two)
    desk = open_desk(paths)
    assert desk is not None
    try:
        assert sorted(m.name for m in desk.roster.list()) == ["张三", "李四"]
        dialog = shown[0]
        assert dialog.table.rowCount() == 2 and dialog.restore_button.isVisibleTo(dialog)
        assert "党员" in dialog.table.item(0, 2).text()
        kept = list(paths.backups_dir.glob("damaged-*.sqlite3"))
        assert len(kept) == 1 and kept[0].read_bytes() == damaged
        assert "已从备份恢复" in said.infos[-1] and str(kept[0]) in said.infos[-1]
    finally:
        desk.close()


def test_damaged_database_without_backups_only_quits(
    qtbot: QtBot, paths: AppPaths, monkeypatch: pytest.MonkeyPatch, said: Said
) -> None:
    with BranchDesk.open(paths, automatic_backups=False):
        pass
    damaged = _corrupt(paths)
    shown = _dialogs(monkeypatch, QDialog.DialogCode.Rejected)
    assert launch.start_gui(paths) == 1
    dialog = shown[0]
    assert not dialog.restore_button.isVisibleTo(dialog)
    assert dialog.quit_button.isVisibleTo(dialog) and dialog.quit_button.isDefault()
    shown_text = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "没有找到可用的备份" in shown_text and str(paths.database) in shown_text
    assert paths.database.read_bytes() == damaged  # never touched
    assert not list(paths.backups_dir.glob("damaged-*"))


def test_newer_schema_and_a_second_instance_are_explained(
    qtbot: QtBot, paths: AppPaths, said: Said
) -> None:
    with BranchDesk.open(paths, automatic_backups=False) as desk:
        assert open_desk(paths) is None
        assert "已在使用该数据目录" in said.warnings[-1]
        desk.db.close()
    conn = sqlite3.connect(paths.database)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff_future'")
    conn.close()
    assert open_desk(paths) is None
    assert "更新版本" in said.warnings[-1] and "程序将退出" in said.warnings[-1]


def _save_to(monkeypatch: pytest.MonkeyPatch, target: Path) -> list[str]:
    suggested: list[str] = []

    def save(_parent: object, _title: str, start: str, _filter: str) -> tuple[str, str]:
        suggested.append(start)
        return str(target), ""

    monkeypatch.setattr(qt_chinese, "get_save_file_name", save)
    return suggested


def test_backup_from_the_menu_and_verify(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, said: Said, tmp_path: Path
) -> None:
    add_members(window.desk, window.ctx.unit_id)
    suggested = _save_to(monkeypatch, tmp_path / "U盘" / "我的备份")
    menu = window.menuBar().actions()[0].menu()
    next(a for a in menu.actions() if a.text() == "备份…").trigger()
    qtbot.waitUntil(lambda: bool(said.infos), timeout=10_000)
    assert suggested[0].endswith("支部工作台备份_20261120.bdbackup")
    written = tmp_path / "U盘" / "我的备份.bdbackup"
    assert written.is_file() and read_manifest(written).counts["members"] == 2
    assert "已备份到" in said.infos[0] and "党员2人" in said.infos[0]
    next(a for a in menu.actions() if a.text() == "检查数据完整性…").trigger()
    qtbot.waitUntil(lambda: len(said.infos) == 2, timeout=10_000)
    assert said.infos[1].startswith("检查通过：数据库完整")


def test_restore_from_the_menu_reopens_the_window(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, said: Said, tmp_path: Path
) -> None:
    add_members(window.desk, window.ctx.unit_id)
    backup = window.desk.safety.backup(tmp_path / "两人.bdbackup").path
    window.desk.roster.remove(1)
    old = window.desk
    monkeypatch.setattr(qt_chinese, "get_open_file_name", lambda *_a: (str(backup), ""))
    actions.start_restore(window)
    assert "党员2人" in said.questions[0]
    qtbot.waitUntil(lambda: any("已从备份恢复" in t for t in said.infos), timeout=15_000)
    try:
        assert window.desk is not old and window.isEnabled()
        assert len(window.desk.roster.list()) == 2
        assert window.roster.model.rowCount() == 2 and window.ctx.desk is window.desk
        assert window.nav.count() == window.stack.count() == len(SECTIONS)
        assert any(p.name.startswith("safety-") for p in window.desk.paths.backups_dir.iterdir())
    finally:
        window.desk.close()


def test_a_bad_backup_is_refused_and_the_data_stays_open(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, said: Said, tmp_path: Path
) -> None:
    add_members(window.desk, window.ctx.unit_id)
    good = window.desk.safety.backup(tmp_path / "好.bdbackup").path
    bad = tmp_path / "坏.bdbackup"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w") as target:
        target.writestr("manifest.json", source.read("manifest.json"))
        target.writestr("database.sqlite3", b"changed on the way" * 100)
    old = window.desk
    actions.start_restore(window, tmp_path / "不是备份.bdbackup")
    assert "不存在" in said.warnings[-1]
    actions.start_restore(window, bad)
    qtbot.waitUntil(lambda: len(said.warnings) == 2, timeout=10_000)
    assert "校验不符" in said.warnings[-1]
    assert window.desk is old and window.isEnabled()
    assert len(old.roster.list()) == 2  # still open and unchanged


def test_settings_save_preferences_and_list_backups(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    page = window.show_section("设置")
    assert isinstance(page, SettingsPage)
    box = page.safety
    assert isinstance(box, DataSafetyBox)
    paths = window.desk.paths
    box.on_close.setChecked(False)
    box.keep_last.setValue(5)
    box.keep_monthly.setValue(3)
    mirror = tmp_path / "U盘"
    mirror.mkdir()
    monkeypatch.setattr(qt_chinese, "get_existing_directory", lambda *_a: str(mirror))
    box.choose_button.click()
    stored = json.loads((paths.data_dir / "preferences.json").read_text(encoding="utf-8"))
    assert stored["backup_on_close"] is False and stored["keep_last"] == 5
    prefs = load_preferences(paths.data_dir)
    assert (prefs.keep_monthly, prefs.mirror_dir, prefs.daily_backup) == (3, str(mirror), True)
    box.backup_button.click()
    qtbot.waitUntil(lambda: box.table.rowCount() == 2, timeout=10_000)
    assert {box.table.item(r, 4).text() for r in range(2)} == {"数据目录", "副本文件夹"}
    assert box.table.item(0, 1).text() == "手动备份" and "已备份" in box.status.text()
    assert len(list_backups(paths)) == 2 and list(mirror.glob("manual-*.bdbackup"))
    box.clear_button.click()
    assert load_preferences(paths.data_dir).mirror_dir == "" and box.table.rowCount() == 1
