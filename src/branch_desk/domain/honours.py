"""Honours (表彰) won by the branch or by its members, and the year's 学习重点 list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .errors import Problem
from .text import clean

LEVELS = ("国家级", "省部级", "市厅级", "县处级", "校级", "院系级", "其他")
MAX_FOCUS_ITEMS = 20
MAX_FOCUS_TEXT = 100
MAX_FIELD = 100


@dataclass(frozen=True, slots=True)
class HonourInput:
    """An honour as typed: a member (by id) or the branch (member_id None) as recipient."""

    title: str
    awarded_on: date | None
    recipient: str = ""  # the branch's name or a member's; a member's is taken from the roll
    member_id: int | None = None
    level: str = ""
    issuer: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class HonourRecord:
    id: int
    unit_id: int
    member_id: int | None
    recipient: str
    title: str
    level: str
    issuer: str
    awarded_on: date
    note: str

    @property
    def of_member(self) -> bool:
        return self.member_id is not None


def honour_problems(data: HonourInput, today: date) -> list[Problem]:
    """Return what is wrong with an honour as typed (Chinese messages)."""
    problems = []
    if not clean(data.title):
        problems.append(Problem("title", "荣誉称号", "不能为空"))
    if data.member_id is None and not clean(data.recipient):
        problems.append(Problem("recipient", "获奖对象", "请选择党员或填写集体名称"))
    if data.awarded_on is None:
        problems.append(Problem("awarded_on", "表彰日期", "不能为空"))
    elif data.awarded_on > today:
        problems.append(Problem("awarded_on", "表彰日期", "不能晚于今天"))
    for field, label in (("title", "荣誉称号"), ("recipient", "获奖对象"), ("issuer", "授予单位")):
        if len(clean(getattr(data, field))) > MAX_FIELD:
            problems.append(Problem(field, label, f"过长（最多{MAX_FIELD}字）"))
    if len(clean(data.level)) > 20:
        problems.append(Problem("level", "级别", "过长（最多20字）"))
    if len(data.note.strip()) > 500:
        problems.append(Problem("note", "备注", "过长（最多500字）"))
    return problems


def tidy_focus(items: list[str]) -> list[str]:
    """Return the 学习重点 list as stored: trimmed, blanks and repeats dropped, order kept.

    Raise ValueError (Chinese message) for a list too long or an item too long.
    """
    tidy = list(dict.fromkeys(clean(x) for x in items if clean(x)))
    if len(tidy) > MAX_FOCUS_ITEMS:
        raise ValueError(f"学习重点最多{MAX_FOCUS_ITEMS}条。")
    long = [x for x in tidy if len(x) > MAX_FOCUS_TEXT]
    if long:
        raise ValueError(f"学习重点“{long[0][:12]}…”过长（每条最多{MAX_FOCUS_TEXT}字）。")
    return tidy
