"""Record completeness, quorum and structure findings (RULES parts A and B)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from ..domain.dates import add_years
from ..domain.events import AttendanceStatus, EventRecord, EventType, VoteKind, VoteMethod
from ..domain.findings import Finding, Severity
from ..domain.org import BranchSummary, OfficerRecord, OfficerRole, OrgUnitRecord
from ..domain.rules import RuleValues
from ..domain.voting import MemberFacts, on_roll, party_status_on

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
MIN_FULL_MEMBERS = 3
MAX_MEMBERS = 50
COMMITTEE_THRESHOLD = 7


def record_findings(
    unit: OrgUnitRecord, events: list[EventRecord], officers: list[OfficerRecord]
) -> list[Finding]:
    """Return the faults in each event's record (missing reasons, recorder, quorum …)."""
    found: list[Finding] = []
    for event in events:
        found += _event_findings(unit, event, officers)
    return found


def _event_findings(
    unit: OrgUnitRecord, event: EventRecord, officers: list[OfficerRecord]
) -> list[Finding]:
    subject = event_subject(event)
    period = f"{event.day.year}-{event.day.month:02d}"
    found: list[Finding] = []

    def add(rule: str, severity: Severity, message: str) -> None:
        found.append(
            Finding(rule, severity, period, unit.name, subject, message, event_id=event.id)
        )

    formal = any(t in FORMAL_MEETINGS for t in event.types)
    missing_reason = [a.name for a in event.absentees if not a.describe_reason()]
    if missing_reason:
        add(
            "record.absence_reason",
            Severity.ERROR,
            f"缺席人员未注明原因：{'、'.join(missing_reason)}",
        )
    if not event.recorder:
        add(
            "record.recorder",
            Severity.ERROR if formal else Severity.WARNING,
            "会议记录未填写记录人",
        )
    if not event.chair:
        add("record.chair", Severity.ERROR if formal else Severity.WARNING, "会议记录未填写主持人")
    elif event.type in (EventType.BRANCH_ASSEMBLY, EventType.COMMITTEE) and not event.chair_note:
        secretaries = _secretaries_on(officers, event.day)
        if secretaries and event.chair not in secretaries:
            add(
                "record.chair_delegation",
                Severity.WARNING,
                f"主持人{event.chair}不是书记，应注明受书记委托主持",
            )
    if event.counts_as(EventType.PARTY_LECTURE) and not (event.lecturer and event.lecture_topic):
        add("record.lecture", Severity.ERROR, "党课未填写授课人或党课主题")
    if formal and (event.start is None or event.end is None):
        add("record.time", Severity.WARNING, "会议记录未填写起止时间")
    if event.votes and not event.resolutions:
        add("record.vote_resolution", Severity.ERROR, "有表决事项但未记录决议")
    _add_vote_findings(event, add)
    if event.type is EventType.COMMITTEE and event.expected and event.present * 2 <= event.expected:
        add(
            "quorum",
            Severity.ERROR,
            f"支部委员会应到{event.expected}人，实到{event.present}人，未超过半数，会议无效",
        )
    return found


def _add_vote_findings(event: EventRecord, add: Callable[[str, Severity, str], None]) -> None:
    for vote in event.votes:
        needs_secret = vote.kind in (VoteKind.ADMISSION, VoteKind.FULL_MEMBERSHIP)
        if needs_secret and vote.method is not VoteMethod.SECRET_BALLOT:
            add("record.secret_ballot", Severity.ERROR, f"“{vote.subject}”须采用无记名投票")
        if not vote.quorate and event.type is not EventType.COMMITTEE:
            add("quorum", Severity.ERROR, f"“{vote.subject}”：{vote.verdict}")
        elif vote.quorate and not vote.passed:
            add("vote.failed", Severity.INFO, f"“{vote.subject}”未通过：{vote.verdict}")


def _secretaries_on(officers: list[OfficerRecord], day: date) -> set[str]:
    return {
        o.person_name
        for o in officers
        if o.role is OfficerRole.SECRETARY
        and (o.term_start is None or o.term_start <= day)
        and (o.term_end is None or day <= o.term_end)
    }


