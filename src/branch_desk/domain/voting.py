"""A member's standing on a day: on the roll, 正式/预备, excluded from E and why.

Who counts in E and how votes are judged are rules: see ``domain/rules/votes.py``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .members import PartyStatus, StatusChangeKind


class ExclusionKind(StrEnum):
    """Reasons a full member is not counted in E on a day."""

    PROBATION_DISCIPLINE = "留党察看"
    DETAINED = "被依法留置、逮捕"
    ILLNESS = "因病无法表达意志"
    ABROAD = "自费出国半年以上"
    SENTENCE = "正在服刑"
    BEDRIDDEN = "年老体弱卧床不起"
    AWAY = "外出半年以上未转组织关系"

    @property
    def needs_approval(self) -> bool:
        """Excluded only with approval by the upper organisation and the 党员大会."""
        return self not in (ExclusionKind.PROBATION_DISCIPLINE, ExclusionKind.DETAINED)


@dataclass(frozen=True, slots=True)
class ExclusionRecord:
    id: int
    member_id: int
    kind: ExclusionKind
    start_on: date
    end_on: date | None
    upper_ref: str
    assembly_ref: str
    note: str

    @property
    def approved(self) -> bool:
        """Tell whether it takes effect (automatic kinds, or both approvals recorded)."""
        return not self.kind.needs_approval or bool(self.upper_ref and self.assembly_ref)


@dataclass(frozen=True, slots=True)
class ExclusionInput:
    kind: ExclusionKind
    start_on: date
    end_on: date | None = None
    upper_ref: str = ""
    assembly_ref: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Exclusion:
    kind: ExclusionKind
    start_on: date
    end_on: date | None
    upper_ref: str = ""
    assembly_ref: str = ""

    def applies_on(self, day: date) -> bool:
        """Tell whether this exclusion removes the member from E on ``day``."""
        if not self.start_on <= day or (self.end_on is not None and day > self.end_on):
            return False
        return not self.kind.needs_approval or bool(self.upper_ref and self.assembly_ref)


@dataclass(frozen=True, slots=True)
class MemberFacts:
    """What decides a member's standing on a given day."""

    member_id: int
    name: str
    joined_on: date | None
    full_member_on: date | None
    party_status: PartyStatus
    history: tuple[tuple[StatusChangeKind, date], ...]
    exclusions: tuple[Exclusion, ...] = ()
    group_id: int | None = None


def _on_roll_kinds() -> frozenset[StatusChangeKind]:
    return frozenset(k for k in StatusChangeKind if k.resulting_status.value == "在册")


_ON_ROLL = _on_roll_kinds()


def on_roll(history: Iterable[tuple[StatusChangeKind, date]], day: date) -> bool:
    """Tell whether the member was on the roll on ``day`` (latest change up to that day)."""
    latest: StatusChangeKind | None = None
    latest_on: date | None = None
    for kind, effective in history:  # the last change of the latest date (as a stable sort)
        if effective <= day and (latest_on is None or effective >= latest_on):
            latest, latest_on = kind, effective
    return latest is not None and latest in _ON_ROLL


def party_status_on(facts: MemberFacts, day: date) -> PartyStatus | None:
    """Return 正式/预备 on ``day``, or None before the member joined."""
    if facts.full_member_on is not None and facts.full_member_on <= day:
        return PartyStatus.FULL
    if facts.joined_on is not None and facts.joined_on > day:
        return None
    if facts.full_member_on is None and facts.party_status is PartyStatus.FULL:
        return PartyStatus.FULL  # an old record without a 转正 date
    return PartyStatus.PROBATIONARY
