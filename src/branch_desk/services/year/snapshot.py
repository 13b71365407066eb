"""Building the year snapshot (domain/year_snapshot.py) from the records of one unit."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from ...domain.appraisal import year_appraisal
from ...domain.copying import record_from
from ...domain.development import CandidateFacts, Stage, Step, derive_stage
from ...domain.dues_owed import YearDues
from ...domain.events import EventRecord, EventType
from ...domain.findings import Finding
from ...domain.members import (
    MemberCategory,
    MemberRecord,
    PartyStatus,
    RosterStatus,
    StatusChangeKind,
)
from ...domain.org import OfficerRole
from ...domain.rules.record_kinds import assembly_quorate
from ...domain.rules.study import study_hours
from ...domain.voting import MemberFacts, on_roll, party_status_on
from ...domain.year_snapshot import (
    DevelopmentFigures,
    DuesFigures,
    FindingFigures,
    HonourFigure,
    MeetingFigures,
    MemberFigures,
    RecordFigures,
    StudyFigures,
    YearSnapshot,
    age_band,
    default_as_of,
    figures_day,
    tally,
)
from ..checking.checker import CheckService
from ..checking.rule_settings import SettingsService
from ..development.service import DevelopmentService
from ..development.views import CandidateView
from ..dues.reports import DuesReports
from ..meetings.events import EventService
from ..org.units import OrgService
from ..roster.members import RosterService
from ..shared_reads import shared, shared_reads
from .records import YearRecordsService

DEPARTURES = frozenset(
    {
        StatusChangeKind.DECEASE,
        StatusChangeKind.EXPEL,
        StatusChangeKind.SUSPEND,
        StatusChangeKind.CANCEL_PROBATION,
    }
)
PIPELINE_STAGES = (Stage.APPLICANT, Stage.ACTIVIST, Stage.TARGET)


@dataclass(frozen=True, slots=True)
class YearSources:
    """The services every count of a unit's year reads, named one by one."""

    org: OrgService
    roster: RosterService
    events: EventService
    development: DevelopmentService
    checks: CheckService
    settings: SettingsService
    dues_reports: DuesReports


@dataclass(frozen=True, slots=True)
class SnapshotSources(YearSources):
    """The services a year snapshot reads (built in services/app.py)."""

    year_records: YearRecordsService


