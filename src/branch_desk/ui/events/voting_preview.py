"""Live 应到/E and vote verdicts while editing, from the roster and the voting rules.

The stored EventRecord computes the same on save; this preview lets the editor show the
verdict of each vote and each person's 正式/预备 standing before anything is saved.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ...domain.events import AttendanceStatus, EventType, VoteInput
from ...domain.members import PartyStatus
from ...domain.rules.votes import Tally, VoteAssessment, judge_meeting_vote
from ...services.app import BranchDesk
from .attendance import AttendanceRow

STANDING = {PartyStatus.FULL: "正式党员", PartyStatus.PROBATIONARY: "预备党员"}


@dataclass(frozen=True, slots=True)
class RollFacts:
    """Each member's standing on the meeting day and who counts in E."""

    day: date
    standings: dict[int, str]
    entitled_ids: frozenset[int]

    def standing(self, member_id: int | None) -> str:
        """Return 正式党员/预备党员 for a member ('' when unknown)."""
        return self.standings.get(member_id, "") if member_id is not None else ""


def roll_facts(desk: BranchDesk, unit_id: int, day: date) -> RollFacts:
    """Read the unit's roll on ``day`` (roster history, standing, exclusions) from the service."""
    roll = desk.events.roll(unit_id, day)
    standings = {member_id: STANDING[status] for member_id, status in roll.standings.items()}
    return RollFacts(day, standings, roll.entitled)


def vote_verdict(
    vote: VoteInput, kind: EventType, facts: RollFacts, rows: Iterable[AttendanceRow]
) -> VoteAssessment:
    """Judge a vote against the grid as it stands (committee: its members; else E)."""
    tally = Tally(vote.yes, vote.no, vote.abstain, vote.written_yes, vote.written_no)
    lines = [r for r in rows if r.status is not AttendanceStatus.OBSERVER]
    present = [r for r in lines if r.status is AttendanceStatus.PRESENT]
    voting = sum(1 for r in present if r.member_id in facts.entitled_ids)
    return judge_meeting_vote(
        kind,
        vote.kind,
        vote.method,
        tally,
        entitled=len(facts.entitled_ids),
        present_voting=voting,
        expected=len(lines),
        present=len(present),
    )
