"""The 支部党员大会 behind an admission or a 转正 (``develop.vote_meeting``).

Admission (接收预备党员) and 转正 are decided by the 支部党员大会 (细则). Whatever way the step was
entered — typed in, imported from a development ledger, or taken from a vote recorded at a
meeting — a 支部党员大会 must be in the meeting records on the very day of the step, or the
documents would name a meeting that the records do not hold.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from ..development import CandidateFacts, Step
from ..findings import Severity
from .development_types import DevIssue
from .ids import RuleId

VOTE_STEPS = (Step.ADMISSION, Step.FULL_VOTE)


def vote_meeting_issues(facts: CandidateFacts, held: Collection[date]) -> list[DevIssue]:
    """Report each admission or 转正 step with no 支部党员大会 recorded on its day.

    ``held`` is the set of days on which the unit's meeting records hold a 支部党员大会, as the
    meeting's own type or as a further type it also counts as.
    """
    issues = []
    for step in VOTE_STEPS:
        record = facts.steps.get(step)
        if record is None or record.day in held:
            continue
        issues.append(
            DevIssue(
                RuleId.DEVELOP_VOTE_MEETING,
                Severity.ERROR,
                step,
                f"{record.day.isoformat()}的会议记录中没有支部党员大会{_nearest(record.day, held)}，"
                "请补录当天讨论该事项的支部党员大会，或更正该步骤的日期",
                day=record.day,
            )
        )
    return issues


def _nearest(day: date, held: Collection[date]) -> str:
    """Return '（最近一次为 2025-03-14）' for the closest 支部党员大会 within a month, else ''."""
    close = [d for d in held if abs((d - day).days) <= 31]
    if not close:
        return ""
    nearest = min(close, key=lambda d: (abs((d - day).days), d))
    return f"（最近一次为{nearest.isoformat()}）"
