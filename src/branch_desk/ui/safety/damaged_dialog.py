"""The dialog shown at start when the database is damaged: restore a backup, or quit."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTableWidget, QVBoxLayout, QWidget

from ...paths import AppPaths
from ...services.safety.backup import BackupInfo
from ..dialog_guard import FittedDialog
from .backup_table import backup_table, fill_backup_table

TITLE = "数据文件已损坏"
EXPLAIN = (
    "支部工作台在打开数据时发现数据库文件无法读取，或未通过完整性检查"
    "（常见原因：断电、强制关机、磁盘或U盘故障）。程序没有对该文件做任何改动。"
)
CHOOSE = (
    "请从下面的备份中选择一个恢复（已选中最新的备份）。恢复前，损坏的文件会另存到"
    "备份文件夹中，不会被覆盖或删除；备份之后录入的内容需要重新补录。"
)
NOTHING = (
    "数据目录和备份副本文件夹中都没有找到可用的备份，无法自动恢复。\n"
    "损坏的数据文件仍保留在原处，未做任何改动：\n{database}\n"
    "请退出程序，把该文件交给技术人员处理；如在其他电脑或U盘上存有备份，"
    "也可将备份文件复制到以下文件夹后重新打开程序：\n{folder}"
)


class DamagedDialog(FittedDialog):
    """Explain the damage, list the backups (newest selected) and offer 恢复所选备份 or 退出."""

    def __init__(
        self,
        paths: AppPaths,
        problem: str,
        backups: list[BackupInfo],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        self.backups = list(backups)
        self.setWindowTitle(f"支部工作台 — {TITLE}")
        self.setMinimumWidth(720)
        self.table = self._make_table()
        self.restore_button = QPushButton("恢复所选备份")
        self.quit_button = QPushButton("退出")
        self._build(problem)

    def _make_table(self) -> QTableWidget:
        table = backup_table("文件位置")
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        fill_backup_table(table, self.backups, lambda info: str(info.path), path_tips=False)
        if self.backups:
            table.selectRow(0)
        table.doubleClicked.connect(lambda _index: self.accept())
        return table

    def _build(self, problem: str) -> None:
        heading = QLabel(TITLE + "，无法打开")
        heading.setStyleSheet("font-size: 18px; font-weight: bold; color: #b71c1c;")
        explain = QLabel(EXPLAIN)
        explain.setWordWrap(True)
        where = QLabel(f"数据文件：{self.paths.database}")
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail = QLabel(problem)
        self.detail.setWordWrap(True)
        self.detail.setStyleSheet("color: #666;")
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.hide()
        self.detail_button = QPushButton("显示详细情况")
        self.detail_button.setFlat(True)
        self.detail_button.setStyleSheet("color: #1565c0; text-align: left;")
        self.detail_button.clicked.connect(self._toggle_detail)
        where_row = QHBoxLayout()
        where_row.addWidget(where, 1)
        where_row.addWidget(self.detail_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(explain)
        layout.addLayout(where_row)
        layout.addWidget(self.detail)
        if self.backups:
            choose = QLabel(CHOOSE)
            choose.setWordWrap(True)
            layout.addWidget(choose)
            layout.addWidget(self.table, 1)
        else:
            nothing = QLabel(
                NOTHING.format(database=self.paths.database, folder=self.paths.backups_dir)
            )
            nothing.setWordWrap(True)
            nothing.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(nothing)
            self.table.hide()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.quit_button)
        layout.addLayout(buttons)
        self.restore_button.setVisible(bool(self.backups))
        self.restore_button.setDefault(bool(self.backups))
        self.quit_button.setDefault(not self.backups)
        self.restore_button.clicked.connect(self.accept)
        self.quit_button.clicked.connect(self.reject)

    def _toggle_detail(self) -> None:
        shown = not self.detail.isVisible()
        self.detail.setVisible(shown)
        self.detail_button.setText("隐藏详细情况" if shown else "显示详细情况")

    def chosen(self) -> BackupInfo | None:
        """Return the selected backup (None when there is none)."""
        rows = self.table.selectionModel().selectedRows()
        if not rows or not self.backups:
            return None
        return self.backups[rows[0].row()]

    def select(self, path: Path) -> None:
        """Select the backup stored at ``path``."""
        for row, info in enumerate(self.backups):
            if info.path == path:
                self.table.selectRow(row)

    def accept(self) -> None:
        """Close with 恢复 only when a backup is selected."""
        if self.chosen() is not None:
            super().accept()
