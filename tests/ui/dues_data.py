"""Dues test data: 张三 (4,800, paid Jan–Jun), 李四 (3,000, paid Jan–Oct), 王五 (免交)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from branch_desk.domain.dues import DuesCategory, Reduction
from branch_desk.domain.members import MemberCategory
from branch_desk.services.app import BranchDesk
from branch_desk.services.dues.service import AssessmentInput, PaymentInput
from tests.conftest import member_input

from .conftest import make_id

YEAR = 2026


@dataclass(frozen=True)
class DuesPeople:
    """The member ids of the dues test branch."""

    zhang: int
    li: int
    wang: int


def add_dues_members(desk: BranchDesk, unit_id: int, assess: bool = True) -> DuesPeople:
    """Add three members; assess them for 2026 and record their payments so far."""
    zhang = desk.roster.add(unit_id, member_input()).value.id
    li = desk.roster.add(
        unit_id, member_input(name="李四", id_number=make_id(date(1985, 4, 2), 135))
    ).value.id
    wang = desk.roster.add(
        unit_id,
        member_input(
            name="王五",
            id_number=make_id(date(1950, 1, 9), 157),
            category=MemberCategory.RETIRED,
        ),
    ).value.id
    if assess:
        dues = desk.dues
        dues.assess(zhang, YEAR, AssessmentInput(DuesCategory.EMPLOYED, base_fen=480_000))
        dues.assess(li, YEAR, AssessmentInput(DuesCategory.EMPLOYED, base_fen=300_000))
        exempt = AssessmentInput(
            DuesCategory.RETIRED,
            base_fen=400_000,
            reduction=Reduction.EXEMPT,
            approval_ref="机关党〔2026〕3号",
        )
        dues.assess(wang, YEAR, exempt)
        paid = PaymentInput(date(YEAR, 1, 1), date(YEAR, 6, 1), 28_800, date(YEAR, 1, 10))
        dues.pay(zhang, paid)
        dues.pay(li, PaymentInput(date(YEAR, 1, 1), date(YEAR, 6, 1), 9_000, date(YEAR, 1, 10)))
        dues.pay(li, PaymentInput(date(YEAR, 7, 1), date(YEAR, 10, 1), 6_000, date(YEAR, 7, 10)))
    return DuesPeople(zhang, li, wang)
