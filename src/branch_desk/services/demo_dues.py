"""Demo dues: two years of assessments, quarterly collection, remittances, a few in arrears."""

from __future__ import annotations

import random
from datetime import date
from typing import TYPE_CHECKING

from ..domain.dues import BasePart, DuesCategory, PartKind, Reduction
from ..domain.errors import UserError
from ..domain.members import MemberCategory, MemberRecord, RosterStatus
from .dues import AssessmentInput, PaymentInput, RemittanceInput
from .dues_ledger import month_index, month_start

if TYPE_CHECKING:
    from .app import BranchDesk


def _assessment(rng: random.Random, member: MemberRecord, year: int) -> AssessmentInput:
    category = {
        MemberCategory.EMPLOYED: DuesCategory.EMPLOYED,
        MemberCategory.RETIRED: DuesCategory.RETIRED,
        MemberCategory.STUDENT: DuesCategory.STUDENT,
        MemberCategory.FARMER: DuesCategory.FARMER,
        MemberCategory.OTHER: DuesCategory.UNEMPLOYED,
    }[member.category]
    if category is DuesCategory.EMPLOYED:
        basic = rng.randrange(3200, 9800) * 100
        merit = rng.randrange(600, 2400) * 100
        growth = 1 + (year % 2) * 0.03
        parts = (
            BasePart("基本工资", int(basic * growth) // 100 * 100, PartKind.INCLUDED),
            BasePart("基础性绩效", merit, PartKind.INCLUDED),
            BasePart("个人所得税", rng.randrange(0, 400) * 100, PartKind.DEDUCTED),
            BasePart("五险一金", (basic + merit) * 22 // 100, PartKind.DEDUCTED),
            BasePart("住房补贴", 80_000, PartKind.EXCLUDED),
        )
        return AssessmentInput(category, parts=parts)
    if category is DuesCategory.RETIRED:
        return AssessmentInput(category, base_fen=rng.randrange(3200, 7600) * 100)
    return AssessmentInput(category)


def add_demo_dues(desk: BranchDesk, unit_id: int, seed: int) -> int:
    """Assess and collect two years of dues; return the number of payments."""
    rng = random.Random(seed * 104729)
    today = desk.roster.today()
    members = desk.roster.list(unit_id)
    collector = next(
        (o.person_name for o in desk.org.officers(unit_id) if o.role.value == "组织委员"), ""
    )
    active = [m for m in members if m.roster_status is RosterStatus.ACTIVE]
    late = {active[-5].id: 5, active[-12].id: 3} if len(active) > 12 else {}
    exempt = next((m for m in active if m.category is MemberCategory.RETIRED), None)
    count = 0
    for year in (today.year - 1, today.year):
        for member in members:
            data = _assessment(rng, member, year)
            if exempt is not None and member.id == exempt.id and year == today.year:
                data = AssessmentInput(
                    data.category,
                    base_fen=data.base_fen,
                    reduction=Reduction.EXEMPT,
                    approval_ref=f"城建党〔{year}〕8号",
                )
            desk.dues.assess(member.id, year, data)
        count += _collect(desk, rng, members, year, today, late, collector)
        _remit(desk, unit_id, year, today)
    return count


def _collect(
    desk: BranchDesk,
    rng: random.Random,
    members: list[MemberRecord],
    year: int,
    today: date,
    late: dict[int, int],
    collector: str,
) -> int:
    count = 0
    current = month_index(today)
    for quarter in range(4):
        first = year * 12 + quarter * 3
        if first > current:
            break
        for member in members:
            stop = current - late.get(member.id, 0) - 1
            months = [
                i for i in range(first, first + 3) if i <= max(stop, first - 1) and i <= current
            ]
            if member.id in late:
                months = [i for i in months if i <= stop]
            if not months:
                continue
            paid_on = min(month_start(first).replace(day=rng.randint(5, 12)), today)
            try:
                count += _pay(desk, member, months, paid_on, collector)
            except UserError:
                continue  # not on the roll in those months, or nothing due
    return count


def _pay(
    desk: BranchDesk, member: MemberRecord, months: list[int], paid_on: date, collector: str
) -> int:
    facts = desk.dues_reports.matrix_for(member.unit_id, member.id, months[0], months[-1], paid_on)
    owed = [c for c in facts if c.owed and c.due_fen and c.paid_fen < c.due_fen]
    if not owed:
        return 0
    amount = sum(c.due_fen - c.paid_fen for c in owed)
    first, last = owed[0].index, owed[-1].index
    if last - first + 1 != len(owed):
        return 0
    desk.dues.pay(
        member.id,
        PaymentInput(month_start(first), month_start(last), amount, paid_on, collector=collector),
    )
    return 1


def _remit(desk: BranchDesk, unit_id: int, year: int, today: date) -> None:
    for quarter in range(4):
        day = date(year, quarter * 3 + 3, 28)
        if day > today:
            break
        balance = desk.dues.balance(unit_id)
        if balance > 0:
            desk.dues.remit(
                unit_id,
                RemittanceInput(
                    day,
                    balance,
                    covers=f"{year}年第{'一二三四'[quarter]}季度",
                    receipt_no=f"{year}-{quarter + 1:02d}",
                ),
            )


def assess_newcomers(desk: BranchDesk, unit_id: int, seed: int) -> int:
    """Assess this year's dues of members who joined after the dues history was made."""
    rng = random.Random(seed * 31)
    year = desk.roster.today().year
    assessed = {a.member_id for a in desk.dues.assessments(unit_id, year)}
    newcomers = [
        m
        for m in desk.roster.list(unit_id)
        if m.id not in assessed and m.roster_status is RosterStatus.ACTIVE
    ]
    for member in newcomers:
        desk.dues.assess(member.id, year, _assessment(rng, member, year))
    collector = next(
        (o.person_name for o in desk.org.officers(unit_id) if o.role.value == "组织委员"), ""
    )
    _collect(desk, rng, newcomers, year, desk.roster.today(), {}, collector)
    return len(newcomers)
