"""What a meeting record must hold (RULES part B): absentees' reasons, chair, recorder …

``record_issues`` is the one implementation: the checker runs it over stored events
(``record_findings``) and the event editor over the form being edited, so the live warnings
and the findings of `check` cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ..appraisal import appraised
from ..copying import record_from
from ..events import EventRecord, EventType
from ..findings import Finding, Severity
from ..org import OfficerRecord, OfficerRole, OrgUnitRecord
from ..periods import PeriodKind
from .ids import RuleId
from .record_kinds import KindIssue, absent_leader_issues, appraisal_issues, assembly_quorum_issues
from .votes import VoteFacts, vote_issues

FORMAL_MEETINGS = frozenset(
    {
        EventType.BRANCH_ASSEMBLY,
        EventType.COMMITTEE,
        EventType.GROUP_MEETING,
        EventType.PARTY_LECTURE,
        EventType.LIFE_MEETING,
        EventType.EVALUATION,
    }
)


@dataclass(frozen=True, slots=True)
class RecordFacts:
    """What the record rules read of one meeting, stored or being edited."""

    types: tuple[EventType, ...]  # its own type first, then what it also counts as
    day: date
    chair: str
    chair_note: str
    recorder: str
    lecturer: str
    lecture_topic: str
    timed: bool  # both start and end time given
    resolutions: str
    missing_reason: tuple[str, ...]  # absentees without a reason
    expected: int
    present: int
    votes: tuple[VoteFacts, ...] = ()
    absent: tuple[str, ...] = ()  # names listed as absent
    entitled: int = 0  # E on the day
    present_voting: int = 0  # voting full members present
    ungraded: tuple[str, ...] = ()  # 民主评议党员: 正式党员 on the roll without a grade

    @property
    def type(self) -> EventType:
        return self.types[0]


@dataclass(frozen=True, slots=True)
class RecordIssue:
    """One fault of a record: the rule, how serious, and the form field it concerns."""

    rule: RuleId
    severity: Severity
    field: str
    label: str
    message: str


def record_facts(event: EventRecord) -> RecordFacts:
    """Return the facts of a stored event the record rules read."""
    return record_from(
        RecordFacts,
        event,
        timed=event.start is not None and event.end is not None,
        missing_reason=tuple(a.name for a in event.absentees if not a.describe_reason()),
        votes=tuple(record_from(VoteFacts, v) for v in event.votes),
        absent=tuple(a.name for a in event.absentees),
        ungraded=tuple(a.name for a in appraised(event) if not a.grade),
    )


def record_issues(
    facts: RecordFacts,
    secretaries: Iterable[str],
    assembly_period: PeriodKind = PeriodKind.QUARTER,
) -> list[RecordIssue]:
    """Return every fault of a meeting record; ``secretaries`` are the 书记 serving that day.

    ``assembly_period`` is the period the assembly frequency rule counts in (a setting); the
    quorum finding of an assembly without a majority of E names it.
    """
    return [
        *_written_issues(facts),
        *_chair_issues(facts, secretaries),
        *_content_issues(facts),
        *_kind_issues(absent_leader_issues(facts.types, facts.chair, facts.lecturer, facts.absent)),
        *_kind_issues(appraisal_issues(facts.types, facts.ungraded)),
        *_quorum_issues(facts, assembly_period),
    ]


def _kind_issues(issues: Iterable[KindIssue]) -> list[RecordIssue]:
    return [RecordIssue(*issue) for issue in issues]


def _serious(facts: RecordFacts) -> Severity:
    """A formal meeting's missing chair or recorder is an error, elsewhere a warning."""
    return Severity.ERROR if any(t in FORMAL_MEETINGS for t in facts.types) else Severity.WARNING


def _written_issues(facts: RecordFacts) -> list[RecordIssue]:
    """Absentees' reasons and the recorder."""
    found = []
    if facts.missing_reason:
        names = "、".join(facts.missing_reason)
        found.append(
            RecordIssue(
                RuleId.RECORD_ABSENCE_REASON,
                Severity.ERROR,
                "attendance",
                "缺席原因",
                f"缺席人员未注明原因：{names}",
            )
        )
    if not facts.recorder:
        found.append(
            RecordIssue(
                RuleId.RECORD_RECORDER,
                _serious(facts),
                "recorder",
                "记录人",
                "会议记录未填写记录人",
            )
        )
    return found


