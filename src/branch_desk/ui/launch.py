"""Start the GUI: open the data dir, and show any problem with it in a message box."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from ..domain.errors import UserError
from ..paths import AppPaths
from ..services.app import BranchDesk

log = logging.getLogger(__name__)


def start_gui(paths: AppPaths) -> int:
    """Open ``paths`` and run the main window; problems opening it are shown, not raised."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("支部工作台")
    try:
        desk = BranchDesk.open(paths)
    except UserError as exc:
        QMessageBox.critical(None, "支部工作台", exc.message)
        return 1
    from .app import run_gui

    try:
        return run_gui(desk)
    finally:
        desk.close()
