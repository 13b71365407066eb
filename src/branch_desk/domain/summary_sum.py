"""Adding up summary figures: a 党总支's are its own plus its branches', each branch listed."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from .snapshot_sum import add_snapshots
from .summary import DuesFigures, MeetingCount, NamedDate, StudyFigures, SummaryFigures

OWN_FIELDS = (
    "unit_id",
    "unit_name",
    "unit_kind",
    "upper_org",
    "year",
    "day",
    "elected_on",
    "term_ends",
    "committee",
    "groups",
)


def add_branches(own: SummaryFigures, branches: tuple[SummaryFigures, ...]) -> SummaryFigures:
    """Add the branches' figures to the unit's own (meetings: the branches' only)."""
    every = (own, *branches)
    return SummaryFigures(
        **{k: getattr(own, k) for k in OWN_FIELDS},
        full_members=sum(f.full_members for f in every),
        probationary=sum(f.probationary for f in every),
        by_category=_summed(every, "by_category"),
        pipeline=_summed(every, "pipeline"),
        admitted=_joined(every, "admitted"),
        made_full=_joined(every, "made_full"),
        transferred_in=_joined(every, "transferred_in"),
        transferred_out=_joined(every, "transferred_out"),
        other_departures=_joined(every, "other_departures"),
        meetings=_branch_meetings(branches),
        life_meetings=tuple(sorted(x for f in every for x in f.life_meetings)),
        evaluations=tuple(sorted(x for f in every for x in f.evaluations)),
        study=_study(own.study, [f.study for f in every]),
        dues=_dues([f.dues for f in every]),
        next_steps=tuple(x for f in every for x in f.next_steps),
        snapshot=add_snapshots(own.snapshot, [b.snapshot for b in branches]),
        focus=own.focus or tuple(dict.fromkeys(x for b in branches for x in b.focus)),
        topics=tuple(sorted((x for f in every for x in f.topics), key=lambda t: t.day)),
        honours=tuple(sorted((x for f in every for x in f.honours), key=lambda h: h.awarded_on)),
        activities=_summed(every, "activities"),
        branches=branches,
    )


def _joined(every: tuple[SummaryFigures, ...], name: str) -> tuple[NamedDate, ...]:
    """One list of named dates from every unit, by day."""
    items = [x for f in every for x in getattr(f, name)]
    return tuple(sorted(items, key=lambda x: x.day))


def _summed(every: tuple[SummaryFigures, ...], pairs: str) -> tuple[tuple[str, int], ...]:
    """Add label → count lists, labels in the order they first appear."""
    totals: Counter[str] = Counter()
    for f in every:
        totals.update(dict(getattr(f, pairs)))
    order = dict.fromkeys(label for f in every for label, _ in getattr(f, pairs))
    return tuple((label, totals[label]) for label in order)


def _branch_meetings(branches: tuple[SummaryFigures, ...]) -> tuple[MeetingCount, ...]:
    """Each requirement added up over the branches, their periods named with the branch."""
    meetings: dict[str, MeetingCount] = {}
    for b in branches:
        for m in b.meetings:
            named = MeetingCount(
                m.rule,
                m.kind,
                m.requirement,
                m.required,
                m.required_to_date,
                m.held,
                tuple(f"{b.unit_name}{x}" for x in m.missed),
                tuple(f"{b.unit_name}{x}" for x in m.pending),
                m.missed_quarters,
            )
            seen = meetings.get(m.rule)
            meetings[m.rule] = named if seen is None else _add_meetings(seen, named)
    return tuple(meetings.values())


def _add_meetings(a: MeetingCount, b: MeetingCount) -> MeetingCount:
    return MeetingCount(
        a.rule,
        a.kind,
        a.requirement,
        a.required + b.required,
        a.required_to_date + b.required_to_date,
        a.held + b.held,
        a.missed + b.missed,
        a.pending + b.pending,
        a.missed_quarters + b.missed_quarters,
    )


def _study(own: StudyFigures, s: list[StudyFigures]) -> StudyFigures:
    """Sessions, lectures and hours added up; the required hours are the unit's own."""
    return StudyFigures(
        sessions=sum(x.sessions for x in s),
        lectures=tuple(sorted((x for y in s for x in y.lectures), key=lambda x: x.day)),
        activities=tuple(x for y in s for x in y.activities),
        members_counted=sum(x.members_counted for x in s),
        members_met=sum(x.members_met for x in s),
        total_hours=sum((x.total_hours for x in s), Decimal(0)),
        member_hours=own.member_hours,
        officer_hours=own.officer_hours,
    )


def _dues(d: list[DuesFigures]) -> DuesFigures:
    """The dues added up; 上缴 stays unknown only when no unit knows it."""
    return DuesFigures(
        payers=sum(x.payers for x in d),
        due_fen=sum(x.due_fen for x in d),
        paid_fen=sum(x.paid_fen for x in d),
        settled_fen=sum(x.settled_fen for x in d),
        extra_fen=sum(x.extra_fen for x in d),
        months_owed=sum(x.months_owed for x in d),
        remitted_fen=None
        if all(x.remitted_fen is None for x in d)
        else sum(x.remitted_fen or 0 for x in d),
        large_fen=sum(x.large_fen for x in d),
        in_arrears=tuple(x for y in d for x in y.in_arrears),
        unassessed=tuple(x for y in d for x in y.unassessed),
    )
