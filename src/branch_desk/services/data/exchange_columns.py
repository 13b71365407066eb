"""The rows of an exchange file's table checked a column at a time (the fast path of an import).

An import reads about a million rows; checking them one value at a time in Python was most of
its time. Here each column is checked whole with built-in functions (the set of its value types,
its smallest and largest number, its longest text, its distinct values against the allowed
ones), and dates and times are read once per distinct text. It vouches only for what it can
check completely: any doubt (a fault, a missing field of an older file, a table with rules of
its own) returns None, and the row-by-row check (exchange_rows.py: ``_convert_row``) then runs
and names the first fault as it always did.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any

from ...storage.repositories.exchange import ColumnKind

# Tables with row rules of their own (exchange_rows.py: _check_table_rules) go row by row.
ROW_RULE_TABLES = frozenset({"candidate_steps", "rule_settings", "members"})
_NONE = type(None)
_TYPES: dict[ColumnKind, frozenset[type]] = {
    ColumnKind.INT: frozenset({int, _NONE}),
    ColumnKind.TEXT: frozenset({str, _NONE}),
    ColumnKind.BOOL: frozenset({bool, _NONE}),
    ColumnKind.DATE: frozenset({str, _NONE}),
    ColumnKind.DATETIME: frozenset({str, _NONE}),
    ColumnKind.TIME: frozenset({str, _NONE}),
}
INT_MIN, INT_END = -(2**63), 2**63  # what SQLite's INTEGER holds


def checked_columns(
    table: str, items: list[Any], checks: Sequence[Any], kinds: Sequence[ColumnKind]
) -> list[Sequence[Any]] | None:
    """The values of ``items`` a column at a time (Python values, in column order), if every
    value passes its column's check (``checks``: exchange_rows.py's ``_ColumnCheck``); else
    None."""
    if table in ROW_RULE_TABLES:
        return None
    keys = [c.key for c in checks]
    if items and (set(map(type, items)) != {dict} or set(map(len, items)) != {len(keys)}):
        return None
    if items and set().union(*items) != set(keys):  # every row holds exactly the columns
        return None
    columns: list[Sequence[Any]] = []
    for key, check, kind in zip(keys, checks, kinds, strict=True):
        values = _checked(list(map(itemgetter(key), items)), check, kind)
        if values is None:
            return None
        columns.append(values)
    if len(set(columns[keys.index("id")])) != len(items):
        return None
    return columns


def _checked(values: list[Any], check: Any, kind: ColumnKind) -> Sequence[Any] | None:
    types = set(map(type, values))
    if not types <= _TYPES[kind] or (_NONE in types and not check.nullable):
        return None
    present = [v for v in values if v is not None] if _NONE in types else values
    if not present:
        return values
    if kind is ColumnKind.INT:
        return values if min(present) >= INT_MIN and max(present) < INT_END else None
    if kind is ColumnKind.TEXT:
        if check.length and max(map(len, present)) > check.length:
            return None
        if check.allowed is not None and not set(present) <= check.allowed:
            return None
        return values
    if kind is ColumnKind.BOOL:
        return values
    return _read_once(values, set(present), check.convert)


def _read_once(
    values: list[Any], distinct: set[Any], convert: Callable[[Any], Any]
) -> list[Any] | None:
    """Dates and times: each distinct text read once; None if any does not read."""
    try:
        read = {text: convert(text) for text in distinct}
    except (TypeError, ValueError):
        return None
    return list(map(read.get, values))  # None stays None (not a key)
