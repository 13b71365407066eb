"""Printable meeting documents: the 会议记录 of an event and a 签到表 for a planned one."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time
from pathlib import Path

from ...domain.appraisal import appraised
from ...domain.copying import record_from
from ...domain.events import (
    AttendanceLine,
    AttendanceStatus,
    EventRecord,
    EventType,
    MinutesDoc,
    SignInSheet,
    observer_name,
    split_observer,
)
from ..org.units import OrgService
from .events import EventService


def _observer(line: AttendanceLine) -> AttendanceLine:
    """Print a non-member's 身份 in full-width brackets, as generated text should be."""
    if line.member_id is not None:
        return line
    return replace(line, name=observer_name(*split_observer(line.name)))


def minutes_doc(event: EventRecord) -> MinutesDoc:
    """Turn a stored event into the data of its printed record."""
    expected = event.expected_lines
    what = (
        event.type.value if event.type is not EventType.GROUP_MEETING else f"{event.group_name}会议"
    )
    return record_from(
        MinutesDoc,
        event,
        title=f"{event.unit_name}{what}记录",
        expected_full=sum(1 for a in expected if a.party_status == "正式"),
        expected_probationary=sum(1 for a in expected if a.party_status == "预备"),
        observers=tuple(_observer(line) for line in event.observers),
        present_names=tuple(a.name for a in expected if a.status is AttendanceStatus.PRESENT),
        topic=event.title or event.lecture_topic,  # a 党课 is about its topic
        group_name=event.group_name if event.type is EventType.GROUP_MEETING else "",
        expected_count=len(expected),
        grades=tuple((a.name, a.grade) for a in appraised(event))
        if event.type is EventType.EVALUATION
        else (),
    )


class MinutesService:
    """Write meeting records and sign-in sheets."""

    def __init__(self, org: OrgService, events: EventService) -> None:
        self.org = org
        self.events = events

    def export_minutes(self, event_id: int, path: Path) -> MinutesDoc:
        """Write the 会议记录 of an event as .docx (GB/T 9704 style)."""
        from ...exports.minutes_docx import write_minutes

        doc = minutes_doc(self.events.get(event_id))
        write_minutes(Path(path), doc)
        return doc

    def export_sign_in(
        self,
        unit_id: int,
        kind: EventType,
        day: date,
        path: Path,
        *,
        group_id: int | None = None,
        start: time | None = None,
        place: str = "",
        title: str = "",
    ) -> SignInSheet:
        """Write a 签到表 prefilled with everyone expected at such a meeting on ``day``."""
        from ...exports.minutes_docx import write_sign_in_sheet

        sheet = self.sign_in_sheet(
            unit_id, kind, day, group_id=group_id, start=start, place=place, title=title
        )
        write_sign_in_sheet(Path(path), sheet)
        return sheet

    def sign_in_sheet(
        self,
        unit_id: int,
        kind: EventType,
        day: date,
        *,
        group_id: int | None = None,
        start: time | None = None,
        place: str = "",
        title: str = "",
    ) -> SignInSheet:
        """Return the 签到表 of everyone expected at such a meeting on ``day``."""
        unit = self.org.get(unit_id)
        names = tuple(a.name for a in self.events.expected(unit_id, kind, day, group_id))
        heading = title or f"{unit.name}{kind.value}签到表"
        return SignInSheet(unit.name, heading, day, start, place, names)
