"""Cleaning what a killed `backup` or `restore` left behind, at the next start.

Called while holding the data dir's lock, so no other Branch Desk process is working in it:
every file matching one of our own temp-name patterns is a leftover of a dead process.
Only those names are touched, and only when older than the call (never a file being made now).
"""

from __future__ import annotations

import logging
import shutil
import time
from pathlib import Path

from ...paths import AppPaths

log = logging.getLogger(__name__)

BACKUP_SUFFIX = ".bdbackup"
# (folder relative to the data dir, glob) for every temp name backup, restore and the file
# store make: write_backup's work folder, restore's extraction folder and staged database,
# atomic_target's hidden partial backups, FileStore's incoming copies.
PATTERNS: tuple[tuple[str, str], ...] = (
    (".", ".backup-*"),
    (".", ".restore-*"),
    (".", "*.sqlite3.restoring"),
    ("backups", f".*{BACKUP_SUFFIX}"),
    ("attachments", "*/.incoming-*"),
)


def clean_leftovers(paths: AppPaths, *, before: float | None = None) -> list[Path]:
    """Remove stale temp files and folders of killed operations; return what was removed."""
    cutoff = time.time() if before is None else before
    removed = []
    for folder, pattern in PATTERNS:
        base = paths.data_dir / folder
        for found in sorted(base.glob(pattern)) if base.is_dir() else []:
            if _stale(found, cutoff) and _remove(found):
                removed.append(found)
    if removed:
        log.info("removed %d leftovers of interrupted operations: %s", len(removed), removed)
    return removed


def _stale(path: Path, cutoff: float) -> bool:
    try:
        return not path.is_symlink() and path.stat().st_mtime <= cutoff
    except OSError:
        return False


def _remove(path: Path) -> bool:
    try:
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
    except OSError:
        log.warning("could not remove leftover %s", path, exc_info=True)
        return False
    return True
