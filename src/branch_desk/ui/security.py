"""The password at start, the idle lock, and the encryption part of the set-up form.

The password is only ever held by the line edit while typed and by storage/cipher.py in memory;
it is never written to QSettings, preferences.json or the log.
"""

from __future__ import annotations

import html
import weakref
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import UserError
from ..services.app import BranchDesk
from ..services.safety import keys as cipher
from ..services.safety.backup import BackupInfo
from ..services.safety.encryption import check_new_password, encrypt_data_dir
from ..services.safety.restore import verified_contents
from .dialog_guard import FittedDialog
from .fitted_preview import FittedPreviewDialog
from .widgets.form_fields import ok_cancel
from .widgets.settings import ui_settings

LOCK_KEY = "security/lock_minutes"
DEFAULT_LOCK_MINUTES = 15
UNRECOVERABLE = "请牢记密码：密码遗失后数据无法恢复，任何人（包括开发者）都无法找回。"
_LOCKS: weakref.WeakSet[IdleLock] = weakref.WeakSet()
ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
}


class PasswordDialog(FittedDialog):
    """Ask for the password until ``check`` accepts it (a wrong one says 密码错误 and stays)."""

    def __init__(
        self, check: Callable[[str], None], text: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.check = check
        self.setWindowTitle("支部工作台 — 输入密码")
        intro = QLabel(text)
        intro.setWordWrap(True)
        self.field = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.field.setPlaceholderText("数据库密码")
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020;")
        self.buttons = ok_cancel("打开")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, self.field, self.problem, self.buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(380)

    def accept(self) -> None:
        """Check the password; a wrong one is said inline and the field cleared for a retry."""
        try:
            self.check(self.field.text())
        except cipher.WrongPassword:
            self.problem.setText("密码错误，请重新输入。")
            self.field.clear()
            self.field.setFocus()
            return
        except UserError as exc:
            self.problem.setText(exc.message)
            return
        self.field.clear()
        super().accept()


def unlock(db: Path, parent: QWidget | None = None, text: str = "") -> bool:
    """Ask for the password of the encrypted database ``db``; True once it opens it."""

    def check(password: str) -> None:
        cipher.check_password(db, password)
        cipher.set_key(db, password)

    dialog = PasswordDialog(check, text or "数据已加密，请输入密码：", parent)
    return dialog.exec() == QDialog.DialogCode.Accepted


# ---- idle lock -----------------------------------------------------------------------------


def lock_minutes(settings: QSettings) -> int:
    """Return the idle minutes before locking (0: never)."""
    value = settings.value(LOCK_KEY, DEFAULT_LOCK_MINUTES)
    try:
        return max(0, min(int(value), 24 * 60))
    except (TypeError, ValueError):
        return DEFAULT_LOCK_MINUTES


class IdleLock(QObject):
    """Hide every window after ``minutes`` without input and ask the password again."""

    def __init__(self, db: Path, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.locked = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        _LOCKS.add(self)
        self.set_minutes(minutes)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_minutes(self, minutes: int) -> None:
        """Change the idle time (0 stops locking)."""
        self.timer.stop()
        self.timer.setInterval(max(0, minutes) * 60_000)
        if minutes > 0:
            self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.locked and event.type() in ACTIVITY and self.timer.interval() > 0:
            self.timer.start()
        return False

    def lock(self) -> None:
        """Hide the data and ask for the password until it is given again."""
        if self.locked:
            return
        self.locked = True
        shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        for widget in shown:
            widget.hide()
        try:
            while not unlock(self.db, None, "支部工作台已锁定（长时间未操作）。请输入密码解锁："):
                pass
        finally:
            for widget in shown:
                widget.show()
            self.locked = False
            if self.timer.interval() > 0:
                self.timer.start()


def install_idle_lock(window: QWidget, db: Path, settings: QSettings) -> IdleLock | None:
    """Give ``window`` an idle lock when its database is encrypted."""
    if cipher.key_for(db) is None:
        return None
    return IdleLock(db, lock_minutes(settings), window)


# ---- set-up form ---------------------------------------------------------------------------


def recovery_sheet_html(unit_name: str, day: date, password: str | None) -> str:
    """A printable page to keep the password safe (blank for handwriting unless given)."""
    written = html.escape(password) if password else "________________________________（请手写）"
    return (
        "<h2 style='text-align:center'>支部工作台 数据密码提示页</h2>"
        f"<p>党组织：{html.escape(unit_name)}</p>"
        f"<p>设置日期：{day:%Y年%m月%d日}</p>"
        f"<p>数据库密码：{written}</p>"
        "<p>本页用于防止遗忘密码。密码遗失后数据无法恢复，任何人都无法找回。"
        "请将本页妥善保管（如放入保密柜），不要与电脑放在一起。</p>"
    )


class EncryptionBox(QGroupBox):
    """“用密码加密数据”: the choice, the password twice, the warning and the recovery sheet."""

    def __init__(self, unit_name: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__("数据加密（可选）", parent)
        self.unit_name = unit_name
        self.enabled = QCheckBox("用密码加密数据（笔记本电脑丢失时他人无法读取）")
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.again = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.warning = QLabel(UNRECOVERABLE)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b00020;")
        self.print_password = QCheckBox("提示页上印出密码（否则留空手写）")
        self.print_button = QPushButton("打印密码提示页…")
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020;")
        self.preview: FittedPreviewDialog | None = None
        form = QFormLayout(self)
        form.addRow(self.enabled)
        form.addRow("密码：", self.password)
        form.addRow("再次输入：", self.again)
        form.addRow(self.warning)
        form.addRow(self.print_password, self.print_button)
        form.addRow(self.problem)
        self.enabled.toggled.connect(self._toggle)
        self.print_button.clicked.connect(self.print_sheet)
        self._toggle(False)

    def _toggle(self, on: bool) -> None:
        for widget in (self.password, self.again, self.print_password, self.print_button):
            widget.setEnabled(on)

    def read(self) -> tuple[bool, str | None]:
        """Return (valid, password or None when not chosen); a problem is shown inline."""
        self.problem.clear()
        if not self.enabled.isChecked():
            return True, None
        try:
            password = check_new_password(self.password.text())
        except UserError as exc:
            self.problem.setText(exc.message)
            return False, None
        if self.again.text() != password:
            self.problem.setText("两次输入的密码不一致。")
            return False, None
        return True, password

    def sheet_html(self) -> str:
        shown = self.password.text() if self.print_password.isChecked() else None
        return recovery_sheet_html(self.unit_name(), date.today(), shown)

    def print_sheet(self) -> FittedPreviewDialog:
        """Open the print preview of the recovery sheet (document and printer kept alive)."""
        document = QTextDocument(self)
        document.setHtml(self.sheet_html())
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = FittedPreviewDialog(printer, self)
        dialog.setWindowTitle("打印密码提示页")
        dialog.paintRequested.connect(document.print_)
        dialog.document = document  # type: ignore[attr-defined]  # keep alive with the dialog
        dialog.printer = printer  # type: ignore[attr-defined]
        self.preview = dialog
        dialog.open()
        return dialog


class LockSettingBox(QGroupBox):
    """设置 → 安全: minutes of inactivity before the window locks (encrypted data only)."""

    def __init__(self, db: Path, settings_file: Path, parent: QWidget | None = None) -> None:
        super().__init__("安全", parent)
        self.settings = ui_settings(settings_file)
        self.minutes = QSpinBox(minimum=0, maximum=240, suffix=" 分钟")
        self.minutes.setSpecialValueText("不自动锁定")
        self.minutes.setValue(lock_minutes(self.settings))
        encrypted = cipher.key_for(db) is not None
        note = QLabel(
            "数据已加密。长时间未操作时隐藏数据并要求重新输入密码。"
            if encrypted
            else "数据未加密（可用命令行加密，详见使用说明）；自动锁定仅对加密的数据有效。"
        )
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(note)
        form.addRow("闲置自动锁定：", self.minutes)
        self.minutes.setEnabled(encrypted)
        self.minutes.valueChanged.connect(self.save)

    def save(self, minutes: int) -> None:
        """Keep the idle time (a number, never a secret) and apply it at once."""
        self.settings.setValue(LOCK_KEY, minutes)
        self.settings.sync()
        for idle in list(_LOCKS):
            idle.set_minutes(minutes)


def encrypt_new_data_dir(desk: BranchDesk, password: str) -> BranchDesk:
    """Encrypt the data dir just set up (no plain backup is made) and open it again."""
    paths = desk.paths
    desk.automatic_backups = False
    desk.close()
    encrypt_data_dir(paths, password)
    return BranchDesk.open(paths)


def backup_password(parent: QWidget | None, info: BackupInfo, work_dir: Path) -> str | None:
    """Ask for the password of an encrypted backup (checked on the file); None: not needed/cancelled."""
    if not info.encrypted:
        return None
    given: list[str] = []

    def check(password: str) -> None:
        with verified_contents(info.path, work_dir, password):
            given.append(password)

    dialog = PasswordDialog(check, "该备份已加密，请输入备份时的数据库密码：", parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or not given:
        return None
    return given[-1]
