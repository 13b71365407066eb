"""The 核定 of a member's dues: checking the form, computing the due, writing it."""

from __future__ import annotations

from datetime import datetime

from ...domain.dues import DuesCalculation, DuesCategory, DuesRules, Reduction, base_from_parts
from ...domain.dues import calculate as calculate_due
from ...domain.dues_records import AssessmentInput, AssessmentRecord, DuesMember
from ...domain.errors import Problem
from ...domain.members import MemberCategory
from ...domain.text import as_typed, clean
from ...storage.repositories import Session, dues

# The dues category a member's 人员类别 suggests.
DEFAULT_CATEGORY = {
    MemberCategory.EMPLOYED: DuesCategory.EMPLOYED,
    MemberCategory.RETIRED: DuesCategory.RETIRED,
    MemberCategory.STUDENT: DuesCategory.STUDENT,
    MemberCategory.FARMER: DuesCategory.FARMER,
    MemberCategory.OTHER: DuesCategory.OTHER,
}


def calculate(data: AssessmentInput, rules: DuesRules) -> DuesCalculation:
    """Return the monthly due and its explanation for a form under ``rules``."""
    base = base_from_parts(data.parts) if data.parts else data.base_fen
    return calculate_due(
        data.category,
        base,
        rules,
        reduction=data.reduction,
        reduced_fen=data.reduced_fen,
        approval_ref=as_typed(data.approval_ref),
        fixed_fen=data.fixed_fen,
    )


def write_assessment(
    s: Session,
    member: DuesMember,
    year: int,
    data: AssessmentInput,
    rules: DuesRules,
    *,
    carried_from: int | None,
    now: datetime,
) -> AssessmentRecord:
    """Compute and store the member's assessment for ``year`` from ``data.from_month`` on."""
    calc = calculate(data, rules)
    return dues.put_assessment(s, member, year, data, calc, carried_from=carried_from, now=now)


def check_assessment(data: AssessmentInput) -> list[Problem]:
    """Return the problems with an assessment form (base, relief and its approval)."""
    problems = []
    if not 1 <= data.from_month <= 12:
        problems.append(Problem("from_month", "起始月份", "应为1至12月"))
    if data.base_fen < 0 or any(p.amount_fen < 0 for p in data.parts):
        problems.append(Problem("base", "计算基数", "金额不能为负"))
    if data.category.has_base and not data.parts and data.base_fen == 0:
        problems.append(Problem("base", data.category.base_label, "请填写月基数"))
    if (
        data.category is DuesCategory.OTHER
        and not data.fixed_fen
        and data.reduction is Reduction.NONE
    ):
        problems.append(Problem("fixed", "月应交", "“其他”类别须直接填写每月应交金额"))
    if data.reduction is not Reduction.NONE and not clean(data.approval_ref):
        problems.append(
            Problem(
                "approval_ref", "批准文号", "减交、免交须经支部研究并报上级批准，请填写批准文号"
            )
        )
    if data.reduction is Reduction.REDUCED and data.reduced_fen <= 0:
        problems.append(Problem("reduced", "减交后月应交", "应大于0（全部免交请选“免交”）"))
    return problems
