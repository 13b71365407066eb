"""Arrears standing at the end of a year (or at the as-of day, if earlier)."""

from datetime import date

from branch_desk.domain.dues import MonthState
from branch_desk.domain.rules.dues import arrears_standing, standing_date, standing_last_month

OWED, PAID, CURRENT = MonthState.OWED, MonthState.PAID, MonthState.CURRENT


def year_states(paid_through: int, year: int = 2024) -> dict[int, MonthState]:
    """January … ``paid_through`` paid, the rest of the year owed."""
    return {year * 12 + m: PAID if m < paid_through else OWED for m in range(12)}


def test_a_past_year_stands_at_its_31_december_whatever_the_as_of_day():
    states = year_states(6)  # nothing paid July–December
    for as_of in (date(2025, 1, 15), date(2026, 6, 1), date(2030, 12, 31)):
        assert len(arrears_standing(states, 2024, as_of)) == 6
        assert standing_date(2024, as_of) == date(2024, 12, 31)
    assert arrears_standing(states, 2024, date(2025, 1, 15))[0] == 2024 * 12 + 6


def test_an_earlier_as_of_day_counts_the_months_ended_by_then():
    states = year_states(9)
    states[2024 * 12 + 11] = CURRENT  # December on 31 December: ended, nothing paid
    assert arrears_standing(states, 2024, date(2024, 12, 31)) == [
        2024 * 12 + 9,
        2024 * 12 + 10,
        2024 * 12 + 11,
    ]
    assert len(arrears_standing(states, 2024, date(2024, 12, 30))) == 2
    assert standing_last_month(2024, date(2024, 11, 30)) == 2024 * 12 + 10
    assert standing_last_month(2024, date(2024, 11, 29)) == 2024 * 12 + 9


def test_a_paid_or_partial_month_breaks_the_run():
    states = year_states(12)
    assert arrears_standing(states, 2024, date(2025, 3, 1)) == []
    states[2024 * 12 + 11] = MonthState.PARTIAL
    assert arrears_standing(states, 2024, date(2025, 3, 1)) == []
