"""Meetings and activities: record, read, prefill attendance, judge votes.

The inputs (``AttendanceInput``, ``VoteInput``, ``EventInput``) live in ``domain/events.py``
and are re-exported here for the many callers that import them with the service.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ...domain.attendance_stats import MemberYearStats, member_year_stats
from ...domain.errors import Problem, ValidationFailed
from ...domain.events import (
    ATTACHMENT_KINDS,
    AttachmentRecord,
    AttendanceInput,
    EventInput,
    EventRecord,
    EventType,
    VoteInput,
)
from ...domain.text import as_typed
from ...domain.voting import MemberFacts
from ...storage.database import Database
from ...storage.repositories import events as stored_events
from ..data.attachments import FileStore
from ..outcome import Area, Outcome, changed
from ..roster.people import load_facts, share_facts
from ..shared_reads import share, shared, shared_list, sharing
from .attendance import RollOnDay, expected_attendance, expected_for, roll_on_day
from .event_records import event_records
from .input_checks import check_event, raise_errors

__all__ = ["AttendanceInput", "EventInput", "EventService", "VoteInput"]


class EventService:
    """Record and read meetings and activities for a unit."""

    def __init__(self, db: Database, files: FileStore) -> None:
        self.db = db
        self.files = files

    # ---- reading -------------------------------------------------------------------------

    def list(self, unit_id: int | None = None, year: int | None = None) -> list[EventRecord]:
        """Return events (of a unit, of a year), oldest first, with computed counts."""
        return shared_list(("events", unit_id, year), lambda: self._list(unit_id, year))

    def _list(self, unit_id: int | None, year: int | None) -> list[EventRecord]:
        with self.db.session() as s:
            records = event_records(s, stored_events.listed(s, unit_id, year))
        for record in records:  # a build's minutes then read their meeting from here
            share(("event", record.id), record)
        return records

    def share_year(self, unit_ids: list[int], year: int) -> None:
        """Inside a build, read the year's events of many units at once and share each unit's
        ``list`` (with their member facts): one read per table instead of one per unit."""
        if not sharing():
            return
        wanted = set(unit_ids)
        with self.db.session() as s:
            share_facts(s, unit_ids)
            held = [e for e in stored_events.listed(s, None, year) if e.unit_id in wanted]
            records = event_records(s, held)
        by_unit: dict[int, list[EventRecord]] = {unit_id: [] for unit_id in unit_ids}
        for record in records:
            by_unit[record.unit_id].append(record)
        for unit_id, found in by_unit.items():
            share(("events", unit_id, year), found)
        for record in records:
            share(("event", record.id), record)

    def get(self, event_id: int) -> EventRecord:
        return shared(("event", event_id), lambda: self._get(event_id))

    def _get(self, event_id: int) -> EventRecord:
        with self.db.session() as s:
            return event_records(s, [stored_events.stored(s, event_id)])[0]

    def year_counts(self, unit_id: int) -> dict[int, int]:
        """Return how many events the unit has recorded in each year (years with none left out)."""
        with self.db.session(audited=False) as s:
            return stored_events.year_counts(s, unit_id)

    def days_held(self, unit_id: int, kind: EventType) -> frozenset[date]:
        """Return the days a meeting of ``kind`` (as its type or a further type) is recorded."""
        return shared(("days held", unit_id, kind), lambda: self._days_held(unit_id, kind))

    def _days_held(self, unit_id: int, kind: EventType) -> frozenset[date]:
        with self.db.session() as s:
            return stored_events.days_held(s, unit_id, kind)

    def share_days_held(self, unit_ids: list[int], kind: EventType) -> None:
        """Inside a build, read ``days_held`` of many units at once and share each unit's."""
        if sharing():
            with self.db.session() as s:
                found = stored_events.days_held_of_units(s, unit_ids, kind)
            for unit_id, days in found.items():
                share(("days held", unit_id, kind), days)

    def expected(
        self, unit_id: int, kind: EventType, day: date, group_id: int | None = None
    ) -> list[AttendanceInput]:
        """Return who is expected (应到) at a meeting of ``kind`` on ``day``, all marked present."""
        with self.db.session() as s:
            return expected_attendance(s, unit_id, kind, day, group_id)

    def roll(self, unit_id: int, day: date) -> RollOnDay:
        """Return each member's 正式/预备 standing on ``day`` and who counts in E."""
        with self.db.session() as s:
            facts = load_facts(s, unit_id)
        return roll_on_day(facts, day)

    def facts(self, unit_id: int) -> list[MemberFacts]:
        """Return what decides each member's standing on any day (roll, status, exclusions)."""
        with self.db.session() as s:
            return load_facts(s, unit_id)

    def attachments(self, event_id: int) -> list[AttachmentRecord]:
        with self.db.session() as s:
            return stored_events.attachments(s, event_id)

    def member_stats(self, member_id: int, year: int) -> MemberYearStats:
        """Return a member's attendance rate and 学时 for ``year``."""
        with self.db.session() as s:
            records = event_records(s, stored_events.attended(s, member_id, year))
        return member_year_stats(records, member_id, year)

    def attachment_path(self, sha256: str) -> Path:
        return self.files.readable(sha256)  # decrypted copy when sealed (encryption at rest)

    # ---- changing ------------------------------------------------------------------------

    def check(self, unit_id: int, data: EventInput) -> list[Problem]:
        """Return every problem with an event input, saving nothing."""
        with self.db.session() as s:
            return check_event(s, unit_id, data, self.db.clock().date())

    def add(self, unit_id: int, data: EventInput) -> Outcome[EventRecord]:
        """Record a new event; with no attendance given, everyone expected is present."""
        with self.db.session() as s:
            raise_errors(check_event(s, unit_id, data, self.db.clock().date()))
            expected = expected_for(s, unit_id, data)
            event_id = stored_events.add(s, unit_id, data, self.db.now(), expected)
            return changed(event_records(s, [stored_events.stored(s, event_id)])[0], Area.EVENTS)

    def update(self, event_id: int, data: EventInput) -> Outcome[EventRecord]:
        """Replace an event's fields, attendance and votes."""
        with self.db.session() as s:
            unit_id = stored_events.unit_of(s, event_id)
            raise_errors(check_event(s, unit_id, data, self.db.clock().date()))
            expected = expected_for(s, unit_id, data)
            stored_events.update(s, event_id, data, self.db.now(), expected)
            s.flush()
            return changed(event_records(s, [stored_events.stored(s, event_id)])[0], Area.EVENTS)

    def delete(self, event_id: int) -> Outcome[None]:
        """Delete an event recorded by mistake (its stored files stay for other references)."""
        with self.db.session() as s:
            stored_events.delete(s, event_id)
            return changed(None, Area.EVENTS)

    def attach(
        self, event_id: int, source: Path, kind: str = "其他", title: str = ""
    ) -> Outcome[AttachmentRecord]:
        """Attach a file (stored once by its SHA-256) to an event."""
        if kind not in ATTACHMENT_KINDS:
            raise ValidationFailed(
                [Problem("kind", "附件类别", f"应为：{'、'.join(ATTACHMENT_KINDS)}")]
            )
        with self.db.session() as s:
            stored_events.unit_of(s, event_id)  # NotFound before the file is stored
            stored_file = self.files.add(s, Path(source), self.db.now())
            title = as_typed(title) or Path(source).stem
            link = stored_events.attach(s, event_id, stored_file.id, kind, title)
            return changed(link, Area.EVENTS)

    def detach(self, attachment_id: int) -> Outcome[None]:
        with self.db.session() as s:
            stored_events.detach(s, attachment_id)
            return changed(None, Area.EVENTS)
