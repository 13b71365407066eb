"""Whether another Branch Desk process holds a data dir, asked before a window shows."""

from __future__ import annotations

from ...paths import AppPaths
from ...storage.lock import AlreadyRunning, InstanceLock


def running_elsewhere(paths: AppPaths) -> str | None:
    """Tell (in Chinese) whether another process holds the data dir; None when it is free.

    A quick look before a window shows: the lock is taken and given back at once (opening
    the data dir takes it for good, and still refuses a second instance on its own).
    """
    lock = InstanceLock(paths.lock_file, shared_ok=True)
    try:
        lock.acquire()
    except AlreadyRunning as exc:
        return exc.message
    except OSError:  # e.g. a data dir that cannot be written: opening it will explain
        return None
    lock.release()
    return None
