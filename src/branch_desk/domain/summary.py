"""The year-end Party-building summary (年度党建工作总结): its figures and its document.

Figures are counted from the records every time; narrative paragraphs are the secretary's
own words (a default draft until edited), stored per unit and year under the keys below.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from .dues_owed import collection_rate, rate_text
from .year_snapshot import HonourFigure, YearSnapshot


class ParagraphKind(StrEnum):
    """Where a paragraph's words come from."""

    FIGURES = "figures"  # recomputed from the records at every export; never stored
    NARRATIVE = "narrative"  # the secretary's text (or the default draft), stored per year


# Narrative paragraphs the secretary edits, in document order, with their labels in the app.
# Keys kept from earlier versions keep the secretary's stored words: "life" is now the
# 组织建设 paragraph, "work" the 党风廉政与意识形态 one.
NARRATIVE_LABELS: dict[str, str] = {
    "opening": "开头语",
    "study": "理论学习",
    "life": "组织建设",
    "team": "党员队伍",
    "work": "党风廉政与意识形态",
    "service": "品牌与服务",
    "honours": "表彰",
    "problems": "存在的问题",
    "causes": "原因分析",
    "plans": "下一步打算",
}
NARRATIVE_KEYS = tuple(NARRATIVE_LABELS)
FILL_IN = "【请填写：{}】"


def fill_in(what: str) -> str:
    """Return the marker asking the secretary to supply a fact the records do not hold."""
    return FILL_IN.format(what)


@dataclass(frozen=True, slots=True)
class NamedDate:
    """A person and the day something happened to them (发展, 转正, 转入, 转出 …)."""

    name: str
    day: date
    place: str = ""  # where a transfer came from or went to; the kind of other departures


@dataclass(frozen=True, slots=True)
class Seat:
    """A seat on the committee: 书记, 副书记, 组织委员 … and who holds it."""

    role: str
    name: str


@dataclass(frozen=True, slots=True)
class GroupCount:
    """A 党小组 with its leader and the members on the roll."""

    name: str
    leader: str
    members: int


@dataclass(frozen=True, slots=True)
class MeetingCount:
    """One kind of meeting held in the year against what the rules require."""

    rule: str
    kind: str  # 支部党员大会, 支部委员会, 党小组会 …
    requirement: str  # 每季度至少1次 (per 党小组 for 党小组会)
    required: int  # for the whole year (all 党小组 together)
    required_to_date: int  # for the periods begun by the figures' day
    held: int  # held in the year up to the figures' day
    missed: tuple[str, ...] = ()  # past periods short of the requirement: 5月（第三党小组）
    pending: tuple[str, ...] = ()  # periods under way and not yet met: 第四季度
    missed_quarters: tuple[int, ...] = ()  # the quarter (1–4) of each meeting short

    @property
    def shortfall(self) -> int:
        """How many meetings the ended periods are short of (缺开 … 次)."""
        return len(self.missed_quarters)


@dataclass(frozen=True, slots=True)
class Lecture:
    """A 党课 given: the day, the lecturer and the topic."""

    day: date
    lecturer: str
    topic: str


@dataclass(frozen=True, slots=True)
class StudyFigures:
    """Study and education: sessions, lectures, 学时 against the yearly requirement."""

    sessions: int  # events that credited 学时
    lectures: tuple[Lecture, ...]
    activities: tuple[str, ...]  # topics of 主题党日 and study sessions, in date order
    members_counted: int  # members on the roll all year, held to the requirement
    members_met: int
    total_hours: Decimal  # credited to the members counted
    member_hours: int  # the requirement: 党员
    officer_hours: int  # the requirement: 书记 and 支委

    @property
    def average_hours(self) -> Decimal:
        if not self.members_counted:
            return Decimal(0)
        return (self.total_hours / self.members_counted).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )


