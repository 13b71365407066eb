"""Official working days (with 调休), from chinese-calendar and the user's own entries.

For a year the library does not cover, Monday–Friday is assumed unless the user entered that
year's holidays and 调休 working days in 设置; callers are told when the fallback was used.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass(frozen=True, slots=True)
class WorkdayCount:
    """How many working days a span holds, and which years were only guessed (Mon–Fri)."""

    days: int
    guessed_years: frozenset[int] = field(default_factory=frozenset)


def is_workday(day: date, overrides: Mapping[date, bool]) -> tuple[bool, bool]:
    """Return (is a working day, was it guessed as Mon–Fri)."""
    if day in overrides:
        return overrides[day], False
    try:
        import chinese_calendar

        return bool(chinese_calendar.is_workday(day)), False
    except (NotImplementedError, ImportError):
        return day.weekday() < 5, True


def count_workdays(
    start: date, end: date, overrides: Mapping[date, bool] | None = None
) -> WorkdayCount:
    """Count working days from ``start`` to ``end`` inclusive."""
    overrides = overrides or {}
    count, guessed = 0, set()
    day = start
    while day <= end:
        working, guess = is_workday(day, overrides)
        count += working
        if guess:
            guessed.add(day.year)
        day += timedelta(days=1)
    return WorkdayCount(count, frozenset(guessed))


def add_workdays(start: date, days: int, overrides: Mapping[date, bool] | None = None) -> date:
    """Return the day on which ``days`` working days counted from ``start`` (inclusive) are done."""
    overrides = overrides or {}
    day, counted = start, 0
    while True:
        if is_workday(day, overrides)[0]:
            counted += 1
            if counted >= days:
                return day
        day += timedelta(days=1)
