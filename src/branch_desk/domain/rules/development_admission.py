"""Member development from 政治审查 to 转正: review, training, 公示, votes, approval, probation."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from functools import partial

from ..dates import add_months
from ..development import (
    CandidateFacts,
    RecordKind,
    Stage,
    Step,
    StepRecord,
    derive_stage,
    extension_months,
    probation_end,
)
from ..findings import Severity
from ..step_details import (
    approval_details,
    extension_details,
    pre_review_details,
    publicity_details,
    review_details,
    training_details,
    vote_details,
)
from ..workdays import count_workdays
from .development_early import periodic
from .development_types import DevIssue, DevSettings, fmt
from .ids import RuleId

# Checks a step done before admission: (its record, the settings, the day of admission).
StepCheck = Callable[[StepRecord, DevSettings, date | None], list[DevIssue]]


def before_admission_issues(
    facts: CandidateFacts, settings: DevSettings, overrides: Mapping[date, bool]
) -> list[DevIssue]:
    """政治审查, 集中培训, 公示 and 预审 before the 支部大会 that admits (all errors)."""
    admitted = facts.day(Step.ADMISSION)
    checks: tuple[tuple[Step, StepCheck], ...] = (
        (Step.REVIEW, _review_issues),
        (Step.TRAINING, _training_issues),
        (Step.PUBLICITY, partial(_publicity_issues, overrides=overrides)),
    )
    issues: list[DevIssue] = []
    for step, check in checks:
        record = facts.steps.get(step)
        issues += _missing(step, admitted) if record is None else check(record, settings, admitted)
    return [*issues, *_pre_review_issues(facts, admitted)]


def _error(rule: RuleId, step: Step, message: str, day: date | None) -> DevIssue:
    return DevIssue(rule, Severity.ERROR, step, message, day)


# Steps the 支部大会 that admits must come after: the rule a missing one breaks, and what is said.
_NEEDED_BEFORE_ADMISSION = {
    Step.REVIEW: (RuleId.DEVELOP_REVIEW, "支部大会讨论接收前未进行政治审查"),
    Step.TRAINING: (RuleId.DEVELOP_TRAINING, "支部大会讨论接收前未参加短期集中培训"),
    Step.PUBLICITY: (RuleId.DEVELOP_PUBLICITY, "支部大会讨论接收前未进行公示"),
}


def _missing(step: Step, admitted: date | None) -> list[DevIssue]:
    """The error of a step not done before admission (none while there is no admission yet)."""
    if admitted is None:
        return []
    rule, message = _NEEDED_BEFORE_ADMISSION[step]
    return [_error(rule, step, message, admitted)]


def _review_issues(
    review: StepRecord, settings: DevSettings, admitted: date | None
) -> list[DevIssue]:
    """The 政治审查: 合格, and still valid on the day of admission."""
    issues = []
    if review_details(review).conclusion != "合格":
        conclusion = review_details(review).conclusion or "未填写"
        issues.append(
            _error(
                RuleId.DEVELOP_REVIEW,
                Step.REVIEW,
                f"政治审查结论为“{conclusion}”，结论合格后方可发展",
                review.day,
            )
        )
    if admitted and admitted > add_months(review.day, settings.review_valid_months):
        issues.append(
            _error(
                RuleId.DEVELOP_REVIEW_EXPIRED,
                Step.REVIEW,
                f"政治审查（{fmt(review.day)}）至支部大会（{fmt(admitted)}）已超过{settings.review_valid_months}个月有效期",
                review.day,
            )
        )
    return issues


def _training_issues(
    training: StepRecord, settings: DevSettings, admitted: date | None
) -> list[DevIssue]:
    """The 短期集中培训: long enough in days or in 学时."""
    trained = training_details(training)
    days, hours = trained.days, trained.hours
    if days < settings.training_days and hours < settings.training_hours:
        return [
            _error(
                RuleId.DEVELOP_TRAINING,
                Step.TRAINING,
                f"集中培训{days}天、{hours:g}学时，不足{settings.training_days}天或{settings.training_hours}学时",
                training.day,
            )
        ]
    return []


def _publicity_issues(
    publicity: StepRecord,
    settings: DevSettings,
    admitted: date | None,
    overrides: Mapping[date, bool],
) -> list[DevIssue]:
    """The 公示: with an end date, for enough working days."""
    end = publicity_details(publicity).end
    if end is None:
        return [
            _error(RuleId.DEVELOP_PUBLICITY, Step.PUBLICITY, "公示未填写结束日期", publicity.day)
        ]
    counted = count_workdays(publicity.day, end, overrides)
    if counted.days >= settings.publicity_workdays:
        return []
    guess = ""
    if counted.guessed_years:
        years = "、".join(str(y) for y in sorted(counted.guessed_years))
        guess = (
            f"（{years}年的法定节假日尚未收录，暂按周一至周五计算，可在设置中录入当年节假日和调休）"
        )
    return [
        _error(
            RuleId.DEVELOP_PUBLICITY,
            Step.PUBLICITY,
            f"公示 {fmt(publicity.day)} 至 {fmt(end)} 共{counted.days}个工作日，不足{settings.publicity_workdays}个工作日{guess}",
            publicity.day,
        )
    ]


def _pre_review_issues(facts: CandidateFacts, admitted: date | None) -> list[DevIssue]:
    """The upper committee's 预审 must have agreed before the 支部大会."""
    pre_review = facts.steps.get(Step.PRE_REVIEW)
    if admitted and (pre_review is None or pre_review_details(pre_review).result == "不同意"):
        return [
            _error(
                RuleId.DEVELOP_PRE_REVIEW,
                Step.PRE_REVIEW,
                "支部大会讨论接收前须经上级党委预审同意",
                admitted,
            )
        ]
    return []


