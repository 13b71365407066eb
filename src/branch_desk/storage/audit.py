"""Write every insert, update and delete of audited models to the audit log."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session, UOWTransaction

from .models import AuditEntry, Base

IGNORED_FIELDS = frozenset({"created_at", "updated_at"})
AUDIT_ENABLED = "audit_enabled"
AUDIT_ACTOR = "audit_actor"
AUDIT_CLOCK = "audit_clock"


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def _columns(obj: Base) -> dict[str, Any]:
    mapper = inspect(obj).mapper
    return {
        attr.key: getattr(obj, attr.key)
        for attr in mapper.column_attrs
        if attr.key not in IGNORED_FIELDS and attr.key != "id"
    }


def _snapshot(obj: Base) -> str:
    data = {k: _text(v) for k, v in _columns(obj).items() if v not in (None, "")}
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def _updates(obj: Base) -> list[tuple[str, str | None, str | None]]:
    state = inspect(obj)
    changes = []
    for attr in state.mapper.column_attrs:
        if attr.key in IGNORED_FIELDS:
            continue
        hist = state.attrs[attr.key].history
        if not hist.has_changes():
            continue
        before = hist.deleted[0] if hist.deleted else None
        after = hist.added[0] if hist.added else None
        if _text(before) != _text(after):
            changes.append((attr.key, _text(before), _text(after)))
    return changes


def _rows(session: Session, now: datetime, actor: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []

    def add(obj: Base, action: str, fld: str | None, before: str | None, after: str | None):
        rows.append(
            {
                "at": now,
                "actor": actor,
                "entity": obj.__tablename__,
                "entity_id": obj.id,  # type: ignore[attr-defined]
                "action": action,
                "field": fld,
                "before": before,
                "after": after,
            }
        )

    for obj in session.new:
        if not isinstance(obj, AuditEntry):
            add(obj, "新增", None, None, _snapshot(obj))
    for obj in session.dirty:
        if isinstance(obj, AuditEntry) or not session.is_modified(obj):
            continue
        for fld, before, after in _updates(obj):
            add(obj, "修改", fld, before, after)
    for obj in session.deleted:
        add(obj, "删除", None, _snapshot(obj), None)
    return rows


@event.listens_for(Session, "after_flush")
def _record(session: Session, flush_context: UOWTransaction) -> None:
    if not session.info.get(AUDIT_ENABLED, False):
        return
    clock = session.info.get(AUDIT_CLOCK, datetime.now)
    rows = _rows(session, clock().replace(microsecond=0), session.info.get(AUDIT_ACTOR, ""))
    if rows:
        session.connection().execute(insert(AuditEntry), rows)
