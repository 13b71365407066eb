"""Bulk reads as plain tuples, for the few queries that return tens of thousands of rows.

SQLAlchemy makes a ``Row`` and runs a type conversion for every value of every row; over the
attendance or the dues months of a whole 党委-year that is more than half of the read. These
queries are still built with SQLAlchemy (so names and quoting are its own), rendered once with
their values inline, and run on the session's own SQLite connection, inside its transaction.
Values come back as SQLite stores them: numbers and text, dates as ISO text (``Dates`` turns
those into dates, each distinct text once).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Select
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session

_DIALECT = sqlite.dialect()


def plain_rows(s: Session, query: Select[Any]) -> list[tuple[Any, ...]]:
    """Return the rows of ``query`` as plain tuples of stored values."""
    sql = str(query.compile(dialect=_DIALECT, compile_kwargs={"literal_binds": True}))
    connection = s.connection().connection.driver_connection
    return connection.execute(sql).fetchall()  # type: ignore[union-attr,no-any-return]


class Dates:
    """Turn stored ISO dates into dates, parsing each distinct text once."""

    def __init__(self) -> None:
        self.seen: dict[str, date] = {}

    def __call__(self, text: str) -> date:
        found = self.seen.get(text)
        if found is None:
            found = self.seen[text] = date.fromisoformat(text)
        return found
