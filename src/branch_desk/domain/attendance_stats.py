"""A member's attendance and 学时 over a year's events (shown on the member page)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .events import AttendanceStatus, EventRecord


@dataclass(frozen=True, slots=True)
class MemberYearStats:
    """A member's attendance and 学时 in one year (shown on the member page)."""

    year: int
    expected: int
    present: int
    absent: int
    study_hours: Decimal

    @property
    def rate(self) -> float | None:
        """Attendance rate 0–1, or None when nothing was expected."""
        return self.present / self.expected if self.expected else None


def member_year_stats(events: Iterable[EventRecord], member_id: int, year: int) -> MemberYearStats:
    """Sum a member's attendance and 学时 over ``events`` of ``year``."""
    expected = present = absent = 0
    hours = Decimal(0)
    for event in events:
        if event.day.year != year:
            continue
        for line in event.attendance:
            if line.member_id != member_id or line.status is AttendanceStatus.OBSERVER:
                continue
            expected += 1
            if line.status is AttendanceStatus.PRESENT:
                present += 1
                hours += event.study_hours
            else:
                absent += 1
    return MemberYearStats(year, expected, present, absent, hours)