def approver_problem(approver_kind: str) -> str | None:
    """A 党总支 may not approve a 预备党员; only a 基层党委 may."""
    return "党总支无权审批预备党员，应由基层党委审批" if approver_kind == "党总支" else None


def admission_issues(facts: CandidateFacts, settings: DevSettings, as_of: date) -> list[DevIssue]:
    """The 支部大会 that admits (secret ballot, passed) and the upper committee's approval."""
    vote = facts.steps.get(Step.ADMISSION)
    if vote is None:
        return []
    issues = []
    if vote_details(vote).open_ballot:
        issues.append(
            _error(
                RuleId.DEVELOP_SECRET_BALLOT,
                Step.ADMISSION,
                "接收预备党员须采用无记名投票",
                vote.day,
            )
        )
    if vote_details(vote).passed is False:
        issues.append(
            DevIssue(
                RuleId.DEVELOP_ADMISSION_FAILED,
                Severity.WARNING,
                Step.ADMISSION,
                "支部大会表决未通过接收",
                vote.day,
            )
        )
    return issues + _approval_issues(facts, settings, as_of, vote)


def _approval_issues(
    facts: CandidateFacts, settings: DevSettings, as_of: date, vote: StepRecord
) -> list[DevIssue]:
    """The approval of a 预备党员: by whom, and within the months after the vote."""
    approval = facts.steps.get(Step.APPROVAL)
    normal = add_months(vote.day, settings.approval_months)
    limit = add_months(vote.day, settings.approval_max_months)
    rule, step = RuleId.DEVELOP_APPROVAL_DEADLINE, Step.APPROVAL
    if approval is None:
        if as_of > limit:
            message = (
                f"支部大会决议（{fmt(vote.day)}）后已超过{settings.approval_max_months}个月仍未审批"
            )
            return [DevIssue(rule, Severity.ERROR, step, message, due=limit)]
        if as_of > normal:
            message = f"支部大会决议（{fmt(vote.day)}）后已超过{settings.approval_months}个月仍未审批，最迟 {fmt(limit)}"
            return [DevIssue(rule, Severity.WARNING, step, message, due=limit)]
        return []
    issues = []
    if problem := approver_problem(approval_details(approval).approver_kind):
        issues.append(_error(RuleId.DEVELOP_APPROVER, step, problem, approval.day))
    if approval.day > limit:
        message = f"上级党委审批（{fmt(approval.day)}）超过支部大会决议后{settings.approval_max_months}个月（最迟 {fmt(limit)}）"
        issues.append(DevIssue(rule, Severity.ERROR, step, message, approval.day))
    elif approval.day > normal:
        message = f"上级党委审批（{fmt(approval.day)}）超过支部大会决议后{settings.approval_months}个月，须有延长审批期限的说明"
        issues.append(DevIssue(rule, Severity.WARNING, step, message, approval.day))
    return issues


