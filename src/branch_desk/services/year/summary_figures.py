"""Counting the year-end summary's figures from the roster, meetings, dues and development."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ...domain.copying import record_from
from ...domain.development import Stage
from ...domain.events import EventRecord, EventType
from ...domain.members import MemberCategory, MemberRecord, StatusChangeKind
from ...domain.org import OfficerRecord, OfficerRole, OrgUnitRecord
from ...domain.rules.frequency import FREQUENCY_BY_RULE, GridRow
from ...domain.rules.ids import RuleId
from ...domain.rules.structure import term_end
from ...domain.summary import (
    DuesFigures,
    GroupCount,
    Lecture,
    MeetingCount,
    NamedDate,
    NextStep,
    Seat,
    StudyFigures,
    SummaryFigures,
    Topic,
)
from ...domain.summary_sum import add_branches
from ...domain.voting import MemberFacts
from ...domain.year_snapshot import StudyFigures as SnapshotStudy
from ..development.views import CandidateView
from .snapshot import (
    DEPARTURES,
    YearSnapshotService,
    YearSources,
    meeting_figures,
    stages_on,
)

PIPELINE = (
    (Stage.APPLICANT, "入党申请人"),
    (Stage.ACTIVIST, "入党积极分子"),
    (Stage.TARGET, "发展对象"),
)
ACTIVITY_TYPES = (EventType.THEME_DAY, EventType.STUDY, EventType.VOLUNTEER)


@dataclass(frozen=True, slots=True)
class Sources(YearSources):
    """The services the figures are read from (built in services/app.py)."""

    snapshots: YearSnapshotService


def count_figures(src: Sources, unit_id: int, year: int, as_of: date) -> SummaryFigures:
    """Count a unit's figures; a unit with branches below it adds them up and lists each."""
    unit = src.org.get(unit_id)
    own = _unit_figures(src, unit, year, as_of)
    children = [u for u in src.org.subtree(unit_id) if u.parent_id == unit_id]
    if not children:
        return own
    return add_branches(own, tuple(count_figures(src, c.id, year, as_of) for c in children))


def _unit_figures(src: Sources, unit: OrgUnitRecord, year: int, as_of: date) -> SummaryFigures:
    """The unit's own figures; the roll, its breakdowns and the stages are the snapshot's."""
    day = min(as_of, date(year, 12, 31))
    snapshot = src.snapshots.build(unit.id, year, as_of)
    members = src.roster.list(unit.id)
    facts = {f.member_id: f for f in src.events.facts(unit.id)}
    roll = snapshot.members
    on_day = src.snapshots.roll_on(unit.id, day)
    officers = src.org.officers(unit.id)
    events = [e for e in src.events.list(unit.id, year) if e.day <= day]
    changes = _changes(src, members, facts, year, day)
    grid = src.checks.year_grid(unit.id, year, as_of)
    candidates = src.development.list(unit.id, day)
    groups = _groups(src, unit.id, members, on_day, officers)
    empty = {g.name for g in groups if not g.members}
    return SummaryFigures(
        unit_id=unit.id,
        unit_name=unit.name,
        unit_kind=unit.kind.value,
        upper_org=unit.upper_org,
        year=year,
        day=day,
        elected_on=unit.elected_on,
        term_ends=_term_ends(unit),
        committee=_committee(officers, day),
        groups=groups,
        full_members=roll.full,
        probationary=roll.probationary,
        by_category=tuple(
            (c.value, dict(roll.by_category).get(c.value, 0)) for c in MemberCategory
        ),
        pipeline=_pipeline(candidates, year, day),
        admitted=changes[0],
        made_full=changes[1],
        transferred_in=changes[2],
        transferred_out=changes[3],
        other_departures=changes[4],
        meetings=_meetings(
            tuple(r for r in grid.rows if _group_of(r) not in empty),
            dict(meeting_figures(events).by_type),
        ),
        life_meetings=tuple(e.day for e in events if e.counts_as(EventType.LIFE_MEETING)),
        evaluations=tuple(e.day for e in events if e.counts_as(EventType.EVALUATION)),
        study=_study(src, unit.id, events, snapshot.study),
        dues=_dues(src, unit.id, year, as_of),
        next_steps=_next_steps(candidates),
        snapshot=snapshot,
        focus=snapshot.records.study_focus,
        topics=tuple(t for e in events for t in _topics(e)),
        honours=snapshot.records.honours,
        activities=snapshot.records.activities,
    )


def _topics(e: EventRecord) -> list[Topic]:
    """The subjects of one event: its own 主题, and its 党课's topic when it differs."""
    kind = e.activity_kind
    found = []
    subject = e.title or (e.agenda[0] if e.agenda else "")
    lecture = e.lecture_topic if e.counts_as(EventType.PARTY_LECTURE) else ""
    if subject and subject != lecture:
        found.append(Topic(e.day, e.type.value, subject, kind))
    if lecture:
        found.append(Topic(e.day, EventType.PARTY_LECTURE.value, lecture, kind))
    return found


def _group_of(row: GridRow) -> str:
    """The 党小组 a per-group row counts (党小组会（第一党小组） → 第一党小组); "" otherwise."""
    return row.label.partition("（")[2].rstrip("）")


def _term_ends(unit: OrgUnitRecord) -> date | None:
    return term_end(unit.elected_on, unit.term_years)


def _committee(officers: list[OfficerRecord], day: date) -> tuple[Seat, ...]:
    seats = [o for o in officers if o.role is not OfficerRole.GROUP_LEADER]
    serving = [
        o
        for o in seats
        if (o.term_start is None or o.term_start <= day)
        and (o.term_end is None or day <= o.term_end)
    ]
    return tuple(Seat(o.role.value, o.person_name) for o in serving or seats)


