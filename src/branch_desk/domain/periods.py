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


# How a period is written, by kind: {year}, {n} its number in the year, {half} 上/下, {quarter} 一…四.
_IDS = {
    PeriodKind.YEAR: "{year}",
    PeriodKind.HALF: "{year}-H{n}",
    PeriodKind.QUARTER: "{year}-Q{n}",
    PeriodKind.MONTH: "{year}-{n:02d}",
}
_NAMES = {
    PeriodKind.YEAR: "{year}年",
    PeriodKind.HALF: "{year}年{half}半年",
    PeriodKind.QUARTER: "{year}年第{quarter}季度",
    PeriodKind.MONTH: "{year}年{n}月",
}
_SHORT_NAMES = {
    PeriodKind.YEAR: "全年",
    PeriodKind.HALF: "{half}半年",
    PeriodKind.QUARTER: "{quarter}季度",
    PeriodKind.MONTH: "{n}月",
}


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """A span of whole months inside one year."""

    start: date
    end: date
    kind: PeriodKind

    @property
    def number(self) -> int:
        """Return which period of its kind in the year this is, from 1 (Q3: 3, July: 7)."""
        return (self.start.month - 1) // self.kind.months + 1

    @property
    def id(self) -> str:
        """Return the stable id: 2024, 2024-H1, 2024-Q3 or 2024-07."""
        return self._say(_IDS)

    @property
    def name(self) -> str:
        """Return the Chinese name: 2024年, 2024年上半年, 2024年第三季度, 2024年7月."""
        return self._say(_NAMES)

    @property
    def short_name(self) -> str:
        """Return a column heading: 7月, 三季度, 上半年, 全年."""
        return self._say(_SHORT_NAMES)

    def _say(self, formats: dict[PeriodKind, str]) -> str:
        n = self.number
        half, quarter = "上下"[(n - 1) % 2], CHINESE_NUMBERS[(n - 1) % 4]
        return formats[self.kind].format(year=self.start.year, n=n, half=half, quarter=quarter)

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
