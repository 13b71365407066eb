"""Owner-only permissions for the data dir and everything in it (POSIX).

The data dir holds every member's 身份证号 and phone number, so on POSIX it is 0700 and each
file in it 0600: set when created (the process umask is 077 while the app runs) and tightened
again when an existing data dir is opened. On Windows nothing is changed: the data dir lives in
the user's own profile folder, which other users of the machine cannot read.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

log = logging.getLogger(__name__)

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
PRIVATE_UMASK = 0o077
ENABLED = sys.platform != "win32"


@contextlib.contextmanager
def private_umask() -> Iterator[None]:
    """Create every new file and folder owner-only while the block runs (POSIX)."""
    if not ENABLED:
        yield
        return
    previous = os.umask(PRIVATE_UMASK)
    try:
        yield
    finally:
        os.umask(previous)


def make_private_dir(folder: Path) -> None:
    """Create ``folder`` (and missing parents) and make it owner-only."""
    folder.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    restrict(folder)


def restrict(path: Path) -> None:
    """Make one file 0600 or one folder 0700 (POSIX); a failure is logged, never raised."""
    if not ENABLED:
        return
    try:
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            return
        wanted = PRIVATE_DIR if stat.S_ISDIR(mode) else PRIVATE_FILE
        if stat.S_IMODE(mode) & ~wanted & 0o777:
            os.chmod(path, stat.S_IMODE(mode) & wanted)
    except OSError:
        log.warning("could not restrict permissions of %s", path, exc_info=True)


def tighten(data_dir: Path) -> None:
    """Make the data dir and everything below it owner-only (skips symlinks; never raises)."""
    if not ENABLED or not data_dir.is_dir():
        return
    restrict(data_dir)
    for root, dirs, files in os.walk(data_dir):
        for name in (*dirs, *files):
            restrict(Path(root) / name)
