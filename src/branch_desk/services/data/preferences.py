"""Preferences of this data directory (not of a branch): backup rotation and mirror folder."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from ...exports.safe_output import atomic_target
from ...storage.private import restrict

log = logging.getLogger(__name__)
FILE_NAME = "preferences.json"


@dataclass(frozen=True, slots=True)
class Preferences:
    """Typed preferences kept as JSON in the data dir."""

    keep_last: int = 10
    keep_monthly: int = 12
    mirror_dir: str = ""
    backup_on_close: bool = True
    daily_backup: bool = True

    def with_changes(self, **changes: object) -> Preferences:
        return replace(self, **changes)  # type: ignore[arg-type]


def load_preferences(data_dir: Path) -> Preferences:
    """Read the preferences (defaults when the file is missing or unreadable)."""
    path = data_dir / FILE_NAME
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Preferences()
    except (OSError, ValueError):
        log.warning("ignoring unreadable %s", path, exc_info=True)
        return Preferences()
    known = {k: v for k, v in raw.items() if k in Preferences.__dataclass_fields__}
    try:
        prefs = Preferences(**known)
    except TypeError:
        return Preferences()
    if not (isinstance(prefs.keep_last, int) and isinstance(prefs.keep_monthly, int)):
        return Preferences()
    return prefs


def save_preferences(data_dir: Path, prefs: Preferences) -> None:
    """Write the preferences atomically."""
    with atomic_target(data_dir / FILE_NAME, internal=True) as temp:
        temp.write_text(json.dumps(asdict(prefs), ensure_ascii=False, indent=1), encoding="utf-8")
    restrict(data_dir / FILE_NAME)
