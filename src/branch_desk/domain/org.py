"""Organisation units (党委/党总支/党支部/党小组) and their officers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class OrgUnitKind(StrEnum):
    PARTY_COMMITTEE = "党委"
    GENERAL_BRANCH = "党总支"
    BRANCH = "党支部"
    GROUP = "党小组"


class OfficerRole(StrEnum):
    """支部委员会 positions and the 党小组 leader."""

    SECRETARY = "书记"
    DEPUTY_SECRETARY = "副书记"
    ORGANIZATION = "组织委员"
    PROPAGANDA = "宣传委员"
    DISCIPLINE = "纪检委员"
    COMMITTEE_MEMBER = "委员"
    GROUP_LEADER = "党小组组长"


DEFAULT_TERM_YEARS = 3
MAX_UNIT_NAME = 60


@dataclass(frozen=True, slots=True)
class OrgUnitRecord:
    """A unit as stored."""

    id: int
    kind: OrgUnitKind
    name: str
    parent_id: int | None
    upper_org: str
    elected_on: date | None
    term_years: int
    ledger_start: date | None = None  # 台账起始日期: nothing before it is owed


@dataclass(frozen=True, slots=True)
class OfficerRecord:
    """One officer position held by a person for a term."""

    id: int
    unit_id: int
    role: OfficerRole
    person_name: str
    member_id: int | None
    term_start: date | None
    term_end: date | None


@dataclass(frozen=True, slots=True)
class BranchSummary:
    """Counts shown on the dashboard (工作台)."""

    unit: OrgUnitRecord
    by_roster_status: dict[str, int]
    by_party_status: dict[str, int]
    by_category: dict[str, int]
    by_group: dict[str, int]
    groups: tuple[OrgUnitRecord, ...]
    officers: tuple[OfficerRecord, ...]

    @property
    def active_total(self) -> int:
        return sum(self.by_party_status.values())


@dataclass(frozen=True, slots=True)
class BranchInput:
    """The set-up form: the branch, where it reports, its last election and its 党小组."""

    name: str
    kind: OrgUnitKind = OrgUnitKind.BRANCH
    upper_org: str = ""
    elected_on: date | None = None
    term_years: int = DEFAULT_TERM_YEARS
    groups: tuple[str, ...] = ()
    parent_id: int | None = None
    ledger_start: date | None = None  # 台账起始日期 (None: every period is checked)


@dataclass(frozen=True, slots=True)
class OfficerInput:
    role: OfficerRole
    person_name: str
    member_id: int | None = None
    term_start: date | None = None
    term_end: date | None = None
