"""Rules that depend on the kind of record: who cannot be absent, the assembly's quorum.

``record_issues`` (meetings) calls these for each record, stored or being edited, so the
checker and the editor's live warnings read the same functions. Each returns plain
``(rule, severity, field, label, message)`` tuples, like ``votes.vote_issues``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ..events import EventType
from ..findings import Severity
from ..periods import PeriodKind, period_of
from .ids import RuleId

KindIssue = tuple[RuleId, Severity, str, str, str]


def absent_leader_issues(
    types: Iterable[EventType], chair: str, lecturer: str, absent: Iterable[str]
) -> list[KindIssue]:
    """Return a fault when the 主持人, or the 授课人 of a 党课, is listed as absent."""
    away = set(absent)
    found: list[KindIssue] = []
    if chair and chair in away:
        message = f"主持人{chair}被列为缺席，与会议记录矛盾"
        found.append((RuleId.RECORD_CHAIR_ABSENT, Severity.ERROR, "chair", "主持人", message))
    if EventType.PARTY_LECTURE in tuple(types) and lecturer and lecturer in away:
        message = f"党课授课人{lecturer}被列为缺席，与会议记录矛盾"
        found.append((RuleId.RECORD_LECTURER_ABSENT, Severity.ERROR, "lecture", "党课", message))
    return found


def assembly_quorate(entitled: int, present_voting: int) -> bool:
    """Tell whether a 党员大会 has more than half of E (voting full members) present.

    With no voting member on the roll (E = 0) there is nothing to judge: it counts as held.
    """
    return entitled == 0 or present_voting * 2 > entitled


def assembly_quorum_issues(
    types: Iterable[EventType],
    day: date,
    entitled: int,
    present_voting: int,
    period: PeriodKind = PeriodKind.QUARTER,
) -> list[KindIssue]:
    """Return the quorum fault of a 支部党员大会 without a majority of E present, vote or not.

    Such a meeting cannot be held: ``frequency`` does not count it, and the finding says so
    (``period`` is the period kind of the assembly frequency rule, a setting).
    """
    if EventType.BRANCH_ASSEMBLY not in tuple(types) or assembly_quorate(entitled, present_voting):
        return []
    message = (
        f"支部党员大会应到会有表决权的正式党员{entitled}人，实到{present_voting}人，"
        f"未超过半数，会议无效，不计入{period_of(day, period).name}支部党员大会召开次数"
    )
    return [(RuleId.QUORUM, Severity.ERROR, "attendance", "应到实到", message)]


def appraisal_issues(types: Iterable[EventType], ungraded: Iterable[str]) -> list[KindIssue]:
    """Return a fault when a 民主评议党员 leaves a 正式党员 on the roll without a grade."""
    names = list(ungraded)
    if EventType.EVALUATION not in tuple(types) or not names:
        return []
    shown = "、".join(names[:10]) + (f"等{len(names)}名" if len(names) > 10 else "")
    message = f"民主评议党员未评定等次的正式党员：{shown}"
    return [(RuleId.RECORD_APPRAISAL_UNGRADED, Severity.ERROR, "grades", "评议结果", message)]
