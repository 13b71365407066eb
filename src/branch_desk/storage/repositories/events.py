"""Meetings and activities: events with their further types, attendance, votes and attachments.

Reads return ``domain/events.py: StoredEvent`` (what was recorded, in input form); what is
computed from it (应到, E, verdicts) is the services' work. Writes take an ``EventInput``
already checked by the service.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...domain.copying import record_from, values_of
from ...domain.events import (
    AbsenceReason,
    AttachmentRecord,
    AttendanceInput,
    AttendanceStatus,
    EventInput,
    EventType,
    StoredEvent,
    VoteInput,
    VoteKind,
    VoteMethod,
)
from ...domain.rules.votes import TALLY_KEYS
from ...domain.text import as_typed, clean
from ..models import Attendance, Event, EventAttachment, EventExtraType, Vote
from .plain import plain_rows
from .rows import existing

# Who is expected when an input gives no attendance (asked only then, at the moment the old
# lines are replaced).
Expected = Callable[[], Iterable[AttendanceInput]]

_CHUNK = 5000  # ids per IN (…) list, well below SQLite's variable limit
# Lists read columns (with their types' conversions), not rows of the models: the same values
# without an ORM object per row.
_EVENT_COLUMNS = tuple(Event.__table__.columns)
_VOTE_COLUMNS = tuple(c for c in Vote.__table__.columns if c.key not in ("id", "sort_order"))


# ---- reading ---------------------------------------------------------------------------------


def _row(s: Session, event_id: int) -> Event:
    return existing(s, Event, event_id, f"找不到编号为 {event_id} 的会议活动。")


def exists(s: Session, event_id: int) -> bool:
    """Whether the event is (still) stored."""
    return s.get(Event, event_id) is not None


def unit_of(s: Session, event_id: int) -> int:
    """The unit an event is recorded under; NotFound (in Chinese) when there is none."""
    return _row(s, event_id).unit_id


def stored(s: Session, event_id: int) -> StoredEvent:
    """One event as stored; NotFound (in Chinese) when there is none."""
    return _stored(s, [_row(s, event_id)])[0]


def listed(s: Session, unit_id: int | None = None, year: int | None = None) -> list[StoredEvent]:
    """Events (of a unit, of a year), oldest first."""
    query = select(*_EVENT_COLUMNS).order_by(Event.day, Event.start_time, Event.id)
    if unit_id is not None:
        query = query.where(Event.unit_id == unit_id)
    if year is not None:  # a range, so the (unit_id, day) index serves it
        query = query.where(Event.day.between(date(year, 1, 1), date(year, 12, 31)))
    return _stored(s, s.execute(query).all())


def attended(s: Session, member_id: int, year: int) -> list[StoredEvent]:
    """The events of ``year`` whose attendance lists the member (in any status)."""
    ids = s.scalars(select(Attendance.event_id).where(Attendance.member_id == member_id)).all()
    query = select(*_EVENT_COLUMNS).where(
        Event.id.in_(ids), Event.day.between(date(year, 1, 1), date(year, 12, 31))
    )
    return _stored(s, s.execute(query).all())


def year_counts(s: Session, unit_id: int) -> dict[int, int]:
    """How many events a unit has recorded in each year (years with none left out)."""
    year = func.strftime("%Y", Event.day)
    query = select(year, func.count()).where(Event.unit_id == unit_id).group_by(year)
    return {int(y): n for y, n in s.execute(query)}


def days_held(s: Session, unit_id: int, kind: EventType) -> frozenset[date]:
    """The days a meeting of ``kind`` (as its type or a further type) is recorded."""
    return days_held_of_units(s, [unit_id], kind)[unit_id]


def days_held_of_units(
    s: Session, unit_ids: list[int], kind: EventType
) -> dict[int, frozenset[date]]:
    """``days_held`` of several units at once, by unit."""
    extra = select(EventExtraType.event_id).where(EventExtraType.type == kind.value)
    query = select(Event.unit_id, Event.day).where(
        Event.unit_id.in_(unit_ids), (Event.type == kind.value) | Event.id.in_(extra)
    )
    found: dict[int, set[date]] = {unit_id: set() for unit_id in unit_ids}
    for unit_id, day in s.execute(query):
        found[unit_id].add(day)
    return {unit_id: frozenset(days) for unit_id, days in found.items()}


def identities(s: Session, unit_id: int) -> list[tuple[int, date, EventType, int | None, str]]:
    """Each event of a unit as (id, day, type, group id, title): what an import matches on."""
    query = select(Event.id, Event.day, Event.type, Event.group_id, Event.title).where(
        Event.unit_id == unit_id
    )
    return [
        (i, day, EventType(kind), group, title) for i, day, kind, group, title in s.execute(query)
    ]


@dataclass(slots=True)
class _Children:
    attendance: list[AttendanceInput] = field(default_factory=list)
    votes: list[VoteInput] = field(default_factory=list)
    extra_types: list[EventType] = field(default_factory=list)
    attachments: int = 0


_STATUSES = {s.value: s for s in AttendanceStatus}
_REASONS = {r.value: r for r in AbsenceReason}


def _children(s: Session, ids: list[int]) -> dict[int, _Children]:
    """Load the attendance, votes, extra types and attachment counts of many events at once."""
    kids = {event_id: _Children() for event_id in ids}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        _load_attendance(s, chunk, kids)
        for vote in s.execute(
            select(*_VOTE_COLUMNS)
            .where(Vote.event_id.in_(chunk))
            .order_by(Vote.sort_order, Vote.id)
        ):
            kids[vote.event_id].votes.append(_vote_input(vote))
        for event_id, kind in s.execute(
            select(EventExtraType.event_id, EventExtraType.type)
            .where(EventExtraType.event_id.in_(chunk))
            .order_by(EventExtraType.id)
        ):
            kids[event_id].extra_types.append(EventType(kind))
        for event_id, count in s.execute(
            select(EventAttachment.event_id, func.count())
            .where(EventAttachment.event_id.in_(chunk))
            .group_by(EventAttachment.event_id)
        ):
            kids[event_id].attachments = count
    return kids


def _load_attendance(s: Session, chunk: list[int], kids: dict[int, _Children]) -> None:
    query = (
        select(
            Attendance.event_id,
            Attendance.member_id,
            Attendance.person_name,
            Attendance.status,
            Attendance.reason,
            Attendance.reason_text,
            Attendance.grade,
        )
        .where(Attendance.event_id.in_(chunk))
        .order_by(Attendance.event_id, Attendance.sort_order, Attendance.id)
    )
    made: dict[tuple[Any, ...], AttendanceInput] = {}  # a line recurs at most meetings: one
    for row in plain_rows(s, query):
        key = row[1:]
        found = made.get(key)
        if found is None:
            member_id, name, status, reason, reason_text, grade = key
            found = made[key] = AttendanceInput(
                name=name,
                status=_STATUSES[status],
                member_id=member_id,
                reason=_REASONS[reason] if reason else None,
                reason_text=reason_text,
                grade=grade or "",
            )
        kids[row[0]].attendance.append(found)


def _vote_input(v: Any) -> VoteInput:
    """The vote of a row of the model or of the columns ``_VOTE_COLUMNS``."""
    return record_from(VoteInput, v, kind=VoteKind(v.kind), method=VoteMethod(v.method))


def _stored(s: Session, rows: Sequence[Any]) -> list[StoredEvent]:
    """The events of rows of the model or of the columns ``_EVENT_COLUMNS``."""
    kids = _children(s, [row.id for row in rows])
    return [_stored_event(row, kids[row.id]) for row in rows]


def _stored_event(row: Any, kids: _Children) -> StoredEvent:
    data = record_from(
        EventInput,
        row,
        type=EventType(row.type),
        also=tuple(kids.extra_types),
        start=row.start_time,
        end=row.end_time,
        agenda=tuple(a for a in row.agenda.split("\n") if a),
        study_hours=Decimal(row.study_hours_tenths) / 10,
        attendance=tuple(kids.attendance),
        votes=tuple(kids.votes),
        activity_kind=row.activity_kind or "",
    )
    return StoredEvent(row.id, row.unit_id, data, kids.attachments)


# ---- writing ---------------------------------------------------------------------------------


def insert(s: Session, unit_id: int, data: EventInput, now: datetime, expected: Expected) -> None:
    """Add a new event (written at the next flush); ``expected`` fills a missing attendance."""
    _new_row(s, unit_id, data, now, expected)


def add(s: Session, unit_id: int, data: EventInput, now: datetime, expected: Expected) -> int:
    """Add a new event now and return its id; ``expected`` fills a missing attendance."""
    row = _new_row(s, unit_id, data, now, expected)
    s.flush()
    return row.id


def _new_row(
    s: Session, unit_id: int, data: EventInput, now: datetime, expected: Expected
) -> Event:
    row = Event(unit_id=unit_id, created_at=now, updated_at=now)
    s.add(row)
    _write(s, row, data, expected)
    return row


def update(s: Session, event_id: int, data: EventInput, now: datetime, expected: Expected) -> None:
    """Replace an event's fields, further types, attendance and votes."""
    row = _row(s, event_id)
    _write(s, row, data, expected)
    row.updated_at = now


