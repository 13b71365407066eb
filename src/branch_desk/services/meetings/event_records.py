"""From a stored event to its record: 应到, 实到, E on the day, and what the rules make of votes."""

from __future__ import annotations

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
from ...domain.rules.votes import Tally, is_voting_member, judge_meeting_vote
from ...domain.voting import MemberFacts, party_status_on
from ...storage.repositories import Session
from ...storage.repositories.units import unit_names
from ..roster.people import load_facts


def event_records(s: Session, events: list[StoredEvent]) -> list[EventRecord]:
    """The records of stored events, judged against the roll of each event's day."""
    names = unit_names(s)
    facts_by_unit: dict[int, dict[int, MemberFacts]] = {}
    entitled: dict[tuple[int, date], int] = {}
    result = []
    for event in events:
        if event.unit_id not in facts_by_unit:
            facts_by_unit[event.unit_id] = {f.member_id: f for f in load_facts(s, event.unit_id)}
        facts = facts_by_unit[event.unit_id]
        key = (event.unit_id, event.data.day)
        if key not in entitled:
            entitled[key] = sum(1 for f in facts.values() if is_voting_member(f, key[1]))
        result.append(event_record(event, names, facts, entitled[key]))
    return result


def event_record(
    event: StoredEvent, names: dict[int, str], facts: dict[int, MemberFacts], entitled: int
) -> EventRecord:
    """One event's record, given the unit names, its unit's member facts and E on its day."""
    data = event.data
    day = data.day
    stored_lines = data.attendance or ()
    lines = tuple(_line(a, facts, day) for a in stored_lines)
    present_voting = sum(
        1
        for a in stored_lines
        if a.status is AttendanceStatus.PRESENT
        and a.member_id in facts
        and is_voting_member(facts[a.member_id], day)
    )
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


def _line(a: AttendanceInput, facts: dict[int, MemberFacts], day: date) -> AttendanceLine:
    status = party_status_on(facts[a.member_id], day) if a.member_id in facts else None
    party_status = status.value if isinstance(status, PartyStatus) else ""
    return record_from(AttendanceLine, a, party_status=party_status)


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
