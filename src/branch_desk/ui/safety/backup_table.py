"""The table of backups shown in 设置 → 数据安全 and in the damaged-database dialog."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from ...services.safety.backup import BackupInfo
from .wording import counts_text, size_text

HEADERS = ("备份时间", "类别", "记录数", "大小")


def backup_table(place_header: str) -> QTableWidget:
    """Return an empty read-only table of backups, whole rows selected one at a time.

    Its columns are 备份时间, 类别, 记录数, 大小 and ``place_header`` (where the file lies),
    which takes the room left.
    """
    table = QTableWidget(0, len(HEADERS) + 1)
    table.setHorizontalHeaderLabels([*HEADERS, place_header])
    table.verticalHeader().hide()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


def fill_backup_table(
    table: QTableWidget,
    backups: Sequence[BackupInfo],
    place: Callable[[BackupInfo], str],
    path_tips: bool,
) -> None:
    """Show one backup a row, its place as ``place`` says.

    Every cell's tooltip is the file's path with ``path_tips``, else the cell's own text.
    """
    table.setRowCount(len(backups))
    for row, info in enumerate(backups):
        cells = (
            f"{info.created_at:%Y-%m-%d %H:%M}",
            info.kind,
            counts_text(info),
            size_text(info.size),
            place(info),
        )
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(str(info.path) if path_tips else text)
            table.setItem(row, column, item)
