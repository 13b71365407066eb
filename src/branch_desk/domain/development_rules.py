"""The timing and procedure rules of member development (RULES part C), as pure functions."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from .dates import add_months, add_years, age_on
from .development import (
    STEPS,
    CandidateFacts,
    FullOutcome,
    Person,
    RecordKind,
    Stage,
    Step,
    derive_stage,
    extension_months,
    probation_end,
)
from .findings import Severity
from .workdays import count_workdays

# Is this member a 正式党员, not under 留党察看, on that day?  (member id, day) → problem or None
MemberCheck = Callable[[Person, date], str | None]


@dataclass(frozen=True, slots=True)
class DevSettings:
    """The development rule settings of a unit (defaults per RULES part C)."""

    activist_gap_months: int = 3
    review_valid_months: int = 12
    training_days: int = 3
    training_hours: int = 24
    publicity_workdays: int = 5
    report_months: int = 3
    assessment_months: int = 6
    approval_months: int = 3
    approval_max_months: int = 6
    full_vote_grace_months: int = 1
    full_application_lead_months: int = 1


@dataclass(frozen=True, slots=True)
class DevIssue:
    """One rule a candidate's procedure breaks (or is about to)."""

    rule: str
    severity: Severity
    step: Step | None
    message: str
    day: date | None = None
    due: date | None = None


@dataclass(frozen=True, slots=True)
class NextStep:
    """What to do next and the window the rules allow for it."""

    step: Step
    earliest: date | None
    latest: date | None
    note: str = ""

    def describe(self) -> str:
        parts = [f"下一步：{self.step.value}"]
        if self.earliest:
            parts.append(f"最早 {self.earliest.isoformat()}")
        if self.latest:
            parts.append(f"最迟 {self.latest.isoformat()}")
        text = "，".join(parts)
        return f"{text}（{self.note}）" if self.note else text


def _fmt(day: date | None) -> str:
    return day.isoformat() if day else "—"


def check_candidate(
    facts: CandidateFacts,
    settings: DevSettings,
    as_of: date,
    member_check: MemberCheck,
    workday_overrides: Mapping[date, bool] | None = None,
) -> list[DevIssue]:
    """Return every rule the candidate's recorded steps break, and what is overdue by ``as_of``."""
    issues: list[DevIssue] = []
    issues += _order(facts)
    issues += _application(facts)
    issues += _activist(facts, settings, as_of)
    issues += _people(facts, member_check)
    issues += _before_admission(facts, settings, workday_overrides or {})
    issues += _admission(facts, settings, as_of)
    issues += _probation(facts, settings, as_of)
    issues += missing_steps(facts)
    return issues


def _order(facts: CandidateFacts) -> list[DevIssue]:
    issues, previous = [], None
    for step in STEPS:
        day = facts.day(step)
        if day is None:
            continue
        if previous is not None and day < previous[1]:
            issues.append(
                DevIssue(
                    "develop.order",
                    Severity.ERROR,
                    step,
                    f"“{step.value}”日期 {_fmt(day)} 早于上一步“{previous[0].value}”的日期 {_fmt(previous[1])}",
                    day,
                )
            )
        previous = (step, day)
    return issues


def _application(facts: CandidateFacts) -> list[DevIssue]:
    issues = []
    applied = facts.day(Step.APPLICATION)
    if applied and facts.birth_date and age_on(facts.birth_date, applied) < 18:
        issues.append(
            DevIssue(
                "develop.age",
                Severity.ERROR,
                Step.APPLICATION,
                f"递交入党申请书时（{_fmt(applied)}）未满18周岁",
                applied,
            )
        )
    talk = facts.day(Step.TALK)
    if applied and talk and talk > add_months(applied, 1):
        issues.append(
            DevIssue(
                "develop.talk_deadline",
                Severity.ERROR,
                Step.TALK,
                f"谈话日期 {_fmt(talk)} 超过收到入党申请书后一个月（应不晚于 {_fmt(add_months(applied, 1))}）",
                talk,
            )
        )
    return issues


