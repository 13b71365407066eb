"""Guards on the schema: models and migrations agree, every revision upgrades with its data,
every migration downgrades."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from branch_desk.storage.database import Database, make_engine
from branch_desk.storage.migrations import runner
from branch_desk.storage.models import Base
from tests.storage.fixtures.make_frozen import SENTINEL

FIXTURES = Path(__file__).parent / "fixtures"


def _rows_by_table(path: Path) -> dict[str, list[dict[str, object]]]:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
                " AND name != 'alembic_version'"
            )
        ]
        return {t: [dict(r) for r in conn.execute(f'SELECT * FROM "{t}"')] for t in tables}
    finally:
        conn.close()


def test_every_revision_has_a_frozen_database_with_every_table_filled():
    for revision in runner.all_revisions():
        frozen = FIXTURES / f"filled_{revision}.sqlite3"
        assert frozen.exists(), (
            f"no frozen database for revision {revision}: "
            "run python tests/storage/fixtures/make_frozen.py and commit the file"
        )
        rows = _rows_by_table(frozen)
        assert rows and all(len(r) == 1 for r in rows.values()), revision


@pytest.mark.parametrize("revision", runner.all_revisions())
def test_frozen_database_of_every_revision_upgrades_with_every_row(tmp_path: Path, revision: str):
    """A database as revision N left it, a row in every table, upgrades to head and keeps them."""
    path = tmp_path / "data.sqlite3"
    shutil.copy(FIXTURES / f"filled_{revision}.sqlite3", path)
    before = _rows_by_table(path)
    db = Database.open(path, backups_dir=tmp_path / "backups")
    try:
        assert db.schema_revision() == runner.head_revision()
    finally:
        db.close()
    after = _rows_by_table(path)
    for table, rows in before.items():
        assert table in after, f"table {table} lost by the upgrade from {revision}"
        assert len(after[table]) == len(rows), table
        for column, value in rows[0].items():
            if isinstance(value, str) and value.startswith(SENTINEL):
                assert after[table][0].get(column) == value, f"{table}.{column}"


def test_models_and_migrations_agree(tmp_path: Path):
    """The head of the migration chain builds exactly the schema the models declare."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = make_engine(tmp_path / "head.sqlite3")
    try:
        with engine.begin() as conn:
            runner.upgrade(conn, "head")
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            differences = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    assert differences == []


def test_every_migration_downgrades_and_upgrades_again(tmp_path: Path):
    path = tmp_path / "round.sqlite3"
    shutil.copy(FIXTURES / f"filled_{runner.all_revisions()[0]}.sqlite3", path)
    engine = make_engine(path)
    try:
        with engine.begin() as conn:
            runner.upgrade(conn, "head")
        for revision in reversed(runner.all_revisions()[:-1]):
            with engine.begin() as conn:
                runner.downgrade(conn, revision)
                assert runner.current_revision(conn) == revision
        with engine.begin() as conn:
            runner.downgrade(conn, "base")
            tables = {
                r[0]
                for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))
            }
            assert tables <= {"alembic_version"}
        with engine.begin() as conn:
            runner.upgrade(conn, "head")
            assert runner.current_revision(conn) == runner.head_revision()
    finally:
        engine.dispose()
