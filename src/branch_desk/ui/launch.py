"""Start the GUI: open the data dir, and show any problem with it in a message box."""

from __future__ import annotations

import logging

from ..domain.errors import UserError
from ..paths import AppPaths
from ..services.app import BranchDesk

log = logging.getLogger(__name__)


def start_gui(paths: AppPaths) -> int:
    """Open ``paths`` and run the main window; problems opening it are shown, not raised."""
    from . import messages
    from .app import application, run_gui

    application()
    try:
        desk = BranchDesk.open(paths)
    except UserError as exc:
        messages.show_error(None, exc)
        return 1

    try:
        return run_gui(desk)
    finally:
        desk.close()