def _activist(facts: CandidateFacts, settings: DevSettings, as_of: date) -> list[DevIssue]:
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
                    "develop.activist_gap",
                    Severity.ERROR,
                    Step.ACTIVIST,
                    f"确定为入党积极分子（{_fmt(activist)}）距递交申请书不足{settings.activist_gap_months}个月（最早 {_fmt(earliest)}）",
                    activist,
                )
            )
    if activist and target and target < add_years(activist, 1):
        issues.append(
            DevIssue(
                "develop.activist_year",
                Severity.ERROR,
                Step.TARGET,
                f"确定为发展对象（{_fmt(target)}）时，培养考察不满一年（最早 {_fmt(add_years(activist, 1))}）",
                target,
            )
        )
    if activist and derive_stage(facts) in (Stage.ACTIVIST, Stage.TARGET):
        end = facts.day(Step.ADMISSION) or as_of
        issues += _periodic(
            facts,
            RecordKind.THOUGHT_REPORT,
            activist,
            end,
            settings.report_months,
            as_of,
            "develop.thought_report",
            "思想汇报",
        )
        issues += _periodic(
            facts,
            RecordKind.ASSESSMENT,
            activist,
            end,
            settings.assessment_months,
            as_of,
            "develop.assessment",
            "培养考察（支部每半年考察一次）",
        )
    return issues


def _periodic(
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
                f"{label}逾期：上一次为 {_fmt(last) if days else '无'}，应于 {_fmt(due)} 前完成",
                due=due,
            )
        ]
    return []


def _people(facts: CandidateFacts, member_check: MemberCheck) -> list[DevIssue]:
    issues = []
    mentors = facts.steps.get(Step.MENTORS)
    if mentors is not None:
        people = [Person(**p) for p in mentors.get("people", [])]
        if not 1 <= len(people) <= 2:
            issues.append(
                DevIssue(
                    "develop.mentors",
                    Severity.ERROR,
                    Step.MENTORS,
                    f"培养联系人应为1至2名正式党员，实际{len(people)}名",
                    mentors.day,
                )
            )
        for person in people:
            problem = member_check(person, mentors.day)
            if problem:
                issues.append(
                    DevIssue(
                        "develop.mentors",
                        Severity.ERROR,
                        Step.MENTORS,
                        f"培养联系人{person.name}{problem}",
                        mentors.day,
                    )
                )
    sponsors = facts.steps.get(Step.SPONSORS)
    if sponsors is not None:
        people = [Person(**p) for p in sponsors.get("people", [])]
        if len(people) != 2:
            issues.append(
                DevIssue(
                    "develop.sponsors",
                    Severity.ERROR,
                    Step.SPONSORS,
                    f"入党介绍人应为2名正式党员，实际{len(people)}名",
                    sponsors.day,
                )
            )
        for person in people:
            problem = member_check(person, sponsors.day)
            if problem:
                issues.append(
                    DevIssue(
                        "develop.sponsors",
                        Severity.ERROR,
                        Step.SPONSORS,
                        f"入党介绍人{person.name}{problem}",
                        sponsors.day,
                    )
                )
    return issues


def _before_admission(
    facts: CandidateFacts, settings: DevSettings, overrides: Mapping[date, bool]
) -> list[DevIssue]:
    issues: list[DevIssue] = []
    admitted = facts.day(Step.ADMISSION)

    def add(rule: str, step: Step, message: str, day: date | None) -> None:
        issues.append(DevIssue(rule, Severity.ERROR, step, message, day))

    review = facts.steps.get(Step.REVIEW)
    if review is not None and review.get("conclusion") != "合格":
        conclusion = review.get("conclusion") or "未填写"
        add(
            "develop.review",
            Step.REVIEW,
            f"政治审查结论为“{conclusion}”，结论合格后方可发展",
            review.day,
        )
    if review is not None and admitted:
        valid_until = add_months(review.day, settings.review_valid_months)
        if admitted > valid_until:
            add(
                "develop.review_expired",
                Step.REVIEW,
                f"政治审查（{_fmt(review.day)}）至支部大会（{_fmt(admitted)}）已超过{settings.review_valid_months}个月有效期",
                review.day,
            )
    if review is None and admitted:
        add("develop.review", Step.REVIEW, "支部大会讨论接收前未进行政治审查", admitted)
    training = facts.steps.get(Step.TRAINING)
    if training is not None:
        days, hours = int(training.get("days") or 0), float(training.get("hours") or 0)
        if days < settings.training_days and hours < settings.training_hours:
            add(
                "develop.training",
                Step.TRAINING,
                f"集中培训{days}天、{hours:g}学时，不足{settings.training_days}天或{settings.training_hours}学时",
                training.day,
            )
    elif admitted:
        add("develop.training", Step.TRAINING, "支部大会讨论接收前未参加短期集中培训", admitted)
    publicity = facts.steps.get(Step.PUBLICITY)
    if publicity is not None:
        end = _date(publicity.get("end"))
        if end is None:
            issues.append(
                DevIssue(
                    "develop.publicity",
                    Severity.ERROR,
                    Step.PUBLICITY,
                    "公示未填写结束日期",
                    publicity.day,
                )
            )
        else:
            counted = count_workdays(publicity.day, end, overrides)
            if counted.days < settings.publicity_workdays:
                guess = ""
                if counted.guessed_years:
                    years = "、".join(str(y) for y in sorted(counted.guessed_years))
                    guess = f"（{years}年的法定节假日尚未收录，暂按周一至周五计算，可在设置中录入当年节假日和调休）"
                issues.append(
                    DevIssue(
                        "develop.publicity",
                        Severity.ERROR,
                        Step.PUBLICITY,
                        f"公示 {_fmt(publicity.day)} 至 {_fmt(end)} 共{counted.days}个工作日，不足{settings.publicity_workdays}个工作日{guess}",
                        publicity.day,
                    )
                )
    elif admitted:
        issues.append(
            DevIssue(
                "develop.publicity",
                Severity.ERROR,
                Step.PUBLICITY,
                "支部大会讨论接收前未进行公示",
                admitted,
            )
        )
    pre_review = facts.steps.get(Step.PRE_REVIEW)
    if admitted and (pre_review is None or pre_review.get("result") == "不同意"):
        issues.append(
            DevIssue(
                "develop.pre_review",
                Severity.ERROR,
                Step.PRE_REVIEW,
                "支部大会讨论接收前须经上级党委预审同意",
                admitted,
            )
        )
    return issues