def _groups(
    src: Sources,
    unit_id: int,
    members: list[MemberRecord],
    on_day: list[MemberRecord],
    officers: list[OfficerRecord],
) -> tuple[GroupCount, ...]:
    group_of = {m.id: m.group for m in members}
    leaders = {
        group_of.get(o.member_id or 0, ""): o.person_name
        for o in officers
        if o.role is OfficerRole.GROUP_LEADER
    }
    counts = Counter(m.group for m in on_day)
    return tuple(
        GroupCount(g.name, leaders.get(g.name, ""), counts[g.name]) for g in src.org.groups(unit_id)
    )


def _changes(
    src: Sources,
    members: list[MemberRecord],
    facts: dict[int, MemberFacts],
    year: int,
    day: date,
) -> tuple[tuple[NamedDate, ...], ...]:
    """Return (admitted, made full, transferred in, transferred out, other departures)."""
    start = date(year, 1, 1)
    admitted, made_full, came, went, left = [], [], [], [], []
    for m in members:  # admitted and made full: the snapshot's (the dates on the roster)
        if m.joined_on and start <= m.joined_on <= day:
            admitted.append(NamedDate(m.name, m.joined_on))
        if m.full_member_on and start <= m.full_member_on <= day:
            made_full.append(NamedDate(m.name, m.full_member_on))
        if not any(start <= when <= day for _, when in facts[m.id].history):
            continue
        for change in src.roster.get(m.id).history:
            if not start <= change.effective_on <= day:
                continue
            item = NamedDate(m.name, change.effective_on, change.place)
            if change.kind is StatusChangeKind.TRANSFER_IN:
                came.append(item)
            elif change.kind is StatusChangeKind.TRANSFER_OUT:
                went.append(item)
            elif change.kind in DEPARTURES:
                left.append(NamedDate(m.name, change.effective_on, change.kind.value))
    return tuple(
        tuple(sorted(items, key=lambda x: x.day))
        for items in (admitted, made_full, came, went, left)
    )


def _pipeline(candidates: list[CandidateView], year: int, day: date) -> tuple[tuple[str, int], ...]:
    stages = dict(stages_on(candidates, year, day))
    return tuple((label, stages.get(stage.value, 0)) for stage, label in PIPELINE)


def _next_steps(candidates: list[CandidateView]) -> tuple[NextStep, ...]:
    return tuple(
        NextStep(c.name, c.stage.value, c.next.step.value, c.next.earliest, c.next.latest)
        for c in candidates
        if c.next is not None and not c.stage.ended and c.steps  # begun by the figures' day
    )


def _meetings(rows: tuple[GridRow, ...], held: dict[str, int]) -> tuple[MeetingCount, ...]:
    """Each requirement against the grid; how many were held is the snapshot's count."""
    by_rule: dict[str, list[GridRow]] = {}
    for row in rows:
        by_rule.setdefault(row.rule, []).append(row)
    result = []
    for rule, mine in by_rule.items():
        kind = FREQUENCY_BY_RULE[RuleId(rule)].event_type.value
        cells = [(row, c) for row in mine for c in row.cells]
        result.append(
            MeetingCount(
                rule=rule,
                kind=kind,
                requirement=mine[0].requirement,
                required=sum(c.required for _, c in cells),
                required_to_date=sum(c.required for _, c in cells if c.status != "future"),
                held=held.get(kind, 0),
                missed=tuple(
                    _period(row, c.period.name) for row, c in cells if c.status == "missing"
                ),
                pending=tuple(_period(row, c.period.name) for row, c in cells if c.status == "due"),
                missed_quarters=tuple(
                    (c.period.start.month - 1) // 3 + 1
                    for _, c in cells
                    if c.status == "missing"
                    for _ in range(max(c.required - c.count, 1))
                ),
            )
        )
    return tuple(result)


def _period(row: GridRow, name: str) -> str:
    """Name a period within the year (5月, 第二季度), with the 党小组 for per-group rows."""
    short = name.split("年", 1)[1] if "年" in name[:5] and not name.endswith("年") else name
    group = row.label.partition("（")[2].rstrip("）")
    return f"{group}{short}"


def _study(
    src: Sources, unit_id: int, events: list[EventRecord], study: SnapshotStudy
) -> StudyFigures:
    """Lectures and activities from the events; the 学时 figures are the snapshot's."""
    values = src.settings.values(unit_id)
    lectures = tuple(
        Lecture(e.day, e.lecturer, e.lecture_topic or e.title)
        for e in events
        if e.counts_as(EventType.PARTY_LECTURE)
    )
    activities = tuple(e.topic for e in events if e.type in ACTIVITY_TYPES and e.topic)
    return StudyFigures(
        sessions=study.sessions_with_hours,  # 0: no 学时 recorded, said so in words
        lectures=lectures,
        activities=activities,
        members_counted=study.members_counted,
        members_met=study.members_met or 0,
        total_hours=study.total_hours or Decimal(0),
        member_hours=values.number("study.hours.member"),
        officer_hours=values.number("study.hours.officer"),
    )


def _dues(src: Sources, unit_id: int, year: int, as_of: date) -> DuesFigures:
    """The year's dues under the one definition of owed (domain/dues_owed.py)."""
    _, _, d = src.dues_reports.year_dues(unit_id, year, as_of)
    return record_from(DuesFigures, d, due_fen=d.assessed_owed_fen, settled_fen=d.paid_fen)
