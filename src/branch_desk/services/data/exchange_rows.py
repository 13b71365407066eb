"""The rows of an exchange file: written as JSON objects, read back checked column by column.

Each value is checked against its column (kind, empty or not, length, allowed enum values) and
a few tables' own rules (development steps, rule settings, ID numbers), so an import refuses a
bad file naming the place (``members[3].birth_date``) before anything is written.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from functools import cache
from typing import Any

from ...domain.development import STEP_BY_CODE, RecordKind, Stage
from ...domain.dues import DuesCategory, Reduction
from ...domain.events import (
    AbsenceReason,
    AppraisalGrade,
    AttendanceStatus,
    EventType,
    VoteKind,
    VoteMethod,
)
from ...domain.idcard import IdNumberError, parse_id_number
from ...domain.members import (
    Gender,
    MemberCategory,
    PartyStatus,
    RosterStatus,
    StatusChangeKind,
)
from ...domain.org import OfficerRole, OrgUnitKind
from ...domain.rules.settings import validate_setting
from ...domain.voting import ExclusionKind
from ...storage.repositories.exchange import ColumnKind, columns
from .exchange_columns import INT_END as _INT_END
from .exchange_columns import INT_MIN as _INT_MIN
from .exchange_columns import checked_columns
from .exchange_file import ExchangeError

# Columns whose values must be one of an enum's values.
ENUM_COLUMNS: dict[tuple[str, str], type[StrEnum]] = {
    ("org_units", "kind"): OrgUnitKind,
    ("officers", "role"): OfficerRole,
    ("members", "gender"): Gender,
    ("members", "category"): MemberCategory,
    ("members", "party_status"): PartyStatus,
    ("members", "roster_status"): RosterStatus,
    ("member_status_changes", "kind"): StatusChangeKind,
    ("voting_exclusions", "kind"): ExclusionKind,
    ("events", "type"): EventType,
    ("event_extra_types", "type"): EventType,
    ("attendance", "status"): AttendanceStatus,
    ("attendance", "reason"): AbsenceReason,
    ("attendance", "grade"): AppraisalGrade,
    ("votes", "kind"): VoteKind,
    ("votes", "method"): VoteMethod,
    ("dues_assessments", "category"): DuesCategory,
    ("dues_assessments", "reduction"): Reduction,
    ("candidates", "gender"): Gender,
    ("candidates", "category"): MemberCategory,
    ("candidates", "ended"): Stage,
    ("candidate_records", "kind"): RecordKind,
}


def rows_to_json(table: str, rows: Sequence[Sequence[Any]]) -> list[dict[str, Any]]:
    """The rows of ``table`` as stored (column tuples) as JSON-ready objects.

    Dates, times and datetimes are written in ISO form as Python writes them (what SQLAlchemy
    would have read, ``isoformat()``), flags as true/false; each distinct stored value is
    converted once (the audit log repeats its times by the thousand).
    """
    keys = [c.key for c in columns(table)]
    found = [dict(zip(keys, row, strict=True)) for row in rows]
    for column in columns(table):
        convert = _TO_JSON.get(column.kind)
        if convert is None:
            continue
        key, written = column.key, {}
        for item in found:
            value = item[key]
            if value is not None:
                text = written.get(value)
                if text is None:
                    text = written[value] = convert(value)
                item[key] = text
    return found


_TO_JSON: dict[ColumnKind, Callable[[Any], Any]] = {
    ColumnKind.DATETIME: lambda stored: datetime.fromisoformat(stored).isoformat(),
    ColumnKind.DATE: lambda stored: date.fromisoformat(stored).isoformat(),
    ColumnKind.TIME: lambda stored: time.fromisoformat(stored).isoformat(),
    ColumnKind.BOOL: bool,
}


def rows_from_json(table: str, document: dict[str, Any]) -> list[Sequence[Any]]:
    """The checked values of ``table`` in ``document``, a column at a time in the order of its
    columns (storage/repositories/exchange.py: ``columns``), as Python values."""
    items = document.get(table, [])
    if not isinstance(items, list):
        raise ExchangeError(f"{table} 应为数组")
    checks = _column_checks(table)
    kinds = [c.kind for c in columns(table)]
    fast = checked_columns(table, items, checks, kinds)  # when every value passes
    if fast is not None:
        return fast
    rows = _rows_one_by_one(table, items)
    return [[row[c.key] for row in rows] for c in checks]


def _rows_one_by_one(table: str, items: list[Any]) -> list[dict[str, Any]]:
    """Check each row in turn; the first fault is refused naming its place."""
    rows = []
    seen: set[int] = set()
    for index, item in enumerate(items):
        where = f"{table}[{index}]"
        if not isinstance(item, dict):
            raise ExchangeError(f"{where} 应为对象")
        row = _convert_row(table, item, where)
        if row["id"] in seen:
            raise ExchangeError(f"{where}.id 重复：{row['id']}")
        seen.add(row["id"])
        rows.append(row)
    return rows


@dataclass(frozen=True, slots=True)
class _ColumnCheck:
    """How one column's values are read and checked (built once per table)."""

    key: str
    nullable: bool
    convert: Callable[[Any], Any]
    label: str
    length: int | None
    allowed: frozenset[str] | None
    # The model's scalar default: what a field added in a later version holds in an older file.
    default: Any = None