def _admission(facts: CandidateFacts, settings: DevSettings, as_of: date) -> list[DevIssue]:
    issues = []
    vote = facts.steps.get(Step.ADMISSION)
    if vote is None:
        return issues
    if vote.get("method") and vote.get("method") != "无记名投票":
        issues.append(
            DevIssue(
                "develop.secret_ballot",
                Severity.ERROR,
                Step.ADMISSION,
                "接收预备党员须采用无记名投票",
                vote.day,
            )
        )
    if vote.get("passed") is False:
        issues.append(
            DevIssue(
                "develop.admission_failed",
                Severity.WARNING,
                Step.ADMISSION,
                "支部大会表决未通过接收",
                vote.day,
            )
        )
    approval = facts.steps.get(Step.APPROVAL)
    normal, limit = (
        add_months(vote.day, settings.approval_months),
        add_months(vote.day, settings.approval_max_months),
    )
    if approval is not None:
        if approval.get("approver_kind") == "党总支":
            issues.append(
                DevIssue(
                    "develop.approver",
                    Severity.ERROR,
                    Step.APPROVAL,
                    "党总支无权审批预备党员，应由基层党委审批",
                    approval.day,
                )
            )
        if approval.day > limit:
            issues.append(
                DevIssue(
                    "develop.approval_deadline",
                    Severity.ERROR,
                    Step.APPROVAL,
                    f"上级党委审批（{_fmt(approval.day)}）超过支部大会决议后{settings.approval_max_months}个月（最迟 {_fmt(limit)}）",
                    approval.day,
                )
            )
        elif approval.day > normal:
            issues.append(
                DevIssue(
                    "develop.approval_deadline",
                    Severity.WARNING,
                    Step.APPROVAL,
                    f"上级党委审批（{_fmt(approval.day)}）超过支部大会决议后{settings.approval_months}个月，须有延长审批期限的说明",
                    approval.day,
                )
            )
    elif as_of > limit:
        issues.append(
            DevIssue(
                "develop.approval_deadline",
                Severity.ERROR,
                Step.APPROVAL,
                f"支部大会决议（{_fmt(vote.day)}）后已超过{settings.approval_max_months}个月仍未审批",
                due=limit,
            )
        )
    elif as_of > normal:
        issues.append(
            DevIssue(
                "develop.approval_deadline",
                Severity.WARNING,
                Step.APPROVAL,
                f"支部大会决议（{_fmt(vote.day)}）后已超过{settings.approval_months}个月仍未审批，最迟 {_fmt(limit)}",
                due=limit,
            )
        )
    return issues


