"""Who may vote (E), quorum and whether a resolution passed (RULES part B)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .events import VoteKind, VoteMethod
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


def is_voting_member(facts: MemberFacts, day: date) -> bool:
    """Tell whether the member counts in E on ``day``."""
    if party_status_on(facts, day) is not PartyStatus.FULL or not on_roll(facts.history, day):
        return False
    return not any(ex.applies_on(day) for ex in facts.exclusions)


@dataclass(frozen=True, slots=True)
class Tally:
    yes: int
    no: int
    abstain: int
    written_yes: int = 0
    written_no: int = 0


@dataclass(frozen=True, slots=True)
class VoteAssessment:
    quorate: bool
    passed: bool
    verdict: str
    problems: tuple[str, ...]


def assess_assembly_vote(
    kind: VoteKind, method: VoteMethod, entitled: int, present_voting: int, tally: Tally
) -> VoteAssessment:
    """Judge a vote of the 党员大会: quorum and passing both counted against E."""
    problems = list(_tally_problems(entitled, present_voting, tally))
    needs_secret = kind in (VoteKind.ADMISSION, VoteKind.FULL_MEMBERSHIP)
    if needs_secret and method is not VoteMethod.SECRET_BALLOT:
        problems.append(f"“{kind.value}”须采用无记名投票，实际为{method.value}")
    counted_written = tally.written_yes if needs_secret else 0
    if kind is VoteKind.ELECTION:
        quorate = present_voting * 5 >= entitled * 4 and entitled > 0
        rule = "选举须有应到会有选举权党员的五分之四以上到会"
    else:
        quorate = present_voting * 2 > entitled
        rule = "到会有表决权的正式党员须超过应到会人数的半数"
    votes_for = tally.yes + counted_written
    passed = quorate and votes_for * 2 > entitled and not problems
    parts = [f"应到会有表决权的正式党员{entitled}人，实到{present_voting}人"]
    parts.append("，会议有效" if quorate else f"，不足法定人数（{rule}），表决无效")
    written = f"（含书面意见赞成{counted_written}票）" if counted_written else ""
    parts.append(f"；赞成{votes_for}票{written}、反对{tally.no}票、弃权{tally.abstain}票")
    if quorate:
        verdict = (
            "，超过应到会有表决权党员的半数，通过"
            if votes_for * 2 > entitled
            else "，未超过应到会有表决权党员的半数，未通过"
        )
        parts.append(verdict)
    if problems:
        parts.append("；记录有误：" + "；".join(problems))
    return VoteAssessment(quorate, passed, "".join(parts) + "。", tuple(problems))


def assess_committee_vote(
    committee_size: int, committee_present: int, method: VoteMethod, tally: Tally
) -> VoteAssessment:
    """Judge a vote of the 支部委员会: more than half of its members present and in favour."""
    problems = list(_tally_problems(committee_size, committee_present, tally))
    quorate = committee_present * 2 > committee_size
    passed = quorate and tally.yes * 2 > committee_size and not problems
    verdict = f"支部委员会应到{committee_size}人，实到{committee_present}人"
    verdict += "，会议有效" if quorate else "，未超过半数，会议无效"
    verdict += f"；赞成{tally.yes}票、反对{tally.no}票、弃权{tally.abstain}票"
    if quorate:
        verdict += "，通过" if passed else "，未通过"
    del method
    return VoteAssessment(quorate, passed, verdict + "。", tuple(problems))


def _tally_problems(entitled: int, present: int, tally: Tally) -> list[str]:
    problems = []
    if min(tally.yes, tally.no, tally.abstain, tally.written_yes, tally.written_no) < 0:
        problems.append("票数不能为负")
    if tally.yes + tally.no + tally.abstain > present:
        total = tally.yes + tally.no + tally.abstain
        problems.append(f"赞成、反对、弃权合计{total}票，超过到会有表决权人数{present}人")
    if tally.written_yes + tally.written_no > max(entitled - present, 0):
        problems.append("书面意见票数超过未到会有表决权党员人数")
    return problems
