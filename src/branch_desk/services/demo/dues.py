"""Demo dues: two years of assessments, quarterly collection, remittances, a few in arrears."""

from __future__ import annotations

import random
from datetime import date
from typing import TYPE_CHECKING

from ...domain.dues import BasePart, DuesCategory, PartKind, Reduction
from ...domain.dues_records import AssessmentInput, PaymentInput, RemittanceInput
from ...domain.members import MemberCategory, MemberRecord, RosterStatus
from ..dues.ledger import month_index, month_start

if TYPE_CHECKING:
    from ..app import BranchDesk


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
    """Collect each quarter's dues in one 党费日 (one transaction per quarter)."""
    count = 0
    current = month_index(today)
    unit_id = members[0].unit_id if members else 0
    for quarter in range(4):
        first = year * 12 + quarter * 3
        if first > current:
            break
        last = min(first + 2, current)
        _, matrix = desk.dues_reports.matrix_span(unit_id, first, last, today)
        items = []
        for member in members:
            stop = min(last, current - late.get(member.id, 0) - 1) if member.id in late else last
            cells = (
                [matrix.cells[member.id][i] for i in range(first, stop + 1)]
                if member.id in matrix.cells
                else []
            )
            owed = [c for c in cells if c.owed and c.due_fen and c.paid_fen < c.due_fen]
            if not owed or owed[-1].index - owed[0].index + 1 != len(owed):
                continue  # not on the roll then, nothing due, or a gap in the months
            amount = sum(c.due_fen - c.paid_fen for c in owed)
            paid_on = min(month_start(first).replace(day=rng.randint(5, 12)), today)
            payment = PaymentInput(
                month_start(owed[0].index),
                month_start(owed[-1].index),
                amount,
                paid_on,
                collector=collector,
            )
            items.append((member.id, payment))
        if items:
            desk.dues.pay_many(items)
            count += len(items)
    return count


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
