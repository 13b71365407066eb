"""Opening the data dir for the GUI: a damaged database is offered a restore, not a traceback."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QDialog

from ...domain.errors import UserError
from ...paths import AppPaths
from ...services.app import READ_ONLY_NOTICE, BranchDesk
from ...services.safety.backup import BackupInfo, list_backups, read_manifest
from ...services.safety.disk_space import DiskFull
from ...services.safety.open_errors import (
    AlreadyRunning,
    DatabaseDamaged,
    NewerSchema,
    is_disk_full,
)
from ...services.safety.restore import restore_backup, set_aside
from .. import messages
from ..security import backup_password
from ..tasks import CancelFn, ProgressFn, run_modal
from .damaged_dialog import DamagedDialog
from .wording import backup_line

log = logging.getLogger(__name__)

QUITTING = "\n\n程序将退出，数据文件未做任何改动。"


def open_desk(paths: AppPaths, *, check_in_background: bool = False) -> BranchDesk | None:
    """Open ``paths``; offer a restore when the database is damaged; None means quit.

    A missing database is created here (the set-up form then asks for the branch: the GUI's
    init); an existing file that is empty, truncated or not ours is damage, never a new start.
    A full disk or an unreadable file is explained without offering a restore over it.
    With ``check_in_background`` the integrity check may finish after this returns (see
    BranchDesk.open); its failure is for the caller to watch (``BranchDesk.when_checked``).
    """
    try:
        desk = BranchDesk.open(paths, create=True, check_in_background=check_in_background)
    except (UserError, OSError) as exc:
        return explain_failure(paths, exc)
    return opened(paths, desk)


def opened(paths: AppPaths, desk: BranchDesk) -> BranchDesk:
    """Say that a read-only data dir can only be looked at; return ``desk``."""
    if desk.read_only:
        messages.warn(None, READ_ONLY_NOTICE.format(path=paths.data_dir), "只读模式")
    return desk


def explain_failure(paths: AppPaths, exc: UserError | OSError) -> BranchDesk | None:
    """Show why ``paths`` could not be opened; offer a restore for damage; None means quit."""
    if isinstance(exc, DatabaseDamaged):
        log.error("database damaged: %s", exc.message)
        return recover(paths, exc.message)
    if isinstance(exc, NewerSchema):
        messages.warn(None, exc.message + QUITTING, "数据文件版本较新")
    elif isinstance(exc, AlreadyRunning):
        messages.warn(None, exc.message + "\n\n本窗口将关闭。", "支部工作台已在运行")
    elif isinstance(exc, UserError):
        messages.show_error(None, exc)
    else:
        log.error("opening the data dir failed", exc_info=exc)
        reason = "磁盘空间不足" if is_disk_full(exc) else exc.strerror or str(exc)
        messages.warn(None, f"无法打开数据目录 {paths.data_dir}：{reason}。{QUITTING}")
    return None


def recover(paths: AppPaths, problem: str) -> BranchDesk | None:
    """Show the damaged-database dialog until a backup is restored and opens, or the user quits."""
    aside: Path | None = None
    while True:
        dialog = DamagedDialog(paths, problem, list_backups(paths))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        chosen = dialog.chosen()
        if chosen is None:
            return None
        try:
            if aside is None:
                aside = set_aside(paths, "damaged")
            info = restore_with_progress(paths, chosen.path)
        except DiskFull as exc:  # not the backup's fault: another one would not help
            messages.warn(None, f"{exc.message}{QUITTING}", "磁盘空间不足")
            return None
        except UserError as exc:
            messages.warn(None, f"无法从所选备份恢复：{exc.message}\n请选择其他备份。")
            continue
        except OSError as exc:
            log.exception("restore after damage failed")
            messages.warn(None, f"恢复失败：{exc.strerror or exc}\n数据文件未做任何改动。")
            continue
        try:
            desk = BranchDesk.open(paths)
        except DatabaseDamaged as exc:
            problem = exc.message
            continue
        except UserError as exc:
            messages.show_error(None, exc)
            return None
        kept = f"\n损坏的数据文件已另存为：\n{aside}" if aside else ""
        messages.inform(None, f"已从备份恢复：{backup_line(info)}。{kept}", "恢复完成")
        return desk


def restore_with_progress(paths: AppPaths, source: Path) -> BackupInfo:
    """Restore ``source`` into the closed data dir, showing progress; errors are raised."""

    password = backup_password(None, read_manifest(source), paths.data_dir)  # encryption at rest

    def work(progress: ProgressFn, _cancel: CancelFn) -> BackupInfo:
        """Check and restore the backup (on the worker thread)."""
        return restore_backup(paths, source, progress=progress, password=password)

    result: BackupInfo = run_modal(work, title="正在从备份恢复")
    return result
