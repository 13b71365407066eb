"""Reporting periods (month, quarter, half-year, year) with their ids and Chinese names."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

CHINESE_NUMBERS = "一二三四"


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"

    @property
    def label(self) -> str:
        return {"month": "每月", "quarter": "每季度", "half": "每半年", "year": "每年"}[self.value]

    @property
    def months(self) -> int:
        return {"month": 1, "quarter": 3, "half": 6, "year": 12}[self.value]


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """A span of whole months inside one year."""

    start: date
    end: date
    kind: PeriodKind

    @property
    def id(self) -> str:
        """Return the stable id: 2024, 2024-H1, 2024-Q3 or 2024-07."""
        year, month = self.start.year, self.start.month
        if self.kind is PeriodKind.YEAR:
            return str(year)
        if self.kind is PeriodKind.HALF:
            return f"{year}-H{(month - 1) // 6 + 1}"
        if self.kind is PeriodKind.QUARTER:
            return f"{year}-Q{(month - 1) // 3 + 1}"
        return f"{year}-{month:02d}"

    @property
    def name(self) -> str:
        """Return the Chinese name: 2024年, 2024年上半年, 2024年第三季度, 2024年7月."""
        year, month = self.start.year, self.start.month
        if self.kind is PeriodKind.YEAR:
            return f"{year}年"
        if self.kind is PeriodKind.HALF:
            return f"{year}年{'上' if month <= 6 else '下'}半年"
        if self.kind is PeriodKind.QUARTER:
            return f"{year}年第{CHINESE_NUMBERS[(month - 1) // 3]}季度"
        return f"{year}年{month}月"

    @property
    def short_name(self) -> str:
        """Return a column heading: 7月, 三季度, 上半年, 全年."""
        month = self.start.month
        if self.kind is PeriodKind.YEAR:
            return "全年"
        if self.kind is PeriodKind.HALF:
            return "上半年" if month <= 6 else "下半年"
        if self.kind is PeriodKind.QUARTER:
            return f"{CHINESE_NUMBERS[(month - 1) // 3]}季度"
        return f"{month}月"

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def periods_of_year(year: int, kind: PeriodKind) -> list[Period]:
    """Return the year's periods of ``kind`` in order."""
    step = kind.months
    result = []
    for first in range(1, 13, step):
        last = first + step - 1
        end = date(year, last, calendar.monthrange(year, last)[1])
        result.append(Period(date(year, first, 1), end, kind))
    return result


def period_of(day: date, kind: PeriodKind) -> Period:
    """Return the period of ``kind`` that contains ``day``."""
    return next(p for p in periods_of_year(day.year, kind) if p.contains(day))
