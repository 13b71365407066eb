"""The roster aggregate: members, their dated status history and their voting exclusions."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from ...domain.copying import record_from
from ...domain.members import (
    MemberCategory,
    MemberDetail,
    MemberInput,
    MemberRecord,
    PartyStatus,
    RosterStatus,
    StatusChangeInput,
    StatusChangeKind,
)
from ...domain.text import as_typed
from ...domain.voting import (
    Exclusion,
    ExclusionInput,
    ExclusionKind,
    ExclusionRecord,
    MemberFacts,
)
from ..models import (
    Attendance,
    Candidate,
    DuesAssessment,
    DuesPayment,
    Member,
    MemberStatusChange,
    Officer,
    VotingExclusion,
)
from ..records import member_record, status_change_record
from .rows import existing, member_missing
from .units import group_ids_by_name, unit_names

# ---- members ----------------------------------------------------------------------------------


def member_row(s: Session, member_id: int) -> Member:
    """The row of one member, for the repositories that change it; NotFound when there is none."""
    return existing(s, Member, member_id, member_missing(member_id))


def require(s: Session, member_id: int) -> MemberRecord:
    """The member ``member_id``; NotFound (in Chinese) when there is none."""
    return member_record(member_row(s, member_id), unit_names(s))


def detail(s: Session, member_id: int) -> MemberDetail:
    """One member with the dated roster history."""
    row = member_row(s, member_id)
    history = tuple(status_change_record(h) for h in row.history)
    return MemberDetail(member_record(row, unit_names(s)), history)


def list_members(s: Session, unit_id: int | None = None) -> list[MemberRecord]:
    """The members of ``unit_id`` (or of every unit), on roll or not, in id order."""
    query = select(Member).order_by(Member.id)
    if unit_id is not None:
        query = query.where(Member.unit_id == unit_id)
    names = unit_names(s)
    return [member_record(m, names) for m in s.scalars(query)]


def find(s: Session, *, id_number: str, name: str, unit_id: int | None) -> list[MemberRecord]:
    """The members holding ``id_number``, or when none does, those named exactly ``name``."""
    query = select(Member)
    if unit_id is not None:
        query = query.where(Member.unit_id == unit_id)
    rows = s.scalars(query.where(Member.id_number == id_number)).all()
    rows = rows or s.scalars(query.where(Member.name == name)).all()
    names = unit_names(s)
    return [member_record(r, names) for r in rows]


def id_number_holder(s: Session, id_number: str, other_than: int | None) -> str | None:
    """The name of the member (other than ``other_than``) holding ``id_number``, if any."""
    row = s.scalar(
        select(Member).where(Member.id_number == id_number, Member.id != (other_than or 0))
    )
    return None if row is None else row.name


def id_numbers_elsewhere(s: Session, unit_id: int) -> set[str]:
    """The 身份证号 held by members of units other than ``unit_id``."""
    query = select(Member.id_number).where(Member.unit_id != unit_id)
    return {number for number in s.scalars(query) if number}


RollCount = tuple[RosterStatus, PartyStatus, MemberCategory, int | None, int]


def roll_counts(s: Session, unit_id: int) -> list[RollCount]:
    """How many of the unit's members share each roster status, party status, category and group."""
    return roll_counts_of_units(s, [unit_id])[unit_id]


def roll_counts_of_units(s: Session, unit_ids: list[int]) -> dict[int, list[RollCount]]:
    """``roll_counts`` of several units at once, by unit."""
    columns = (Member.roster_status, Member.party_status, Member.category, Member.group_id)
    query = select(Member.unit_id, *columns, func.count()).where(Member.unit_id.in_(unit_ids))
    found: dict[int, list[RollCount]] = {unit_id: [] for unit_id in unit_ids}
    for unit_id, roster, party, category, group_id, count in s.execute(
        query.group_by(Member.unit_id, *columns)
    ):
        found[unit_id].append(
            (RosterStatus(roster), PartyStatus(party), MemberCategory(category), group_id, count)
        )
    return found


def write_fields(row: Member, data: MemberInput, groups: dict[str, int]) -> None:
    """Copy a normalised, validated input onto a Member row."""
    assert data.gender and data.category and data.party_status
    row.name = data.name
    row.gender = data.gender.value
    row.ethnicity = data.ethnicity
    row.birth_date = data.birth_date
    row.id_number = data.id_number or None
    row.education = data.education
    row.category = data.category.value
    row.party_status = data.party_status.value
    row.joined_on = data.joined_on
    row.full_member_on = data.full_member_on
    row.group_id = groups.get(data.group) if data.group else None
    row.phone = data.phone
    row.work_unit = data.work_unit
    row.notes = data.notes


def add(
    s: Session,
    unit_id: int,
    data: MemberInput,
    now: datetime,
    groups: dict[str, int] | None = None,
) -> int:
    """Insert a member on the roll (登记在册 status, no history yet); return the new id.

    ``groups`` (the unit's 党小组 ids by name) spares the lookup when many are added at once.
    """
    row = Member(unit_id=unit_id, created_at=now)
    write_fields(row, data, group_ids_by_name(s, unit_id) if groups is None else groups)
    row.roster_status = RosterStatus.ACTIVE.value
    row.updated_at = now
    s.add(row)
    s.flush()
    return row.id


def update(s: Session, member_id: int, data: MemberInput, now: datetime) -> MemberRecord:
    """Write edited fields onto a member; ``updated_at`` moves only when something changed."""
    row = member_row(s, member_id)
    write_fields(row, data, group_ids_by_name(s, row.unit_id))
    if s.is_modified(row):
        row.updated_at = now
    s.flush()
    return member_record(row, unit_names(s))


