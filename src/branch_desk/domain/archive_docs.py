"""The documents the archive writes itself: basic facts, transfers, 学时 and the 目录."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .archive import EMPTY_NOTE, ArchiveCategory, ArchiveEntry


@dataclass(frozen=True, slots=True)
class OfficerLine:
    role: str
    name: str
    term: str
    phone: str = ""


@dataclass(frozen=True, slots=True)
class GroupLine:
    name: str
    leader: str
    members: int


@dataclass(frozen=True, slots=True)
class BasicInfo:
    """The 支部基本情况 sheet: the unit, its election and term, committee and 党小组."""

    unit_name: str
    kind: str
    upper_org: str
    year: int
    elected_on: date | None
    term_years: int
    term_ends: date | None
    officers: tuple[OfficerLine, ...]
    groups: tuple[GroupLine, ...]
    full_members: int
    probationary: int
    by_category: tuple[tuple[str, int], ...]
    made_on: date

    @property
    def total(self) -> int:
        return self.full_members + self.probationary


@dataclass(frozen=True, slots=True)
class TransferLine:
    """One 组织关系 transfer in or out during the year."""

    name: str
    kind: str  # 转入 / 转出
    day: date
    place: str
    letter_no: str
    note: str


@dataclass(frozen=True, slots=True)
class StudyLine:
    """One member's 学时 for the year against what the rules require."""

    name: str
    group: str
    role: str
    hours: Decimal | None  # None: no meeting of the year has 学时 recorded
    required: int

    @property
    def met(self) -> bool | None:
        return None if self.hours is None else self.hours >= self.required


@dataclass(frozen=True, slots=True)
class ContentsLine:
    """One row of the 目录: a file, or a category with nothing this year."""

    number: int | None
    category: ArchiveCategory
    title: str
    day: date | None
    path: str

    @property
    def empty(self) -> bool:
        return self.number is None


@dataclass(frozen=True, slots=True)
class Contents:
    """The pack's 卷内目录: whose, which year, its lines, whether masked, and its 编制日期.

    ``made_on`` is the pack's as-of day (31 December for a past year).
    """

    unit_name: str
    year: int
    lines: tuple[ContentsLine, ...]
    masked: bool
    made_on: date

    @property
    def title(self) -> str:
        return f"{self.unit_name}{self.year}年度党建工作台账目录"

    @property
    def files(self) -> int:
        """How many files the pack holds."""
        return sum(1 for line in self.lines if not line.empty)


def contents_lines(entries: tuple[ArchiveEntry, ...]) -> list[ContentsLine]:
    """Return the 目录 rows: every entry numbered in pack order, a note for each empty category."""
    lines: list[ContentsLine] = []
    number = 0
    for category in ArchiveCategory:
        filed = [e for e in entries if e.category is category]
        if not filed:
            lines.append(ContentsLine(None, category, EMPTY_NOTE, None, category.folder + "/"))
        for entry in filed:
            number += 1
            lines.append(ContentsLine(number, category, entry.title, entry.day, entry.path))
    return lines
