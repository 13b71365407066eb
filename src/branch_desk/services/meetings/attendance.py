"""Who is expected at a meeting (应到) and who is on the roll on a day."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from ...domain.events import AttendanceInput, AttendanceStatus, EventInput, EventType
from ...domain.members import PartyStatus
from ...domain.rules.votes import is_voting_member
from ...domain.voting import MemberFacts, party_status_on
from ...storage.repositories import Session
from ...storage.repositories.events import Expected
from ..roster.people import committee_on, load_facts, roll_on


@dataclass(frozen=True, slots=True)
class RollOnDay:
    """Who is on the roll on a day, as 正式 or 预备, and who counts in E."""

    day: date
    standings: dict[int, PartyStatus]
    entitled: frozenset[int]


def expected_attendance(
    s: Session, unit_id: int, kind: EventType, day: date, group_id: int | None
) -> list[AttendanceInput]:
    """Return who is expected at a meeting of ``kind`` on ``day`` (committee, group or all)."""
    if kind is EventType.COMMITTEE:
        people = committee_on(s, unit_id, day)
        return [AttendanceInput(name, AttendanceStatus.PRESENT, mid) for mid, name in people]
    if kind is EventType.HEART_TALK:
        return []
    group = group_id if kind is EventType.GROUP_MEETING else None
    return [
        AttendanceInput(f.name, AttendanceStatus.PRESENT, f.member_id)
        for f in roll_on(load_facts(s, unit_id), day, group)
    ]


def expected_for(s: Session, unit_id: int, data: EventInput) -> Expected:
    """Who is expected at the meeting ``data`` describes, asked for only when needed."""
    return lambda: expected_attendance(s, unit_id, data.type, data.day, data.group_id)


def attendance_or_expected(
    s: Session, unit_id: int, data: EventInput
) -> tuple[AttendanceInput, ...]:
    """The input's attendance, or everyone expected (present) when it gives none."""
    if data.attendance is not None:
        return data.attendance
    return tuple(expected_attendance(s, unit_id, data.type, data.day, data.group_id))


def with_attendance(s: Session, unit_id: int, data: EventInput) -> EventInput:
    """The input with its attendance filled in (everyone expected, present) when it has none."""
    return replace(data, attendance=attendance_or_expected(s, unit_id, data))


def roll_on_day(facts: list[MemberFacts], day: date) -> RollOnDay:
    """Each member's 正式/预备 standing on ``day`` and who counts in E."""
    on_roll = roll_on(facts, day)
    standings = {f.member_id: party_status_on(f, day) for f in on_roll}
    entitled = frozenset(f.member_id for f in on_roll if is_voting_member(f, day))
    return RollOnDay(day, {k: v for k, v in standings.items() if v is not None}, entitled)
