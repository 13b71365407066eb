"""The one definition of owed, paid and the collection rate of a year's 党费.

Every document and screen of a year (the year snapshot, the 登记表, the 核定表, the 公示, the
党费 page totals and the summary) reads these figures; none counts on its own.

- **Owed**: the months of the year that have *ended* by the as-of day, for a member who is a
  Party member on the roll at the end of that month, at that month's assessed due. A month
  without an assessment makes the member's owed (and the year's, and the rate) unknown: ``None``,
  printed as “未核定”, never 0.
- **Paid**: payments dated up to the as-of day for owed months, each month at most its due.
- **Extra** (预交/多交): everything else paid up to the as-of day: months not yet ended, the part
  beyond a month's due (voluntary extra, 大额党费), payments for months without an assessment.
  Shown separately, never in the rate.
- **Rate**: paid ÷ owed as a percentage with one decimal, rounded half up.
- **On the year's roll**: members who owe a month of the year that has begun by the as-of day.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol

UNASSESSED_WORDS = "未核定"


class OwedCell(Protocol):
    """One member's month, as the dues matrix computes it."""

    @property
    def index(self) -> int: ...  # year * 12 + month - 1

    @property
    def owed(self) -> bool: ...  # on the roll, a Party member, at the month's end

    @property
    def due_fen(self) -> int | None: ...  # None: no assessment for that month

    @property
    def paid_fen(self) -> int: ...  # paid for that month up to the as-of day

    @property
    def exempt(self) -> bool: ...


def month_index(day: date) -> int:
    """Count months since year 0 (for month arithmetic)."""
    return day.year * 12 + day.month - 1


def month_start(index: int) -> date:
    """Return the first day of the month ``index`` (see month_index)."""
    year, month = divmod(index, 12)
    return date(year, month + 1, 1)


def month_end(index: int) -> date:
    """Return the last day of the month ``index``."""
    start = month_start(index)
    return start.replace(day=calendar.monthrange(start.year, start.month)[1])


def open_month(as_of: date) -> int:
    """Return the index of the first month that has not ended by ``as_of``."""
    index = month_index(as_of)
    return index + 1 if month_end(index) <= as_of else index


def ended(index: int, as_of: date) -> bool:
    """True when the month ``index`` has ended by ``as_of`` (its last day is on or before it)."""
    return month_end(index) <= as_of


def collection_rate(owed_fen: int | None, paid_fen: int, months_owed: int = 1) -> Decimal | None:
    """Paid ÷ owed in percent, one decimal, half up; None when owed is unknown or nothing is due.

    When months are owed but all of them are exempt (owed 0), the rate is 100.0.
    """
    if owed_fen is None:
        return None
    if owed_fen <= 0:
        return Decimal("100.0") if months_owed else None
    value = Decimal(paid_fen) * 100 / Decimal(owed_fen)
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def rate_text(rate: Decimal | None, unknown: str = UNASSESSED_WORDS) -> str:
    """'98.2%', or ``unknown`` in words when the rate cannot be known."""
    return unknown if rate is None else f"{rate}%"


@dataclass(frozen=True, slots=True)
class MemberDues:
    """One member's year under the one definition (money in fen)."""

    member_id: int
    name: str
    months_owed: int  # ended owed months that have an assessment
    unassessed_months: tuple[int, ...]  # ended owed months without an assessment (indexes)
    assessed_owed_fen: int
    paid_fen: int
    extra_fen: int
    arrears_fen: int
    exempt: bool  # some owed month exempt or assessed at 0
    payer: bool  # owes at least one ended month of the year

    @property
    def owed_fen(self) -> int | None:
        return None if self.unassessed_months else self.assessed_owed_fen

    @property
    def in_arrears(self) -> bool:
        return self.arrears_fen > 0

    @property
    def rate(self) -> Decimal | None:
        return collection_rate(self.owed_fen, self.paid_fen, self.months_owed)


