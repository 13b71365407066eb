"""Re-importing a meeting ledger: only the sheet's columns change an existing event.

What the sheet has no column for (minutes, agenda, votes, …) is kept as it is, and a row
that says what the event already says is reported as 无变化 and not written at all.
"""

from __future__ import annotations

from dataclasses import replace

from ...domain.events import AttendanceInput, AttendanceStatus, EventInput, EventType, StoredEvent
from ...domain.text import as_typed, clean

# sheet field → the EventInput fields it sets
FIELDS: dict[str, tuple[str, ...]] = {
    "day": ("day",),
    "type": ("type", "also"),
    "start": ("start",),
    "end": ("end",),
    "title": ("title", "lecture_topic"),
    "place": ("place",),
    "chair": ("chair",),
    "recorder": ("recorder",),
    "absent": ("attendance",),
    "observers": ("attendance",),
    "resolutions": ("resolutions",),
    "group": ("group_id",),
    "lecturer": ("lecturer",),
    "hours": ("study_hours",),
    "activity_kind": ("activity_kind",),
}


def input_of(event: StoredEvent) -> EventInput:
    """Return what an existing event says, in the form an editor or import gives it.

    Attendance comes without the 民主评议 grades, as the importer has always read it.
    """
    attendance = tuple(replace(a, grade="") for a in event.data.attendance or ())
    return replace(event.data, attendance=attendance)


def merge(existing: EventInput, imported: EventInput, columns: set[str]) -> EventInput:
    """Return ``existing`` with only the fields the sheet has columns for taken from the sheet."""
    taken = {name for key in columns for name in FIELDS.get(key, ())}
    if "lecture_topic" in taken and not imported.lecture_topic:
        taken.discard("lecture_topic")  # not a 党课 in the sheet: keep the stored topic
    return replace(existing, **{name: getattr(imported, name) for name in taken})


def _attendance_key(lines: tuple[AttendanceInput, ...] | None) -> list[tuple[object, ...]]:
    return sorted(
        (
            as_typed(a.name),
            a.status.value,
            a.member_id or 0,
            a.reason.value if a.reason and a.status is AttendanceStatus.ABSENT else "",
            as_typed(a.reason_text) if a.status is AttendanceStatus.ABSENT else "",
        )
        for a in lines or ()
    )


def _text_fields(data: EventInput) -> tuple[object, ...]:
    return (
        data.type,
        tuple(dict.fromkeys(data.also)),
        data.day,
        data.group_id if data.type is EventType.GROUP_MEETING else None,
        as_typed(data.title),
        data.start,
        data.end,
        as_typed(data.place),
        clean(data.chair),
        clean(data.recorder),
        as_typed(data.lecturer),
        as_typed(data.lecture_topic),
        as_typed(data.resolutions),
        int(data.study_hours * 10),
        clean(data.activity_kind),
    )


def same(stored: EventInput, merged: EventInput) -> bool:
    """Tell whether writing ``merged`` would leave the stored event as it is."""
    return _text_fields(stored) == _text_fields(merged) and _attendance_key(
        stored.attendance
    ) == _attendance_key(merged.attendance)
