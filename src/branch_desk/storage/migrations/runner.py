"""Run the Alembic chain against an open connection."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

SCRIPT_LOCATION = Path(__file__).resolve().parent


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@lru_cache(maxsize=1)
def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(_config())


def head_revision() -> str:
    """Return the newest revision this version knows."""
    head = _scripts().get_current_head()
    assert head is not None, "migration chain is empty"
    return head


def all_revisions() -> list[str]:
    """Return every known revision, oldest first."""
    return [rev.revision for rev in reversed(list(_scripts().walk_revisions()))]


def is_known(revision: str) -> bool:
    """Tell whether ``revision`` belongs to this version's chain."""
    return revision in set(all_revisions())


def current_revision(connection: Connection) -> str | None:
    """Return the revision stamped in the database, or None for an empty one."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: Connection, revision: str = "head") -> None:
    """Upgrade the database behind ``connection`` to ``revision``."""
    command.upgrade(_config(connection), revision)