def probation_issues(facts: CandidateFacts, settings: DevSettings, as_of: date) -> list[DevIssue]:
    """The 预备期: its extension, the 转正 vote on time and approved, the 思想汇报."""
    admitted = facts.day(Step.ADMISSION)
    if admitted is None or not facts.has(Step.APPROVAL):
        return []
    issues = _extension_issues(facts, admitted)
    end = probation_end(admitted, extension_months(facts))
    vote = facts.steps.get(Step.FULL_VOTE)
    grace = add_months(end, settings.full_vote_grace_months)
    if vote is not None:
        issues += _full_vote_issues(facts, settings, as_of, vote, end, grace)
    elif as_of > grace:
        message = f"预备期已于 {fmt(end)} 届满，应及时召开支部大会讨论转正"
        issues.append(
            DevIssue(
                RuleId.DEVELOP_FULL_VOTE_LATE, Severity.ERROR, Step.FULL_VOTE, message, due=grace
            )
        )
    if derive_stage(facts) is Stage.PROBATIONARY:
        issues += periodic(
            facts,
            RecordKind.THOUGHT_REPORT,
            admitted,
            end,
            settings.report_months,
            as_of,
            RuleId.DEVELOP_THOUGHT_REPORT,
            "预备期思想汇报",
        )
    return issues


def _extension_issues(facts: CandidateFacts, admitted: date) -> list[DevIssue]:
    """A 延长预备期: 6 to 12 months, decided only once the 预备期 has ended."""
    extension = facts.steps.get(Step.EXTENSION)
    if extension is None:
        return []
    issues = []
    months = extension_details(extension).months
    if not 6 <= months <= 12:
        issues.append(
            _error(
                RuleId.DEVELOP_EXTENSION,
                Step.EXTENSION,
                f"延长预备期应为6个月至1年，实际{months}个月",
                extension.day,
            )
        )
    original_end = probation_end(admitted)
    if extension.day <= original_end:
        issues.append(
            _error(
                RuleId.DEVELOP_EXTENSION,
                Step.EXTENSION,
                f"预备期 {fmt(original_end)} 届满前不得作出延长决定",
                extension.day,
            )
        )
    return issues


def _full_vote_issues(
    facts: CandidateFacts,
    settings: DevSettings,
    as_of: date,
    vote: StepRecord,
    end: date,
    grace: date,
) -> list[DevIssue]:
    """The 转正 vote: after the 预备期, soon enough, by secret ballot, approved in time."""
    issues = []
    if vote.day <= end:
        issues.append(
            _error(
                RuleId.DEVELOP_FULL_VOTE_EARLY,
                Step.FULL_VOTE,
                f"支部大会讨论转正（{fmt(vote.day)}）早于预备期届满（{fmt(end)}）",
                vote.day,
            )
        )
    elif vote.day > grace:
        issues.append(
            DevIssue(
                RuleId.DEVELOP_FULL_VOTE_LATE,
                Severity.WARNING,
                Step.FULL_VOTE,
                f"预备期于 {fmt(end)} 届满，支部大会讨论转正（{fmt(vote.day)}）不够及时（应在 {fmt(grace)} 前）",
                vote.day,
            )
        )
    if vote_details(vote).open_ballot:
        issues.append(
            _error(
                RuleId.DEVELOP_SECRET_BALLOT,
                Step.FULL_VOTE,
                "讨论预备党员转正须采用无记名投票",
                vote.day,
            )
        )
    approval = facts.steps.get(Step.FULL_APPROVAL)
    limit = add_months(vote.day, settings.approval_months)
    rule, step = RuleId.DEVELOP_FULL_APPROVAL_DEADLINE, Step.FULL_APPROVAL
    if approval is not None and approval.day > limit:
        message = f"上级党委审批转正（{fmt(approval.day)}）超过支部大会决议后{settings.approval_months}个月"
        issues.append(_error(rule, step, message, approval.day))
    elif approval is None and as_of > limit:
        message = (
            f"支部大会讨论转正（{fmt(vote.day)}）后已超过{settings.approval_months}个月仍未审批"
        )
        issues.append(DevIssue(rule, Severity.ERROR, step, message, due=limit))
    return issues
