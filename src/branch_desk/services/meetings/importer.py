"""Importing a meeting ledger (会议台账): preview by row and column, then all or nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.errors import UserError
from ...domain.events import AbsenceReason, AttendanceStatus, EventType
from ...domain.text import as_typed, squeeze
from ...domain.voting import MemberFacts
from ...storage.database import Database
from ...storage.models import Event
from ...storage.repositories import events as stored_events
from ...storage.repositories import units
from ...storage.repositories.units import group_ids_by_name
from ..checking.rule_settings import SettingsService
from ..outcome import Area, Outcome, changed
from ..progress import Cancel, Progress, never_cancel, no_progress
from ..roster.people import load_facts, roll_on
from ..sheets.cells import CellError, date_cell, free_text_cell, text_cell
from ..sheets.reader import CellProblem, PreviewCounts, SheetTable, read_table
from .attendance import expected_attendance, expected_for
from .events import AttendanceInput, EventInput, EventService
from .import_hours import (
    FROM_TIMES,
    MISSING,
    MISSING_MESSAGE,
    NOT_STUDY,
    hours_notice,
    row_hours,
)
from .import_merge import input_of, merge, same

ALIASES: dict[str, tuple[str, ...]] = {
    "day": ("日期", "会议日期", "时间", "会议时间"),
    "start": ("开始时间", "起始时间"),
    "end": ("结束时间", "截止时间"),
    "type": ("会议类型", "类型", "会议形式", "活动类型"),
    "title": ("主题/议题", "主题", "议题", "会议主题", "内容"),
    "place": ("地点", "会议地点"),
    "chair": ("主持人",),
    "recorder": ("记录人",),
    "absent": ("缺席人员", "缺席人员及原因", "缺席"),
    "observers": ("列席人员", "列席"),
    "resolutions": ("决议", "会议决议", "决定事项"),
    "group": ("党小组",),
    "lecturer": ("授课人", "主讲人"),
    "hours": ("学时",),
    "activity_kind": ("活动类别",),
}
REQUIRED = {"day": "日期", "type": "会议类型"}
TYPE_ALIASES = {
    "党员大会": EventType.BRANCH_ASSEMBLY,
    "支部大会": EventType.BRANCH_ASSEMBLY,
    "支委会": EventType.COMMITTEE,
    "支部委员会会议": EventType.COMMITTEE,
    "党小组会议": EventType.GROUP_MEETING,
    "组织生活": EventType.LIFE_MEETING,
    "民主评议": EventType.EVALUATION,
    "学习": EventType.STUDY,
    "专题党课": EventType.PARTY_LECTURE,
}
_SPLIT = re.compile(r"[；;、，,/＋+\n]+")
_PERSON = re.compile(r"^(?P<name>[^（(）)]+?)\s*(?:[（(](?P<reason>[^）)]*)[）)]?)?$")
_OPEN, _CLOSE = "（(", "）)"
_TIME = re.compile(r"^(\d{1,2})[:：](\d{2})$")
CREATE, UPDATE, UNCHANGED = "新增", "更新", "无变化"


@dataclass(frozen=True, slots=True)
class EventImportRow:
    row: int
    summary: str
    action: str
    event_id: int | None
    problems: tuple[CellProblem, ...]
    data: EventInput | None
    hours_source: str = NOT_STUDY  # where the row's 学时 came from (event_import_hours)

    @property
    def ok(self) -> bool:
        return self.data is not None and not any(p.is_error for p in self.problems)


@dataclass(frozen=True, slots=True)
class EventImportPreview(PreviewCounts):
    path: Path
    sheet_name: str
    header_row: int
    rows: tuple[EventImportRow, ...]
    problems: tuple[CellProblem, ...]
    unknown_columns: tuple[str, ...]
    minutes_per_hour: int = 60

    @property
    def hours_notice(self) -> str:
        """Say where the 学时 of the rows came from (学时 column, times, or none)."""
        return hours_notice((r.hours_source for r in self.rows if r.ok), self.minutes_per_hour)


@dataclass(frozen=True, slots=True)
class EventImportResult:
    created: int
    updated: int
    unchanged: int = 0


class EventImportService:
    """Preview and apply meeting-ledger imports for one branch."""

    def __init__(self, db: Database, events: EventService, settings: SettingsService) -> None:
        self.db = db
        self.events = events
        self.settings = settings

    def preview(
        self,
        unit_id: int,
        path: Path,
        progress: Progress = no_progress,
        cancel: Cancel = never_cancel,
    ) -> EventImportPreview:
        """Read the ledger and report every problem; writes nothing."""
        table = read_table(Path(path), ALIASES, progress=progress, cancel=cancel)
        per_hour = self.settings.values(unit_id).number("study.minutes_per_hour")
        with self.db.session(audited=False) as s:
            units.require(s, unit_id)
            missing = [label for key, label in REQUIRED.items() if key not in table.headers]
            if missing:
                raise UserError(f"会议台账缺少必需的列：{'、'.join(missing)}")
            context = _Context(s, unit_id, self.db.clock().date(), per_hour)
            rows = tuple(context.row(table, r.number, r.values) for r in table.rows)
        problems = tuple(p for r in rows for p in r.problems)
        if not rows:
            problems = (CellProblem(None, "", "表头下没有任何数据行"),)
        return EventImportPreview(
            Path(path),
            table.sheet_name,
            table.header_row,
            rows,
            problems,
            tuple(table.unknown_columns),
            per_hour,
        )

    def apply(self, unit_id: int, preview: EventImportPreview) -> Outcome[EventImportResult]:
        """Write every previewed event in one transaction; refused if any row has an error."""
        if not preview.ok:
            raise UserError(
                f"文件中有{preview.error_count}处错误，请改正后重新导入；未导入任何数据。"
            )

        with self.db.session() as s:
            now = self.db.now()
            for item in preview.rows:
                assert item.data is not None
                if item.action == UNCHANGED:
                    continue  # nothing to write: its attendance rows stay as they are
                expected = expected_for(s, unit_id, item.data)
                if item.event_id and stored_events.exists(s, item.event_id):
                    stored_events.update(s, item.event_id, item.data, now, expected)
                else:
                    stored_events.insert(s, unit_id, item.data, now, expected)
            s.flush()
        counts = (preview.count(CREATE), preview.count(UPDATE), preview.count(UNCHANGED))
        return changed(EventImportResult(*counts), Area.EVENTS)


class _Context:
    """Lookups shared by all rows of one preview."""

    def __init__(self, s: Session, unit_id: int, today: date, minutes_per_hour: int) -> None:
        self.s = s
        self.unit_id = unit_id
        self.today = today
        self.minutes_per_hour = minutes_per_hour
        self.facts = load_facts(s, unit_id)
        self.groups = group_ids_by_name(s, unit_id)
        self.existing = {
            (e.day, e.type, e.group_id, squeeze(e.title)): e.id  # width-blind: older imports
            for e in s.scalars(select(Event).where(Event.unit_id == unit_id))
        }

    def row(self, table: SheetTable, number: int, values: dict[str, Any]) -> EventImportRow:
        problems: list[CellProblem] = []

        def error(key: str, message: str, severity: str = "error") -> None:
            column = table.column(key, ALIASES[key][0])
            problems.append(CellProblem(number, column, message, severity))  # type: ignore[arg-type]

        day = _read(error, "day", date_cell, values)
        types = _read(error, "type", _types, values) or ()
        start = _read(error, "start", _time_cell, values)
        end = _read(error, "end", _time_cell, values)
        given = _read(error, "hours", _hours_cell, values)
        if day is None and not any(p.column == table.column("day", "日期") for p in problems):
            error("day", "不能为空")
        if not types and not any(p.column == table.column("type", "会议类型") for p in problems):
            error("type", "不能为空")
        title = free_text_cell(values.get("title"))
        summary = (
            f"{day.isoformat() if day else '?'} {'、'.join(t.value for t in types)} {title}".strip()
        )
        if day is None or not types:
            return EventImportRow(number, summary, CREATE, None, tuple(problems), None)
        if day > self.today:
            error("day", "不能晚于今天")
        group_id = self._group(error, types[0], text_cell(values.get("group")))
        on_roll = {f.name: f for f in roll_on(self.facts, day)}
        chair = self._person(error, "chair", text_cell(values.get("chair")), on_roll)
        recorder = self._person(error, "recorder", text_cell(values.get("recorder")), on_roll)
        attendance = self._attendance(error, types[0], day, group_id, values, on_roll)
        hours, source = row_hours(given, types, start, end, self.minutes_per_hour)
        if source == MISSING:
            error("hours", MISSING_MESSAGE, "warning")
        data = EventInput(
            type=types[0],
            also=tuple(types[1:]),
            day=day,
            group_id=group_id,
            title=title,
            start=start,
            end=end,
            place=free_text_cell(values.get("place")),
            chair=chair,
            recorder=recorder,
            lecturer=free_text_cell(values.get("lecturer")),
            lecture_topic=title if EventType.PARTY_LECTURE in types else "",
            resolutions=free_text_cell(values.get("resolutions")),
            study_hours=hours,
            attendance=attendance,
            activity_kind=text_cell(values.get("activity_kind")),
        )
        if start and end and end <= start:
            error("end", "结束时间应晚于开始时间")
        key = (day, types[0].value, group_id, squeeze(title))
        event_id = self.existing.get(key)
        action = CREATE
        if event_id:
            stored = input_of(self.s.get(Event, event_id))
            columns = set(table.headers)
            if source == FROM_TIMES and not stored.study_hours:
                columns.add("hours")  # computed 学时 fill a stored 0, never replace typed ones
            data = merge(stored, data, columns)  # keeps minutes, votes …
            action = UNCHANGED if same(stored, data) else UPDATE
        return EventImportRow(number, summary, action, event_id, tuple(problems), data, source)

    def _group(self, error: Any, kind: EventType, name: str) -> int | None:
        if kind is not EventType.GROUP_MEETING:
            return None
        if not name:
            error("group", "党小组会须填写党小组")
            return None
        if name not in self.groups:
            error("group", f"党小组“{name}”不存在")
        return self.groups.get(name)

    def _person(self, error: Any, key: str, name: str, on_roll: dict[str, MemberFacts]) -> str:
        if name and squeeze(name) not in {squeeze(n) for n in on_roll}:
            error(key, f"“{name}”不在该日的党员名册中")
        return name

    def _attendance(
        self,
        error: Any,
        kind: EventType,
        day: date,
        group_id: int | None,
        values: dict[str, Any],
        on_roll: dict[str, MemberFacts],
    ) -> tuple[AttendanceInput, ...]:
        expected = {
            a.name: a for a in expected_attendance(self.s, self.unit_id, kind, day, group_id)
        }
        lines = dict(expected)
        for name, reason, text in _people(free_text_cell(values.get("absent"))):
            if name not in expected:
                where = "应到人员" if name in on_roll else "该日的党员名册"
                error("absent", f"缺席人员“{name}”不在{where}中")
                continue
            member = expected[name]
            lines[name] = AttendanceInput(
                name, AttendanceStatus.ABSENT, member.member_id, reason, text
            )
        for name, _reason, standing in _people(free_text_cell(values.get("observers"))):
            if name in lines:
                continue
            member_id = on_roll[name].member_id if name in on_roll else None
            if member_id is None:
                error(
                    "observers", f"列席人员“{name}”不是本支部在册党员，按非党员列席记录", "warning"
                )
            shown = name if member_id or not standing else f"{name}（{standing}）"
            lines[name] = AttendanceInput(shown, AttendanceStatus.OBSERVER, member_id)
        return tuple(lines.values())


def _read(error: Any, key: str, reader: Any, values: dict[str, Any]) -> Any:
    try:
        return reader(values.get(key))
    except CellError as exc:
        error(key, str(exc))
        return None


def _types(value: object) -> tuple[EventType, ...]:
    text = squeeze(text_cell(value))
    if not text:
        return ()
    result: list[EventType] = []
    for part in _SPLIT.split(text):
        if not part:
            continue
        kind = TYPE_ALIASES.get(part) or next((t for t in EventType if t.value == part), None)
        if kind is None:
            allowed = "、".join(t.value for t in EventType)
            raise CellError(f"“{part}”无法识别，应为：{allowed}")
        if kind not in result:
            result.append(kind)
    return tuple(result)


def _time_cell(value: object) -> time | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, float | int) and not isinstance(value, bool) and 0 <= value < 1:
        minutes = round(float(value) * 24 * 60)
        return time(minutes // 60, minutes % 60)
    match = _TIME.match(squeeze(str(value)))
    if match and int(match.group(1)) < 24 and int(match.group(2)) < 60:
        return time(int(match.group(1)), int(match.group(2)))
    raise CellError(f"“{value}”不是有效的时间（如 14:30）")


def _hours_cell(value: object) -> Decimal | None:
    text = squeeze(text_cell(value))
    if not text:
        return None
    try:
        hours = Decimal(text)
    except InvalidOperation:
        raise CellError(f"“{text}”不是有效的学时数") from None
    if not Decimal(0) <= hours <= Decimal(24):
        raise CellError("学时应在0到24之间")
    return hours.quantize(Decimal("0.1"))


def _reason(raw: str) -> tuple[AbsenceReason | None, str]:
    """Read '病假', '出差,赴京培训' or '陪护家人' into a reason and its text."""
    if not raw:
        return None, ""
    parts = re.split(r"[,，:：]", raw, maxsplit=1)
    head, rest = parts[0].strip(), parts[1].strip() if len(parts) > 1 else ""
    reason = next((r for r in AbsenceReason if r.value == squeeze(head)), None)
    if reason is None:
        return AbsenceReason.OTHER, raw
    return reason, rest


def _split_people(text: str) -> list[str]:
    """Split at separators outside brackets: '李四（出差，赴京培训）；王五' → two entries."""
    parts, current, depth = [], [], 0
    for char in text:
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(depth - 1, 0)
        if char in "；;\n":
            depth = 0  # a strong separator always ends an entry, even after an unclosed bracket
        if depth == 0 and _SPLIT.match(char):
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def _people(text: str) -> list[tuple[str, AbsenceReason | None, str]]:
    """Split '张三（病假）；李四（陪护家人）' into names with reasons."""
    people = []
    for part in _split_people(text):
        if part in ("无", "-", "—"):
            continue
        match = _PERSON.match(part)
        if match is None:
            people.append((squeeze(part), None, ""))
            continue
        name = squeeze(match.group("name"))
        people.append((name, *_reason(as_typed(match.group("reason") or ""))))
    return people
