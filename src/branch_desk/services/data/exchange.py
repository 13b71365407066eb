"""The JSON exchange file: a whole database, versioned, for moving data and for tests.

The format is documented in docs/exchange-format.md. Each table is a list of row objects
with the database ids kept, so references between tables stay valid.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Integer, String, Text, Time, func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ... import __version__
from ...domain.development import STEP_BY_CODE, RecordKind, Stage
from ...domain.dues import DuesCategory, Reduction
from ...domain.errors import UserError
from ...domain.events import (
    AbsenceReason,
    AppraisalGrade,
    AttendanceStatus,
    EventType,
    VoteKind,
    VoteMethod,
)
from ...domain.idcard import IdNumberError, parse_id_number
from ...domain.limits import (
    MAX_ATTACHMENT_BYTES,
    MAX_EXCHANGE_BYTES,
    MAX_NUMBER_DIGITS,
)
from ...domain.members import (
    Gender,
    MemberCategory,
    PartyStatus,
    RosterStatus,
    StatusChangeKind,
)
from ...domain.org import OfficerRole, OrgUnitKind
from ...domain.rules.settings import validate_setting
from ...domain.safe_names import UnsafeName, check_sha256, check_stored_name
from ...domain.voting import ExclusionKind
from ...exports.safe_output import atomic_target
from ...storage.database import Database
from ...storage.models import (
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
from ...storage.text_limits import text_limit
from ..outcome import Area, Outcome, changed
from .attachments import FileStore

FORMAT_NAME = "branch-desk-exchange"
FORMAT_VERSION = 6

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


class ExchangeError(UserError):
    """The exchange file cannot be imported; the message names the place."""


class ExchangeService:
    """Export the whole database to JSON, and import such a file into an empty one."""

    def __init__(self, db: Database, files: FileStore) -> None:
        self.db = db
        self.files = files

    def export_data(self, path: Path) -> dict[str, int]:
        """Write every table to ``path``; return row counts by table."""
        document = self.export_document()
        with atomic_target(Path(path)) as temp:
            temp.write_text(_dumps(document), encoding="utf-8")
        return {name: len(document[name]) for name in table_names()}

    def export_document(self) -> dict[str, Any]:
        """Return the exchange document as plain JSON-ready data."""
        document: dict[str, Any] = {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "app_version": __version__,
            "exported_at": self.db.now().isoformat(),
        }
        with self.db.session(audited=False) as s:
            for model in TABLES:
                document[model.__tablename__] = [
                    _row_to_json(model, r) for r in _all_rows(s, model)
                ]
        for item in document["stored_files"]:
            item["content"] = self._content(item["sha256"])
        return document

    def _content(self, sha256: str) -> str | None:
        try:
            return base64.b64encode(self.files.read_bytes(sha256)).decode("ascii")
        except (OSError, UnsafeName):
            return None  # a missing blob or a hash that names no file of ours: no content

    def import_data(self, path: Path) -> Outcome[dict[str, int]]:
        """Load an exchange file into this (empty) database, all or nothing."""
        document = read_document(Path(path))
        contents = _take_contents(document)
        rows = {model.__tablename__: _rows_from_json(model, document) for model in TABLES}
        created = self._write_contents(contents)
        try:
            self._insert(rows)
        except BaseException:
            for blob in created:
                blob.unlink(missing_ok=True)
            raise
        return changed({k: len(v) for k, v in rows.items()}, Area.ALL)

    def _write_contents(self, contents: dict[str, bytes]) -> list[Path]:
        created = []
        for sha256, data in contents.items():
            target = self.files.path_of(sha256)
            if target.exists():
                continue
            try:
                with atomic_target(_ensure_parent(target), internal=True) as temp:
                    temp.write_bytes(data)
                    self.files.seal(temp)  # encryption at rest
            except UserError:
                for blob in created:
                    blob.unlink(missing_ok=True)
                raise
            created.append(target)
        return created

    def _insert(self, rows: dict[str, list[dict[str, Any]]]) -> None:
        with self.db.session(audited=False) as s:
            tables = [m for m in TABLES if m.__tablename__ not in HISTORY_TABLES]
            if any(s.scalar(select(func.count()).select_from(m)) for m in tables):
                raise ExchangeError(
                    "只能导入到空的数据目录（当前数据目录已有数据）；未做任何改动。"
                )
            s.execute(text("PRAGMA defer_foreign_keys=ON"))
            for model in TABLES:
                if rows[model.__tablename__]:
                    try:
                        s.execute(model.__table__.insert(), rows[model.__tablename__])
                    except IntegrityError as exc:
                        raise ExchangeError(f"交换文件中的数据相互矛盾：{exc.orig}") from None
            broken = s.execute(text("PRAGMA foreign_key_check")).first()
            if broken is not None:
                table, rowid, parent = broken[0], broken[1], broken[2]
                raise ExchangeError(
                    f"交换文件中 {table} 第 {rowid} 号记录引用了不存在的 {parent} 记录"
                )


def _ensure_parent(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def _take_contents(document: dict[str, Any]) -> dict[str, bytes]:
    """Remove and check the base64 contents of stored files; return them by SHA-256.

    Every row's hash and file name are checked here, with or without content: they are later
    used to build paths (attachments/ab/abcdef…, the copy opened for the user).
    """
    contents: dict[str, bytes] = {}
    items = document.get("stored_files", [])
    if not isinstance(items, list):
        return contents
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        where = f"stored_files[{index}]"
        sha256 = check_sha256(item.get("sha256"), f"{where}.sha256")
        check_stored_name(item.get("original_name"), f"{where}.original_name")
        encoded = item.pop("content", None)
        if encoded is None:
            continue
        if not isinstance(encoded, str) or len(encoded) > MAX_ATTACHMENT_BYTES * 4 // 3 + 4:
            raise ExchangeError(f"{where}.content 应为 base64 文本，且附件不超过500 MB")
        try:
            data = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            raise ExchangeError(f"{where}.content 不是有效的 base64 内容") from None
        if hashlib.sha256(data).hexdigest() != sha256:
            raise ExchangeError(f"{where}.content 与记录的 SHA-256 不符（文件已损坏）")
        if item.get("size") != len(data):
            raise ExchangeError(f"{where}.size 与附件内容的大小（{len(data)} 字节）不符")
        contents[sha256] = data
    return contents


def table_names() -> list[str]:
    return [m.__tablename__ for m in TABLES]


def read_document(path: Path) -> dict[str, Any]:
    """Read and check the envelope of an exchange file."""
    try:
        if path.stat().st_size > MAX_EXCHANGE_BYTES:
            raise ExchangeError(
                f"{path.name} 过大（超过 {MAX_EXCHANGE_BYTES // (1024 * 1024)} MB），不予导入"
            )
        raw = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ExchangeError(f"文件不存在：{path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ExchangeError(f"无法读取 {path.name}：{exc}") from None
    try:
        document = json.loads(raw, parse_int=_parse_int, parse_float=_parse_float)
    except json.JSONDecodeError as exc:
        raise ExchangeError(
            f"{path.name} 不是有效的 JSON（第{exc.lineno}行第{exc.colno}列）"
        ) from None
    except (RecursionError, ValueError):
        raise ExchangeError(f"{path.name} 的 JSON 嵌套过深或数字过长，不是交换文件") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise ExchangeError(f"{path.name} 不是支部工作台的数据交换文件")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ExchangeError("交换文件缺少有效的版本号（version）")
    if version > FORMAT_VERSION:
        raise ExchangeError(
            f"交换文件版本为 {version}，本程序只支持到 {FORMAT_VERSION}，请升级支部工作台后再导入"
        )
    if version < 1:
        raise ExchangeError(f"交换文件版本 {version} 无效（应为 1 到 {FORMAT_VERSION}）")
    known = {"format", "version", "app_version", "exported_at", *table_names()}
    unknown = sorted(set(document) - known)
    if unknown:
        raise ExchangeError(f"交换文件含有未知的内容：{'、'.join(unknown)}")
    return document


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise ExchangeError(f"交换文件中的数字过长（超过{MAX_NUMBER_DIGITS}位）：{text[:20]}…")
    return int(text)


def _parse_float(text: str) -> float:
    if len(text) > MAX_NUMBER_DIGITS + 10:
        raise ExchangeError(f"交换文件中的数字过长：{text[:20]}…")
    return float(text)


def _all_rows(s: Session, model: type[Base]) -> list[Any]:
    """Return the table's rows as plain column tuples (no ORM objects: far faster to read)."""
    table = model.__table__
    return list(s.execute(select(table).order_by(table.c.id)))


