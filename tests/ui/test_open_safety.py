"""The GUI at start: a new data dir gets the set-up form, an empty or foreign database file the
damaged-database dialog, a full disk a plain message (no restore), a read-only dir a notice."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.storage import integrity
from branch_desk.ui.safety.damaged_dialog import DamagedDialog
from branch_desk.ui.safety.startup import open_desk

from .conftest import Said


def _dialogs(monkeypatch: pytest.MonkeyPatch) -> list[DamagedDialog]:
    shown: list[DamagedDialog] = []

    def exec_(dialog: DamagedDialog) -> QDialog.DialogCode:
        shown.append(dialog)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(DamagedDialog, "exec", exec_)
    return shown


def test_a_new_data_dir_is_created_for_the_set_up_form(
    qtbot: QtBot, paths: AppPaths, monkeypatch: pytest.MonkeyPatch, said: Said
) -> None:
    shown = _dialogs(monkeypatch)
    desk = open_desk(paths)
    assert desk is not None
    try:
        assert not desk.org.is_set_up() and not desk.read_only  # run_gui shows SetupDialog
        assert paths.database.exists()
    finally:
        desk.close()
    assert shown == [] and said.warnings == []


def test_a_zero_byte_database_gets_the_damaged_dialog_and_is_kept(
    qtbot: QtBot, paths: AppPaths, monkeypatch: pytest.MonkeyPatch, said: Said
) -> None:
    BranchDesk.open(paths, automatic_backups=False).close()
    paths.database.write_bytes(b"")
    shown = _dialogs(monkeypatch)
    assert open_desk(paths) is None
    assert len(shown) == 1 and "0 字节" in shown[0].detail.text()
    assert paths.database.read_bytes() == b""


def test_a_foreign_database_gets_the_damaged_dialog(
    qtbot: QtBot, paths: AppPaths, monkeypatch: pytest.MonkeyPatch, said: Said
) -> None:
    paths.ensure()
    conn = sqlite3.connect(paths.database)
    conn.execute("CREATE TABLE customers (name TEXT)")
    conn.commit()
    conn.close()
    before = paths.database.read_bytes()
    shown = _dialogs(monkeypatch)
    assert open_desk(paths) is None
    assert len(shown) == 1 and "不是支部工作台的数据文件" in shown[0].detail.text()
    assert paths.database.read_bytes() == before


def test_a_full_disk_is_explained_without_offering_a_restore(
    qtbot: QtBot, paths: AppPaths, monkeypatch: pytest.MonkeyPatch, said: Said
) -> None:
    BranchDesk.open(paths, automatic_backups=False).close()
    before = paths.database.read_bytes()
    real = integrity.connect

    def full(path: Path, *, read_only: bool = False, **options: object) -> sqlite3.Connection:
        if read_only:
            error = sqlite3.OperationalError("database or disk is full")
            error.sqlite_errorcode = 13  # type: ignore[attr-defined]
            raise error
        return real(path, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(integrity, "connect", full)
    shown = _dialogs(monkeypatch)
    assert open_desk(paths) is None
    assert shown == []
    assert "磁盘空间不足" in said.warnings[-1] and "损坏" not in said.warnings[-1]
    assert paths.database.read_bytes() == before


def test_a_read_only_data_dir_opens_with_a_notice(
    qtbot: QtBot, paths: AppPaths, monkeypatch: pytest.MonkeyPatch, said: Said
) -> None:
    BranchDesk.open(paths, automatic_backups=False).close()
    real = os.access
    data = paths.data_dir

    def access(path: object, mode: int, *args: object, **kwargs: object) -> bool:
        if mode & os.W_OK and Path(os.fspath(path)).is_relative_to(data):  # type: ignore[arg-type]
            return False
        return real(path, mode, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    desk = open_desk(paths)
    assert desk is not None
    try:
        assert desk.read_only
        assert "只读" in said.warnings[-1] and "无法保存" in said.warnings[-1]
    finally:
        desk.close()


def test_a_full_disk_during_recovery_says_so_and_does_not_ask_for_another_backup(
    qtbot: QtBot, paths: AppPaths, monkeypatch: pytest.MonkeyPatch, said: Said
) -> None:
    from branch_desk.services.org.units import BranchInput
    from branch_desk.services.safety import disk_space

    with BranchDesk.open(paths, automatic_backups=False) as desk:
        desk.org.create_branch(BranchInput(name="第一党支部"))
        desk.safety.backup(paths.backups_dir / "good.bdbackup")
    paths.database.write_bytes(b"")
    usage = disk_space.shutil.disk_usage(paths.data_dir)
    monkeypatch.setattr(disk_space.shutil, "disk_usage", lambda _p: usage._replace(free=1000))
    shown: list[DamagedDialog] = []

    def choose(dialog: DamagedDialog) -> QDialog.DialogCode:
        shown.append(dialog)
        return QDialog.DialogCode.Accepted  # the newest backup is preselected

    monkeypatch.setattr(DamagedDialog, "exec", choose)
    assert open_desk(paths) is None
    assert len(shown) == 1
    assert "磁盘空间不足" in said.warnings[-1] and "备份文件本身没有问题" in said.warnings[-1]
    assert "请选择其他备份" not in " ".join(said.warnings)
    assert paths.database.read_bytes() == b""
