"""Dues (党费, RULES part D): arrears and members whose base was never assessed.

The ledger (``services/dues_ledger``) finds each member's unbroken run of unpaid months; the
rules here decide what such a run means: a reminder at ``dues.arrears_warn`` months, the
党章 第九条 case at ``dues.arrears_flag`` months.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from datetime import date
from typing import Protocol

from ..dues import NOT_PAID_STATES, MonthState
from ..findings import Finding, Severity
from ..money import yuan_grouped
from .ids import RuleId

ARREARS_TEXT = "党员如果没有正当理由，连续六个月不参加党的组织生活，或不交纳党费，或不做党所分配的工作，就被认为是自行脱党。（《中国共产党章程》第九条）"


class ArrearsRun(Protocol):
    """One member's unbroken run of unpaid months, ending last month."""

    @property
    def member_id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def owed_fen(self) -> int: ...
    @property
    def count(self) -> int: ...
    @property
    def since(self) -> str: ...


def standing_date(year: int, as_of: date) -> date:
    """Return the day a year's arrears stand at: 31 December, or ``as_of`` if earlier."""
    return min(as_of, date(year, 12, 31))


def standing_last_month(year: int, as_of: date) -> int:
    """Return the index (year*12 + month-1) of the last month of ``year`` ended by ``as_of``."""
    day = standing_date(year, as_of)
    index = day.year * 12 + day.month - 1
    return index if day.day == calendar.monthrange(day.year, day.month)[1] else index - 1


def arrears_standing(states: Mapping[int, MonthState], year: int, as_of: date) -> list[int]:
    """Return the unbroken run of months with nothing paid standing at the end of ``year``.

    The run ends with the last month that ended by 31 December of ``year`` (or by ``as_of``,
    if earlier) and goes back while nothing was paid; ``states`` maps month indexes to the
    ledger's month states. Month indexes come back oldest first.
    """
    run: list[int] = []
    index = standing_last_month(year, as_of)
    while states.get(index) in _NOTHING_PAID:
        run.append(index)
        index -= 1
    return run[::-1]


# A month that has ended is 不交 if nothing was paid for it (CURRENT only on its last day).
_NOTHING_PAID = NOT_PAID_STATES | {MonthState.CURRENT}


def arrears_level(count: int, warn: int, flag: int) -> Severity | None:
    """Return ERROR at the 脱党 threshold, WARNING at the reminder one, None below."""
    if count >= flag:
        return Severity.ERROR
    return Severity.WARNING if count >= warn else None


def arrears_findings(
    unit_name: str, runs: list[ArrearsRun], warn: int, flag: int, period: str
) -> list[Finding]:
    """Return a finding for each run of at least ``warn`` unpaid months."""
    found = []
    for a in runs:
        level = arrears_level(a.count, warn, flag)
        if level is None:
            continue
        amount = yuan_grouped(a.owed_fen)
        head = f"自{a.since}起已连续{a.count}个月未交纳党费（欠交{amount}元）"
        if level is Severity.ERROR:
            rule, message = RuleId.DUES_ARREARS_FLAG, f"{head}，应按党章规定处理：{ARREARS_TEXT}"
        else:
            rule, message = (
                RuleId.DUES_ARREARS_WARN,
                f"{head}，满{flag}个月将被认为自行脱党，请及时提醒",
            )
        found.append(
            Finding(rule, level, period, unit_name, a.name, message, member_id=a.member_id)
        )
    return found


def unassessed_finding(
    unit_name: str, year: int, as_of: date, names: list[str], assessment_month: int
) -> Finding | None:
    """Return one finding for the branch's members owing dues in ``year`` with no assessed base.

    In the year itself nothing is said until the usual assessment month
    (``dues.assessment_month``) has passed; for a past year it is an error.
    """
    if not names or (year == as_of.year and as_of.month <= assessment_month):
        return None
    subject = "、".join(names) if len(names) <= 3 else f"{'、'.join(names[:3])}等{len(names)}人"
    return Finding(
        RuleId.DUES_UNASSESSED,
        Severity.ERROR if year < as_of.year else Severity.WARNING,
        str(year),
        unit_name,
        subject,
        f"{year}年有{len(names)}名党员尚未核定党费基数，无法确定月应交党费：{'、'.join(names)}",
    )
