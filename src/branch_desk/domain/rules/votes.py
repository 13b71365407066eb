"""Who may vote (E), quorum, and whether a resolution passed (RULES part B).

Every vote the app judges goes through here: the meeting record on save
(``services/events``), the event editor's live verdicts (``judge_meeting_vote``), and the
admission and 转正 votes of member development (``judge_step_vote``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..events import EventType, VoteKind, VoteMethod
from ..findings import Severity
from ..members import PartyStatus
from ..voting import MemberFacts, on_roll, party_status_on
from .ids import RuleId
from .numbers import TallyFacts, number_problems

SECRET_BALLOT_KINDS = (VoteKind.ADMISSION, VoteKind.FULL_MEMBERSHIP)
# The counts of a vote (the fields of Tally), and with E and who of E was present, of a step's.
TALLY_KEYS = ("yes", "no", "abstain", "written_yes", "written_no")
STEP_VOTE_KEYS = (*TALLY_KEYS, "entitled", "present_voting")


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
    counts = TallyFacts("", tally.yes, tally.no, tally.abstain, present)
    problems += [p.message for p in number_problems(entitled, present, None, (counts,))]
    if tally.written_yes + tally.written_no > max(entitled - present, 0):
        problems.append("书面意见票数超过未到会有表决权党员人数")
    return problems


def judge_meeting_vote(
    meeting: EventType,
    kind: VoteKind,
    method: VoteMethod,
    tally: Tally,
    *,
    entitled: int,
    present_voting: int,
    expected: int,
    present: int,
) -> VoteAssessment:
    """Judge a vote of a meeting: a 支委会 counts its members present, any other meeting E."""
    if meeting is EventType.COMMITTEE:
        return assess_committee_vote(expected, present, method, tally)
    return assess_assembly_vote(kind, method, entitled, present_voting, tally)


def judge_step_vote(
    admission: bool, numbers: Mapping[str, Any], method_text: str
) -> VoteAssessment:
    """Judge a recorded admission (``admission``) or 转正 vote of the 党员大会.

    ``numbers`` holds the counts by ``STEP_VOTE_KEYS`` (missing ones count 0); ``method_text``
    is the recorded 表决方式 (无记名投票 or another).
    """
    n = {key: int(numbers.get(key) or 0) for key in STEP_VOTE_KEYS}
    method = VoteMethod.SECRET_BALLOT if method_text == "无记名投票" else VoteMethod.SHOW_OF_HANDS
    kind = VoteKind.ADMISSION if admission else VoteKind.FULL_MEMBERSHIP
    tally = Tally(n["yes"], n["no"], n["abstain"], n["written_yes"], n["written_no"])
    return assess_assembly_vote(kind, method, n["entitled"], n["present_voting"], tally)


@dataclass(frozen=True, slots=True)
class VoteFacts:
    """A judged vote as the record rules read it."""

    subject: str
    kind: VoteKind
    method: VoteMethod
    quorate: bool
    passed: bool
    verdict: str


def vote_issues(votes: Iterable[VoteFacts], committee: bool) -> list[tuple[RuleId, Severity, str]]:
    """Return the faults of a record's votes: open ballot where secret is required, no quorum."""
    found: list[tuple[RuleId, Severity, str]] = []
    for vote in votes:
        if vote.kind in SECRET_BALLOT_KINDS and vote.method is not VoteMethod.SECRET_BALLOT:
            found.append(
                (RuleId.RECORD_SECRET_BALLOT, Severity.ERROR, f"“{vote.subject}”须采用无记名投票")
            )
        if not vote.quorate and not committee:
            found.append((RuleId.QUORUM, Severity.ERROR, f"“{vote.subject}”：{vote.verdict}"))
        elif vote.quorate and not vote.passed:
            found.append(
                (RuleId.VOTE_FAILED, Severity.INFO, f"“{vote.subject}”未通过：{vote.verdict}")
            )
    return found
