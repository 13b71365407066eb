"""The yearly inspection archive (台账): its 14 categories, entries, index and completeness."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from .events import EventType

EMPTY_NOTE = "本类别本年度无材料"
MAX_NAME_CHARS = 60
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f\s]+')
_RESERVED_NAMES = frozenset(
    {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}
)


class ArchiveCategory(Enum):
    """The volumes of a year's archive (RULES part E), numbered as filed."""

    BASIC = (1, "支部基本情况", "支部基本情况、换届选举、分工、党小组")
    ROSTER = (2, "党员名册", "党员名册")
    TRANSFERS = (3, "组织关系转接", "组织关系转接")
    MEETINGS = (4, "三会一课", "三会一课（党员大会、支委会、党小组会、党课及讲稿）")
    THEME_DAY = (5, "主题党日", "主题党日")
    LIFE_MEETING = (6, "组织生活会与民主评议", "组织生活会与民主评议（测评表、结果、整改清单）")
    HEART_TALK = (7, "谈心谈话", "谈心谈话")
    DEVELOPMENT = (8, "发展党员", "发展党员（一人一档）")
    DUES = (9, "党费", "党费")
    STUDY = (10, "学习教育", "学习教育（学时）")
    REGULATIONS = (11, "制度", "制度")
    PLANS = (12, "年度计划与总结", "年度计划与总结")
    UPPER_DOCS = (13, "上级文件与请示报告", "上级文件、请示报告")
    PUBLICITY = (14, "表彰处分与党务公开", "表彰、处分、党务公开")

    @property
    def number(self) -> int:
        return int(self.value[0])

    @property
    def label(self) -> str:
        """Return the short Chinese name (党员名册)."""
        return str(self.value[1])

    @property
    def description(self) -> str:
        """Return what the volume holds, as the rules list it."""
        return str(self.value[2])

    @property
    def folder(self) -> str:
        """Return the folder name inside the pack (02_党员名册)."""
        return f"{self.number:02d}_{self.label}"


# Where each kind of meeting record is filed (by the event's own type).
EVENT_CATEGORIES: dict[EventType, ArchiveCategory] = {
    EventType.BRANCH_ASSEMBLY: ArchiveCategory.MEETINGS,
    EventType.COMMITTEE: ArchiveCategory.MEETINGS,
    EventType.GROUP_MEETING: ArchiveCategory.MEETINGS,
    EventType.PARTY_LECTURE: ArchiveCategory.MEETINGS,
    EventType.THEME_DAY: ArchiveCategory.THEME_DAY,
    EventType.VOLUNTEER: ArchiveCategory.THEME_DAY,
    EventType.OTHER: ArchiveCategory.THEME_DAY,
    EventType.LIFE_MEETING: ArchiveCategory.LIFE_MEETING,
    EventType.EVALUATION: ArchiveCategory.LIFE_MEETING,
    EventType.HEART_TALK: ArchiveCategory.HEART_TALK,
    EventType.STUDY: ArchiveCategory.STUDY,
}


def safe_name(text: str, limit: int = MAX_NAME_CHARS) -> str:
    """Return ``text`` usable as one file-name part on every system ('' → '未命名').

    Separators, wildcards, control characters and spaces become ``_``; leading and
    trailing dots go; Windows device names (CON, NUL, COM1 …) get a ``_`` in front.
    """
    cleaned = _UNSAFE.sub("_", text).strip("._")
    cleaned = cleaned[:limit].rstrip("._") or "未命名"
    if cleaned.split(".")[0].upper() in _RESERVED_NAMES:
        cleaned = "_" + cleaned
    return cleaned


def safe_file_name(stem: str, suffix: str) -> str:
    """Return a file name made from any text (unit or member name) and a ``.suffix``."""
    return safe_name(stem, MAX_NAME_CHARS * 2) + suffix


@dataclass(frozen=True, slots=True)
class ArchiveEntry:
    """One file of the pack: where it is filed, what it is and its content hash."""

    category: ArchiveCategory
    title: str
    day: date | None
    path: str  # relative, with '/' separators
    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class ArchiveIndex:
    """What a built pack holds (the 目录 and manifest say the same)."""

    unit_name: str
    year: int
    masked: bool
    entries: tuple[ArchiveEntry, ...]
    extra_files: tuple[str, ...] = field(default=())  # 目录 and manifest

    def in_category(self, category: ArchiveCategory) -> list[ArchiveEntry]:
        """Return the entries filed under ``category``, in pack order."""
        return [e for e in self.entries if e.category is category]

    def counts(self) -> dict[ArchiveCategory, int]:
        """Return the number of files in every category (0 for empty ones)."""
        return {c: len(self.in_category(c)) for c in ArchiveCategory}

    @property
    def empty_categories(self) -> list[ArchiveCategory]:
        return [c for c, n in self.counts().items() if n == 0]


@dataclass(frozen=True, slots=True)
class CategoryStatus:
    """How complete one category is: files it would hold and what the rules still expect."""

    category: ArchiveCategory
    files: int
    missing: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()  # what the category would hold, in pack order

    @property
    def complete(self) -> bool:
        return not self.missing
