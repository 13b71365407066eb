"""Telling a full disk apart from a bad file, and copies that never leave a truncated file."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import zipfile
from pathlib import Path

from ...domain.errors import UserError
from ...storage.connect import is_disk_full

MB = 1024 * 1024


class DiskFull(UserError):
    """The disk of the data dir is full; the file being read may be fine; nothing was changed."""


def caused_by_disk_full(exc: BaseException | None) -> bool:
    """Tell whether ``exc`` or any error it was raised from or during means a full disk."""
    seen = 0
    while exc is not None and seen < 20:
        if is_disk_full(exc):
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


def require_free_space(folder: Path, needed: int, message: str) -> None:
    """Raise DiskFull with ``message`` (and the sizes) when ``folder``'s disk lacks ``needed``."""
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return
    if free < needed:
        raise DiskFull(f"{message}（需要约 {_mb(needed)} MB，可用 {_mb(free)} MB）")


def unpacked_size(archive_path: Path) -> int:
    """The total size of a zip's members once extracted (0 when it cannot be read)."""
    try:
        with zipfile.ZipFile(archive_path) as archive:
            return sum(max(info.file_size, 0) for info in archive.infolist())
    except (OSError, zipfile.BadZipFile, ValueError):
        return 0


def copy_whole(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` through a temp file in its folder (fsynced, then renamed).

    On any failure (a full disk) the temp file is removed: ``target`` is whole or absent.
    """
    handle, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}-")
    os.close(handle)
    temp = Path(temp_name)
    try:
        shutil.copyfile(source, temp)
        with open(temp, "rb+") as out:
            os.fsync(out.fileno())
        os.replace(temp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def _mb(size: int) -> str:
    return f"{max(size, 0) / MB:.1f}"
