"""Whether the day's automatic backup is still to be made: read before the backup code loads.

Opening a data dir asks this right after its integrity check; on every opening of a day but
the first the answer is no, and services/safety/auto_backup.py (with the ORM behind it) is not
loaded on the checking thread while the window opens.
"""

from __future__ import annotations

from datetime import datetime

from ...paths import AppPaths
from ..data.preferences import load_preferences

AUTO_PREFIX = "auto-"
SUFFIX = ".bdbackup"


def daily_backup_due(paths: AppPaths, audit_mark: int) -> bool:
    """Tell whether the first use today must back up: enabled, data there, none made today."""
    if audit_mark == 0 or not load_preferences(paths.data_dir).daily_backup:
        return False
    today = datetime.now().strftime("%Y%m%d")
    return not any(paths.backups_dir.glob(f"{AUTO_PREFIX}{today}-*{SUFFIX}"))
