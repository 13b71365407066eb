"""Demo meetings: `check` finds exactly the deliberate gaps and faults, and nothing else."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from branch_desk.domain.development import Step
from branch_desk.domain.events import (
    EventRecord,
    EventType,
    VoteKind,
    VoteMethod,
    VoteRecord,
)
from branch_desk.domain.findings import Finding, Severity
from branch_desk.domain.org import OfficerRole
from branch_desk.domain.periods import PeriodKind, periods_of_year
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.demo.branch import fill_demo
from tests.conftest import FIXED_NOW

TODAY = FIXED_NOW.date()  # 2026-11-20
LAST_YEAR_ERRORS = {("freq.committee", "2025-08"), ("freq.branch_assembly", "2025-Q3")}
THIS_YEAR_ERRORS = {
    ("freq.group_meeting", "2026-05"),  # 第三党小组 skipped May
    ("freq.party_lecture", "2026-Q2"),
    ("record.absence_reason", "2026-03"),  # the Q1 assembly
    ("record.recorder", "2026-03"),  # a committee meeting
    ("record.chair_absent", "2026-06"),  # the June committee lists its chair absent
    ("quorum", "2026-10"),  # an assembly attended by no more than half of E
}
# This module covers the meetings checker; other modules (dues …) register their own rules.
MEETING_RULES = ("freq.", "record.", "quorum", "vote.", "study.", "struct.")
PERIOD_ENDS = {
    p.id: p.end for year in (2025, 2026) for kind in PeriodKind for p in periods_of_year(year, kind)
}


def open_demo(folder: Path, seed: int) -> BranchDesk:
    desk = BranchDesk.open(AppPaths.resolve(folder))
    desk.db.clock = lambda: FIXED_NOW
    fill_demo(desk, seed=seed)
    return desk


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BranchDesk]:
    """The seed-1 demo, built once for this module's read-only tests."""
    desk = open_demo(tmp_path_factory.mktemp("demo-events"), seed=1)
    yield desk
    desk.close()


@pytest.fixture(scope="module")
def findings(demo: BranchDesk) -> dict[int, list[Finding]]:
    return {year: meeting_findings(demo, year) for year in (2025, 2026)}


def meeting_findings(desk: BranchDesk, year: int) -> list[Finding]:
    """The findings of the meetings checker for ``year`` as of TODAY."""
    return [f for f in desk.checks.findings(year, TODAY) if f.rule.startswith(MEETING_RULES)]


@pytest.fixture(scope="module")
def events(demo: BranchDesk) -> list[EventRecord]:
    return demo.events.list()


def pairs(found: list[Finding], severity: Severity) -> set[tuple[str, str | None]]:
    return {(f.rule, f.period) for f in found if f.severity is severity}


# ---- exactly the deliberate gaps -------------------------------------------------------------


def test_last_year_has_exactly_the_deliberate_gaps(findings: dict[int, list[Finding]]) -> None:
    errors = [f for f in findings[2025] if f.severity is Severity.ERROR]
    assert pairs(errors, Severity.ERROR) == LAST_YEAR_ERRORS
    assert len(errors) == len(LAST_YEAR_ERRORS)  # one finding per gap, no repeats
    assert not [f for f in findings[2025] if f.severity is Severity.INFO]  # a past year is closed


def test_this_year_has_exactly_the_deliberate_gaps_and_faults(
    findings: dict[int, list[Finding]],
) -> None:
    errors = [f for f in findings[2026] if f.severity is Severity.ERROR]
    assert pairs(errors, Severity.ERROR) == THIS_YEAR_ERRORS
    assert len(errors) == len(THIS_YEAR_ERRORS)
    group = next(f for f in errors if f.rule == "freq.group_meeting")
    assert "第三党小组" in group.message
    assert all(f.due is None for f in errors)


def test_record_faults_point_at_the_right_meetings(
    findings: dict[int, list[Finding]], events: list[EventRecord]
) -> None:
    by_id = {e.id: e for e in events}
    reason = next(f for f in findings[2026] if f.rule == "record.absence_reason")
    assembly = by_id[reason.event_id]
    assert assembly.type is EventType.BRANCH_ASSEMBLY and assembly.day.month == 3
    assert "第一季度" in assembly.title and assembly.absentees
    assert all(not a.describe_reason() for a in assembly.absentees)
    for person in assembly.absentees:
        assert person.name in reason.message
    recorder = next(f for f in findings[2026] if f.rule == "record.recorder")
    committee = by_id[recorder.event_id]
    assert committee.type is EventType.COMMITTEE and committee.day.month == 3
    assert committee.recorder == ""
    assert recorder.subject and committee.day.isoformat() in recorder.subject


