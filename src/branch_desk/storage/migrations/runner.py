"""Run the Alembic chain against an open connection.

Opening an up-to-date database needs only the chain's revisions and the stamped one; both are
read without importing Alembic (a few hundred milliseconds of every start-up). Alembic is
imported when a database actually has to be upgraded.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

SCRIPT_LOCATION = Path(__file__).resolve().parent
VERSION_TABLE = "alembic_version"
_REVISION = re.compile(r"^revision\s*=\s*[\"']([^\"']+)[\"']", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision\s*=\s*(?:[\"']([^\"']+)[\"']|None)", re.MULTILINE)


def _config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@lru_cache(maxsize=1)
def _chain() -> tuple[str, ...]:
    """Return every revision, oldest first, as the version scripts declare them."""
    parent_of: dict[str, str | None] = {}
    for script in sorted((SCRIPT_LOCATION / "versions").glob("*.py")):
        source = script.read_text(encoding="utf-8")
        revision = _REVISION.search(source)
        down = _DOWN_REVISION.search(source)
        if revision is None or down is None:
            continue
        parent_of[revision.group(1)] = down.group(1)
    child_of = {parent: child for child, parent in parent_of.items()}
    assert len(child_of) == len(parent_of), "the migration chain branches"
    chain, current = [], child_of.get(None)
    while current is not None:
        chain.append(current)
        current = child_of.get(current)
    assert len(chain) == len(parent_of), "the migration chain is broken"
    return tuple(chain)


def head_revision() -> str:
    """Return the newest revision this version knows."""
    chain = _chain()
    assert chain, "migration chain is empty"
    return chain[-1]


def all_revisions() -> list[str]:
    """Return every known revision, oldest first."""
    return list(_chain())


def is_known(revision: str) -> bool:
    """Tell whether ``revision`` belongs to this version's chain."""
    return revision in set(_chain())


def current_revision(connection: Connection) -> str | None:
    """Return the revision stamped in the database, or None for an empty one."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    return connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def upgrade(connection: Connection, revision: str = "head") -> None:
    """Upgrade the database behind ``connection`` to ``revision``."""
    from alembic import command

    command.upgrade(_config(connection), revision)


def downgrade(connection: Connection, revision: str) -> None:
    """Downgrade the database behind ``connection`` to ``revision`` ("base" drops everything).

    The app itself never downgrades; every migration's ``downgrade()`` is kept working and run
    by tests/storage/test_schema_guards.py so that a release can be rolled back by hand.
    """
    from alembic import command

    command.downgrade(_config(connection), revision)
