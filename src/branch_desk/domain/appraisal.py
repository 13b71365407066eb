"""民主评议党员: the grades a member can receive and how they are counted."""

from __future__ import annotations

from collections.abc import Iterable

from .events import AppraisalGrade, AttendanceLine, AttendanceStatus, EventRecord, EventType

# 优秀, 合格, 基本合格, 不合格 — in this order on every form and in every count.
APPRAISAL_GRADES: tuple[str, ...] = tuple(g.value for g in AppraisalGrade)
UNGRADED = "未评定"


def grade_counts(grades: Iterable[str]) -> dict[str, int]:
    """Return how many members received each grade (every grade listed, zeros included)."""
    counts = dict.fromkeys(APPRAISAL_GRADES, 0)
    for grade in grades:
        if grade in counts:
            counts[grade] += 1
    return counts


def appraised(event: EventRecord) -> tuple[AttendanceLine, ...]:
    """Return the lines of an appraisal that are graded: the 正式党员 on the roll that day."""
    return tuple(
        a
        for a in event.attendance
        if a.status is not AttendanceStatus.OBSERVER and a.party_status == "正式"
    )


def year_appraisal(events: Iterable[EventRecord]) -> dict[str, int] | None:
    """Return the counts by grade of the year's last 民主评议党员 (None when none was held).

    The keys are the four grades and 未评定 (正式党员 on the roll without a grade).
    """
    held = [e for e in events if e.counts_as(EventType.EVALUATION)]
    if not held:
        return None
    lines = appraised(max(held, key=lambda e: (e.day, e.id)))
    counts = {**grade_counts(a.grade for a in lines), UNGRADED: 0}
    counts[UNGRADED] = sum(1 for a in lines if a.grade not in APPRAISAL_GRADES)
    return counts