class YearSnapshotService:
    """Count a unit's year once; every document and screen of that year reads the result."""

    def __init__(self, sources: SnapshotSources) -> None:
        self.src = sources

    def as_of(self, year: int, as_of: date | None = None) -> date:
        """Return the as-of day for ``year`` (31 December for a past year, else today)."""
        return default_as_of(year, self.src.roster.today(), as_of)

    def build(self, unit_id: int, year: int, as_of: date | None = None) -> YearSnapshot:
        """Return the snapshot of ``unit_id``'s ``year`` as of ``as_of`` (default: see as_of).

        Within a build (a summary, an archive: see services/shared_reads.py) it is counted
        once, and the check and the documents of that build read the same records.
        """
        chosen = self.as_of(year, as_of)
        with shared_reads():
            return shared(
                ("snapshot", unit_id, year, chosen), lambda: self._build(unit_id, year, chosen)
            )

    def build_many(
        self, unit_ids: list[int], year: int, as_of: date | None = None
    ) -> list[YearSnapshot]:
        """Return the snapshots of several units' ``year`` (a 党委 and its branches): what
        their checks read is read for all of them at once, then each is counted."""
        chosen = self.as_of(year, as_of)
        with shared_reads():
            units = [self.src.org.get(unit_id) for unit_id in unit_ids]
            self.src.checks.prefetch(units, year, chosen)
            return [self.build(unit_id, year, chosen) for unit_id in unit_ids]

    def _build(self, unit_id: int, year: int, chosen: date) -> YearSnapshot:
        src = self.src
        day = figures_day(year, chosen)
        unit = src.org.get(unit_id)
        members = src.roster.list(unit_id)
        facts = {f.member_id: f for f in src.events.facts(unit_id)}
        events = [e for e in src.events.list(unit_id, year) if e.day <= day]
        candidates = src.development.list(unit_id, day)
        findings = src.checks.findings(year, chosen, unit.name)
        return YearSnapshot(
            unit_name=unit.name,
            year=year,
            as_of=chosen,
            day=day,
            members=self._members(unit_id, members, facts, year, day),
            meetings=_meetings(events),
            study=self._study(unit_id, events, list(facts.values()), year, day),
            development=_development(candidates, year, day),
            dues=self._dues(unit_id, year, chosen),
            findings=_findings(findings),
            appraisal=year_appraisal(events),
            records=self._records(unit_id, year, day, events),
        )

    def _records(
        self, unit_id: int, year: int, day: date, events: list[EventRecord]
    ) -> RecordFigures:
        keeper = self.src.year_records
        honours = tuple(
            HonourFigure(h.recipient, h.title, h.level, h.issuer, h.awarded_on, h.of_member)
            for h in keeper.honours(unit_id, year)
            if h.awarded_on <= day
        )
        return RecordFigures(
            tuple(keeper.focus(unit_id, year)), honours, activities_by_kind(events)
        )

    def member_figures(
        self, unit_id: int, year: int, as_of: date | None = None
    ) -> tuple[date, MemberFigures]:
        """Return the as-of day and the snapshot's member figures alone (cheap, for screens)."""
        chosen = self.as_of(year, as_of)
        facts = {f.member_id: f for f in self.src.events.facts(unit_id)}
        members = self.src.roster.list(unit_id)
        return chosen, self._members(unit_id, members, facts, year, figures_day(year, chosen))

    def study_figures(self, unit_id: int, year: int, as_of: date | None = None) -> StudyFigures:
        """Return the snapshot's 学时 figures alone (for the summary)."""
        day = figures_day(year, self.as_of(year, as_of))
        events = [e for e in self.src.events.list(unit_id, year) if e.day <= day]
        facts = list(self.src.events.facts(unit_id))
        return self._study(unit_id, events, facts, year, day)

    def roll_on(self, unit_id: int, day: date) -> list[MemberRecord]:
        """Return the members on the roll (and Party members) on ``day``, as they stood then.

        A member made 正式党员 after ``day`` is 预备党员 with no 转正 date yet; one who left
        the roll after ``day`` is still 在册 — the roster of a past year prints them so.
        """
        facts = {f.member_id: f for f in self.src.events.facts(unit_id)}
        return [
            as_on(m, facts[m.id], day)
            for m in self.src.roster.list(unit_id)
            if m.id in facts and _on_roll_on(facts[m.id], day)
        ]

    # ---- members ------------------------------------------------------------------------

    def _members(
        self,
        unit_id: int,
        members: list[MemberRecord],
        facts: dict[int, MemberFacts],
        year: int,
        day: date,
    ) -> MemberFigures:
        on_day = [m for m in members if m.id in facts and _on_roll_on(facts[m.id], day)]
        status = {m.id: party_status_on(facts[m.id], day) for m in on_day}
        full = sum(1 for m in on_day if status[m.id] is PartyStatus.FULL)
        start = date(year, 1, 1)
        moves: Counter[str] = Counter()
        for f in facts.values():
            for kind, when in f.history:
                if not start <= when <= day:
                    continue
                if kind is StatusChangeKind.TRANSFER_IN:
                    moves["in"] += 1
                elif kind is StatusChangeKind.TRANSFER_OUT:
                    moves["out"] += 1
                elif kind in DEPARTURES:
                    moves["other"] += 1
        groups = [g.name for g in self.src.org.groups(unit_id)]
        return MemberFigures(
            total=len(on_day),
            full=full,
            probationary=len(on_day) - full,
            by_category=tally(
                (m.category.value for m in on_day), (c.value for c in MemberCategory)
            ),
            by_gender=tally((m.gender.value for m in on_day), ("男", "女")),
            by_ethnicity=tally(m.ethnicity for m in on_day),
            by_age=tally(
                (age_band(m.birth_date, day) for m in on_day),
                ("30岁及以下", "31至40岁", "41至50岁", "51至60岁", "61岁及以上"),
            ),
            by_education=tally(m.education for m in on_day),
            by_group=tally((m.group for m in on_day), groups),
            joined=sum(1 for m in members if m.joined_on and start <= m.joined_on <= day),
            made_full=sum(
                1 for m in members if m.full_member_on and start <= m.full_member_on <= day
            ),
            transferred_in=moves["in"],
            transferred_out=moves["out"],
            other_departures=moves["other"],
        )

    # ---- study --------------------------------------------------------------------------

    def _study(
        self,
        unit_id: int,
        events: list[EventRecord],
        facts: list[MemberFacts],
        year: int,
        day: date,
    ) -> StudyFigures:
        values = self.src.settings.values(unit_id)
        member_hours = values.number("study.hours.member")
        officer_hours = values.number("study.hours.officer")
        leaders = {
            o.member_id
            for o in self.src.org.officers(unit_id)
            if o.role is not OfficerRole.GROUP_LEADER
        }
        start = date(year, 1, 1)
        counted = [f for f in facts if _on_roll_on(f, start) and _on_roll_on(f, day)]
        with_hours = [e for e in events if e.study_hours > 0]
        if not with_hours:
            return StudyFigures(0, len(counted), None, None)
        hours = study_hours(events)
        met = sum(
            1
            for f in counted
            if hours.get(f.member_id, Decimal(0))
            >= (officer_hours if f.member_id in leaders else member_hours)
        )
        total = sum((hours.get(f.member_id, Decimal(0)) for f in counted), Decimal(0))
        return StudyFigures(len(with_hours), len(counted), total, met)

    # ---- dues ---------------------------------------------------------------------------

    def _dues(self, unit_id: int, year: int, as_of: date) -> DuesFigures:
        _, _, dues = self.src.dues_reports.year_dues(unit_id, year, as_of)
        return dues_figures(dues)


