"""The program's log: a rotating file in the data dir, never the user's console."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler

from ..paths import AppPaths
from ..storage import private


def setup_logging(paths: AppPaths) -> None:
    """Log to a rotating file in the data dir (never to the user's console).

    When the log cannot be opened (a read-only or full data dir) the program runs without one.
    """
    root = logging.getLogger()
    if any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        return
    logging.raiseExceptions = False  # a log that cannot be written (disk full) stays silent
    try:
        private.make_private_dir(paths.logs_dir)
        handler = RotatingFileHandler(
            paths.logs_dir / "branch-desk.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        root.addHandler(logging.NullHandler())
        return
    private.restrict(paths.logs_dir / "branch-desk.log")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
