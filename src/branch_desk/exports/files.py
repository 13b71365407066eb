"""Writing output files atomically: a temp name beside the target, renamed at the end."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ..domain.errors import UserError


@contextlib.contextmanager
def atomic_target(target: Path) -> Iterator[Path]:
    """Yield a temp path to write; on success it replaces ``target``, on failure it vanishes."""
    target = Path(target)
    folder = target.parent
    if not folder.is_dir():
        raise UserError(f"保存位置不存在：{folder}")
    try:
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{target.stem}-", suffix=target.suffix, dir=folder
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
