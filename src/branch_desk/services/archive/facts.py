"""Gathering the facts of the archive's own documents from the services."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ...domain.archive_docs import BasicInfo, GroupLine, OfficerLine, StudyLine, TransferLine
from ...domain.events import EventRecord
from ...domain.masking import mask_phone
from ...domain.members import (
    MemberCategory,
    MemberRecord,
    StatusChangeKind,
)
from ...domain.org import OfficerRecord, OfficerRole, OrgUnitRecord
from ...domain.rules.structure import term_end
from ...domain.rules.study import study_hours
from ...domain.year_snapshot import YearSnapshot
from .sources import ArchiveSources

TRANSFER_KINDS = (StatusChangeKind.TRANSFER_IN, StatusChangeKind.TRANSFER_OUT)


def term_text(officer: OfficerRecord) -> str:
    """Return an officer's term as '2025-03-18至2028-03-17' (blank parts left out)."""
    start = officer.term_start.isoformat() if officer.term_start else ""
    end = officer.term_end.isoformat() if officer.term_end else ""
    return f"{start}至{end}" if start or end else ""


def term_ends(unit: OrgUnitRecord) -> date | None:
    """Return the last day of the committee's term (elected 2025-03-18, 3 years → 2028-03-17)."""
    return term_end(unit.elected_on, unit.term_years)


def basic_info(
    src: ArchiveSources, unit: OrgUnitRecord, snapshot: YearSnapshot, *, mask: bool
) -> BasicInfo:
    """Return the 支部基本情况 of ``unit`` on the snapshot's day (phones hidden when ``mask``)."""
    members = {m.id: m for m in src.roster.list(unit.id)}
    day = snapshot.day
    every = src.org.officers(unit.id)
    serving = [
        o
        for o in every
        if (o.term_start is None or o.term_start <= day)
        and (o.term_end is None or day <= o.term_end)
    ]
    officers = serving or every

    def phone(officer: OfficerRecord) -> str:
        member = members.get(officer.member_id or 0)
        text = member.phone if member else ""
        return mask_phone(text) if mask else text

    leaders = {
        members[o.member_id].group: o.person_name
        for o in officers
        if o.role is OfficerRole.GROUP_LEADER and o.member_id in members
    }
    by_group = dict(snapshot.members.by_group)
    return BasicInfo(
        unit_name=unit.name,
        kind=unit.kind.value,
        upper_org=unit.upper_org,
        year=snapshot.year,
        elected_on=unit.elected_on,
        term_years=unit.term_years,
        term_ends=term_ends(unit),
        officers=tuple(
            OfficerLine(o.role.value, o.person_name, term_text(o), phone(o))
            for o in officers
            if o.role is not OfficerRole.GROUP_LEADER
        ),
        groups=tuple(
            GroupLine(g.name, leaders.get(g.name, ""), by_group.get(g.name, 0))
            for g in src.org.groups(unit.id)
        ),
        full_members=snapshot.members.full,
        probationary=snapshot.members.probationary,
        by_category=tuple(
            (c.value, dict(snapshot.members.by_category).get(c.value, 0)) for c in MemberCategory
        ),
        made_on=snapshot.as_of,
    )


def transfers(src: ArchiveSources, unit_id: int, year: int) -> list[TransferLine]:
    """Return every 转入/转出 of the unit's members dated in ``year``, by date then name."""
    lines = []
    for member in src.roster.list(unit_id):
        for change in src.roster.get(member.id).history:
            if change.kind in TRANSFER_KINDS and change.effective_on.year == year:
                lines.append(
                    TransferLine(
                        member.name,
                        change.kind.value,
                        change.effective_on,
                        change.place,
                        change.letter_no,
                        change.note,
                    )
                )
    return sorted(lines, key=lambda t: (t.day, t.name, t.kind))


def study_lines(
    src: ArchiveSources, unit_id: int, events: list[EventRecord], members: list[MemberRecord]
) -> list[StudyLine]:
    """Return each of ``members`` with the 学时 of ``events`` and the hours required.

    Where no event has 学时 recorded, each member's hours are unknown (None), not 0.
    """
    recorded = any(e.study_hours > 0 for e in events)
    hours = study_hours(events)
    values = src.settings.values(unit_id)
    officers = {
        o.member_id: o.role.value
        for o in src.org.officers(unit_id)
        if o.role is not OfficerRole.GROUP_LEADER and o.member_id is not None
    }
    lines = []
    for m in members:
        role = officers.get(m.id, "党员")
        key = "study.hours.member" if role == "党员" else "study.hours.officer"
        got = hours.get(m.id, Decimal(0)) if recorded else None
        lines.append(StudyLine(m.name, m.group, role, got, values.number(key)))
    return lines
