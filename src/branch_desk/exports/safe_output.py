"""Writing output files: never into an open data dir, atomically (a temp beside, renamed).

One helper for every document the app writes: :func:`atomic_target`. It refuses a target
inside a data directory open in this process (the live database, its backups …), writes to
a hidden temp name beside the target (``.<stem>~bd-<pid>-<random><suffix>``) and renames it
at the end. Temp files a killed process left behind are removed the next time anything is
written to the same folder (see :func:`clean_leftovers`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from ..domain.errors import UserError

PARTIAL_MARK = "~bd-"
STALE_SECONDS = 3600  # where a dead process cannot be told apart (Windows): age
_PROTECTED: dict[str, Path] = {}  # data dirs open in this process, by normalised path


def _key(path: Path) -> str:
    try:
        resolved = Path(path).resolve()
    except (OSError, RuntimeError):
        resolved = Path(os.path.abspath(path))
    return os.path.normcase(str(resolved))


def protect_folder(folder: Path) -> None:
    """Refuse every output into ``folder`` (an open data dir) from now on."""
    _PROTECTED[_key(folder)] = Path(folder)


def release_folder(folder: Path) -> None:
    """Allow outputs into ``folder`` again (its data dir was closed)."""
    _PROTECTED.pop(_key(folder), None)


def check_output(target: Path) -> Path:
    """Return ``target`` when it is a fine place for a document, else raise UserError.

    Refused: anything inside an open data dir (the database, backups, logs …) or the
    data dir itself.
    """
    target = Path(target)
    key = _key(target)
    for folder_key in _PROTECTED:
        if key == folder_key or key.startswith(folder_key.rstrip(os.sep) + os.sep):
            raise UserError(
                f"不能保存到数据文件夹内：{target}。该文件夹存放支部工作台的数据库、备份和附件，"
                "写入其中可能损坏数据。请另选保存位置（例如“文档”文件夹）。"
            )
    return target


def partial_prefix(target: Path) -> str:
    """The hidden name start of this process's temp files for ``target``."""
    return f".{Path(target).stem}{PARTIAL_MARK}{os.getpid()}-"


def temp_beside(target: Path) -> Path:
    """Return an unused hidden temp name beside ``target`` (same suffix), not yet created."""
    target = Path(target)
    return target.with_name(f"{partial_prefix(target)}{uuid.uuid4().hex[:8]}{target.suffix}")


def _pid_of(name: str) -> int | None:
    _, _, rest = name.partition(PARTIAL_MARK)
    head = rest.split("-", 1)[0]
    return int(head) if head.isdigit() else None


def process_alive(pid: int) -> bool:
    """Tell whether a process with ``pid`` still runs (POSIX; elsewhere assume it does)."""
    if pid == os.getpid() or sys.platform == "win32":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def is_stale(path: Path) -> bool:
    """Tell whether ``path`` is a temp file or folder left by a process that was killed.

    On POSIX: its process no longer runs. On Windows (no safe liveness test): older than
    an hour.
    """
    pid = _pid_of(path.name)
    if pid is None or not path.name.startswith(".") or pid == os.getpid():
        return False
    if sys.platform != "win32":
        return not process_alive(pid)
    try:
        return time.time() - path.lstat().st_mtime > STALE_SECONDS
    except OSError:
        return False


def clean_leftovers(folder: Path) -> list[Path]:
    """Remove temp files and folders killed runs left in ``folder``; return what went."""
    removed: list[Path] = []
    try:
        candidates = [p for p in Path(folder).iterdir() if PARTIAL_MARK in p.name]
    except OSError:
        return removed
    for path in candidates:
        if not is_stale(path):
            continue
        with contextlib.suppress(OSError):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
            removed.append(path)
    return removed


@contextlib.contextmanager
def atomic_target(target: Path, *, internal: bool = False) -> Iterator[Path]:
    """Yield a temp path to write; on success it replaces ``target``, on failure it vanishes.

    ``internal`` writes are the app's own files inside its data dir (backups, settings,
    attachments); every other target is checked with :func:`check_output` first.
    """
    target = Path(target)
    if not internal:
        check_output(target)
    folder = target.parent
    if not folder.is_dir():
        raise UserError(f"保存位置不存在：{folder}")
    clean_leftovers(folder)
    try:
        handle, temp_name = tempfile.mkstemp(
            prefix=partial_prefix(target), suffix=target.suffix, dir=folder
        )
    except OSError as exc:
        raise UserError(f"无法在 {folder} 写入文件：{exc.strerror or exc}") from None
    os.close(handle)
    temp = Path(temp_name)
    with contextlib.suppress(OSError):
        os.chmod(temp, 0o666 & ~_UMASK)  # mkstemp makes 0600; the result should be an ordinary file
    try:
        yield temp
        os.replace(temp, target)
    except UserError:
        raise
    except PermissionError:
        raise UserError(f"无法保存 {target.name}：文件正被其他程序打开，或没有写入权限。") from None
    except OSError as exc:
        raise UserError(f"无法保存 {target.name}：{_reason(exc)}") from None
    except Exception as exc:
        if not _is_write_failure(exc):
            raise
        raise UserError(f"无法保存 {target.name}：磁盘空间不足或文件写入失败（{exc}）。") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


def _reason(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        return "磁盘空间不足"
    if exc.errno == errno.EROFS:
        return "保存位置为只读"
    return exc.strerror or str(exc)


def _is_write_failure(exc: Exception) -> bool:
    """Tell whether a library error (lxml, zipfile) is really a failed write to disk."""
    name = type(exc).__name__
    text = str(exc)
    return name in {"SerialisationError", "LargeZipFile"} or any(
        marker in text for marker in ("EFBIG", "ENOSPC", "No space left", "File too large")
    )
