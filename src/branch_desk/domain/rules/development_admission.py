"""Member development from 政治审查 to 转正: review, training, 公示, votes, approval, probation."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from ..dates import add_months
from ..development import (
    CandidateFacts,
    RecordKind,
    Stage,
    Step,
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


def before_admission_issues(
    facts: CandidateFacts, settings: DevSettings, overrides: Mapping[date, bool]
) -> list[DevIssue]:
    issues: list[DevIssue] = []
    admitted = facts.day(Step.ADMISSION)

    def add(rule: str, step: Step, message: str, day: date | None) -> None:
        issues.append(DevIssue(rule, Severity.ERROR, step, message, day))

    review = facts.steps.get(Step.REVIEW)
    if review is not None and review_details(review).conclusion != "合格":
        conclusion = review_details(review).conclusion or "未填写"
        add(
            RuleId.DEVELOP_REVIEW,
            Step.REVIEW,
            f"政治审查结论为“{conclusion}”，结论合格后方可发展",
            review.day,
        )
    if review is not None and admitted:
        valid_until = add_months(review.day, settings.review_valid_months)
        if admitted > valid_until:
            add(
                RuleId.DEVELOP_REVIEW_EXPIRED,
                Step.REVIEW,
                f"政治审查（{fmt(review.day)}）至支部大会（{fmt(admitted)}）已超过{settings.review_valid_months}个月有效期",
                review.day,
            )
    if review is None and admitted:
        add(RuleId.DEVELOP_REVIEW, Step.REVIEW, "支部大会讨论接收前未进行政治审查", admitted)
    training = facts.steps.get(Step.TRAINING)
    if training is not None:
        trained = training_details(training)
        days, hours = trained.days, trained.hours
        if days < settings.training_days and hours < settings.training_hours:
            add(
                RuleId.DEVELOP_TRAINING,
                Step.TRAINING,
                f"集中培训{days}天、{hours:g}学时，不足{settings.training_days}天或{settings.training_hours}学时",
                training.day,
            )
    elif admitted:
        add(
            RuleId.DEVELOP_TRAINING, Step.TRAINING, "支部大会讨论接收前未参加短期集中培训", admitted
        )
    publicity = facts.steps.get(Step.PUBLICITY)
    if publicity is not None:
        end = publicity_details(publicity).end
        if end is None:
            issues.append(
                DevIssue(
                    RuleId.DEVELOP_PUBLICITY,
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
                        RuleId.DEVELOP_PUBLICITY,
                        Severity.ERROR,
                        Step.PUBLICITY,
                        f"公示 {fmt(publicity.day)} 至 {fmt(end)} 共{counted.days}个工作日，不足{settings.publicity_workdays}个工作日{guess}",
                        publicity.day,
                    )
                )
    elif admitted:
        issues.append(
            DevIssue(
                RuleId.DEVELOP_PUBLICITY,
                Severity.ERROR,
                Step.PUBLICITY,
                "支部大会讨论接收前未进行公示",
                admitted,
            )
        )
    pre_review = facts.steps.get(Step.PRE_REVIEW)
    if admitted and (pre_review is None or pre_review_details(pre_review).result == "不同意"):
        issues.append(
            DevIssue(
                RuleId.DEVELOP_PRE_REVIEW,
                Severity.ERROR,
                Step.PRE_REVIEW,
                "支部大会讨论接收前须经上级党委预审同意",
                admitted,
            )
        )
    return issues


def approver_problem(approver_kind: str) -> str | None:
    """A 党总支 may not approve a 预备党员; only a 基层党委 may."""
    return "党总支无权审批预备党员，应由基层党委审批" if approver_kind == "党总支" else None


def admission_issues(facts: CandidateFacts, settings: DevSettings, as_of: date) -> list[DevIssue]:
    issues = []
    vote = facts.steps.get(Step.ADMISSION)
    if vote is None:
        return issues
    if vote_details(vote).open_ballot:
        issues.append(
            DevIssue(
                RuleId.DEVELOP_SECRET_BALLOT,
                Severity.ERROR,
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
    approval = facts.steps.get(Step.APPROVAL)
    normal, limit = (
        add_months(vote.day, settings.approval_months),
        add_months(vote.day, settings.approval_max_months),
    )
    if approval is not None:
        if problem := approver_problem(approval_details(approval).approver_kind):
            issues.append(
                DevIssue(
                    RuleId.DEVELOP_APPROVER, Severity.ERROR, Step.APPROVAL, problem, approval.day
                )
            )
        if approval.day > limit:
            issues.append(
                DevIssue(
                    RuleId.DEVELOP_APPROVAL_DEADLINE,
                    Severity.ERROR,
                    Step.APPROVAL,
                    f"上级党委审批（{fmt(approval.day)}）超过支部大会决议后{settings.approval_max_months}个月（最迟 {fmt(limit)}）",
                    approval.day,
                )
            )
        elif approval.day > normal:
            issues.append(
                DevIssue(
                    RuleId.DEVELOP_APPROVAL_DEADLINE,
                    Severity.WARNING,
                    Step.APPROVAL,
                    f"上级党委审批（{fmt(approval.day)}）超过支部大会决议后{settings.approval_months}个月，须有延长审批期限的说明",
                    approval.day,
                )
            )
    elif as_of > limit:
        issues.append(
            DevIssue(
                RuleId.DEVELOP_APPROVAL_DEADLINE,
                Severity.ERROR,
                Step.APPROVAL,
                f"支部大会决议（{fmt(vote.day)}）后已超过{settings.approval_max_months}个月仍未审批",
                due=limit,
            )
        )
    elif as_of > normal:
        issues.append(
            DevIssue(
                RuleId.DEVELOP_APPROVAL_DEADLINE,
                Severity.WARNING,
                Step.APPROVAL,
                f"支部大会决议（{fmt(vote.day)}）后已超过{settings.approval_months}个月仍未审批，最迟 {fmt(limit)}",
                due=limit,
            )
        )
    return issues


def probation_issues(facts: CandidateFacts, settings: DevSettings, as_of: date) -> list[DevIssue]:
    issues = []
    admitted = facts.day(Step.ADMISSION)
    if admitted is None or not facts.has(Step.APPROVAL):
        return issues
    extension = facts.steps.get(Step.EXTENSION)
    if extension is not None:
        months = extension_details(extension).months
        if not 6 <= months <= 12:
            issues.append(
                DevIssue(
                    RuleId.DEVELOP_EXTENSION,
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
                    RuleId.DEVELOP_EXTENSION,
                    Severity.ERROR,
                    Step.EXTENSION,
                    f"预备期 {fmt(original_end)} 届满前不得作出延长决定",
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
                    RuleId.DEVELOP_FULL_VOTE_EARLY,
                    Severity.ERROR,
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
                DevIssue(
                    RuleId.DEVELOP_SECRET_BALLOT,
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
                    RuleId.DEVELOP_FULL_APPROVAL_DEADLINE,
                    Severity.ERROR,
                    Step.FULL_APPROVAL,
                    f"上级党委审批转正（{fmt(approval.day)}）超过支部大会决议后{settings.approval_months}个月",
                    approval.day,
                )
            )
        elif approval is None and as_of > limit:
            issues.append(
                DevIssue(
                    RuleId.DEVELOP_FULL_APPROVAL_DEADLINE,
                    Severity.ERROR,
                    Step.FULL_APPROVAL,
                    f"支部大会讨论转正（{fmt(vote.day)}）后已超过{settings.approval_months}个月仍未审批",
                    due=limit,
                )
            )
    elif (as_of > grace and extension is None) or (extension is not None and as_of > grace):
        issues.append(
            DevIssue(
                RuleId.DEVELOP_FULL_VOTE_LATE,
                Severity.ERROR,
                Step.FULL_VOTE,
                f"预备期已于 {fmt(end)} 届满，应及时召开支部大会讨论转正",
                due=grace,
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
