"""Automatic backups (daily and on close when data changed) and the `verify` check."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ...domain.errors import UserError
from ...domain.safe_names import UnsafeName
from ...paths import AppPaths
from ...storage import cipher
from ...storage.database import Database
from ...storage.repositories import attachments as stored_files
from ..data.attachments import FileStore
from ..data.preferences import load_preferences
from ..progress import Cancel, Progress, never_cancel, no_progress
from .backup import SUFFIX, BackupInfo, write_backup
from .daily import AUTO_PREFIX, daily_backup_due
from .rotation import rotate

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class VerifyReport:
    """The result of `verify`: every problem found (empty when all is well)."""

    problems: tuple[str, ...]
    files_checked: int

    @property
    def ok(self) -> bool:
        return not self.problems


def _plain_sha256(paths: AppPaths, sha: str) -> str:
    """The SHA-256 of an attachment's content (decrypted when sealed); '' when unreadable."""
    try:
        return FileStore(paths.attachments_dir).plain_sha256(sha)
    except UserError:
        return ""


class SafetyService:
    """Backups made without being asked, and the full consistency check."""

    def __init__(self, paths: AppPaths, db: Database) -> None:
        self.paths = paths
        self.db = db
        self._audit_mark = db.opened_audit_id

    def changed_since_open(self) -> bool:
        """Tell whether anything was written since the data dir was opened."""
        return self.db.last_audit_id() != self._audit_mark

    def backup(
        self, target: Path, *, progress: Progress = no_progress, cancel: Cancel = never_cancel
    ) -> BackupInfo:
        """Write a manual backup to ``target`` (.bdbackup), once the integrity check passed."""
        self.db.gate.require()  # a file that failed its check is never copied into a backup
        target = Path(target)
        if target.suffix.lower() != SUFFIX:
            target = target.with_name(target.name + SUFFIX)
        return write_backup(self.paths, target, "手动备份", progress=progress, cancel=cancel)

    def automatic(self, reason: str) -> BackupInfo | None:
        """Write an automatic backup into backups/ (and the mirror folder), then rotate; never raises."""
        prefs = load_preferences(self.paths.data_dir)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        name = f"{AUTO_PREFIX}{stamp}{SUFFIX}"
        counter = 1
        while (self.paths.backups_dir / name).exists():
            counter += 1
            name = f"{AUTO_PREFIX}{stamp}-{counter}{SUFFIX}"
        try:
            self.db.gate.require()  # never rotate good backups out for a damaged file's copy
            info = write_backup(self.paths, self.paths.backups_dir / name, reason)
            rotate(self.paths.backups_dir, prefs.keep_last, prefs.keep_monthly)
        except (UserError, OSError, *cipher.DB_ERRORS):
            log.exception("automatic backup failed")
            return None
        if prefs.mirror_dir:
            mirror = Path(prefs.mirror_dir)
            try:
                write_backup(self.paths, mirror / name, reason)
                rotate(mirror, prefs.keep_last, prefs.keep_monthly)
            except (UserError, OSError, *cipher.DB_ERRORS):
                log.warning("mirror backup to %s failed", mirror, exc_info=True)
        return info

    def daily(self) -> BackupInfo | None:
        """Back up once a day, at the first use (only when there is data)."""
        if not daily_backup_due(self.paths, self._audit_mark):
            return None
        return self.automatic("每日自动备份")

    def on_close(self) -> BackupInfo | None:
        """Back up when data changed since opening."""
        if (
            not load_preferences(self.paths.data_dir).backup_on_close
            or not self.changed_since_open()
        ):
            return None
        return self.automatic("关闭时自动备份")

    def verify(self) -> VerifyReport:
        """Run SQLite's integrity and foreign-key checks and re-hash every attachment."""
        problems: list[str] = []
        conn = cipher.connect(self.paths.database, readonly=True)  # encryption at rest
        try:
            result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            if result != ["ok"]:
                problems.append("数据库完整性检查未通过：" + "；".join(map(str, result[:5])))
            broken = conn.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                problems.append(f"数据库中有{len(broken)}条记录引用了不存在的记录")
        finally:
            conn.close()
        with self.db.session(audited=False) as s:
            stored = stored_files.every_file(s)
        store = FileStore(self.paths.attachments_dir)
        for sha, name in ((f.sha256, f.original_name) for f in stored):
            try:
                blob = store.path_of(sha)
            except UnsafeName:
                problems.append(f"附件记录的校验值无效（不是 SHA-256）：{name}")
                continue
            if not blob.is_file():
                problems.append(f"附件缺失：{name}（{sha[:12]}…）")
            elif _plain_sha256(self.paths, sha) != sha:
                problems.append(f"附件已损坏（校验不符）：{name}（{sha[:12]}…）")
        return VerifyReport(tuple(problems), len(stored))
