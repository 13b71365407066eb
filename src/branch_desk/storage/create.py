"""Creating a new database all at once (never a half-built file at the database's path)."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.exc import OperationalError

from . import cipher, private
from .database import DatabaseDamaged, StorageFailed, make_engine, open_message
from .migrations import runner


def create_database(path: Path) -> None:
    """Create an up-to-date empty database at ``path`` all at once.

    It is built under a temporary name beside ``path`` and renamed into place when complete,
    so a file at ``path`` is always a whole database of ours (a crash leaves only the temp).
    """
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise DatabaseDamaged(
            f"数据库文件缺失，但留有未写入的日志文件 {wal}。请从备份恢复，或交技术人员处理。"
        )
    temp = path.with_name(f".{path.name}.creating")
    _remove_with_sidecars(temp)
    cipher.set_key(temp, cipher.key_for(path))  # encryption at rest: built encrypted from the start
    engine = make_engine(temp)
    try:
        with engine.begin() as conn:
            runner.upgrade(conn, runner.head_revision())
    except OperationalError as exc:
        engine.dispose()
        _remove_with_sidecars(temp)
        raise StorageFailed(open_message(exc.orig, path)) from exc  # type: ignore[arg-type]
    except BaseException:
        engine.dispose()
        _remove_with_sidecars(temp)
        raise
    engine.dispose()  # the last connection checkpoints and removes the WAL
    private.restrict(temp)
    with open(temp, "rb+") as handle:
        os.fsync(handle.fileno())
    for side in ("-wal", "-shm"):
        Path(f"{path}{side}").unlink(missing_ok=True)
    os.replace(temp, path)
    cipher.set_key(temp, None)


def _remove_with_sidecars(path: Path) -> None:
    for side in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{side}").unlink(missing_ok=True)
