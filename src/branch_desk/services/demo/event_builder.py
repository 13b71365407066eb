"""The demo's meeting builder: who chairs and records, who is expected, who stays away."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from ...domain.events import (
    AbsenceReason,
    AttendanceInput,
    AttendanceStatus,
    EventInput,
    EventType,
)
from ...domain.members import PartyStatus
from ...domain.org import OfficerRole
from ...domain.voting import party_status_on

if TYPE_CHECKING:
    from ..app import BranchDesk

PLACE = "局机关三楼党员活动室"
LECTURE_TOPICS = (
    "深入学习贯彻党的二十届四中全会精神",
    "弘扬伟大建党精神 争做合格共产党员",
    "严守政治纪律和政治规矩",
    "以高质量党建引领城乡建设高质量发展",
    "学习《中国共产党纪律处分条例》",
    "传承红色基因 赓续精神血脉",
    "牢记初心使命 践行为民宗旨",
    "加强作风建设 提升服务效能",
)
THEME_TOPICS = (
    "重温入党誓词",
    "走访慰问困难群众",
    "参观革命传统教育基地",
    "社区志愿服务",
    "“学习强国”专题学习",
    "城市建设安全生产检查",
)
THEME_KINDS = {  # the 活动类别 of the themes that are activities rather than study
    "走访慰问困难群众": "志愿服务",
    "社区志愿服务": "志愿服务",
    "城市建设安全生产检查": "品牌活动",
}
REASONS = (AbsenceReason.SICK, AbsenceReason.PERSONAL, AbsenceReason.TRAVEL, AbsenceReason.OFFICIAL)


class DemoUnit:
    """A demo branch being filled in: the desk, the unit, the random source, today, the roll."""

    def __init__(self, desk: BranchDesk, unit_id: int, rng: random.Random, today: date) -> None:
        self.desk = desk
        self.unit_id = unit_id
        self.rng = rng
        self.today = today
        self.facts = {f.member_id: f for f in desk.events.facts(unit_id)}


class EventBuilder(DemoUnit):
    """What every demo meeting of a branch needs: its officers, the roll, the random source."""

    def __init__(self, desk: BranchDesk, unit_id: int, rng: random.Random, today: date) -> None:
        super().__init__(desk, unit_id, rng, today)
        officers = desk.org.officers(unit_id)
        self.secretary = next(o.person_name for o in officers if o.role is OfficerRole.SECRETARY)
        self.deputy = next(
            (o.person_name for o in officers if o.role is OfficerRole.DEPUTY_SECRETARY), ""
        )
        self.recorder = next(o.person_name for o in officers if o.role is OfficerRole.ORGANIZATION)
        groups = {m.id: m.group_id for m in desk.roster.list(unit_id)}
        self.leaders = {
            groups.get(o.member_id): o.person_name
            for o in officers
            if o.role is OfficerRole.GROUP_LEADER
        }

    def attendance(
        self,
        kind: EventType,
        day: date,
        group_id: int | None,
        absent: int,
        reason: bool = True,
        keep: tuple[str, ...] = (),
    ) -> tuple[AttendanceInput, ...]:
        """Mark ``absent`` people absent at random, never those in ``keep`` (chair, lecturer)."""
        expected = self.desk.events.expected(self.unit_id, kind, day, group_id)
        free = [i for i, line in enumerate(expected) if line.name not in keep]
        count = min(absent, max(len(expected) - 2, 0), len(free))
        chosen = set(self.rng.sample(free, count))
        lines = []
        for i, line in enumerate(expected):
            if i in chosen:
                why = self.rng.choice(REASONS) if reason else None
                lines.append(replace(line, status=AttendanceStatus.ABSENT, reason=why))
            else:
                lines.append(line)
        return tuple(lines)

    def add(self, data: EventInput) -> int | None:
        """Record the event (if it is not in the future); return its id."""
        if data.day > self.today:
            return None
        return self.desk.events.add(self.unit_id, data).value.id


def day_in(rng: random.Random, year: int, month: int, first: int, last: int) -> date:
    """A random day of ``month`` between the days ``first`` and ``last``."""
    return date(year, month, rng.randint(first, last))


def graded(
    build: EventBuilder, day: date, lines: tuple[AttendanceInput, ...]
) -> tuple[AttendanceInput, ...]:
    """Grade every 正式党员 of a 民主评议党员: about one in six 优秀, the rest 合格."""
    graded = []
    for line in lines:
        facts = build.facts.get(line.member_id or 0)
        if facts is not None and party_status_on(facts, day) is PartyStatus.FULL:
            line = replace(line, grade="优秀" if build.rng.random() < 0.17 else "合格")
        graded.append(line)
    return tuple(graded)


def absent_from(lines: tuple[AttendanceInput, ...], name: str) -> tuple[AttendanceInput, ...]:
    """Return ``lines`` with ``name`` marked absent (on official business)."""
    return tuple(
        replace(line, status=AttendanceStatus.ABSENT, reason=AbsenceReason.OFFICIAL)
        if line.name == name
        else line
        for line in lines
    )