def overwrite(
    s: Session, member_id: int, data: MemberInput, now: datetime, groups: dict[str, int]
) -> None:
    """Write an imported row's fields onto a member (``groups``: the unit's 党小组 by name)."""
    row = member_row(s, member_id)
    write_fields(row, data, groups)
    row.updated_at = now


def add_status_change(s: Session, member_id: int, change: StatusChangeInput, now: datetime) -> None:
    """Append a dated entry to a member's roster history (the status is set separately)."""
    s.add(
        MemberStatusChange(
            member_id=member_id,
            kind=change.kind.value,
            effective_on=change.effective_on,
            place=as_typed(change.place),
            letter_no=as_typed(change.letter_no),
            note=change.note.strip(),
            created_at=now,
        )
    )
    s.flush()


def set_roster_status(s: Session, member_id: int, status: RosterStatus, now: datetime) -> None:
    """Put a member in roster status ``status``."""
    row = member_row(s, member_id)
    row.roster_status = status.value
    row.updated_at = now
    s.flush()


def references(s: Session, member_id: int) -> list[str]:
    """Describe what refers to a member (so it can no longer be removed)."""
    refs = []
    changes = s.scalar(
        select(func.count())
        .select_from(MemberStatusChange)
        .where(MemberStatusChange.member_id == member_id)
    )
    if changes and changes > 1:
        refs.append("已有党籍变动记录")
    if s.scalar(select(func.count()).select_from(Officer).where(Officer.member_id == member_id)):
        refs.append("担任支委或党小组组长")
    for model, label in _REFERRING:
        query = select(func.count()).select_from(model).where(model.member_id == member_id)
        if s.scalar(query):
            refs.append(label)
    return refs


_REFERRING = (
    (Attendance, "有会议出席记录"),
    (DuesAssessment, "有党费核定记录"),
    (DuesPayment, "有党费缴纳记录"),
    (VotingExclusion, "有表决权排除记录"),
    (Candidate, "由发展党员程序转入"),
)


def delete(s: Session, member_id: int) -> None:
    """Delete a member and its roster history (the caller checked nothing else refers to it)."""
    row = member_row(s, member_id)
    for entry in list(row.history):
        s.delete(entry)
    s.delete(row)
    s.flush()


# ---- the facts of who was on the roll and could vote ------------------------------------------


def load_facts(s: Session, unit_id: int, member_id: int | None = None) -> list[MemberFacts]:
    """Return the facts of every member ever on the unit's roll (or of one), in roster order."""
    query = _FACTS.where(Member.unit_id == unit_id)
    if member_id is not None:
        query = query.where(Member.id == member_id)
    return _facts(s, s.execute(query).all())


def facts_of_units(s: Session, unit_ids: list[int]) -> dict[int, list[MemberFacts]]:
    """Return ``load_facts`` of several units at once (one read per table), by unit."""
    rows = s.execute(_FACTS.where(Member.unit_id.in_(unit_ids))).all()
    found: dict[int, list[MemberFacts]] = {unit_id: [] for unit_id in unit_ids}
    for row, facts in zip(rows, _facts(s, rows), strict=True):
        found[row.unit_id].append(facts)
    return found


_FACTS = select(
    Member.id,
    Member.name,
    Member.joined_on,
    Member.full_member_on,
    Member.party_status,
    Member.group_id,
    Member.unit_id,
).order_by(Member.id)


def _facts(s: Session, members: Sequence[Row[Any]]) -> list[MemberFacts]:
    ids = [m.id for m in members]
    history, exclusions = _histories(s, ids)
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


def _histories(
    s: Session, ids: list[int]
) -> tuple[dict[int, list[tuple[StatusChangeKind, date]]], dict[int, list[Exclusion]]]:
    """The dated roster history and the voting exclusions of the members ``ids``."""
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
    return history, exclusions


_CHUNK = 5000  # ids per IN (…) list, well below SQLite's variable limit
_KINDS = {k.value: k for k in StatusChangeKind}
_STATUSES = {p.value: p for p in PartyStatus}


# ---- voting exclusions ------------------------------------------------------------------------


def exclusions(s: Session, member_id: int) -> list[ExclusionRecord]:
    """A member's voting exclusions, by start date."""
    rows = s.scalars(
        select(VotingExclusion)
        .where(VotingExclusion.member_id == member_id)
        .order_by(VotingExclusion.start_on)
    )
    return [exclusion_record(r) for r in rows]


def add_exclusion(s: Session, member_id: int, data: ExclusionInput) -> ExclusionRecord:
    """Record an exclusion of an existing member."""
    member_row(s, member_id)
    row = VotingExclusion(
        member_id=member_id,
        kind=data.kind.value,
        start_on=data.start_on,
        end_on=data.end_on,
        upper_ref=as_typed(data.upper_ref),
        assembly_ref=as_typed(data.assembly_ref),
        note=data.note.strip(),
    )
    s.add(row)
    s.flush()
    return exclusion_record(row)


def exclusion(s: Session, exclusion_id: int) -> ExclusionRecord:
    """One exclusion; NotFound when there is none."""
    return exclusion_record(_exclusion_row(s, exclusion_id))


def end_exclusion(s: Session, exclusion_id: int, end_on: date) -> ExclusionRecord:
    """Close an exclusion on ``end_on``."""
    row = _exclusion_row(s, exclusion_id)
    row.end_on = end_on
    s.flush()
    return exclusion_record(row)


def _exclusion_row(s: Session, exclusion_id: int) -> VotingExclusion:
    return existing(s, VotingExclusion, exclusion_id, "找不到该记录。")


def exclusion_record(row: VotingExclusion) -> ExclusionRecord:
    return record_from(ExclusionRecord, row, kind=ExclusionKind(row.kind))
