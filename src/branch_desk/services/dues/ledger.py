"""The dues month matrix: who owes what each month, what was paid, arrears (no writes)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from typing import NamedTuple

from ...domain.dues import NOT_PAID_STATES, MonthState, month_state
from ...domain.dues_owed import month_end, month_index, month_start
from ...domain.rules.voting_days import Stretches
from ...domain.voting import MemberFacts, on_roll, party_status_on
from ...storage.repositories import Session, dues


def month_label(index: int) -> str:
    start = month_start(index)
    return f"{start.year}年{start.month}月"


def runs(indexes: list[int]) -> list[list[int]]:
    """Split month indexes into unbroken runs (each becomes one payment)."""
    ordered = sorted(indexes)
    return [
        [i for _, i in group] for _, group in groupby(enumerate(ordered), lambda p: p[1] - p[0])
    ]


def months_text(indexes: list[int]) -> str:
    """Name the months as runs: 2024年7月—12月、2025年2月."""
    parts = []
    for run in runs(indexes):
        first, last = month_start(run[0]), month_start(run[-1])
        if len(run) == 1:
            parts.append(month_label(run[0]))
        elif first.year == last.year:
            parts.append(f"{month_label(run[0])}—{last.month}月")
        else:
            parts.append(f"{month_label(run[0])}—{month_label(run[-1])}")
    return "、".join(parts)


def owes_in(facts: MemberFacts, index: int) -> bool:
    """A month is owed where the member is on the roll on its last day (one branch per month)."""
    return _owes_on(facts, month_end(index))


class MonthCell(NamedTuple):
    """One member's month: owed or not, the due and what was paid, its state.

    A named tuple rather than a frozen dataclass: a 党委-year's check makes some 50,000 of
    them, and a tuple is made four times faster (immutable and compared by value all the same).
    """

    index: int
    owed: bool
    due_fen: int | None
    paid_fen: int
    exempt: bool
    state: MonthState
    paid_on: date | None = None  # the latest payment (net of reversals) for the month
    collector: str = ""  # who took that payment (经手人)


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
    s: Session,
    facts: list[MemberFacts],
    first: int,
    last: int,
    current: int,
    paid_by: date | None = None,
) -> DuesMatrix:
    """Compute every member's month cells between two month indexes (inclusive).

    With ``paid_by``, only payments (and reversals) dated up to that day count.
    """
    ids = [f.member_id for f in facts]
    years = range(month_start(first).year, month_start(last).year + 1)
    # member → year → [(from_month, monthly due, exempt)] in from_month order
    plans: dict[int, dict[int, list[tuple[int, int, bool]]]] = defaultdict(dict)
    for member_id, year, from_month, due, exempt in dues.month_plans(s, ids, years):
        plans[member_id].setdefault(year, []).append((from_month, due, exempt))
    # member → month → [(paid on, collector, amount)] of the payments for that month
    entries: dict[int, dict[int, list[tuple[date, str, int]]]] = defaultdict(dict)
    shares = dues.month_payments(s, ids, month_start(first), month_start(last), paid_by)
    indexes: dict[date, int] = {}
    for member_id, month, amount, paid_on, collector in shares:
        index = indexes.get(month)
        if index is None:
            index = indexes[month] = month_index(month)
        entries[member_id].setdefault(index, []).append((paid_on, collector, amount))
    month_ends = [(index, month_end(index)) for index in range(first, last + 1)]
    cells = {
        f.member_id: _member_cells(
            f, plans.get(f.member_id, {}), entries.get(f.member_id, {}), month_ends, current
        )
        for f in facts
    }
    return DuesMatrix(first, last, current, cells)


def _member_cells(
    f: MemberFacts,
    plans: dict[int, list[tuple[int, int, bool]]],
    paid: dict[int, list[tuple[date, str, int]]],
    month_ends: list[tuple[int, date]],
    current: int,
) -> dict[int, MonthCell]:
    """One member's cells over the months (month index, last day of the month)."""
    # owed as ``owes_in`` says: asked once when nothing changes in the span
    changing = None if _steady(f, month_ends) else Stretches(f, _owes_on)
    owed = _owes_on(f, month_ends[0][1])
    row: dict[int, MonthCell] = {}
    for index, last_day in month_ends:
        plan = _plan_for(plans, last_day) if plans else None
        due, exempt = (plan[1], plan[2]) if plan is not None else (None, False)
        month = paid.get(index)
        if month is None:
            amount, on, by = 0, None, ""
        elif len(month) == 1:  # one payment (or a lone reversal, which leaves none standing)
            amount = month[0][2]
            on, by = month[0][:2] if amount >= 0 else (None, "")
        else:
            amount = sum(e[2] for e in month)
            on, by = _last_payment(month)
        if changing is not None:
            owed = changing.on(last_day)
        state = month_state(owed, due, amount, exempt, index, current)
        row[index] = MonthCell(index, owed, due, amount, exempt, state, on, by)
    return row


def _owes_on(facts: MemberFacts, day: date) -> bool:
    return on_roll(facts.history, day) and party_status_on(facts, day) is not None


def _steady(facts: MemberFacts, month_ends: list[tuple[int, date]]) -> bool:
    """Whether nothing about the member's roll or standing changes within the months."""
    first_end, last_end = month_ends[0][1], month_ends[-1][1]
    dates = [facts.joined_on, facts.full_member_on, *(day for _, day in facts.history)]
    return not any(day is not None and first_end < day <= last_end for day in dates)


def _last_payment(entries: Iterable[tuple[date, str, int]]) -> tuple[date | None, str]:
    """Return the date and 经手人 of the latest payment still standing for a month.

    A reversal (negative amount) cancels the latest earlier payment of the same amount.
    """
    standing: list[tuple[date, str, int]] = []
    for entry in sorted(entries, key=lambda e: (e[0], e[2] < 0)):
        if entry[2] < 0:
            match = next(
                (i for i in range(len(standing) - 1, -1, -1) if standing[i][2] == -entry[2]),
                None,
            )
            if match is not None:
                del standing[match]
            continue
        standing.append(entry)
    if not standing:
        return None, ""
    return standing[-1][0], standing[-1][1]


def _plan_for(
    plans: dict[int, list[tuple[int, int, bool]]], day: date
) -> tuple[int, int, bool] | None:
    """Return the year's assessment in force in ``day``'s month (the latest from_month)."""
    chosen = None
    for plan in plans.get(day.year, ()):
        if plan[0] <= day.month:
            chosen = plan
    return chosen
