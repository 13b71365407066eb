"""The whole database as plain rows, for the exchange file: read every table, fill an empty one.

Rows are column tuples (reading) and dicts of Python values keyed by column (writing), never ORM
objects. Inserting goes through the tables' Core ``insert()``, so SQLAlchemy's type conversion
stores datetimes, dates, times and booleans exactly as the rest of the app does.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Integer, String, Text, Time, func, select, text
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session

from ..models import (
    Attendance,
    AuditEntry,
    Base,
    CalendarDay,
    Candidate,
    CandidateDocument,
    CandidateRecord,
    CandidateStep,
    DuesAssessment,
    DuesPayment,
    DuesPaymentMonth,
    DuesRemittance,
    Event,
    EventAttachment,
    EventExtraType,
    Honour,
    Member,
    MemberStatusChange,
    Officer,
    OrgUnit,
    ReportText,
    RuleSetting,
    StoredFile,
    StudyFocus,
    Vote,
    VotingExclusion,
)
from ..text_limits import text_limit
from .plain import plain_rows

# Tables in dependency order; later modules append theirs.
TABLES: list[type[Base]] = [
    OrgUnit,
    Member,
    Officer,
    MemberStatusChange,
    RuleSetting,
    VotingExclusion,
    StoredFile,
    Event,
    EventExtraType,
    Attendance,
    Vote,
    EventAttachment,
    DuesAssessment,
    DuesPayment,
    DuesPaymentMonth,
    DuesRemittance,
    Candidate,
    CandidateStep,
    CandidateRecord,
    CandidateDocument,
    CalendarDay,
    ReportText,
    Honour,
    StudyFocus,
    AuditEntry,
]
# Tables that only describe other rows; an import needs at least one other row to be refused.
HISTORY_TABLES = frozenset({"audit_log"})
_BY_NAME = {model.__tablename__: model for model in TABLES}
_DIALECT = sqlite.dialect()


class ColumnKind(StrEnum):
    """The kinds of value a column holds, as the exchange file writes them."""

    DATETIME = "datetime"
    DATE = "date"
    TIME = "time"
    BOOL = "bool"
    INT = "int"
    TEXT = "text"


# First match wins (Text is a String; the order matches the types' specificity).
_KINDS: tuple[tuple[type, ColumnKind], ...] = (
    (DateTime, ColumnKind.DATETIME),
    (Date, ColumnKind.DATE),
    (Time, ColumnKind.TIME),
    (Boolean, ColumnKind.BOOL),
    (Integer, ColumnKind.INT),
    (String, ColumnKind.TEXT),
    (Text, ColumnKind.TEXT),
)


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    """One column of an exchanged table: its name, kind, whether it may be empty, its limit."""

    key: str
    kind: ColumnKind
    nullable: bool
    length: int | None
    # The model's scalar default: what a field added in a later version holds in an older file.
    default: Any = None


class InconsistentRows(Exception):
    """The rows contradict each other or the schema (a unique or check constraint)."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class DanglingReference(Exception):
    """A row refers to a row of another table that is not there."""

    def __init__(self, table: str, row_id: int, parent: str) -> None:
        super().__init__(f"{table} {row_id} → {parent}")
        self.table, self.row_id, self.parent = table, row_id, parent


def table_names() -> list[str]:
    """The exchanged tables, in dependency order (referenced tables first)."""
    return list(_BY_NAME)


@cache
def columns(table: str) -> tuple[ColumnSpec, ...]:
    """The columns of ``table`` in their schema order."""
    specs = []
    for column in _BY_NAME[table].__table__.columns:
        default = column.default.arg if column.default is not None else None
        specs.append(
            ColumnSpec(
                column.key,
                _kind(column.type),
                bool(column.nullable),
                text_limit(column.type),
                default if isinstance(default, str | int) else None,
            )
        )
    return tuple(specs)


def _kind(sql_type: Any) -> ColumnKind:
    for sql_class, kind in _KINDS:
        if isinstance(sql_type, sql_class):
            return kind
    raise TypeError(f"unsupported column type {sql_type!r}")


def table_rows(s: Session, table: str) -> list[Sequence[Any]]:
    """The rows of ``table`` by id, as tuples in the order of :func:`columns`, read as stored
    (``plain_rows``: dates, times and datetimes as SQLite holds them, as ISO text; flags 0/1)."""
    model_table = _BY_NAME[table].__table__
    return plain_rows(s, select(model_table).order_by(model_table.c.id))


def holds_data(s: Session) -> bool:
    """Whether any table other than the history tables has a row."""
    return any(
        s.scalar(select(func.count()).select_from(model))
        for model in TABLES
        if model.__tablename__ not in HISTORY_TABLES
    )


def insert_all(s: Session, values: dict[str, list[Sequence[Any]]]) -> None:
    """Insert every table's rows (ids kept), references checked once all are in.

    ``values``: each table's values a column at a time, in the order of :func:`columns`.
    Each value is stored as SQLAlchemy stores it (the column type's own bind processor, run
    once per distinct value), the rows sent to SQLite in one ``executemany`` per table.
    Raises InconsistentRows or DanglingReference; the caller's transaction then rolls back.
    """
    connection = s.connection().connection.driver_connection
    s.execute(text("PRAGMA defer_foreign_keys=ON"))
    for model in TABLES:
        table = model.__tablename__
        if values[table] and values[table][0]:
            rows = zip(*_stored(table, values[table]), strict=True)
            try:
                connection.executemany(_insert_sql(table), rows)  # type: ignore[union-attr]
            except sqlite3.IntegrityError as exc:
                raise InconsistentRows(str(exc)) from None
    broken = s.execute(text("PRAGMA foreign_key_check")).first()
    if broken is not None:
        raise DanglingReference(broken[0], broken[1], broken[2])


@cache
def _insert_sql(table: str) -> str:
    return str(_BY_NAME[table].__table__.insert().compile(dialect=_DIALECT))


def _stored(table: str, values: list[Sequence[Any]]) -> list[Sequence[Any]]:
    """The columns with dates, times and flags as SQLite stores them (each distinct value once)."""
    found = list(values)
    for index, column in enumerate(_BY_NAME[table].__table__.columns):
        process = column.type.dialect_impl(_DIALECT).bind_processor(_DIALECT)
        if process is not None:
            stored = {v: process(v) for v in set(found[index]) if v is not None}
            found[index] = list(map(stored.get, found[index]))
    return found