def _row_to_json(model: type[Base], row: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    values = row._mapping
    for column in model.__table__.columns:
        value = values[column]
        out[column.key] = value.isoformat() if isinstance(value, date | datetime | time) else value
    return out


def _rows_from_json(model: type[Base], document: dict[str, Any]) -> list[dict[str, Any]]:
    table = model.__tablename__
    items = document.get(table, [])
    if not isinstance(items, list):
        raise ExchangeError(f"{table} 应为数组")
    rows = []
    seen: set[int] = set()
    for index, item in enumerate(items):
        where = f"{table}[{index}]"
        if not isinstance(item, dict):
            raise ExchangeError(f"{where} 应为对象")
        row = _convert_row(model, item, where)
        if row["id"] in seen:
            raise ExchangeError(f"{where}.id 重复：{row['id']}")
        seen.add(row["id"])
        rows.append(row)
    return rows


def _dumps(document: dict[str, Any]) -> str:
    """Write the document with one row per line (compact rows through the fast C encoder)."""

    def dump(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    lines = ["{"]
    keys = list(document)
    for index, key in enumerate(keys):
        comma = "," if index < len(keys) - 1 else ""
        value = document[key]
        if isinstance(value, list):
            rows = ",\n  ".join(dump(row) for row in value)
            lines.append(
                f"{dump(key)}: [\n  {rows}\n]{comma}" if value else f"{dump(key)}: []{comma}"
            )
        else:
            lines.append(f"{dump(key)}: {dump(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


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
def _column_checks(model: type[Base]) -> tuple[_ColumnCheck, ...]:
    checks = []
    for column in model.__table__.columns:
        convert, label = _converter(column.type)
        enum = ENUM_COLUMNS.get((model.__tablename__, column.key))
        allowed = frozenset(e.value for e in enum) if enum is not None else None
        default = column.default.arg if column.default is not None else None
        checks.append(
            _ColumnCheck(
                column.key,
                bool(column.nullable),
                convert,
                label,
                text_limit(column.type),
                allowed,
                default if isinstance(default, str | int) else None,
            )
        )
    return tuple(checks)


def _convert_row(model: type[Base], item: dict[str, Any], where: str) -> dict[str, Any]:
    checks = _column_checks(model)
    unknown = sorted(set(item) - {c.key for c in checks})
    if unknown:
        raise ExchangeError(f"{where} 含有未知字段：{'、'.join(unknown)}")
    row: dict[str, Any] = {}
    for check in checks:
        key = check.key
        value = item.get(key, check.default)
        if value is None:
            if not check.nullable:
                raise ExchangeError(f"{where}.{key} 不能为空")
            row[key] = None
            continue
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
    if model is CandidateStep and row["step"] not in STEP_BY_CODE:
        raise ExchangeError(f"{where}.step 的值“{row['step']}”无效")
    if model is CandidateStep and row["data"]:
        try:
            json.loads(row["data"])
        except json.JSONDecodeError:
            raise ExchangeError(f"{where}.data 不是有效的 JSON 文本") from None
    if model is RuleSetting:
        try:
            row["value"] = validate_setting(row["key"], row["value"])
        except ValueError as exc:
            raise ExchangeError(f"{where}：{exc}") from None
    if model is Member and row.get("id_number"):
        try:
            row["id_number"] = parse_id_number(row["id_number"]).value
        except IdNumberError as exc:
            raise ExchangeError(f"{where}.id_number 无效：{exc}") from None
    return row


def _converter(kind: Any) -> tuple[Callable[[Any], Any], str]:
    converters: list[tuple[type, Callable[[Any], Any], str]] = [
        (DateTime, _datetime_value, "日期时间（YYYY-MM-DDTHH:MM:SS）"),
        (Date, _date_value, "日期（YYYY-MM-DD）"),
        (Time, _time_value, "时间（HH:MM:SS）"),
        (Boolean, _bool_value, "true 或 false"),
        (Integer, _int_value, "整数"),
        (String, _str_value, "文本"),
        (Text, _str_value, "文本"),
    ]
    for sql_type, convert, label in converters:
        if isinstance(kind, sql_type):
            return convert, label
    raise TypeError(f"unsupported column type {kind!r}")


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
    if isinstance(value, bool) or not isinstance(value, int) or not -(2**63) <= value < 2**63:
        raise TypeError(value)
    return value


def _str_value(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(value)
    return value
