"""Where Branch Desk keeps its data and finds its resources; resolved once in main()."""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "BranchDesk"
ENV_HOME = "BRANCH_DESK_HOME"
DATABASE_NAME = "branch-desk.sqlite3"


@dataclass(frozen=True)
class AppPaths:
    """The data directory and everything inside it, plus the resources folder."""

    data_dir: Path
    resources_dir: Path

    @classmethod
    def resolve(
        cls, data_dir: str | os.PathLike[str] | None = None, env: Mapping[str, str] | None = None
    ) -> AppPaths:
        """Pick the data dir: ``--data-dir``, else $BRANCH_DESK_HOME, else the platform default."""
        environ = os.environ if env is None else env
        if data_dir:
            chosen = Path(data_dir)
        elif environ.get(ENV_HOME):
            chosen = Path(environ[ENV_HOME])
        else:
            from platformdirs import user_data_dir

            chosen = Path(user_data_dir(APP_NAME, appauthor=False, roaming=True))
        return cls(data_dir=chosen.expanduser().absolute(), resources_dir=_resources_dir())

    @property
    def database(self) -> Path:
        return self.data_dir / DATABASE_NAME

    @property
    def attachments_dir(self) -> Path:
        return self.data_dir / "attachments"

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def logs_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def lock_file(self) -> Path:
        return self.data_dir / "branch-desk.lock"

    @property
    def ui_settings(self) -> Path:
        return self.data_dir / "ui-settings.ini"

    def ensure(self) -> None:
        """Create the data dir and its sub-folders when missing, owner-only (0700 on POSIX).

        A data dir that exists but cannot be written (read-only) is left as it is.
        """
        from .storage.private import make_private_dir

        if self.data_dir.is_dir() and self.read_only():
            return
        for folder in (self.data_dir, self.attachments_dir, self.backups_dir, self.logs_dir):
            make_private_dir(folder)

    def read_only(self) -> bool:
        """Tell whether the data dir exists but this user cannot write in it."""
        return self.data_dir.is_dir() and not os.access(self.data_dir, os.W_OK)

    def resource(self, name: str) -> Path:
        """Return the path of a bundled resource file."""
        return self.resources_dir / name


def bundled_resource(name: str) -> Path:
    """Return the path of a bundled resource file, without choosing a data dir."""
    return _resources_dir() / name


def _resources_dir() -> Path:
    """The resources folder: in a PyInstaller bundle, the package, or the source tree."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    # branch_desk.resources is the top-level resources/ folder, mapped into the package by
    # pyproject.toml (a wheel copies it; an editable install points at the source folder).
    spec = importlib.util.find_spec("branch_desk.resources")
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return Path(__file__).resolve().parents[2] / "resources"
