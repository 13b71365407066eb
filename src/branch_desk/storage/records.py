"""Turn ORM rows into the frozen records that leave storage."""

from __future__ import annotations

from ..domain.members import (
    Gender,
    MemberCategory,
    MemberRecord,
    PartyStatus,
    RosterStatus,
    StatusChangeKind,
    StatusChangeRecord,
)
from ..domain.org import OfficerRecord, OfficerRole, OrgUnitKind, OrgUnitRecord
from . import models


def unit_record(row: models.OrgUnit) -> OrgUnitRecord:
    return OrgUnitRecord(
        id=row.id,
        kind=OrgUnitKind(row.kind),
        name=row.name,
        parent_id=row.parent_id,
        upper_org=row.upper_org,
        elected_on=row.elected_on,
        term_years=row.term_years,
        ledger_start=row.ledger_start,
    )


def officer_record(row: models.Officer) -> OfficerRecord:
    return OfficerRecord(
        id=row.id,
        unit_id=row.unit_id,
        role=OfficerRole(row.role),
        person_name=row.person_name,
        member_id=row.member_id,
        term_start=row.term_start,
        term_end=row.term_end,
    )


def member_record(row: models.Member, unit_names: dict[int, str]) -> MemberRecord:
    return MemberRecord(
        id=row.id,
        unit_id=row.unit_id,
        unit_name=unit_names.get(row.unit_id, ""),
        group_id=row.group_id,
        group=unit_names.get(row.group_id, "") if row.group_id else "",
        name=row.name,
        gender=Gender(row.gender),
        ethnicity=row.ethnicity,
        birth_date=row.birth_date,
        id_number=row.id_number or "",
        education=row.education,
        category=MemberCategory(row.category),
        party_status=PartyStatus(row.party_status),
        joined_on=row.joined_on,
        full_member_on=row.full_member_on,
        phone=row.phone,
        work_unit=row.work_unit,
        notes=row.notes,
        roster_status=RosterStatus(row.roster_status),
    )


def status_change_record(row: models.MemberStatusChange) -> StatusChangeRecord:
    return StatusChangeRecord(
        id=row.id,
        member_id=row.member_id,
        kind=StatusChangeKind(row.kind),
        effective_on=row.effective_on,
        place=row.place,
        letter_no=row.letter_no,
        note=row.note,
    )