def member_dues(
    member_id: int, name: str, cells: Iterable[OwedCell], year: int, as_of: date
) -> MemberDues:
    """Count one member's ``year`` as of ``as_of`` from the month cells of that year."""
    months = owed = paid = extra = arrears = 0
    unassessed: list[int] = []
    exempt = payer = False
    for c in cells:
        if c.index // 12 != year:
            continue
        counted = c.owed and ended(c.index, as_of)
        if counted:
            payer = True
        if not counted or c.due_fen is None:
            if counted:
                unassessed.append(c.index)
            extra += c.paid_fen
            continue
        months += 1
        if c.exempt or c.due_fen == 0:
            exempt = True
            extra += c.paid_fen
            continue
        settled = max(min(c.paid_fen, c.due_fen), 0)
        owed += c.due_fen
        paid += settled
        extra += c.paid_fen - settled
        arrears += c.due_fen - settled
    return MemberDues(
        member_id, name, months, tuple(unassessed), owed, paid, extra, arrears, exempt, payer
    )


def on_year_roll(cells: Iterable[OwedCell], year: int, as_of: date) -> bool:
    """True when the member owes some month of ``year`` that has begun by ``as_of``."""
    return any(c.owed and c.index // 12 == year and month_start(c.index) <= as_of for c in cells)


@dataclass(frozen=True, slots=True)
class YearDues:
    """A unit's dues for a year as of a day: every shared dues figure of every document."""

    year: int
    as_of: date
    members: tuple[MemberDues, ...]  # the year's roll up to the as-of day, in roll order
    remitted_fen: int | None  # None: no remittance recorded for the year by the as-of day
    large_fen: int  # 大额党费 among the remittances

    @property
    def payers(self) -> int:
        return sum(1 for m in self.members if m.payer)

    @property
    def months_owed(self) -> int:
        return sum(m.months_owed for m in self.members)

    @property
    def unassessed(self) -> tuple[str, ...]:
        return tuple(m.name for m in self.members if m.unassessed_months)

    @property
    def unassessed_months(self) -> int:
        return sum(len(m.unassessed_months) for m in self.members)

    @property
    def assessed_owed_fen(self) -> int:
        return sum(m.assessed_owed_fen for m in self.members)

    @property
    def owed_fen(self) -> int | None:
        return None if self.unassessed else self.assessed_owed_fen

    @property
    def paid_fen(self) -> int:
        return sum(m.paid_fen for m in self.members)

    @property
    def extra_fen(self) -> int:
        return sum(m.extra_fen for m in self.members)

    @property
    def arrears_fen(self) -> int:
        return sum(m.arrears_fen for m in self.members)

    @property
    def in_arrears(self) -> tuple[str, ...]:
        return tuple(m.name for m in self.members if m.in_arrears)

    @property
    def exempt_members(self) -> int:
        return sum(1 for m in self.members if m.exempt)

    @property
    def rate(self) -> Decimal | None:
        return collection_rate(self.owed_fen, self.paid_fen, self.months_owed)


def year_dues(
    year: int,
    as_of: date,
    rows: Sequence[tuple[int, str, Sequence[OwedCell]]],
    remitted: Sequence[tuple[date, int, int]] = (),
) -> YearDues:
    """Count a unit's ``year`` from ``(member id, name, month cells)`` rows and remittances.

    ``remitted`` holds ``(day, amount fen, of which 大额党费 fen)``; only those dated in the year
    up to ``as_of`` count, and none recorded means the remitted figure is unknown (None).
    """
    members = tuple(
        member_dues(member_id, name, cells, year, as_of)
        for member_id, name, cells in rows
        if on_year_roll(cells, year, as_of)
    )
    counted = [r for r in remitted if r[0].year == year and r[0] <= as_of]
    return YearDues(
        year,
        as_of,
        members,
        sum(r[1] for r in counted) if counted else None,
        sum(r[2] for r in counted),
    )
