"""民主评议党员: the grades a member can receive and how they are counted."""

from __future__ import annotations

from collections.abc import Iterable

# 优秀, 合格, 基本合格, 不合格 — in this order on every form and in every count.
APPRAISAL_GRADES: tuple[str, ...] = ("优秀", "合格", "基本合格", "不合格")


def grade_counts(grades: Iterable[str]) -> dict[str, int]:
    """Return how many members received each grade (every grade listed, zeros included)."""
    counts = dict.fromkeys(APPRAISAL_GRADES, 0)
    for grade in grades:
        if grade in counts:
            counts[grade] += 1
    return counts
