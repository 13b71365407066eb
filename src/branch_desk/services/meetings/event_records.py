"""From a stored event to its record: 应到, 实到, E on the day, and what the rules make of votes."""

from __future__ import annotations

from bisect import bisect_right
from datetime import date

from ...domain.copying import record_from
from ...domain.events import (
    AttendanceInput,
    AttendanceLine,
    AttendanceStatus,
    EventRecord,
    EventType,
    StoredEvent,
    VoteInput,
    VoteRecord,
)
from ...domain.members import PartyStatus
from ...domain.rules.votes import Tally, judge_meeting_vote
from ...domain.rules.voting_days import VotingDays
from ...domain.voting import MemberFacts, party_status_on
from ...storage.repositories import Session
from ...storage.repositories.units import unit_names
from ..roster.people import load_facts
from ..shared_reads import shared


def event_records(s: Session, events: list[StoredEvent]) -> list[EventRecord]:
    """The records of stored events, judged against the roll of each event's day."""
    names = shared(("unit names",), lambda: unit_names(s))  # read, never changed here
    by_unit: dict[int, list[StoredEvent]] = {}
    for event in events:
        by_unit.setdefault(event.unit_id, []).append(event)
    rolls: dict[int, tuple[_Lines, VotingDays]] = {}
    for unit_id, held in by_unit.items():
        facts = load_facts(s, unit_id)
        voting = VotingDays(facts, (e.data.day for e in held))
        rolls[unit_id] = (_Lines(facts, voting), voting)
    return [event_record(e, names, *rolls[e.unit_id]) for e in events]


_STANDING = {status: status.value for status in PartyStatus}  # 正式/预备 as the line shows it


class _Lines:
    """Attendance lines of one unit's events: a member's line with its 正式/预备 standing on the
    day. Lines are immutable and recur at meeting after meeting, so each is made once (the
    storage reads each distinct attendance input once, so it is known by its identity).

    A member's standing and whether they count in E change only on the member's change days
    (``voting.members``' stretches): both are found with one bisection per line.
    """

    def __init__(self, facts: list[MemberFacts], voting: VotingDays) -> None:
        self.members: dict[int, tuple[tuple[date, ...], list[str], list[bool]]] = {}
        for f in facts:
            stretches = voting.members[f.member_id]
            days = (date.min, *stretches.starts)
            standings = [_STANDING.get(party_status_on(f, day), "") for day in days]
            self.members[f.member_id] = (stretches.starts, standings, stretches.values)
        self.made: dict[tuple[int, str], tuple[AttendanceInput, AttendanceLine]] = {}

    def lines(
        self, stored: tuple[AttendanceInput, ...], day: date
    ) -> tuple[tuple[AttendanceLine, ...], int]:
        """The lines of an event on ``day``, and how many present count in E."""
        members, made = self.members, self.made
        lines: list[AttendanceLine] = []
        present_voting = 0
        for a in stored:
            standing, votes = "", False
            found = members.get(a.member_id) if a.member_id is not None else None
            if found is not None:
                at = bisect_right(found[0], day)
                standing, votes = found[1][at], found[2][at]
            if votes and a.status is AttendanceStatus.PRESENT:
                present_voting += 1
            key = (id(a), standing)
            pair = made.get(key)
            if pair is None:  # the input is kept with its line, so its id is never reused
                # name, status, member, reason, reason text, 正式/预备 on the day, grade
                line = AttendanceLine(
                    a.name, a.status, a.member_id, a.reason, a.reason_text, standing, a.grade
                )
                pair = made[key] = (a, line)
            lines.append(pair[1])
        return tuple(lines), present_voting


def event_record(
    event: StoredEvent, names: dict[int, str], lines_of: _Lines, voting: VotingDays
) -> EventRecord:
    """One event's record, given the unit names, its unit's lines and who votes when."""
    data = event.data
    day = data.day
    entitled = voting.entitled(day)
    lines, present_voting = lines_of.lines(data.attendance or (), day)
    expected = [line for line in lines if line.status is not AttendanceStatus.OBSERVER]
    present = sum(1 for line in expected if line.status is AttendanceStatus.PRESENT)
    votes = tuple(
        _vote(v, data.type, entitled, present_voting, len(expected), present) for v in data.votes
    )
    return record_from(
        EventRecord,
        data,
        id=event.id,
        unit_id=event.unit_id,
        unit_name=names.get(event.unit_id, ""),
        group_name=names.get(data.group_id, "") if data.group_id else "",
        attendance=lines,
        votes=votes,
        entitled=entitled,
        present_voting=present_voting,
        attachment_count=event.attachment_count,
    )


def _vote(
    v: VoteInput, kind: EventType, entitled: int, present_voting: int, expected: int, present: int
) -> VoteRecord:
    tally = record_from(Tally, v)
    assessment = judge_meeting_vote(
        kind,
        v.kind,
        v.method,
        tally,
        entitled=entitled,
        present_voting=present_voting,
        expected=expected,
        present=present,
    )
    committee = kind is EventType.COMMITTEE
    base, voters = (expected, present) if committee else (entitled, present_voting)
    return record_from(
        VoteRecord,
        v,
        entitled=base,
        present_voting=voters,
        quorate=assessment.quorate,
        passed=assessment.passed,
        verdict=assessment.verdict,
    )
