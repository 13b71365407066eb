"""Filling a data dir with the demo all or nothing: built aside, renamed into place when done.

The demo is written into a staging data dir (``.demo-*`` inside the data dir) and its database
renamed over the target only once complete, so an interrupted or killed `demo` leaves no
partial branch behind; the next run removes the staging leftovers and starts again.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from ...domain.errors import UserError
from ...paths import AppPaths
from ...storage.database import Database
from ...storage.lock import InstanceLock
from ..app import BranchDesk
from ..org.units import OrgService
from .branch import DemoSummary, fill_demo

STAGING_PREFIX = ".demo-"
NOT_EMPTY = "数据目录中已有数据，演示数据只能填入空的数据目录（可用 --data-dir 指定新目录）。"


def build_demo(paths: AppPaths, seed: int = 1) -> DemoSummary:
    """Fill the (new or empty) data dir ``paths`` with the demo branch, all or nothing."""
    paths.ensure()
    with InstanceLock(paths.lock_file):
        if paths.database.exists():
            _require_empty(paths)
        remove_leftovers(paths.data_dir)
        work = Path(tempfile.mkdtemp(dir=paths.data_dir, prefix=STAGING_PREFIX))
        try:
            staging = AppPaths(data_dir=work, resources_dir=paths.resources_dir)
            with BranchDesk.open(staging, automatic_backups=False, create=True) as desk:
                summary = fill_demo(desk, seed=seed)
            _move_attachments(staging, paths)
            for side in ("-wal", "-shm"):
                Path(f"{paths.database}{side}").unlink(missing_ok=True)
            os.replace(staging.database, paths.database)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return summary


def remove_leftovers(data_dir: Path) -> None:
    """Delete staging folders of demo runs that were killed (call with the data dir locked)."""
    for folder in data_dir.glob(f"{STAGING_PREFIX}*"):
        if folder.is_dir() and not folder.is_symlink():
            shutil.rmtree(folder, ignore_errors=True)


def _require_empty(paths: AppPaths) -> None:
    """Refuse a database that holds a branch; a sound empty one may be replaced."""
    db = Database.open(paths.database, backups_dir=paths.backups_dir, create=False)
    try:
        if OrgService(db).is_set_up():
            raise UserError(NOT_EMPTY)
    finally:
        db.close()


def _move_attachments(staging: AppPaths, paths: AppPaths) -> None:
    for blob in sorted(staging.attachments_dir.rglob("*")):
        if blob.is_file():
            target = paths.attachments_dir / blob.relative_to(staging.attachments_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists():
                os.replace(blob, target)
