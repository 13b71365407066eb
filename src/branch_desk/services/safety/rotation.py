"""Rotating automatic backups: the last few, one a month for a year, and the last good one."""

from __future__ import annotations

from pathlib import Path

from ...domain.errors import UserError
from ...paths import DATABASE_NAME
from ...storage import cipher
from .backup import SUFFIX
from .restore import verified_contents


def rotate(folder: Path, keep_last: int, keep_monthly: int) -> list[Path]:
    """Delete automatic backups beyond the last ``keep_last`` plus one per month for a year.

    The newest backup that passes verification is never deleted, nor, when that one holds no
    records, the newest verified one that does: a run of broken or empty backups (a damaged
    or emptied database backed up again and again) never rotates away the last good one.
    """
    autos = sorted(folder.glob(f"auto-*{SUFFIX}"), reverse=True)
    keep = set(autos[:keep_last])
    months: set[str] = set()
    for path in autos:
        month = path.name[5:11]  # auto-YYYYMM…
        if month not in months and len(months) < keep_monthly:
            months.add(month)
            keep.add(path)
    keep.update(_newest_verified(autos, folder))
    removed = [p for p in autos if p not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def _newest_verified(newest_first: list[Path], work_dir: Path) -> list[Path]:
    """The newest backup passing verification, and the newest one that also has records."""
    found: list[Path] = []
    # an encrypted data dir's backups open with its key (the backups folder sits in the data dir)
    password = cipher.key_for(work_dir.parent / DATABASE_NAME)
    for path in newest_first:
        try:
            with verified_contents(path, work_dir, password) as (info, _folder):
                has_records = any(info.counts.values())
        except (UserError, OSError, *cipher.DATABASE_ERRORS):
            continue
        if not found or has_records:
            found.append(path)
        if has_records:
            break
    return found
