"""Removing what killed archive builds left behind (light: opening a data dir calls it)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from ...exports.safe_output import clean_leftovers


def clean_staging(folder: Path | None = None) -> list[Path]:
    """Remove what killed builds left: private staging folders, temp files beside ``folder``."""
    removed = clean_leftovers(Path(tempfile.gettempdir()))
    if folder is not None:
        removed += clean_leftovers(folder)
    return removed
