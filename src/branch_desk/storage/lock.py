"""One running instance per data directory, enforced with OS locks held for the process lifetime.

On POSIX the data dir itself is locked (flock on an open handle of the folder), besides the
lock file: deleting the lock file then does not let a second instance in, and a read-only data
dir can still be locked. On Windows the lock file is held open and locked with msvcrt; an open
file cannot be deleted there, so the lock file is enough.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO

from ..domain.errors import UserError


class AlreadyRunning(UserError):
    """Another Branch Desk process holds this data directory."""


class InstanceLock:
    """An exclusive, non-blocking lock on ``path`` (and its folder), released on close or exit.

    With ``shared_ok`` (a read-only data dir) a lock file that cannot be opened for writing
    is skipped; the folder lock still keeps other instances out.
    """

    def __init__(self, path: Path, *, shared_ok: bool = False) -> None:
        self.path = path
        self.shared_ok = shared_ok
        self._handle: IO[str] | None = None
        self._folder: int | None = None

    def acquire(self) -> None:
        """Take the lock or raise AlreadyRunning; never waits."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._folder = _lock_folder(self.path.parent, self._refusal)
        try:
            self._handle = self._lock_file()
        except BaseException:
            self._release_folder()
            raise

    def _lock_file(self) -> IO[str] | None:
        try:
            handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 — held until release()
        except OSError as exc:
            if self.shared_ok and exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                return None
            raise
        try:
            _lock(handle)
        except OSError:
            handle.close()
            raise self._refusal() from None
        with contextlib.suppress(OSError):  # the pid is informative; a full disk must not stop us
            handle.seek(0)
            handle.truncate()
            handle.write(str(os.getpid()))
            handle.flush()
        return handle

    def _refusal(self) -> AlreadyRunning:
        return AlreadyRunning(
            f"支部工作台已在使用该数据目录（{self.path.parent}），请先关闭另一个窗口或命令后再试。"
        )

    def release(self) -> None:
        """Release the lock (idempotent)."""
        if self._handle is not None:
            with contextlib.suppress(OSError):
                _unlock(self._handle)
            with contextlib.suppress(OSError):  # a pid that could not be flushed (disk full)
                self._handle.close()
            self._handle = None
        self._release_folder()

    def _release_folder(self) -> None:
        if self._folder is not None:
            os.close(self._folder)  # closing the handle drops its flock
            self._folder = None

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


if sys.platform == "win32":
    import msvcrt

    def _lock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

    def _lock_folder(folder: Path, refusal: Callable[[], AlreadyRunning]) -> int | None:
        return None  # an open, locked lock file cannot be deleted on Windows

else:
    import fcntl

    def _lock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def _lock_folder(folder: Path, refusal: Callable[[], AlreadyRunning]) -> int | None:
        """Hold an flock on the folder itself for as long as the returned handle is open.

        Where folders cannot be locked (some network file systems) the lock file alone is used.
        """
        try:
            handle = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError:
            return None
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(handle)
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise refusal() from None
            return None
        return handle