def delete(s: Session, event_id: int) -> None:
    """Delete an event with its attendance, votes and attachment links."""
    s.delete(_row(s, event_id))


def _write(s: Session, row: Event, data: EventInput, expected: Expected) -> None:
    """Copy a checked input onto an Event row, replacing its attendance and votes."""
    row.type = data.type.value
    row.group_id = data.group_id if data.type is EventType.GROUP_MEETING else None
    row.title = as_typed(data.title)
    row.day = data.day
    row.start_time, row.end_time = data.start, data.end
    row.place = as_typed(data.place)
    row.session_label = as_typed(data.session_label)
    row.chair, row.chair_note = clean(data.chair), as_typed(data.chair_note)
    row.recorder = clean(data.recorder)
    row.lecturer, row.lecture_topic = as_typed(data.lecturer), as_typed(data.lecture_topic)
    row.agenda = "\n".join(as_typed(a) for a in data.agenda if as_typed(a))
    row.minutes = as_typed(data.minutes)
    row.resolutions = as_typed(data.resolutions)
    row.study_hours_tenths = int(data.study_hours * 10)
    row.activity_kind = clean(data.activity_kind)
    if row.id is not None and row.extra_types:
        row.extra_types.clear()
        s.flush()  # delete the old rows before the unique (event, type) rows come back
    row.extra_types = [EventExtraType(type=t.value) for t in dict.fromkeys(data.also)]
    lines = data.attendance if data.attendance is not None else tuple(expected())
    evaluation = data.type is EventType.EVALUATION
    row.attendance = [_attendance_row(line, order, evaluation) for order, line in enumerate(lines)]
    row.votes = [_vote_row(v, order) for order, v in enumerate(data.votes)]


