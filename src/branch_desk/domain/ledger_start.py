"""台账起始日期: the day a branch started keeping its 台账 here; nothing before it is owed.

A branch set up in December has not "missed" the meetings of January to November: they were
kept on paper, or elsewhere. Each period (month, quarter, half-year, year) that ends before
the start owes nothing, so it gives no finding and the year grid shows it as 无需召开. A
党小组 with no member on the roll during a period owes no 党小组会 for it, whatever the start.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from datetime import date

from .findings import Finding
from .periods import Period
from .voting import MemberFacts, on_roll

BEFORE_START = "台账起始日期之前，无需召开"
EMPTY_GROUP = "该党小组当期没有党员，无需召开"
_PERIOD_ID = re.compile(r"^(\d{4})(?:-(?:(\d{2})|Q([1-4])|H([12])))?$")


def default_ledger_start(today: date) -> date:
    """Return the first day of ``today``'s month (the set-up form's and `init`'s default)."""
    return today.replace(day=1)


def before_start(end: date, ledger_start: date | None) -> bool:
    """Tell whether a period ending on ``end`` lies wholly before the 台账起始日期."""
    return ledger_start is not None and end < ledger_start


def period_end(period_id: str | None) -> date | None:
    """Return the last day of a period id (2024, 2024-H1, 2024-Q3, 2024-07); None if not one."""
    match = _PERIOD_ID.match(period_id or "")
    if match is None:
        return None
    year = int(match.group(1))
    month_text, quarter, half = match.group(2), match.group(3), match.group(4)
    if month_text:
        last = int(month_text)
        if not 1 <= last <= 12:
            return None
    elif quarter:
        last = int(quarter) * 3
    elif half:
        last = int(half) * 6
    else:
        last = 12
    return date(year, last, calendar.monthrange(year, last)[1])


def findings_from_start(findings: Iterable[Finding], ledger_start: date | None) -> list[Finding]:
    """Drop the findings of periods that end before the 台账起始日期 (all kept without one)."""
    kept = []
    for finding in findings:
        end = period_end(finding.period)
        if end is None or not before_start(end, ledger_start):
            kept.append(finding)
    return kept


def first_owed_month(ledger_start: date | None) -> int | None:
    """Return the month index (year × 12 + month − 1) of the first month that is owed."""
    return None if ledger_start is None else ledger_start.year * 12 + ledger_start.month - 1


def months_from_start(months: Iterable[int], ledger_start: date | None) -> list[int]:
    """Keep the month indexes that are not wholly before the 台账起始日期."""
    first = first_owed_month(ledger_start)
    return [m for m in months if first is None or m >= first]


def on_roll_during(member: MemberFacts, period: Period) -> bool:
    """Tell whether the member was on the roll on any day of ``period``."""
    if on_roll(member.history, period.start):
        return True
    return any(period.start < day <= period.end and on_roll(member.history, day)
               for _kind, day in member.history)  # fmt: skip


def group_staffed(group_id: int, members: Sequence[MemberFacts], period: Period) -> bool:
    """Tell whether the 党小组 had at least one member on the roll during ``period``."""
    return any(m.group_id == group_id and on_roll_during(m, period) for m in members)


def exempt_reason(
    period: Period,
    ledger_start: date | None,
    group_id: int | None = None,
    members: Sequence[MemberFacts] | None = None,
) -> str:
    """Return why nothing is owed for ``period`` ('' when something is)."""
    if before_start(period.end, ledger_start):
        return BEFORE_START
    if (
        group_id is not None
        and members is not None
        and not group_staffed(group_id, members, period)
    ):
        return EMPTY_GROUP
    return ""
