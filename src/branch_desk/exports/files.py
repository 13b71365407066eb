"""Writing output files atomically: a temp name beside the target, renamed at the end."""

from __future__ import annotations

import contextlib
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
    try:
        yield temp
        os.replace(temp, target)
    except PermissionError:
        raise UserError(f"无法保存 {target.name}：文件正被其他程序打开，或没有写入权限。") from None
    except OSError as exc:
        raise UserError(f"无法保存 {target.name}：{exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