def _probation(facts: CandidateFacts, settings: DevSettings, as_of: date) -> list[DevIssue]:
    issues = []
    admitted = facts.day(Step.ADMISSION)
    if admitted is None or not facts.has(Step.APPROVAL):
        return issues
    extension = facts.steps.get(Step.EXTENSION)
    if extension is not None:
        months = int(extension.get("months") or 0)
        if not 6 <= months <= 12:
            issues.append(
                DevIssue(
                    "develop.extension",
                    Severity.ERROR,
                    Step.EXTENSION,
                    f"延长预备期应为6个月至1年，实际{months}个月",
                    extension.day,
                )
            )
        original_end = probation_end(admitted)
        if extension.day <= original_end:
            issues.append(
                DevIssue(
                    "develop.extension",
                    Severity.ERROR,
                    Step.EXTENSION,
                    f"预备期 {_fmt(original_end)} 届满前不得作出延长决定",
                    extension.day,
                )
            )
    end = probation_end(admitted, extension_months(facts))
    vote = facts.steps.get(Step.FULL_VOTE)
    grace = add_months(end, settings.full_vote_grace_months)
    if vote is not None:
        if vote.day <= end:
            issues.append(
                DevIssue(
                    "develop.full_vote_early",
                    Severity.ERROR,
                    Step.FULL_VOTE,
                    f"支部大会讨论转正（{_fmt(vote.day)}）早于预备期届满（{_fmt(end)}）",
                    vote.day,
                )
            )
        elif vote.day > grace:
            issues.append(
                DevIssue(
                    "develop.full_vote_late",
                    Severity.WARNING,
                    Step.FULL_VOTE,
                    f"预备期于 {_fmt(end)} 届满，支部大会讨论转正（{_fmt(vote.day)}）不够及时（应在 {_fmt(grace)} 前）",
                    vote.day,
                )
            )
        if vote.get("method") and vote.get("method") != "无记名投票":
            issues.append(
                DevIssue(
                    "develop.secret_ballot",
                    Severity.ERROR,
                    Step.FULL_VOTE,
                    "讨论预备党员转正须采用无记名投票",
                    vote.day,
                )
            )
        approval = facts.steps.get(Step.FULL_APPROVAL)
        limit = add_months(vote.day, settings.approval_months)
        if approval is not None and approval.day > limit:
            issues.append(
                DevIssue(
                    "develop.full_approval_deadline",
                    Severity.ERROR,
                    Step.FULL_APPROVAL,
                    f"上级党委审批转正（{_fmt(approval.day)}）超过支部大会决议后{settings.approval_months}个月",
                    approval.day,
                )
            )
        elif approval is None and as_of > limit:
            issues.append(
                DevIssue(
                    "develop.full_approval_deadline",
                    Severity.ERROR,
                    Step.FULL_APPROVAL,
                    f"支部大会讨论转正（{_fmt(vote.day)}）后已超过{settings.approval_months}个月仍未审批",
                    due=limit,
                )
            )
    elif (as_of > grace and extension is None) or (extension is not None and as_of > grace):
        issues.append(
            DevIssue(
                "develop.full_vote_late",
                Severity.ERROR,
                Step.FULL_VOTE,
                f"预备期已于 {_fmt(end)} 届满，应及时召开支部大会讨论转正",
                due=grace,
            )
        )
    if derive_stage(facts) is Stage.PROBATIONARY:
        issues += _periodic(
            facts,
            RecordKind.THOUGHT_REPORT,
            admitted,
            end,
            settings.report_months,
            as_of,
            "develop.thought_report",
            "预备期思想汇报",
        )
    return issues


def _date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        return date.fromisoformat(value)
    return None


def _window(
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
                f"预备期 {_fmt(end)} 届满",
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
        earliest, latest, note = _window(facts, step, settings)
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
            "develop.missing_step",
            Severity.WARNING,
            step,
            f"缺少“{step.value}”的记录（已登记后续步骤）",
        )
        for step in STEPS[:latest]
        if not facts.has(step) and step not in OPTIONAL_STEPS
    ]


def party_age_start(facts: CandidateFacts) -> date | None:
    """Return the day 党龄 counts from: the day after probation (with any extension) ends."""
    admitted = facts.day(Step.ADMISSION)
    if admitted is None or derive_stage(facts) is not Stage.FULL:
        return None
    return probation_end(admitted, extension_months(facts)) + timedelta(days=1)


def full_outcome(facts: CandidateFacts) -> FullOutcome | None:
    vote = facts.steps.get(Step.FULL_VOTE)
    return FullOutcome(vote.get("outcome")) if vote and vote.get("outcome") else None
