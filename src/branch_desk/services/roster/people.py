"""Loading the facts that decide who belongs to a meeting and who may vote on a day."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.members import PartyStatus, StatusChangeKind
from ...domain.org import OfficerRole
from ...domain.voting import Exclusion, ExclusionKind, MemberFacts, on_roll, party_status_on
from ...storage.models import Member, MemberStatusChange, Officer, VotingExclusion

COMMITTEE_ROLES = frozenset(r.value for r in OfficerRole if r is not OfficerRole.GROUP_LEADER)


def load_facts(s: Session, unit_id: int, member_id: int | None = None) -> list[MemberFacts]:
    """Return the facts of every member ever on the unit's roll (or of one), in roster order."""
    query = (
        select(
            Member.id,
            Member.name,
            Member.joined_on,
            Member.full_member_on,
            Member.party_status,
            Member.group_id,
        )
        .where(Member.unit_id == unit_id)
        .order_by(Member.id)
    )
    if member_id is not None:
        query = query.where(Member.id == member_id)
    members = s.execute(query).all()
    ids = [m.id for m in members]
    history: dict[int, list[tuple[StatusChangeKind, date]]] = defaultdict(list)
    exclusions: dict[int, list[Exclusion]] = defaultdict(list)
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        for changed_id, kind, effective in s.execute(
            select(
                MemberStatusChange.member_id,
                MemberStatusChange.kind,
                MemberStatusChange.effective_on,
            )
            .where(MemberStatusChange.member_id.in_(chunk))
            .order_by(MemberStatusChange.effective_on, MemberStatusChange.id)
        ):
            history[changed_id].append((_KINDS[kind], effective))
        for row in s.execute(
            select(
                VotingExclusion.member_id,
                VotingExclusion.kind,
                VotingExclusion.start_on,
                VotingExclusion.end_on,
                VotingExclusion.upper_ref,
                VotingExclusion.assembly_ref,
            )
            .where(VotingExclusion.member_id.in_(chunk))
            .order_by(VotingExclusion.id)
        ):
            exclusions[row.member_id].append(
                Exclusion(
                    ExclusionKind(row.kind),
                    row.start_on,
                    row.end_on,
                    row.upper_ref,
                    row.assembly_ref,
                )
            )
    return [
        MemberFacts(
            member_id=m.id,
            name=m.name,
            joined_on=m.joined_on,
            full_member_on=m.full_member_on,
            party_status=_STATUSES[m.party_status],
            history=tuple(history[m.id]),
            exclusions=tuple(exclusions[m.id]),
            group_id=m.group_id,
        )
        for m in members
    ]


_CHUNK = 5000  # ids per IN (…) list, well below SQLite's variable limit
_KINDS = {k.value: k for k in StatusChangeKind}
_STATUSES = {p.value: p for p in PartyStatus}


def roll_on(facts: list[MemberFacts], day: date, group_id: int | None = None) -> list[MemberFacts]:
    """Return the members on the roll (and already members) on ``day``, optionally of one group."""
    return [
        f
        for f in facts
        if on_roll(f.history, day)
        and party_status_on(f, day) is not None
        and (group_id is None or f.group_id == group_id)
    ]


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
