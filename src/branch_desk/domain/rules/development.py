"""Member development (RULES part C): every rule a candidate's procedure is checked against.

``check_candidate`` runs them all (the early stages in ``development_early``, admission and
probation in ``development_admission``); ``next_step`` gives the window for the next step.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from ..dates import add_months, add_years
from ..development import (
    STEPS,
    CandidateFacts,
    FullOutcome,
    Stage,
    Step,
    derive_stage,
    extension_months,
    probation_end,
)
from ..findings import Finding, Severity
from ..members import PartyStatus
from ..step_details import vote_details
from ..voting import ExclusionKind, MemberFacts, on_roll, party_status_on
from .development_admission import admission_issues, before_admission_issues, probation_issues
from .development_early import activist_issues, application_issues, order_issues, people_issues
from .development_types import DevIssue, DevSettings, MemberCheck, NextStep, fmt
from .ids import RuleId


def check_candidate(
    facts: CandidateFacts,
    settings: DevSettings,
    as_of: date,
    member_check: MemberCheck,
    workday_overrides: Mapping[date, bool] | None = None,
) -> list[DevIssue]:
    """Return every rule the candidate's recorded steps break, and what is overdue by ``as_of``."""
    issues: list[DevIssue] = []
    issues += order_issues(facts)
    issues += application_issues(facts)
    issues += activist_issues(facts, settings, as_of)
    issues += people_issues(facts, member_check)
    issues += before_admission_issues(facts, settings, workday_overrides or {})
    issues += admission_issues(facts, settings, as_of)
    issues += probation_issues(facts, settings, as_of)
    issues += missing_steps(facts)
    return issues


def window(
    facts: CandidateFacts, step: Step, settings: DevSettings
) -> tuple[date | None, date | None, str]:
    """Return the earliest and latest day the rules allow for ``step``, with a note."""
    applied, activist = facts.day(Step.APPLICATION), facts.day(Step.ACTIVIST)
    admitted, review = facts.day(Step.ADMISSION), facts.day(Step.REVIEW)
    previous = max((r.day for r in facts.steps.values()), default=None)
    if step is Step.TALK and applied:
        return applied, add_months(applied, 1), "收到申请书后一个月内"
    if step is Step.ACTIVIST and applied:
        return add_months(applied, settings.activist_gap_months), None, ""
    if step is Step.TARGET and activist:
        return add_years(activist, 1), None, "培养考察满一年后"
    if step is Step.ADMISSION:
        latest = add_months(review, settings.review_valid_months) if review else None
        return previous, latest, "政审有效期内" if latest else ""
    if step in (Step.UPPER_TALK, Step.APPROVAL) and admitted:
        note = f"最长不超过{settings.approval_max_months}个月" if step is Step.APPROVAL else ""
        return admitted, add_months(admitted, settings.approval_months), note
    if admitted and step in (Step.FULL_APPLICATION, Step.EXTENSION, Step.FULL_VOTE):
        end = probation_end(admitted, extension_months(facts))
        if step is Step.FULL_APPLICATION:
            return (
                add_months(end, -settings.full_application_lead_months),
                end,
                f"预备期 {fmt(end)} 届满",
            )
        return (
            end + timedelta(days=1),
            add_months(end, settings.full_vote_grace_months),
            "预备期届满后及时讨论",
        )
    if step is Step.FULL_APPROVAL and facts.day(Step.FULL_VOTE):
        vote = facts.day(Step.FULL_VOTE)
        assert vote is not None
        return vote, add_months(vote, settings.approval_months), ""
    return previous, None, ""


OPTIONAL_STEPS = frozenset({Step.EXTENSION, Step.CULTIVATION, Step.PROBATION_EDUCATION})


def next_step(facts: CandidateFacts, settings: DevSettings) -> NextStep | None:
    """Return the first step after the latest recorded one, with its allowed window."""
    stage = derive_stage(facts)
    if stage.ended:
        return None
    done = [i for i, step in enumerate(STEPS) if facts.has(step)]
    start = done[-1] + 1 if done else 0
    for step in STEPS[start:]:
        if step in OPTIONAL_STEPS:
            continue
        earliest, latest, note = window(facts, step, settings)
        return NextStep(step, earliest, latest, note)
    return None


def missing_steps(facts: CandidateFacts) -> list[DevIssue]:
    """Report steps skipped before the latest recorded one (each step must be on record)."""
    done = [i for i, step in enumerate(STEPS) if facts.has(step)]
    if not done:
        return []
    latest = done[-1]
    return [
        DevIssue(
            RuleId.DEVELOP_MISSING_STEP,
            Severity.WARNING,
            step,
            f"缺少“{step.value}”的记录（已登记后续步骤）",
        )
        for step in STEPS[:latest]
        if not facts.has(step) and step not in OPTIONAL_STEPS
    ]


def party_age_start(facts: CandidateFacts) -> date | None:
    """Return the day 党龄 counts from: the day after probation (with any extension) ends."""
    ends = facts.probation_ends
    if ends is None or derive_stage(facts) is not Stage.FULL:
        return None
    return ends + timedelta(days=1)


def full_outcome(facts: CandidateFacts) -> FullOutcome | None:
    vote = facts.steps.get(Step.FULL_VOTE)
    outcome = vote_details(vote).outcome if vote else ""
    return FullOutcome(outcome) if outcome else None


def member_problem(member: MemberFacts | None, day: date) -> str | None:
    """Tell why a named 培养联系人 or 入党介绍人 may not serve on ``day`` (None: may serve).

    Either must be a 正式党员 on the roll of the branch that day, not under 留党察看.
    """
    if member is None:
        return "不在本支部党员名册中，无法核实其为正式党员"
    if not on_roll(member.history, day):
        return f"{day.isoformat()}不在本支部名册中"
    if party_status_on(member, day) is not PartyStatus.FULL:
        return f"{day.isoformat()}不是正式党员"
    if any(
        ex.kind is ExclusionKind.PROBATION_DISCIPLINE and ex.applies_on(day)
        for ex in member.exclusions
    ):
        return "正受留党察看处分"
    return None


def issue_findings(
    unit_name: str, name: str, issues: list[DevIssue], year: int, as_of: date
) -> list[Finding]:
    """Return a candidate's issues dated in ``year`` as findings (open ones in the current year)."""
    found = []
    for issue in issues:
        day = issue.day or issue.due
        overdue_now = issue.due is not None and year == as_of.year and issue.due <= as_of
        if day is not None and day.year != year and not overdue_now:
            continue
        if day is None and year != as_of.year:
            continue
        period = str(day.year) if day else str(year)
        step = issue.step.value if issue.step else ""
        message = f"{step}：{issue.message}"
        found.append(
            Finding(issue.rule, issue.severity, period, unit_name, name, message, issue.due)
        )
    return found
