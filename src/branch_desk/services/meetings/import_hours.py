"""学时 of imported meetings: from a 学时 column, else from start and end time, never silently 0.

A row's 学时 is the 学时 cell when the sheet has one and it is filled in; otherwise, for the
study types (党课, 主题党日, 集中学习) with both times, the length of the session divided by the
rule setting ``study.minutes_per_hour``. A study event with neither is imported with 0 学时 and
a warning on its row; the preview's notice says for how many rows each source was used.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import time
from decimal import Decimal

from ...domain.events import EventType
from ...domain.rules.study import STUDY_TYPES, hours_from_times, is_study

FROM_COLUMN = "学时列"
FROM_TIMES = "起止时间"
MISSING = "缺学时"  # a study event with neither a 学时 nor both times
NOT_STUDY = ""  # not a study event and no 学时 given: 0, as it should be
MISSING_MESSAGE = "学习类活动未填学时，也没有完整的起止时间，将记为0学时；请补填学时或起止时间"


def row_hours(
    given: Decimal | None,
    types: Iterable[EventType],
    start: time | None,
    end: time | None,
    minutes_per_hour: int,
) -> tuple[Decimal, str]:
    """Return a row's 学时 and where it came from (one of the source constants)."""
    if given is not None:
        return given, FROM_COLUMN
    if not is_study(types):
        return Decimal(0), NOT_STUDY
    computed = hours_from_times(start, end, minutes_per_hour) if start and end else None
    if computed is None:
        return Decimal(0), MISSING
    return computed, FROM_TIMES


def hours_notice(sources: Iterable[str], minutes_per_hour: int) -> str:
    """Say which source the rows' 学时 came from, e.g. for the preview and `import events`."""
    found = list(sources)
    study = "、".join(t.value for t in STUDY_TYPES)
    parts = []
    if n := found.count(FROM_COLUMN):
        parts.append(f"{n}行取自“学时”列")
    if n := found.count(FROM_TIMES):
        parts.append(f"{n}行按起止时间折算（每学时{minutes_per_hour}分钟，见设置）")
    if n := found.count(MISSING):
        parts.append(f"{n}行为学习类活动但既无学时也无完整起止时间，记为0学时")
    if n := found.count(NOT_STUDY):
        parts.append(f"{n}行不是学习类活动（{study}）且未填学时，不计学时")
    return f"学时：{'；'.join(parts)}。" if parts else ""
