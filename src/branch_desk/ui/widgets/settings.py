"""The one place the window's remembered state (column widths, geometry, choices) is opened."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from ...services.app import BranchDesk


def ui_settings(where: BranchDesk | Path) -> QSettings:
    """Return the INI-backed settings of ``where`` (a desk, or the settings file itself)."""
    file = where if isinstance(where, Path) else where.paths.ui_settings
    return QSettings(str(file), QSettings.Format.IniFormat)
