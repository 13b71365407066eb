"""The officers of a unit (书记, 副书记, 委员, 党小组组长 …), each held for a term."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.org import OfficerInput, OfficerRecord, OfficerRole
from ..models import Officer
from ..records import officer_record

COMMITTEE_ROLES = frozenset(r.value for r in OfficerRole if r is not OfficerRole.GROUP_LEADER)


def officers(s: Session, unit_id: int) -> list[OfficerRecord]:
    """The unit's officers in their display order."""
    rows = s.scalars(select(Officer).where(Officer.unit_id == unit_id).order_by(Officer.sort_order))
    return [officer_record(r) for r in rows]


def officers_of_units(s: Session, unit_ids: list[int]) -> dict[int, list[OfficerRecord]]:
    """``officers`` of several units at once, by unit."""
    found: dict[int, list[OfficerRecord]] = {unit_id: [] for unit_id in unit_ids}
    query = select(Officer).where(Officer.unit_id.in_(unit_ids)).order_by(Officer.sort_order)
    for row in s.scalars(query):
        found[row.unit_id].append(officer_record(row))
    return found


def replace(s: Session, unit_id: int, items: list[OfficerInput]) -> list[OfficerRecord]:
    """Replace the unit's officers with ``items``, in that order (names already cleaned)."""
    for row in s.scalars(select(Officer).where(Officer.unit_id == unit_id)):
        s.delete(row)
    rows = [
        Officer(
            unit_id=unit_id,
            role=item.role.value,
            person_name=item.person_name,
            member_id=item.member_id,
            term_start=item.term_start,
            term_end=item.term_end,
            sort_order=order,
        )
        for order, item in enumerate(items)
    ]
    s.add_all(rows)
    s.flush()
    return [officer_record(r) for r in rows]


def committee_on(s: Session, unit_id: int, day: date) -> list[tuple[int | None, str]]:
    """Return (member id, name) of the 支委 whose term covers ``day``."""
    rows = s.scalars(
        select(Officer)
        .where(Officer.unit_id == unit_id, Officer.role.in_(COMMITTEE_ROLES))
        .order_by(Officer.sort_order, Officer.id)
    )
    seen: set[str] = set()
    result = []
    for row in rows:
        if (row.term_start and row.term_start > day) or (row.term_end and row.term_end < day):
            continue
        if row.person_name not in seen:
            seen.add(row.person_name)
            result.append((row.member_id, row.person_name))
    return result