def dues_figures(dues: YearDues) -> DuesFigures:
    """The snapshot's dues part: the one definition of owed (domain/dues_owed.py)."""
    return record_from(DuesFigures, dues, members_in_arrears=len(dues.in_arrears))


def as_on(member: MemberRecord, facts: MemberFacts, day: date) -> MemberRecord:
    """Return ``member`` as they stood on ``day`` (on the roll then): status and 转正 date."""
    status = party_status_on(facts, day) or member.party_status
    full_on = member.full_member_on
    return replace(
        member,
        party_status=status,
        full_member_on=full_on if full_on is not None and full_on <= day else None,
        roster_status=RosterStatus.ACTIVE,
    )


def activities_by_kind(events: list[EventRecord]) -> tuple[tuple[str, int], ...]:
    """Count the year's activities by kind; a 志愿服务 event without a kind is 志愿服务."""
    kinds: Counter[str] = Counter()
    for e in events:
        kind = e.activity_kind or (
            EventType.VOLUNTEER.value if e.type is EventType.VOLUNTEER else ""
        )
        if kind:
            kinds[kind] += 1
    return tuple(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])))


def _on_roll_on(f: MemberFacts, day: date) -> bool:
    return on_roll(f.history, day) and party_status_on(f, day) is not None


def meeting_figures(events: list[EventRecord]) -> MeetingFigures:
    """Return the snapshot's count of ``events`` (those of the year up to its day)."""
    return _meetings(events)


def _meetings(events: list[EventRecord]) -> MeetingFigures:
    """Count each event once in ``total`` and once for every type it counts as (a 支部党员大会
    held with a 党课 is one of each), as the year grid and the requirements count them."""
    counts = Counter(t.value for e in events for t in dict.fromkeys(e.types) if _held_as(e, t))
    order = [t.value for t in EventType]
    return MeetingFigures(
        total=len(events),
        by_type=tuple((t, counts[t]) for t in order if counts[t]),
    )


def _held_as(event: EventRecord, kind: EventType) -> bool:
    """Tell whether ``event`` counts as ``kind``: an assembly without a majority of E does not."""
    if kind is not EventType.BRANCH_ASSEMBLY:
        return True
    return assembly_quorate(event.entitled, event.present_voting)


def _development(candidates: list[CandidateView], year: int, day: date) -> DevelopmentFigures:
    start = date(year, 1, 1)
    taken: Counter[Step] = Counter()
    stages: Counter[Stage] = Counter()
    ended = 0
    for c in candidates:
        for step, record in c.steps.items():
            if start <= record.day <= day:
                taken[step] += 1
        if c.stage.ended and c.ended_on and start <= c.ended_on <= day:
            ended += 1
        steps = {k: v for k, v in c.steps.items() if v.day <= day}
        if not steps:
            continue
        stop = c.stage if c.stage.ended and c.ended_on and c.ended_on <= day else None
        stage = derive_stage(
            CandidateFacts(c.id, c.name, c.birth_date, steps, c.records, stop, c.ended_on)
        )
        stages[stage] += 1
    return DevelopmentFigures(
        applications=taken[Step.APPLICATION],
        talks=taken[Step.TALK],
        new_activists=taken[Step.ACTIVIST],
        new_targets=taken[Step.TARGET],
        admissions_voted=taken[Step.ADMISSION],
        full_votes=taken[Step.FULL_VOTE],
        extensions=taken[Step.EXTENSION],
        ended=ended,
        stages=tuple((s.value, stages[s]) for s in PIPELINE_STAGES),
        trained=taken[Step.TRAINING],
    )


def stages_on(candidates: list[CandidateView], year: int, day: date) -> tuple[tuple[str, int], ...]:
    """Return how many candidates stand at each pipeline stage on ``day`` (the snapshot's)."""
    return _development(candidates, year, day).stages


def _findings(findings: list[Finding]) -> FindingFigures:
    severities = Counter(f.severity.value for f in findings)
    rules = Counter(f.rule for f in findings)
    return FindingFigures(
        total=len(findings),
        by_severity=tuple((k, severities[k]) for k in ("error", "warning", "info")),
        by_rule=tuple(sorted(rules.items())),
    )