def _chair_issues(facts: RecordFacts, secretaries: Iterable[str]) -> list[RecordIssue]:
    """The chair is named; at an assembly or committee, someone else than the 书记 says why."""
    if not facts.chair:
        return [
            RecordIssue(
                RuleId.RECORD_CHAIR, _serious(facts), "chair", "主持人", "会议记录未填写主持人"
            )
        ]
    if facts.type not in (EventType.BRANCH_ASSEMBLY, EventType.COMMITTEE) or facts.chair_note:
        return []
    serving = set(secretaries)
    if serving and facts.chair not in serving:
        return [
            RecordIssue(
                RuleId.RECORD_CHAIR_DELEGATION,
                Severity.WARNING,
                "chair",
                "主持人",
                f"主持人{facts.chair}不是书记，应注明受书记委托主持",
            )
        ]
    return []


def _content_issues(facts: RecordFacts) -> list[RecordIssue]:
    """A 党课's lecturer and topic, a formal meeting's times, a vote's resolution."""
    found = []
    if EventType.PARTY_LECTURE in facts.types and not (facts.lecturer and facts.lecture_topic):
        found.append(
            RecordIssue(
                RuleId.RECORD_LECTURE,
                Severity.ERROR,
                "lecture",
                "党课",
                "党课未填写授课人或党课主题",
            )
        )
    if any(t in FORMAL_MEETINGS for t in facts.types) and not facts.timed:
        found.append(
            RecordIssue(
                RuleId.RECORD_TIME, Severity.WARNING, "end", "起止时间", "会议记录未填写起止时间"
            )
        )
    if facts.votes and not facts.resolutions:
        found.append(
            RecordIssue(
                RuleId.RECORD_VOTE_RESOLUTION,
                Severity.ERROR,
                "resolutions",
                "决议",
                "有表决事项但未记录决议",
            )
        )
    return found


def _quorum_issues(facts: RecordFacts, assembly_period: PeriodKind) -> list[RecordIssue]:
    """The assembly's and the committee's quorum, and each vote's."""
    committee = facts.type is EventType.COMMITTEE
    assembly = assembly_quorum_issues(
        facts.types, facts.day, facts.entitled, facts.present_voting, assembly_period
    )
    found = _kind_issues(assembly)
    quorate = not assembly
    for rule, severity, message in vote_issues(facts.votes, committee):
        if quorate or rule is not RuleId.QUORUM:  # the meeting's own finding says it all
            found.append(RecordIssue(rule, severity, "votes", "表决", message))
    if committee and facts.expected and facts.present * 2 <= facts.expected:
        found.append(
            RecordIssue(
                RuleId.QUORUM,
                Severity.ERROR,
                "attendance",
                "应到实到",
                f"支部委员会应到{facts.expected}人，实到{facts.present}人，未超过半数，会议无效",
            )
        )
    return found


def secretaries_on(officers: Iterable[OfficerRecord], day: date) -> set[str]:
    """Return the names of the 书记 serving on ``day``."""
    return {
        o.person_name
        for o in officers
        if o.role is OfficerRole.SECRETARY
        and (o.term_start is None or o.term_start <= day)
        and (o.term_end is None or day <= o.term_end)
    }


def record_findings(
    unit: OrgUnitRecord,
    events: list[EventRecord],
    officers: list[OfficerRecord],
    assembly_period: PeriodKind = PeriodKind.QUARTER,
) -> list[Finding]:
    """Return the faults in each event's record (missing reasons, recorder, quorum …)."""
    found: list[Finding] = []
    for event in events:
        subject = event_subject(event)
        period = f"{event.day.year}-{event.day.month:02d}"
        serving = secretaries_on(officers, event.day)
        issues = record_issues(record_facts(event), serving, assembly_period)
        found += [
            Finding(i.rule, i.severity, period, unit.name, subject, i.message, event_id=event.id)
            for i in issues
        ]
    return found


def event_subject(event: EventRecord) -> str:
    """Return how a finding names an event: 2024-06-15 支部党员大会“…”."""
    topic = f"“{event.topic}”" if event.topic else ""
    kind = event.type.value
    if event.type is EventType.GROUP_MEETING:
        kind = f"{event.group_name}会议"
    return f"{event.day.isoformat()} {kind}{topic}"
