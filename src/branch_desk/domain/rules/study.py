"""Study hours (学时): what each member is credited, and who falls short of the year's minimum."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal

from ..events import AttendanceStatus, EventRecord, EventType
from ..findings import Finding, Severity
from ..org import OfficerRecord, OfficerRole, OrgUnitRecord
from ..voting import MemberFacts, on_roll, party_status_on
from .ids import RuleId
from .settings import RuleValues

# The study types: an event of one of them (or counted as one) earns 学时 for its length.
STUDY_TYPES = (EventType.PARTY_LECTURE, EventType.THEME_DAY, EventType.STUDY)
MAX_HOURS = Decimal(24)


def is_study(types: Iterable[EventType]) -> bool:
    """Tell whether an event of ``types`` is a study event (党课, 主题党日, 集中学习)."""
    return any(t in STUDY_TYPES for t in types)


def hours_from_times(start: time, end: time, minutes_per_hour: int) -> Decimal | None:
    """Return the 学时 of a session from its start and end (one place), None if end ≤ start.

    ``minutes_per_hour`` is the setting ``study.minutes_per_hour`` (60 by default; 45 where a
    学时 is a class period).
    """
    if end <= start or minutes_per_hour <= 0:
        return None
    day = date(2000, 1, 1)
    minutes = (datetime.combine(day, end) - datetime.combine(day, start)).seconds // 60
    hours = (Decimal(minutes) / Decimal(minutes_per_hour)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return min(hours, MAX_HOURS)


def study_hours(events: list[EventRecord]) -> dict[int, Decimal]:
    """Return the 学时 credited to each member id by the events they attended."""
    hours: dict[int, Decimal] = {}
    for event in events:
        for line in event.attendance:
            if line.member_id is not None and line.status is AttendanceStatus.PRESENT:
                hours[line.member_id] = hours.get(line.member_id, Decimal(0)) + event.study_hours
    return hours


def study_findings(
    unit: OrgUnitRecord,
    events: list[EventRecord],
    facts: list[MemberFacts],
    officers: list[OfficerRecord],
    values: RuleValues,
    year: int,
    as_of: date,
) -> list[Finding]:
    """Return members short of the yearly 学时: each one for a past year, a summary for this one.

    Only members on the roll for the whole year are held to it (a member who joined or
    transferred in during the year is not).
    """
    hours = study_hours(events)
    leaders = {o.member_id for o in officers if o.role is not OfficerRole.GROUP_LEADER}
    year_start, year_end = date(year, 1, 1), date(year, 12, 31)
    last_day = min(year_end, as_of)
    whole_year = [
        f
        for f in facts
        if on_roll(f.history, year_start)
        and on_roll(f.history, last_day)
        and party_status_on(f, year_start) is not None
    ]
    short = []
    for member in whole_year:
        key = "study.hours.officer" if member.member_id in leaders else "study.hours.member"
        required = values.number(key)
        have = hours.get(member.member_id, Decimal(0))
        if have < required:
            short.append((member, have, required))
    if as_of <= year_end:
        if not short:
            return []
        member_hours = values.number("study.hours.member")
        officer_hours = values.number("study.hours.officer")
        message = (
            f"{year}年尚有{len(short)}名党员学习学时未达到要求"
            f"（党员{member_hours}学时，书记、支委{officer_hours}学时）"
        )
        return [
            Finding(
                RuleId.STUDY_HOURS, Severity.INFO, str(year), unit.name, None, message, year_end
            )
        ]
    return [
        Finding(
            RuleId.STUDY_HOURS,
            Severity.WARNING,
            str(year),
            unit.name,
            member.name,
            f"{year}年学习学时{have}，未达到{required}学时",
            member_id=member.member_id,
        )
        for member, have, required in short
    ]
