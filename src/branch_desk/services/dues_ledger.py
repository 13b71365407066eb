"""The dues month matrix: who owes what each month, what was paid, arrears (no writes)."""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.dues import NOT_PAID_STATES, MonthState, Reduction, month_state
from ..domain.voting import MemberFacts, on_roll, party_status_on
from ..storage.models import DuesAssessment, DuesPaymentMonth


def month_index(day: date) -> int:
    """Count months since year 0 (for month arithmetic)."""
    return day.year * 12 + day.month - 1


def month_start(index: int) -> date:
    year, month = divmod(index, 12)
    return date(year, month + 1, 1)


def month_end(index: int) -> date:
    start = month_start(index)
    return start.replace(day=calendar.monthrange(start.year, start.month)[1])


def month_label(index: int) -> str:
    start = month_start(index)
    return f"{start.year}年{start.month}月"


def owes_in(facts: MemberFacts, index: int) -> bool:
    """A month is owed where the member is on the roll on its last day (one branch per month)."""
    last = month_end(index)
    return on_roll(facts.history, last) and party_status_on(facts, last) is not None


@dataclass(frozen=True, slots=True)
class MonthCell:
    index: int
    owed: bool
    due_fen: int | None
    paid_fen: int
    exempt: bool
    state: MonthState


@dataclass
class DuesMatrix:
    """Dues owed and paid by member and month over a span of months."""

    first: int
    last: int
    current: int
    cells: dict[int, dict[int, MonthCell]]  # member id → month index → cell

    def member_cells(self, member_id: int) -> list[MonthCell]:
        return [self.cells[member_id][i] for i in range(self.first, self.last + 1)]

    def consecutive_unpaid(self, member_id: int) -> list[int]:
        """Return the unbroken run of completed months with nothing paid, ending last month."""
        run: list[int] = []
        for index in range(min(self.current - 1, self.last), self.first - 1, -1):
            if self.cells[member_id][index].state not in NOT_PAID_STATES:
                break
            run.append(index)
        return sorted(run)


def build_matrix(
    s: Session, facts: list[MemberFacts], first: int, last: int, current: int
) -> DuesMatrix:
    """Compute every member's month cells between two month indexes (inclusive)."""
    ids = [f.member_id for f in facts]
    years = range(month_start(first).year, month_start(last).year + 1)
    plans: dict[int, list[DuesAssessment]] = defaultdict(list)
    for row in s.scalars(
        select(DuesAssessment)
        .where(DuesAssessment.member_id.in_(ids), DuesAssessment.year.in_(list(years)))
        .order_by(DuesAssessment.year, DuesAssessment.from_month)
    ):
        plans[row.member_id].append(row)
    paid: dict[tuple[int, int], int] = defaultdict(int)
    for member_id, month, amount in s.execute(
        select(
            DuesPaymentMonth.member_id, DuesPaymentMonth.month, DuesPaymentMonth.amount_fen
        ).where(
            DuesPaymentMonth.member_id.in_(ids),
            DuesPaymentMonth.month >= month_start(first),
            DuesPaymentMonth.month <= month_start(last),
        )
    ):
        paid[(member_id, month_index(month))] += amount
    cells: dict[int, dict[int, MonthCell]] = {}
    for f in facts:
        row_cells = {}
        for index in range(first, last + 1):
            owed = owes_in(f, index)
            plan = _plan_for(plans[f.member_id], index)
            due = plan.monthly_due_fen if plan is not None else None
            exempt = plan is not None and plan.reduction == Reduction.EXEMPT.value
            amount = paid[(f.member_id, index)]
            state = month_state(owed, due, amount, exempt, index, current)
            row_cells[index] = MonthCell(index, owed, due, amount, exempt, state)
        cells[f.member_id] = row_cells
    return DuesMatrix(first, last, current, cells)


def _plan_for(plans: list[DuesAssessment], index: int) -> DuesAssessment | None:
    start = month_start(index)
    chosen = None
    for plan in plans:
        if plan.year == start.year and plan.from_month <= start.month:
            chosen = plan
    return chosen
