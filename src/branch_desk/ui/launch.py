"""Start the GUI: open the data dir, and show any problem with it in a message box."""

from __future__ import annotations

import logging
import os
import sys

from ..domain.errors import UserError
from ..paths import AppPaths

log = logging.getLogger(__name__)


def has_display() -> bool:
    """Tell whether a window can be shown (always on Windows and macOS)."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def start_gui(paths: AppPaths) -> int:
    """Open ``paths`` and run the main window; problems opening it are shown, not raised.

    A damaged database offers to restore a backup (ui/safety/startup.py); a newer schema or
    another running instance is explained, then the program quits.
    """
    if not has_display():
        raise UserError("没有可用的图形显示，无法打开窗口；可使用命令行（branch-desk --help）。")
    from ..services.safety import keys as cipher
    from .app import application, run_gui
    from .safety.startup import open_desk
    from .security import unlock

    application()
    if cipher.needs_password(paths.database) and not unlock(paths.database):  # encryption at rest
        return 1
    desk = open_desk(paths)
    if desk is None:
        return 1
    try:
        return run_gui(desk)
    finally:
        desk.close()
