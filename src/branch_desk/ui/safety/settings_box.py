"""设置 → 数据安全: automatic backups, rotation, the mirror folder and the list of backups."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QWidget,
)

from ...services.data.preferences import Preferences, load_preferences, save_preferences
from ...services.safety.backup import SUFFIX, BackupInfo, list_backups
from .. import messages, qt_chinese
from ..context import UiContext
from ..tasks import CancelFn, ProgressFn
from ..widgets.layouts import side_by_side, stacked
from .backup_table import backup_table, fill_backup_table
from .wording import backup_line, place_text

MIRROR_HINT = "未设置（可选择U盘或另一块硬盘上的文件夹）"


@dataclass(frozen=True)
class MadeBackup:
    """The result of 立即备份: the backup, and why the copy in the mirror folder failed."""

    info: BackupInfo
    mirror_problem: str


class DataSafetyBox(QGroupBox):
    """Edit the data dir's backup preferences (saved at once) and list its backups."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__("数据安全", parent)
        self.ctx = ctx
        self.on_close = QCheckBox("关闭程序时自动备份（数据有改动时）")
        self.daily = QCheckBox("每天第一次打开时自动备份")
        self.keep_last = QSpinBox(minimum=1, maximum=200, suffix=" 个")
        self.keep_monthly = QSpinBox(minimum=0, maximum=120, suffix=" 个月")
        self.mirror = QLineEdit(readOnly=True, placeholderText=MIRROR_HINT)
        self.choose_button = QPushButton("选择…")
        self.clear_button = QPushButton("清除")
        self.table = self._make_table()
        self.backup_button = QPushButton("立即备份")
        self.restore_button = QPushButton("从所选备份恢复…")
        self.refresh_button = QPushButton("刷新列表")
        self.status = QLabel()
        self.backups: list[BackupInfo] = []
        self._loading = False
        self._build()
        self._wire()
        self.reload()

    def _make_table(self) -> QTableWidget:
        table = backup_table("位置")
        table.setMinimumHeight(180)
        return table

    def _build(self) -> None:
        for spin in (self.keep_last, self.keep_monthly):
            spin.setMaximumWidth(120)
        grid = QGridLayout()
        grid.addWidget(self.on_close, 0, 0, 1, 2)
        grid.addWidget(self.daily, 1, 0, 1, 2)
        grid.addWidget(QLabel("保留最近的自动备份："), 2, 0)
        grid.addWidget(self.keep_last, 2, 1)
        grid.addWidget(QLabel("另外每月保留一个，最多："), 3, 0)
        grid.addWidget(self.keep_monthly, 3, 1)
        grid.addWidget(QLabel("备份副本文件夹："), 4, 0)
        mirror = side_by_side(None, (self.mirror, 1), self.choose_button, self.clear_button)
        grid.addLayout(mirror, 4, 1)
        grid.setColumnStretch(1, 1)
        note = QLabel(
            "自动备份保存在数据目录的备份文件夹中（鼠标停在列表中的备份上可看到文件位置）；"
            "设置副本文件夹后，每次自动备份还会在该文件夹另存一份，电脑损坏时也能找回数据。"
            "以上设置修改后立即生效。"
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #666;")
        buttons = side_by_side(
            None, self.backup_button, self.restore_button, self.refresh_button, (self.status, 1)
        )
        stacked(self, grid, note, QLabel("现有备份（最新的在前）："), self.table, buttons)

    def _wire(self) -> None:
        for box in (self.on_close, self.daily):
            box.toggled.connect(self.save)
        for spin in (self.keep_last, self.keep_monthly):
            spin.valueChanged.connect(self.save)
        self.choose_button.clicked.connect(self.choose_mirror)
        self.clear_button.clicked.connect(self.clear_mirror)
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.refresh_button.clicked.connect(self.show_backups)

    # ---- preferences -------------------------------------------------------------------

    def reload(self) -> Preferences:
        """Show the stored preferences and the backups found."""
        prefs = load_preferences(self.ctx.desk.paths.data_dir)
        self._loading = True
        self.on_close.setChecked(prefs.backup_on_close)
        self.daily.setChecked(prefs.daily_backup)
        self.keep_last.setValue(prefs.keep_last)
        self.keep_monthly.setValue(prefs.keep_monthly)
        self.mirror.setText(prefs.mirror_dir)
        self.clear_button.setEnabled(bool(prefs.mirror_dir))
        self._loading = False
        self.show_backups()
        return prefs

    def preferences(self) -> Preferences:
        """Return the preferences as shown."""
        return Preferences(
            keep_last=self.keep_last.value(),
            keep_monthly=self.keep_monthly.value(),
            mirror_dir=self.mirror.text(),
            backup_on_close=self.on_close.isChecked(),
            daily_backup=self.daily.isChecked(),
        )

    def save(self) -> bool:
        """Write the shown preferences to preferences.json."""
        if self._loading:
            return False
        try:
            save_preferences(self.ctx.desk.paths.data_dir, self.preferences())
        except OSError as exc:
            messages.warn(self, f"无法保存数据安全设置：{exc.strerror or exc}")
            return False
        self.clear_button.setEnabled(bool(self.mirror.text()))
        self.status.setText("设置已保存。")
        return True

    def choose_mirror(self) -> None:
        """Pick the folder that receives a copy of every automatic backup."""
        start = self.mirror.text()
        chosen = qt_chinese.get_existing_directory(self, "选择备份副本文件夹", start)
        if not chosen:
            return
        if Path(chosen).resolve() == self.ctx.desk.paths.backups_dir.resolve():
            messages.warn(self, "副本文件夹应在另一个位置（如U盘），不能是数据目录的备份文件夹。")
            return
        self.mirror.setText(str(Path(chosen)))
        self.save()
        self.show_backups()

    def clear_mirror(self) -> None:
        """Stop copying backups to a second folder (the copies already there stay)."""
        self.mirror.clear()
        self.save()
        self.show_backups()

    # ---- backups -----------------------------------------------------------------------

    def show_backups(self) -> list[BackupInfo]:
        """List the backups of the data dir and the mirror folder, newest first."""
        paths = self.ctx.desk.paths
        self.backups = list_backups(paths)
        fill_backup_table(
            self.table, self.backups, lambda info: place_text(info, paths), path_tips=True
        )
        self.restore_button.setEnabled(bool(self.backups))
        return self.backups

    def selected(self) -> BackupInfo | None:
        """Return the selected backup."""
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def backup_now(self) -> None:
        """Write a backup into the data dir (and the mirror folder) in the background."""
        desk = self.ctx.desk
        mirror = self.mirror.text()
        name = f"manual-{desk.db.now():%Y%m%d-%H%M%S}{SUFFIX}"

        def work(progress: ProgressFn, cancel: CancelFn) -> MadeBackup:
            """Write the backup and its copy (on the worker thread)."""
            info = desk.safety.backup(
                desk.paths.backups_dir / name, progress=progress, cancel=cancel
            )
            problem = ""
            if mirror:
                try:
                    desk.safety.backup(Path(mirror) / name, cancel=cancel)
                except OSError as exc:
                    problem = f"副本文件夹无法写入（{exc.strerror or exc}），请检查U盘是否已插好。"
            return MadeBackup(info, problem)

        self.ctx.tasks.run(
            work,
            self._made,
            lambda exc: messages.show_failure(self, exc, "备份"),
            title="正在备份",
            parent=self,
        )

    def _made(self, made: MadeBackup) -> None:
        self.show_backups()
        self.status.setText(f"已备份：{backup_line(made.info)}")
        if made.mirror_problem:
            messages.warn(self, made.mirror_problem)

    def restore_selected(self) -> None:
        """Restore the selected backup through the main window (which reopens the data)."""
        info = self.selected()
        if info is None:
            messages.inform(self, "请先在列表中选择一个备份。")
            return
        window = self.window()
        if hasattr(window, "replace_desk"):
            from .actions import start_restore

            start_restore(window, info.path)  # type: ignore[arg-type]

    def showEvent(self, event: QShowEvent) -> None:
        """Refresh the list whenever the page is shown (backups are made in the background)."""
        super().showEvent(event)
        self.show_backups()