def structure_findings(unit: OrgUnitRecord, summary: BranchSummary, as_of: date) -> list[Finding]:
    """Return findings about the branch itself: size, committee, term of office."""
    found: list[Finding] = []
    full = summary.by_party_status.get("正式", 0)
    total = summary.active_total
    year = str(as_of.year)

    def add(rule: str, severity: Severity, message: str, due: date | None = None) -> None:
        found.append(Finding(rule, severity, year, unit.name, None, message, due))

    if full < MIN_FULL_MEMBERS:
        add(
            "struct.min_members",
            Severity.ERROR,
            f"正式党员{full}名，少于成立党支部所需的{MIN_FULL_MEMBERS}名",
        )
    if total > MAX_MEMBERS:
        add(
            "struct.size",
            Severity.WARNING,
            f"党员{total}名，超过一般不超过{MAX_MEMBERS}名的规模，可考虑分设党支部",
        )
    committee = [o for o in summary.officers if o.role is not OfficerRole.GROUP_LEADER]
    if full >= COMMITTEE_THRESHOLD and len(committee) < 3:
        add(
            "struct.committee",
            Severity.WARNING,
            f"正式党员{full}名（7名以上），应设立3至5人的支部委员会",
        )
    if unit.elected_on:
        term_end = add_years(unit.elected_on, unit.term_years)
        if term_end <= as_of:
            add(
                "struct.term",
                Severity.ERROR,
                f"上次换届{unit.elected_on.isoformat()}，任期{unit.term_years}年已届满，应按期换届",
                term_end,
            )
    return found


def study_hours(events: list[EventRecord]) -> dict[int, Decimal]:
    """Return the 学时 credited to each member id by the events they attended."""
    hours: dict[int, Decimal] = {}
    for event in events:
        for line in event.attendance:
            if line.member_id is not None and line.status is AttendanceStatus.PRESENT:
                hours[line.member_id] = hours.get(line.member_id, Decimal(0)) + event.study_hours
    return hours


def study_findings(
    unit: OrgUnitRecord,
    events: list[EventRecord],
    facts: list[MemberFacts],
    officers: list[OfficerRecord],
    values: RuleValues,
    year: int,
    as_of: date,
) -> list[Finding]:
    """Return members short of the yearly 学时: each one for a past year, a summary for this one.

    Only members on the roll for the whole year are held to it (a member who joined or
    transferred in during the year is not).
    """
    hours = study_hours(events)
    leaders = {o.member_id for o in officers if o.role is not OfficerRole.GROUP_LEADER}
    year_start, year_end = date(year, 1, 1), date(year, 12, 31)
    last_day = min(year_end, as_of)
    whole_year = [
        f
        for f in facts
        if on_roll(f.history, year_start)
        and on_roll(f.history, last_day)
        and party_status_on(f, year_start) is not None
    ]
    short = []
    for member in whole_year:
        key = "study.hours.officer" if member.member_id in leaders else "study.hours.member"
        required = values.number(key)
        have = hours.get(member.member_id, Decimal(0))
        if have < required:
            short.append((member, have, required))
    if as_of <= year_end:
        if not short:
            return []
        member_hours = values.number("study.hours.member")
        officer_hours = values.number("study.hours.officer")
        message = (
            f"{year}年尚有{len(short)}名党员学习学时未达到要求"
            f"（党员{member_hours}学时，书记、支委{officer_hours}学时）"
        )
        return [
            Finding("study.hours", Severity.INFO, str(year), unit.name, None, message, year_end)
        ]
    return [
        Finding(
            "study.hours",
            Severity.WARNING,
            str(year),
            unit.name,
            member.name,
            f"{year}年学习学时{have}，未达到{required}学时",
            member_id=member.member_id,
        )
        for member, have, required in short
    ]


def event_subject(event: EventRecord) -> str:
    """Return how a finding names an event: 2024-06-15 支部党员大会“…”."""
    topic = f"“{event.topic}”" if event.topic else ""
    kind = event.type.value
    if event.type is EventType.GROUP_MEETING:
        kind = f"{event.group_name}会议"
    return f"{event.day.isoformat()} {kind}{topic}"