def _attendance_row(line: AttendanceInput, order: int, evaluation: bool) -> Attendance:
    absent = line.status is AttendanceStatus.ABSENT
    return Attendance(
        member_id=line.member_id,
        person_name=as_typed(line.name),
        status=line.status.value,
        reason=line.reason.value if line.reason and absent else None,
        reason_text=as_typed(line.reason_text) if absent else "",
        grade=(line.grade or None) if evaluation else None,
        sort_order=order,
    )


def _vote_row(v: VoteInput, order: int) -> Vote:
    return Vote(
        subject=as_typed(v.subject),
        kind=v.kind.value,
        method=v.method.value,
        **values_of(v, TALLY_KEYS),
        sort_order=order,
    )


# ---- attachments -----------------------------------------------------------------------------


def attachments(s: Session, event_id: int) -> list[AttachmentRecord]:
    """The files attached to an event, in the order they were attached."""
    return [_attachment_record(a) for a in _row(s, event_id).attachments]


def attach(s: Session, event_id: int, file_id: int, kind: str, title: str) -> AttachmentRecord:
    """Link a stored file to an event."""
    row = _row(s, event_id)
    link = EventAttachment(event_id=row.id, file_id=file_id, kind=kind, title=title)
    s.add(link)
    s.flush()
    return _attachment_record(link)


def detach(s: Session, attachment_id: int) -> None:
    """Remove an attachment link (the stored file stays for other references)."""
    s.delete(existing(s, EventAttachment, attachment_id, "找不到该附件。"))


def _attachment_record(link: EventAttachment) -> AttachmentRecord:
    stored_file = link.file
    return AttachmentRecord(
        link.id,
        link.kind,
        link.title,
        stored_file.sha256,
        stored_file.size,
        stored_file.original_name,
    )
