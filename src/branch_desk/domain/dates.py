"""Calendar arithmetic used by the rules: whole months and years, clamped to month end."""

from __future__ import annotations

import calendar
from datetime import date


def add_months(day: date, months: int) -> date:
    """Return the same day ``months`` calendar months later, clamped to the month's end.

    Beyond the calendar (after 9999-12 or before year 1) the result is clamped to its ends.
    """
    index = day.year * 12 + (day.month - 1) + months
    if index > 9999 * 12 + 11:
        return date.max
    if index < 12:
        return date.min
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def add_years(day: date, years: int) -> date:
    """Return the same day ``years`` later; 29 February becomes 28 February in common years."""
    return add_months(day, 12 * years)


def age_on(birth: date, day: date) -> int:
    """Return the age in whole years on ``day``."""
    had_birthday = (day.month, day.day) >= (birth.month, birth.day)
    return day.year - birth.year - (0 if had_birthday else 1)
