"""The password dialog, encryption chosen in the set-up form, the idle lock and its setting."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.org.units import BranchInput
from branch_desk.services.safety import sealed
from branch_desk.services.safety.backup import write_backup
from branch_desk.storage import cipher
from branch_desk.ui import security
from branch_desk.ui.main_window import MainWindow
from branch_desk.ui.security import (
    EncryptionBox,
    IdleLock,
    LockSettingBox,
    PasswordDialog,
    backup_password,
    encrypt_new_data_dir,
    recovery_sheet_html,
)
from branch_desk.ui.setup_dialog import SetupDialog

from .conftest import type_text

PASSWORD = "红旗 secret"


@pytest.fixture(autouse=True)
def _forget_keys() -> Iterator[None]:
    yield
    cipher.forget_all()
    sealed.forget_keys()


@pytest.fixture
def locked_desk(paths: AppPaths) -> Iterator[BranchDesk]:
    """An encrypted data dir with 第一党支部, open with the password."""
    sealed.create_key(paths.data_dir, PASSWORD)
    cipher.set_key(paths.database, PASSWORD)
    desk = BranchDesk.open(paths, automatic_backups=False)
    desk.org.create_branch(BranchInput(name="第一党支部"))
    yield desk
    desk.close()


def _ok(dialog: QDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()  # type: ignore[attr-defined]


def test_password_dialog_says_wrong_password_and_lets_retry(
    qtbot: QtBot, locked_desk: BranchDesk
) -> None:
    db = locked_desk.paths.database
    cipher.forget_all()

    def check(password: str) -> None:
        cipher.check_password(db, password)
        cipher.set_key(db, password)

    dialog = PasswordDialog(check, "数据已加密，请输入密码：")
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.field, "wrong one")
    _ok(dialog)
    assert "密码错误" in dialog.problem.text()
    assert dialog.isVisible() and dialog.field.text() == ""
    assert cipher.key_for(db) is None
    type_text(dialog.field, PASSWORD)
    _ok(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert cipher.key_for(db) == PASSWORD and dialog.field.text() == ""


def test_setup_form_encrypts_the_new_data_dir(qtbot: QtBot, paths: AppPaths) -> None:
    desk = BranchDesk.open(paths)
    dialog = SetupDialog(desk)
    qtbot.addWidget(dialog)
    assert "无法恢复" in dialog.encryption.warning.text()
    assert not dialog.encryption.password.isEnabled()
    type_text(dialog.fields.name, "第二党支部")
    dialog.encryption.enabled.setChecked(True)
    type_text(dialog.encryption.password, PASSWORD)
    type_text(dialog.encryption.again, PASSWORD + "x")
    _ok(dialog)
    assert "不一致" in dialog.encryption.problem.text()
    assert not desk.org.is_set_up()
    dialog.encryption.again.clear()
    type_text(dialog.encryption.again, PASSWORD)
    _ok(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.password == PASSWORD
    reopened = encrypt_new_data_dir(desk, dialog.password)
    try:
        assert reopened.org.resolve().name == "第二党支部"
        assert cipher.needs_password(paths.database)
    finally:
        reopened.close()
    assert not paths.database.read_bytes().startswith(b"SQLite format 3")
    for path in paths.data_dir.rglob("*"):
        if path.is_file():
            assert PASSWORD.encode() not in path.read_bytes(), path
            assert "第二党支部".encode() not in path.read_bytes(), path


def test_recovery_sheet_prints_the_password_only_when_ticked(qtbot: QtBot) -> None:
    box = EncryptionBox(lambda: "第一党支部")
    qtbot.addWidget(box)
    box.enabled.setChecked(True)
    type_text(box.password, PASSWORD)
    assert "第一党支部" in box.sheet_html() and PASSWORD not in box.sheet_html()
    assert "请手写" in box.sheet_html()
    box.print_password.setChecked(True)
    assert "红旗" in box.sheet_html()
    preview = box.print_sheet()
    assert preview.document.toPlainText().count("第一党支部") == 1  # type: ignore[attr-defined]
    preview.close()
    assert "&lt;b&gt;" in recovery_sheet_html("<b>", __import__("datetime").date.today(), None)


def test_idle_lock_hides_the_window_until_the_password_is_given(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, locked_desk: BranchDesk
) -> None:
    window = MainWindow(locked_desk)
    qtbot.addWidget(window)
    window.show()
    assert isinstance(window.idle_lock, IdleLock)
    assert window.idle_lock.timer.interval() == 15 * 60_000
    seen: list[bool] = []

    def ask(db: Path, _parent: object, text: str) -> bool:
        seen.append(window.isVisible())
        assert "已锁定" in text
        return len(seen) == 2  # the first try fails (wrong or cancelled), the second unlocks

    monkeypatch.setattr(security, "unlock", ask)
    window.idle_lock.lock()
    assert seen == [False, False]
    assert window.isVisible() and not window.idle_lock.locked
    window.tasks.shutdown()


def test_plain_data_needs_no_lock(qtbot: QtBot, desk: BranchDesk) -> None:
    window = MainWindow(desk)
    qtbot.addWidget(window)
    assert window.idle_lock is None
    window.tasks.shutdown()


def test_lock_setting_is_kept_without_any_secret(qtbot: QtBot, locked_desk: BranchDesk) -> None:
    paths = locked_desk.paths
    box = LockSettingBox(paths.database, paths.ui_settings)
    qtbot.addWidget(box)
    idle = IdleLock(paths.database, 15)
    box.minutes.setValue(5)
    assert idle.timer.interval() == 5 * 60_000
    box.minutes.setValue(0)
    assert not idle.timer.isActive()
    assert "lock_minutes=0" in paths.ui_settings.read_text(encoding="utf-8")
    write_backup(paths, paths.backups_dir / "x.bdbackup", "手动备份")
    for path in paths.data_dir.rglob("*"):
        if path.is_file():
            assert PASSWORD.encode() not in path.read_bytes(), path


def test_restoring_an_encrypted_backup_asks_its_password(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, locked_desk: BranchDesk, tmp_path: Path
) -> None:
    paths = locked_desk.paths
    info = write_backup(paths, tmp_path / "e.bdbackup", "手动备份")
    tries = iter(["wrong one", PASSWORD])
    problems: list[str] = []

    def typed(dialog: PasswordDialog) -> QDialog.DialogCode:
        for attempt in tries:
            dialog.field.setText(attempt)
            dialog.accept()
            problems.append(dialog.problem.text())
            if dialog.result() == QDialog.DialogCode.Accepted:
                return QDialog.DialogCode.Accepted
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(PasswordDialog, "exec", typed)
    assert backup_password(None, info, paths.data_dir) == PASSWORD
    assert "密码错误" in problems[0]
    plain = AppPaths.resolve(tmp_path / "plain")
    with BranchDesk.open(plain, automatic_backups=False):
        pass
    plain_info = write_backup(plain, tmp_path / "p.bdbackup", "手动备份")
    assert backup_password(None, plain_info, plain.data_dir) is None
