"""Reading the audit log (the listener in storage/audit.py writes it) and naming its records."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...domain.audit import AuditEntryRecord
from ..models import AuditEntry, Candidate, Event, Member, OrgUnit

# The tables whose records are named in the log: by their ``name``, an event by day and title.
NAMED = {"members": Member, "candidates": Candidate, "org_units": OrgUnit}
NAMED_TABLES = (*NAMED, "events")


def last_id(s: Session) -> int:
    """The id of the newest entry (0 when the log is empty)."""
    return int(s.scalar(select(func.coalesce(func.max(AuditEntry.id), 0))) or 0)


def actors(s: Session) -> set[str]:
    """Everyone who changed something (the blank actor left out)."""
    return {a for a in s.scalars(select(AuditEntry.actor).distinct()) if a}


def entries(
    s: Session,
    *,
    entity: str | None = None,
    entity_id: int | None = None,
    actor: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int,
) -> list[AuditEntryRecord]:
    """The newest ``limit`` entries that match every filter given, newest first."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc())
    if entity:
        query = query.where(AuditEntry.entity == entity)
    if entity_id is not None:
        query = query.where(AuditEntry.entity_id == entity_id)
    if actor:
        query = query.where(AuditEntry.actor == actor)
    if since:
        query = query.where(AuditEntry.at >= datetime.combine(since, time.min))
    if until:
        query = query.where(AuditEntry.at <= datetime.combine(until, time.max))
    return [_record(r) for r in s.scalars(query.limit(limit))]


def record_names(s: Session, table: str, ids: set[int]) -> dict[int, str]:
    """The names of the records ``ids`` of ``table`` (one of ``NAMED_TABLES``) that still exist."""
    if not ids:
        return {}
    if table == "events":
        query = select(Event.id, Event.title, Event.day).where(Event.id.in_(ids))
        return {
            row_id: f"{day.isoformat()} {title}".strip() for row_id, title, day in s.execute(query)
        }
    model = NAMED[table]
    query = select(model.id, model.name).where(model.id.in_(ids))
    return {row_id: name for row_id, name in s.execute(query)}


def _record(row: AuditEntry) -> AuditEntryRecord:
    return AuditEntryRecord(
        row.id,
        row.at,
        row.actor,
        row.entity,
        row.entity_id,
        row.action,
        row.field,
        row.before,
        row.after,
    )
