"""The 文件 menu's data-safety actions: 备份…, 从备份恢复…, 检查数据完整性…."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ...domain.errors import UserError
from ...services.app import BranchDesk
from ...services.safety.auto_backup import VerifyReport
from ...services.safety.backup import SUFFIX, BackupInfo, read_manifest
from ...services.safety.restore import restore_backup, verified_contents
from .. import messages, qt_chinese
from ..security import backup_password
from ..tasks import CancelFn, ProgressFn
from ..widgets.file_choice import documents_dir
from .wording import BACKUP_FILTER, backup_line, size_text

if TYPE_CHECKING:
    from ..main_window import MainWindow

log = logging.getLogger(__name__)
T = TypeVar("T")


def _run(
    window: MainWindow,
    work: Callable[[ProgressFn, CancelFn], T],
    done: Callable[[T], None],
    title: str,
    failure: str,
) -> None:
    """Run ``work`` in the background under ``title``; a failure is shown as “<failure>失败”."""
    window.tasks.run(
        work,
        done,
        lambda exc: messages.show_failure(window, exc, failure),
        title=title,
        parent=window,
    )


def default_backup_name(today: date) -> str:
    """Return 支部工作台备份_YYYYMMDD.bdbackup."""
    return f"支部工作台备份_{today:%Y%m%d}{SUFFIX}"


def start_backup(window: MainWindow) -> None:
    """Ask where to save a backup, then write it in the background (with 取消)."""
    desk = window.desk
    suggested = documents_dir() / default_backup_name(desk.db.now().date())
    chosen, _ = qt_chinese.get_save_file_name(window, "备份数据", str(suggested), BACKUP_FILTER)
    if not chosen:
        return
    target = Path(chosen)
    if target.suffix.lower() != SUFFIX:
        target = target.with_name(target.name + SUFFIX)

    def work(progress: ProgressFn, cancel: CancelFn) -> BackupInfo:
        """Write the backup (on the worker thread)."""
        return desk.safety.backup(target, progress=progress, cancel=cancel)

    def done(info: BackupInfo) -> None:
        text = f"已备份到：\n{info.path}\n\n{backup_line(info)}，文件大小 {size_text(info.size)}。"
        messages.inform(window, text, "备份完成")

    _run(window, work, done, "正在备份", "备份")


def verify_text(report: VerifyReport) -> str:
    """Return the report of 检查数据完整性 in Chinese."""
    if report.ok:
        return f"检查通过：数据库完整，{report.files_checked}个附件校验无误。"
    lines = "\n".join(f"· {problem}" for problem in report.problems)
    return (
        f"发现{len(report.problems)}个问题：\n{lines}\n\n"
        "建议先用“文件 → 备份…”另存一份当前数据，再考虑“从备份恢复…”。"
    )


def start_verify(window: MainWindow) -> None:
    """Check the database and every attachment in the background, then report."""
    desk = window.desk

    def work(progress: ProgressFn, _cancel: CancelFn) -> VerifyReport:
        """Run the check (on the worker thread)."""
        progress(0.1, "正在检查数据库和附件…")
        return desk.safety.verify()

    def done(report: VerifyReport) -> None:
        show = messages.inform if report.ok else messages.warn
        show(window, verify_text(report), "检查数据完整性")

    _run(window, work, done, "检查数据完整性", "检查数据完整性")


@dataclass
class Restored:
    """What the restore work ended with: the reopened desk, the backup restored, any error."""

    desk: BranchDesk | None
    info: BackupInfo | None
    error: Exception | None


def pick_backup(window: MainWindow) -> Path | None:
    """Ask for a .bdbackup file (starting in the data dir's backups folder)."""
    chosen, _ = qt_chinese.get_open_file_name(
        window, "选择要恢复的备份", str(window.desk.paths.backups_dir), BACKUP_FILTER
    )
    return Path(chosen) if chosen else None


def confirm_text(info: BackupInfo) -> str:
    """Return the question asked before a restore."""
    return (
        f"确定要用以下备份替换当前的全部数据吗？\n\n{backup_line(info)}\n"
        f"文件：{info.path}\n\n恢复前会先检查备份文件是否完整，并把当前数据另存一份安全副本"
        "（在数据目录的备份文件夹中）；备份之后录入的内容将不再显示。"
    )


def start_restore(window: MainWindow, source: Path | None = None) -> None:
    """Confirm, then close the data, restore the backup and reopen it in the window."""
    path = source or pick_backup(window)
    if path is None:
        return
    try:
        info = read_manifest(path)
    except UserError as exc:
        messages.show_error(window, exc, "从备份恢复")
        return
    if window.tasks.busy():
        messages.warn(window, "后台任务仍在进行，请稍后再恢复。", "从备份恢复")
        return
    if not messages.confirm(window, confirm_text(info), "从备份恢复", yes="恢复"):
        return
    old = window.desk
    paths = old.paths
    password = backup_password(window, info, paths.data_dir)  # encryption at rest
    if info.encrypted and password is None:
        return

    def work(progress: ProgressFn, _cancel: CancelFn) -> Restored:
        """Check the file while the data is open, close it, restore, reopen (worker thread)."""
        progress(0.02, "正在校验备份文件")
        with verified_contents(path, paths.data_dir, password):
            pass  # a bad file is refused here, before anything is closed
        progress(0.05, "正在关闭当前数据")
        old.close()
        old.automatic_backups = False  # the caller closes it again at exit: nothing more to do
        restored: BackupInfo | None = None
        error: Exception | None = None
        try:
            restored = restore_backup(paths, path, progress=progress, password=password)
        except Exception as exc:  # reopened below; shown on the GUI thread
            error = exc
        try:
            desk = BranchDesk.open(paths)
        except Exception as exc:
            log.exception("reopening after restore failed")
            return Restored(None, restored, exc)
        return Restored(desk, restored, error)

    window.setEnabled(False)
    window.tasks.run(
        work,
        lambda result: _finish_restore(window, result),
        lambda exc: _refused(window, exc),
        title="正在从备份恢复",
        parent=window,
        cancellable=False,
    )


def _refused(window: MainWindow, exc: Exception) -> None:
    window.setEnabled(True)
    messages.show_failure(window, exc, "从备份恢复")


def _finish_restore(window: MainWindow, result: Restored) -> None:
    window.setEnabled(True)
    if result.desk is None:
        text = messages.error_text(result.error) if isinstance(result.error, UserError) else ""
        messages.warn(
            window,
            f"恢复后无法重新打开数据：{text or result.error}\n程序将关闭，请重新启动支部工作台。",
            "从备份恢复",
        )
        window.close()
        return
    window.replace_desk(result.desk)
    if result.error is not None:
        error = result.error
        if not isinstance(error, UserError):
            log.error("restore failed", exc_info=error)
        reason = messages.error_text(error) if isinstance(error, UserError) else str(error)
        messages.warn(window, f"恢复未完成：{reason}\n当前数据未做改动。", "从备份恢复")
        return
    assert result.info is not None
    messages.inform(
        window,
        f"已从备份恢复：{backup_line(result.info)}。\n"
        f"原有数据已另存安全副本于：\n{result.desk.paths.backups_dir}",
        "恢复完成",
    )
