"""Dues (党费, RULES part D): arrears and members whose base was never assessed.

The ledger (``services/dues_ledger``) finds each member's unbroken run of unpaid months; the
rules here decide what such a run means: a reminder at ``dues.arrears_warn`` months, the
党章 第九条 case at ``dues.arrears_flag`` months.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

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
    unit_name: str, year: int, as_of: date, member_id: int, name: str, first_month: str
) -> Finding:
    """Return the finding for a member owing dues in ``year`` without an assessed base."""
    return Finding(
        RuleId.DUES_UNASSESSED,
        Severity.ERROR if year < as_of.year else Severity.WARNING,
        str(year),
        unit_name,
        name,
        f"{year}年党费基数未核定（{first_month}起），无法确定月应交党费",
        member_id=member_id,
    )