def test_every_other_record_is_complete(
    findings: dict[int, list[Finding]], events: list[EventRecord]
) -> None:
    """Only the deliberate records are faulted; no time or lecture findings."""
    faulted = [f for year in findings.values() for f in year if f.rule.startswith("record.")]
    assert {(f.rule, f.period) for f in faulted} == {
        ("record.absence_reason", "2026-03"),
        ("record.recorder", "2026-03"),
        ("record.chair_absent", "2026-06"),
    }
    (quorum,) = [f for year in findings.values() for f in year if f.rule == "quorum"]
    assert "不计入2026年第四季度支部党员大会召开次数" in quorum.message
    absent_chairs = []
    for event in events:
        assert event.present + len(event.absentees) == event.expected
        assert event.chair
        if event.chair in {a.name for a in event.absentees}:
            absent_chairs.append(event.id)
        if event.counts_as(EventType.PARTY_LECTURE):
            assert event.lecturer and event.lecture_topic
            assert event.lecturer not in {a.name for a in event.absentees}
    chair_fault = next(f for f in faulted if f.rule == "record.chair_absent")
    assert absent_chairs == [chair_fault.event_id]


def test_no_warnings_beyond_the_branch_size(findings: dict[int, list[Finding]]) -> None:
    assert pairs(findings[2025], Severity.WARNING) == set()
    assert pairs(findings[2026], Severity.WARNING) <= {("struct.size", "2026")}


def test_current_periods_show_as_due_by_their_end(findings: dict[int, list[Finding]]) -> None:
    due = [f for f in findings[2026] if f.severity is Severity.INFO and f.rule.startswith("freq.")]
    assert {
        ("freq.branch_assembly", "2026-Q4"),
        ("freq.party_lecture", "2026-Q4"),
        ("freq.life_meeting", "2026"),
        ("freq.evaluation", "2026"),
    } <= pairs(due, Severity.INFO)
    for f in due:
        assert f.period is not None and f.due == PERIOD_ENDS[f.period]
        assert f.due >= TODAY and f.due.isoformat() in f.message
        assert f.period in {"2026", "2026-Q4", "2026-H2", "2026-11"}  # nothing in the future


def test_future_months_are_not_findings(findings: dict[int, list[Finding]]) -> None:
    assert not [f for f in findings[2026] if f.period == "2026-12"]


def test_no_meeting_is_recorded_after_today(events: list[EventRecord]) -> None:
    assert events and max(e.day for e in events) <= TODAY
    assert min(e.day for e in events) >= date(2025, 1, 1)


# ---- admissions ------------------------------------------------------------------------------


def admissions(events: list[EventRecord]) -> list[tuple[EventRecord, VoteRecord]]:
    return [(e, v) for e in events for v in e.votes if v.kind is VoteKind.ADMISSION]


def test_admissions_are_secret_ballots_at_quorate_assemblies(events: list[EventRecord]) -> None:
    votes = admissions(events)
    assert votes
    for event, vote in votes:
        assert event.type is EventType.BRANCH_ASSEMBLY and event.resolutions
        assert vote.method is VoteMethod.SECRET_BALLOT
        assert vote.quorate
        (candidate,) = event.observers  # the candidate attends, but not as a voter
        assert f"接收{candidate.name}同志" in event.title


def test_admissions_pass_with_a_consistent_tally(
    events: list[EventRecord], findings: dict[int, list[Finding]]
) -> None:
    for _event, vote in admissions(events):
        assert vote.passed, vote.verdict
        assert vote.yes + vote.no + vote.abstain <= vote.present_voting
    assert not [f for f in findings[2026] if f.rule == "vote.failed"]


def test_each_group_meeting_is_chaired_by_its_own_leader(
    demo: BranchDesk, events: list[EventRecord]
) -> None:
    unit_id = demo.org.resolve().id
    groups = {m.name: m.group for m in demo.roster.list(unit_id)}
    leaders = {
        groups[o.person_name]
        for o in demo.org.officers(unit_id)
        if o.role is OfficerRole.GROUP_LEADER
    }
    assert len(leaders) == 3
    meetings = [e for e in events if e.type is EventType.GROUP_MEETING]
    for event in meetings:
        assert groups.get(event.chair) == event.group_name, (event.day, event.chair)


# ---- other seeds -----------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [2, 30])
def test_other_seeds_have_the_same_deliberate_gaps(tmp_path: Path, seed: int) -> None:
    desk = open_demo(tmp_path / "data", seed)
    try:
        assert len(desk.events.list()) > 100
        assert pairs(meeting_findings(desk, 2025), Severity.ERROR) == LAST_YEAR_ERRORS
        assert pairs(meeting_findings(desk, 2026), Severity.ERROR) == THIS_YEAR_ERRORS
    finally:
        desk.close()


def test_every_admission_and_full_vote_has_its_assembly(demo: BranchDesk) -> None:
    """Each demo admission and 转正 is taken from a 支部党员大会 held that day (no vote_meeting)."""
    unit_id = demo.org.resolve().id
    assemblies = {
        e.day: e for e in demo.events.list(unit_id) if e.counts_as(EventType.BRANCH_ASSEMBLY)
    }
    voted = 0
    for c in demo.development.list(unit_id):
        for step, kind in (
            (Step.ADMISSION, VoteKind.ADMISSION),
            (Step.FULL_VOTE, VoteKind.FULL_MEMBERSHIP),
        ):
            record = c.steps.get(step)
            if record is None:
                continue
            meeting = assemblies[record.day]
            assert any(v.kind is kind and c.name in v.subject and v.passed for v in meeting.votes)
            voted += 1
    assert voted >= 4
    for year in (2025, 2026):
        assert not [
            f for f in demo.checks.findings(year, TODAY) if f.rule == "develop.vote_meeting"
        ]
