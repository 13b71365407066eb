"""One row of a meeting ledger (会议台账) read into an event input, matched to what is stored."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from typing import Any

from ...domain.events import AttendanceInput, AttendanceStatus, EventInput, EventType
from ...domain.text import squeeze
from ...domain.voting import MemberFacts
from ...storage.repositories import Session
from ...storage.repositories import events as stored_events
from ..roster.people import load_facts, roll_on
from ..sheets.cells import date_cell, free_text_cell, text_cell
from ..sheets.importing import UnitRows
from ..sheets.reader import CellProblem, SheetTable
from .attendance import expected_attendance
from .import_cells import ErrorSink, hours_cell, people, read_cell, time_cell, types_cell
from .import_hours import FROM_TIMES, MISSING, MISSING_MESSAGE, NOT_STUDY, row_hours
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
class _Basics:
    """The cells every row needs before anything is looked up."""

    day: date | None
    types: tuple[EventType, ...]
    start: time | None
    end: time | None
    hours: Decimal | None
    title: str
    summary: str


class RowReader(UnitRows):
    """Reads the rows of one preview, with the lookups they share (roll, groups, stored events)."""

    def __init__(self, s: Session, unit_id: int, today: date, minutes_per_hour: int) -> None:
        super().__init__(s, unit_id, today)
        self.minutes_per_hour = minutes_per_hour
        self.facts = load_facts(s, unit_id)
        self.existing = {
            (day, kind.value, group_id, squeeze(title)): event_id  # width-blind: older imports
            for event_id, day, kind, group_id, title in stored_events.identities(s, unit_id)
        }

    def row(self, table: SheetTable, number: int, values: dict[str, Any]) -> EventImportRow:
        """Read one row, report its problems, and say whether it adds, changes or matches."""
        problems: list[CellProblem] = []

        def error(key: str, message: str, severity: str = "error") -> None:
            column = table.column(key, ALIASES[key][0])
            problems.append(CellProblem(number, column, message, severity))  # type: ignore[arg-type]

        basics = _basics(table, values, error, problems)
        day, types = basics.day, basics.types
        if day is None or not types:
            return EventImportRow(number, basics.summary, CREATE, None, tuple(problems), None)
        if day > self.today:
            error("day", "不能晚于今天")
        data, source = self._input(error, basics, day, types, values)
        if basics.start and basics.end and basics.end <= basics.start:
            error("end", "结束时间应晚于开始时间")
        event_id = self.existing.get((day, types[0].value, data.group_id, squeeze(basics.title)))
        action = CREATE
        if event_id:
            stored = input_of(stored_events.stored(self.s, event_id))
            columns = set(table.headers)
            if source == FROM_TIMES and not stored.study_hours:
                columns.add("hours")  # computed 学时 fill a stored 0, never replace typed ones
            data = merge(stored, data, columns)  # keeps minutes, votes …
            action = UNCHANGED if same(stored, data) else UPDATE
        return EventImportRow(
            number, basics.summary, action, event_id, tuple(problems), data, source
        )

    def _input(
        self,
        error: ErrorSink,
        basics: _Basics,
        day: date,
        types: tuple[EventType, ...],
        values: dict[str, Any],
    ) -> tuple[EventInput, str]:
        """The row's input and where its 学时 came from."""
        group_id = self._group(error, types[0], text_cell(values.get("group")))
        on_roll = {f.name: f for f in roll_on(self.facts, day)}
        chair = self._person(error, "chair", text_cell(values.get("chair")), on_roll)
        recorder = self._person(error, "recorder", text_cell(values.get("recorder")), on_roll)
        attendance = self._attendance(error, types[0], day, group_id, values, on_roll)
        hours, source = row_hours(
            basics.hours, types, basics.start, basics.end, self.minutes_per_hour
        )
        if source == MISSING:
            error("hours", MISSING_MESSAGE, "warning")
        data = EventInput(
            type=types[0],
            also=tuple(types[1:]),
            day=day,
            group_id=group_id,
            title=basics.title,
            start=basics.start,
            end=basics.end,
            place=free_text_cell(values.get("place")),
            chair=chair,
            recorder=recorder,
            lecturer=free_text_cell(values.get("lecturer")),
            lecture_topic=basics.title if EventType.PARTY_LECTURE in types else "",
            resolutions=free_text_cell(values.get("resolutions")),
            study_hours=hours,
            attendance=attendance,
            activity_kind=text_cell(values.get("activity_kind")),
        )
        return data, source

    def _group(self, error: ErrorSink, kind: EventType, name: str) -> int | None:
        if kind is not EventType.GROUP_MEETING:
            return None
        if not name:
            error("group", "党小组会须填写党小组")
            return None
        if name not in self.groups:
            error("group", f"党小组“{name}”不存在")
        return self.groups.get(name)

    def _person(
        self, error: ErrorSink, key: str, name: str, on_roll: dict[str, MemberFacts]
    ) -> str:
        if name and squeeze(name) not in {squeeze(n) for n in on_roll}:
            error(key, f"“{name}”不在该日的党员名册中")
        return name

    def _attendance(
        self,
        error: ErrorSink,
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
        for name, reason, text in people(free_text_cell(values.get("absent"))):
            if name not in expected:
                where = "应到人员" if name in on_roll else "该日的党员名册"
                error("absent", f"缺席人员“{name}”不在{where}中")
                continue
            member = expected[name]
            lines[name] = AttendanceInput(
                name, AttendanceStatus.ABSENT, member.member_id, reason, text
            )
        for name, _reason, standing in people(free_text_cell(values.get("observers"))):
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


def _basics(
    table: SheetTable, values: dict[str, Any], error: ErrorSink, problems: list[CellProblem]
) -> _Basics:
    """Read day, types, times and 学时; an empty day or type is a problem of its own."""
    day = read_cell(error, "day", date_cell, values)
    types = read_cell(error, "type", types_cell, values) or ()
    start = read_cell(error, "start", time_cell, values)
    end = read_cell(error, "end", time_cell, values)
    given = read_cell(error, "hours", hours_cell, values)
    if day is None and not any(p.column == table.column("day", "日期") for p in problems):
        error("day", "不能为空")
    if not types and not any(p.column == table.column("type", "会议类型") for p in problems):
        error("type", "不能为空")
    title = free_text_cell(values.get("title"))
    summary = (
        f"{day.isoformat() if day else '?'} {'、'.join(t.value for t in types)} {title}".strip()
    )
    return _Basics(day, types, start, end, given, title, summary)