@dataclass(frozen=True, slots=True)
class DuesFigures:
    """Dues of the year up to the figures' month (money in fen)."""

    payers: int  # members owing dues in some month of the year
    due_fen: int  # owed (assessed months) for the months ended by the figures' day
    paid_fen: int  # paid for those months, each at most its due (the one definition)
    settled_fen: int  # the same as paid_fen (kept for callers)
    remitted_fen: int | None  # remitted upward in the year; None: no remittance recorded
    large_fen: int  # 大额党费 among the remittances
    in_arrears: tuple[str, ...]  # names with months owed and unpaid
    unassessed: tuple[str, ...]  # names whose base was not fixed for some month
    extra_fen: int = 0  # paid beyond what is owed (预交, voluntary extra): not in the rate
    months_owed: int = 0

    @property
    def rate(self) -> str:
        """The collection rate (domain/dues_owed.py): '98.5%'; '—' when it cannot be known."""
        if self.unassessed:
            return "—"
        return rate_text(collection_rate(self.due_fen, self.settled_fen, self.months_owed), "—")


@dataclass(frozen=True, slots=True)
class Topic:
    """A meeting's own subject (主题) and the kind of the meeting, on its day."""

    day: date
    kind: str  # 集中学习, 党课, 主题党日 … (the event's type)
    text: str
    activity_kind: str = ""  # 志愿服务, 结对共建 … when the event carries one


@dataclass(frozen=True, slots=True)
class NextStep:
    """A candidate's next step of the development procedure and its window."""

    name: str
    stage: str
    step: str
    earliest: date | None
    latest: date | None


@dataclass(frozen=True, slots=True)
class SummaryFigures:
    """Every number of a unit's year-end summary; for a 党总支 the sum with each branch listed."""

    unit_id: int
    unit_name: str
    unit_kind: str
    upper_org: str
    year: int
    day: date  # the day the figures stand on: the as-of day, at most 31 December
    elected_on: date | None
    term_ends: date | None
    committee: tuple[Seat, ...]
    groups: tuple[GroupCount, ...]
    full_members: int
    probationary: int
    by_category: tuple[tuple[str, int], ...]
    pipeline: tuple[tuple[str, int], ...]  # 入党申请人, 入党积极分子, 发展对象 on the day
    admitted: tuple[NamedDate, ...]
    made_full: tuple[NamedDate, ...]
    transferred_in: tuple[NamedDate, ...]
    transferred_out: tuple[NamedDate, ...]
    other_departures: tuple[NamedDate, ...]  # 去世, 出党, 停止党籍 …: place holds the kind
    meetings: tuple[MeetingCount, ...]
    life_meetings: tuple[date, ...]
    evaluations: tuple[date, ...]
    study: StudyFigures
    dues: DuesFigures
    next_steps: tuple[NextStep, ...]
    snapshot: YearSnapshot
    focus: tuple[str, ...] = ()  # the year's 学习重点, in the secretary's order
    topics: tuple[Topic, ...] = ()  # every meeting and activity of the year with a subject
    honours: tuple[HonourFigure, ...] = ()
    activities: tuple[tuple[str, int], ...] = ()  # activities by kind: 志愿服务 3 …
    branches: tuple[SummaryFigures, ...] = field(default=())

    @property
    def members(self) -> int:
        return self.full_members + self.probationary

    @property
    def is_aggregate(self) -> bool:
        """Tell whether these figures add up branches below the unit."""
        return bool(self.branches)

    def meeting(self, kind: str) -> MeetingCount | None:
        """Return the count for a kind of meeting (支部党员大会 …), if the rules require it."""
        return next((m for m in self.meetings if m.kind == kind), None)


@dataclass(frozen=True, slots=True)
class SummaryParagraph:
    """One body paragraph: figure text or a narrative paragraph (with its key)."""

    text: str
    kind: ParagraphKind
    key: str = ""


@dataclass(frozen=True, slots=True)
class SummarySection:
    """A heading (一、 level 1, （一） level 2) and the paragraphs under it."""

    heading: str
    paragraphs: tuple[SummaryParagraph, ...]
    level: int = 1


@dataclass(frozen=True, slots=True)
class SummaryDoc:
    """The summary ready to print: title, opening, sections, signature and date."""

    title: str
    unit_name: str
    year: int
    opening: tuple[SummaryParagraph, ...]
    sections: tuple[SummarySection, ...]
    signature: str
    date: date

    def text(self) -> str:
        """Return the whole document as plain text (for previews and tests)."""
        lines = [self.title.replace("\n", ""), *(p.text for p in self.opening)]
        for section in self.sections:
            lines.append(section.heading)
            lines.extend(p.text for p in section.paragraphs)
        lines += [self.signature, f"{self.date.year}年{self.date.month}月{self.date.day}日"]
        return "\n".join(lines)
