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
    """Show the main window for ``paths`` and run it; problems opening it are shown, not raised.

    The window comes first, the data dir is opened right after its first frame (ui/app.py:
    run_shell). A damaged database offers to restore a backup (ui/safety/startup.py); a newer
    schema or another running instance is explained, then the program quits; another instance
    is told before any window shows.
    """
    if not has_display():
        raise UserError("没有可用的图形显示，无法打开窗口；可使用命令行（branch-desk --help）。")
    from ..services.safety.instance import running_elsewhere
    from . import messages
    from .app import application, run_shell

    application()
    busy = running_elsewhere(paths)
    if busy is not None:
        messages.warn(None, busy + "\n\n本窗口将关闭。", "支部工作台已在运行")
        return 1
    return run_shell(paths)
