"""A table's rows as the exchange file writes them, each row's JSON text made by SQLite.

The exchange writer's own conversion (services/data/exchange_rows.py: ``rows_to_json``, then
the C JSON encoder) is the definition; this is the same text made inside SQLite's JSON
functions, which escape text exactly as Python's encoder does with non-ASCII kept (checked
for every code point in tests/storage/test_exchange_json.py). Each stored value must be in the
form SQLAlchemy stores it (whole numbers, text, ``YYYY-MM-DD``, ``YYYY-MM-DD HH:MM:SS.ffffff``,
``HH:MM:SS.ffffff``, flags 0/1); a value in any other form makes the row NULL (or, in a
date or time column, the whole table None), and the caller then converts that table in Python.

A date or time column holds few distinct values (an audit log's thousands of rows share a
handful of timestamps): its form is checked once per distinct value, not on every row.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session

from .exchange import ColumnKind, ColumnSpec, columns

_QUOTE = sqlite.dialect().identifier_preparer.quote
_D = "[0-9]"
_DAY = f"{_D * 4}-{_D * 2}-{_D * 2}"
_CLOCK = f"{_D * 2}:{_D * 2}:{_D * 2}.{_D * 6}"
MAX_COLUMNS = 60  # json_object takes at most 127 arguments (two per column)


def json_rows(s: Session, table: str) -> list[str] | None:
    """The rows of ``table`` by id as their JSON object texts, or None if SQLite cannot make
    them all (a value not in its stored form, or no JSON functions in this SQLite)."""
    specs = columns(table)
    if len(specs) > MAX_COLUMNS:
        return None
    per_row = [c for c in specs if c.kind not in _DISTINCT_CHECKED]
    checks = " AND ".join(_check(c) for c in per_row) or "1"
    pairs = ", ".join(f"'{c.key}', {_value(c)}" for c in specs)
    sql = (
        f"SELECT CASE WHEN {checks} THEN json_object({pairs}) END "
        f"FROM {_QUOTE(table)} ORDER BY {_QUOTE('id')}"
    )
    connection = s.connection().connection.driver_connection
    try:
        if not all(_distinct_ok(connection, table, c) for c in specs):
            return None
        rows = connection.execute(sql).fetchall()  # type: ignore[union-attr]
    except sqlite3.OperationalError:  # an SQLite without JSON functions
        return None
    texts = [row[0] for row in rows]
    return None if None in texts else texts


_DISTINCT_CHECKED = (ColumnKind.DATE, ColumnKind.DATETIME, ColumnKind.TIME)


def _distinct_ok(connection: Any, table: str, spec: ColumnSpec) -> bool:
    """Whether every distinct value of a date or time column is in its stored form (the same
    SQL test as a row's, once per value; ``LIMIT -1`` keeps SQLite from moving the test into
    the subquery, onto every row)."""
    if spec.kind not in _DISTINCT_CHECKED:
        return True
    x = _QUOTE(spec.key)
    sql = (
        f"SELECT 1 FROM (SELECT DISTINCT {x} FROM {_QUOTE(table)} LIMIT -1) "
        f"WHERE ({_check(spec)}) IS NOT 1 LIMIT 1"
    )
    return connection.execute(sql).fetchone() is None


def _check(spec: ColumnSpec) -> str:
    """SQL true when the column's value is empty or in the form it is stored in."""
    x = _QUOTE(spec.key)
    if spec.kind in (ColumnKind.INT, ColumnKind.BOOL):
        return f"typeof({x}) IN ('integer', 'null')"
    if spec.kind is ColumnKind.TEXT:
        return f"typeof({x}) IN ('text', 'null')"
    if spec.kind is ColumnKind.DATE:
        form = f"{x} GLOB '{_DAY}' AND {x} >= '0001' AND {_same('date', x)}"
    elif spec.kind is ColumnKind.DATETIME:
        whole = f"substr({x}, 1, 19)"
        form = f"{x} GLOB '{_DAY} {_CLOCK}' AND {x} >= '0001' AND {_same('datetime', whole)}"
    else:
        form = f"{x} GLOB '{_CLOCK}' AND {_same('time', f'substr({x}, 1, 8)')}"
    return f"({x} IS NULL OR (typeof({x}) = 'text' AND {form}))"


def _same(function: str, part: str) -> str:
    """SQL true when SQLite reads ``part`` as the day or time it spells (the '+0 days' makes
    it carry an impossible day or hour over, as 2-30 to 3-1: then the text differs)."""
    return f"{function}({part}, '+0 days') IS {part}"


def _value(spec: ColumnSpec) -> str:
    """SQL for the column's value as the exchange file writes it (Python's ``isoformat``)."""
    x = _QUOTE(spec.key)
    if spec.kind is ColumnKind.BOOL:
        return f"CASE WHEN {x} IS NULL THEN NULL WHEN {x} THEN json('true') ELSE json('false') END"
    if spec.kind is ColumnKind.DATETIME:  # 'T' between day and time, no .000000
        return f"substr({x}, 1, 10) || 'T' || substr({x}, 12, 8) || {_fraction(x, 20)}"
    if spec.kind is ColumnKind.TIME:
        return f"substr({x}, 1, 8) || {_fraction(x, 9)}"
    return x


def _fraction(x: str, start: int) -> str:
    return f"CASE substr({x}, {start}) WHEN '.000000' THEN '' ELSE substr({x}, {start}) END"