@cache
def _column_checks(table: str) -> tuple[_ColumnCheck, ...]:
    checks = []
    for column in columns(table):
        convert, label = _CONVERTERS[column.kind]
        enum = ENUM_COLUMNS.get((table, column.key))
        allowed = frozenset(e.value for e in enum) if enum is not None else None
        checks.append(
            _ColumnCheck(
                column.key,
                column.nullable,
                convert,
                label,
                column.length,
                allowed,
                column.default,
            )
        )
    return tuple(checks)


@cache
def _column_keys(table: str) -> frozenset[str]:
    return frozenset(c.key for c in _column_checks(table))


def _convert_row(table: str, item: dict[str, Any], where: str) -> dict[str, Any]:
    checks = _column_checks(table)
    if not item.keys() <= _column_keys(table):
        unknown = sorted(set(item) - _column_keys(table))
        raise ExchangeError(f"{where} 含有未知字段：{'、'.join(unknown)}")
    row: dict[str, Any] = {}
    for check in checks:  # one loop, no call per value: an import converts millions of them
        key = check.key
        value = item.get(key, check.default)
        if value is None:
            if not check.nullable:
                raise ExchangeError(f"{where}.{key} 不能为空")
            row[key] = None
            continue
        kind = type(value)  # text and whole numbers, most values, are checked here inline
        if (kind is str and check.convert is _str_value) or (
            kind is int and check.convert is _int_value and _INT_MIN <= value < _INT_END
        ):
            result = value
        else:
            try:
                result = check.convert(value)
            except (TypeError, ValueError):
                raise ExchangeError(f"{where}.{key} 应为{check.label}，实际为 {value!r}") from None
        if check.length and isinstance(result, str) and len(result) > check.length:
            raise ExchangeError(
                f"{where}.{key} 过长（{len(result)}个字符，最多{check.length}个字符）"
            )
        if check.allowed is not None and result not in check.allowed:
            raise ExchangeError(f"{where}.{key} 的值“{result}”无效")
        row[key] = result
    _check_table_rules(table, row, where)
    return row


def _check_table_rules(table: str, row: dict[str, Any], where: str) -> None:
    """The checks a column's kind cannot express; some values are normalised in place."""
    if table == "candidate_steps" and row["step"] not in STEP_BY_CODE:
        raise ExchangeError(f"{where}.step 的值“{row['step']}”无效")
    if table == "candidate_steps" and row["data"]:
        try:
            json.loads(row["data"])
        except json.JSONDecodeError:
            raise ExchangeError(f"{where}.data 不是有效的 JSON 文本") from None
    if table == "rule_settings":
        try:
            row["value"] = validate_setting(row["key"], row["value"])
        except ValueError as exc:
            raise ExchangeError(f"{where}：{exc}") from None
    if table == "members" and row.get("id_number"):
        try:
            row["id_number"] = parse_id_number(row["id_number"]).value
        except IdNumberError as exc:
            raise ExchangeError(f"{where}.id_number 无效：{exc}") from None


def _datetime_value(value: Any) -> datetime:
    if not isinstance(value, str):
        raise TypeError(value)
    return datetime.fromisoformat(value)


def _date_value(value: Any) -> date:
    if not isinstance(value, str) or len(value) != 10:
        raise ValueError(value)
    return date.fromisoformat(value)


def _time_value(value: Any) -> time:
    if not isinstance(value, str):
        raise TypeError(value)
    return time.fromisoformat(value)


def _bool_value(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(value)
    return value


def _int_value(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not _INT_MIN <= value < _INT_END:
        raise TypeError(value)
    return value


def _str_value(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(value)
    return value


_CONVERTERS: dict[ColumnKind, tuple[Callable[[Any], Any], str]] = {
    ColumnKind.DATETIME: (_datetime_value, "日期时间（YYYY-MM-DDTHH:MM:SS）"),
    ColumnKind.DATE: (_date_value, "日期（YYYY-MM-DD）"),
    ColumnKind.TIME: (_time_value, "时间（HH:MM:SS）"),
    ColumnKind.BOOL: (_bool_value, "true 或 false"),
    ColumnKind.INT: (_int_value, "整数"),
    ColumnKind.TEXT: (_str_value, "文本"),
}
