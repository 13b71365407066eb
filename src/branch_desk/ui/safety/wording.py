"""Shared wording for backups: record counts, sizes, where a backup file lies."""

from __future__ import annotations

from ...paths import AppPaths
from ...services.safety.backup import BackupInfo

COUNT_WORDS = {
    "members": ("党员", "人"),
    "events": ("会议活动", "次"),
    "dues_payments": ("缴费记录", "条"),
    "candidates": ("发展对象", "人"),
}
BACKUP_FILTER = "支部工作台备份 (*.bdbackup)"


def counts_text(info: BackupInfo) -> str:
    """Return e.g. 党员62人，会议活动128次 (nothing counted: 无记录)."""
    parts = [
        f"{COUNT_WORDS[key][0]}{value}{COUNT_WORDS[key][1]}"
        for key, value in info.counts.items()
        if key in COUNT_WORDS
    ]
    return "，".join(parts) or "无记录"


def size_text(size: int) -> str:
    """Return a file size as 12 KB or 3.4 MB."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def backup_line(info: BackupInfo) -> str:
    """Return one line: 2026-11-20 10:30 手动备份：党员62人，会议活动128次."""
    return f"{info.created_at:%Y-%m-%d %H:%M} {info.kind}：{counts_text(info)}"


def place_text(info: BackupInfo, paths: AppPaths) -> str:
    """Return 数据目录 or 副本文件夹 for where a backup lies."""
    return "数据目录" if info.path.parent == paths.backups_dir else "副本文件夹"
