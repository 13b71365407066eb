"""Member development up to 发展对象: order of steps, age, talk, activist, reports, people."""

from __future__ import annotations

from datetime import date

from ..dates import add_months, add_years, age_on
from ..development import STEPS, CandidateFacts, RecordKind, Stage, Step, derive_stage
from ..findings import Severity
from ..step_details import people_details
from .development_types import DevIssue, DevSettings, MemberCheck, fmt
from .ids import RuleId


def order_issues(facts: CandidateFacts) -> list[DevIssue]:
    issues, previous = [], None
    for step in STEPS:
        day = facts.day(step)
        if day is None:
            continue
        if previous is not None and day < previous[1]:
            issues.append(
                DevIssue(
                    RuleId.DEVELOP_ORDER,
                    Severity.ERROR,
                    step,
                    f"“{step.value}”日期 {fmt(day)} 早于上一步“{previous[0].value}”的日期 {fmt(previous[1])}",
                    day,
                )
            )
        previous = (step, day)
    return issues


def application_issues(facts: CandidateFacts) -> list[DevIssue]:
    issues = []
    applied = facts.day(Step.APPLICATION)
    if applied and facts.birth_date and age_on(facts.birth_date, applied) < 18:
        issues.append(
            DevIssue(
                RuleId.DEVELOP_AGE,
                Severity.ERROR,
                Step.APPLICATION,
                f"递交入党申请书时（{fmt(applied)}）未满18周岁",
                applied,
            )
        )
    talk = facts.day(Step.TALK)
    if applied and talk and talk > add_months(applied, 1):
        issues.append(
            DevIssue(
                RuleId.DEVELOP_TALK_DEADLINE,
                Severity.ERROR,
                Step.TALK,
                f"谈话日期 {fmt(talk)} 超过收到入党申请书后一个月（应不晚于 {fmt(add_months(applied, 1))}）",
                talk,
            )
        )
    return issues


def activist_issues(facts: CandidateFacts, settings: DevSettings, as_of: date) -> list[DevIssue]:
    issues = []
    applied, activist, target = (
        facts.day(Step.APPLICATION),
        facts.day(Step.ACTIVIST),
        facts.day(Step.TARGET),
    )
    if applied and activist:
        earliest = add_months(applied, settings.activist_gap_months)
        if activist < earliest:
            issues.append(
                DevIssue(
                    RuleId.DEVELOP_ACTIVIST_GAP,
                    Severity.ERROR,
                    Step.ACTIVIST,
                    f"确定为入党积极分子（{fmt(activist)}）距递交申请书不足{settings.activist_gap_months}个月（最早 {fmt(earliest)}）",
                    activist,
                )
            )
    if activist and target and target < add_years(activist, 1):
        issues.append(
            DevIssue(
                RuleId.DEVELOP_ACTIVIST_YEAR,
                Severity.ERROR,
                Step.TARGET,
                f"确定为发展对象（{fmt(target)}）时，培养考察不满一年（最早 {fmt(add_years(activist, 1))}）",
                target,
            )
        )
    if activist and derive_stage(facts) in (Stage.ACTIVIST, Stage.TARGET):
        end = facts.day(Step.ADMISSION) or as_of
        issues += periodic(
            facts,
            RecordKind.THOUGHT_REPORT,
            activist,
            end,
            settings.report_months,
            as_of,
            RuleId.DEVELOP_THOUGHT_REPORT,
            "思想汇报",
        )
        issues += periodic(
            facts,
            RecordKind.ASSESSMENT,
            activist,
            end,
            settings.assessment_months,
            as_of,
            RuleId.DEVELOP_ASSESSMENT,
            "培养考察（支部每半年考察一次）",
        )
    return issues


def periodic(
    facts: CandidateFacts,
    kind: RecordKind,
    start: date,
    end: date,
    months: int,
    as_of: date,
    rule: str,
    label: str,
) -> list[DevIssue]:
    """Report the first period without a record since ``start`` (quarterly reports etc.)."""
    days = facts.record_days(kind, start, end)
    last = max(days, default=start)
    due = add_months(last, months)
    if due < min(end, as_of):
        return [
            DevIssue(
                rule,
                Severity.WARNING,
                Step.CULTIVATION,
                f"{label}逾期：上一次为 {fmt(last) if days else '无'}，应于 {fmt(due)} 前完成",
                due=due,
            )
        ]
    return []


def people_count_problem(step: Step, count: int) -> str | None:
    """Check how many 培养联系人 (1 or 2) or 入党介绍人 (exactly 2) a step names."""
    if step is Step.MENTORS and not 1 <= count <= 2:
        return f"培养联系人应为1至2名正式党员，实际{count}名"
    if step is Step.SPONSORS and count != 2:
        return f"入党介绍人应为2名正式党员，实际{count}名"
    return None


# The steps that name people, the rule each is checked under and what the people are called.
_PEOPLE_STEPS = (
    (Step.MENTORS, RuleId.DEVELOP_MENTORS, "培养联系人"),
    (Step.SPONSORS, RuleId.DEVELOP_SPONSORS, "入党介绍人"),
)


def people_issues(facts: CandidateFacts, member_check: MemberCheck) -> list[DevIssue]:
    """Check the 培养联系人 and 入党介绍人: how many, and each a 正式党员 on the step's day."""
    issues = []
    for step, rule, role in _PEOPLE_STEPS:
        record = facts.steps.get(step)
        if record is None:
            continue
        people = list(people_details(record).people)
        problems = [people_count_problem(step, len(people))]
        for person in people:
            if problem := member_check(person, record.day):
                problems.append(f"{role}{person.name}{problem}")
        issues += [DevIssue(rule, Severity.ERROR, step, p, record.day) for p in problems if p]
    return issues
