"""Turn ORM rows into the frozen records that leave storage."""

from __future__ import annotations

from ..domain.copying import record_from
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
    return record_from(OrgUnitRecord, row, kind=OrgUnitKind(row.kind))


def officer_record(row: models.Officer) -> OfficerRecord:
    return record_from(OfficerRecord, row, role=OfficerRole(row.role))


def member_record(row: models.Member, unit_names: dict[int, str]) -> MemberRecord:
    return record_from(
        MemberRecord,
        row,
        unit_name=unit_names.get(row.unit_id, ""),
        group=unit_names.get(row.group_id, "") if row.group_id else "",
        gender=Gender(row.gender),
        id_number=row.id_number or "",
        category=MemberCategory(row.category),
        party_status=PartyStatus(row.party_status),
        roster_status=RosterStatus(row.roster_status),
    )


def status_change_record(row: models.MemberStatusChange) -> StatusChangeRecord:
    return record_from(StatusChangeRecord, row, kind=StatusChangeKind(row.kind))
