"""Demo meetings for the last two years, with a few deliberate gaps and faults to find."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, time
from decimal import Decimal
from typing import TYPE_CHECKING

from ...domain.events import AttendanceInput, AttendanceStatus, EventInput, EventType
from ...domain.members import MemberRecord, PartyStatus
from ...domain.org import OrgUnitRecord
from ...domain.rules.votes import is_voting_member
from .event_builder import (
    LECTURE_TOPICS,
    PLACE,
    REASONS,
    THEME_KINDS,
    THEME_TOPICS,
    EventBuilder,
    absent_from,
    day_in,
    graded,
)
from .vote_meetings import admission

if TYPE_CHECKING:
    from ..app import BranchDesk


def add_demo_events(desk: BranchDesk, unit_id: int, members: list[MemberRecord], seed: int) -> int:
    """Record two years of meetings; return how many were added."""
    rng = random.Random(seed * 7919)
    today = desk.roster.today()
    build = EventBuilder(desk, unit_id, rng, today)
    groups = desk.org.groups(unit_id)
    before = len(desk.events.list(unit_id))
    admissions = {
        m.joined_on: m
        for m in members
        if m.party_status is PartyStatus.PROBATIONARY and m.joined_on
    }
    for year in (today.year - 1, today.year):
        for month in range(1, 13):
            if date(year, month, 1) > today:
                break
            _month(build, year, month, groups)
        for quarter in range(4):
            _quarter(build, year, quarter)
        _year_end(build, year)
        _talks(build, year, members)
    for day, member in sorted(admissions.items()):
        admission(build, day, member)
    _inquorate_assembly(build, date(today.year, 10, 16))
    return len(desk.events.list(unit_id)) - before


def _month(build: EventBuilder, year: int, month: int, groups: list[OrgUnitRecord]) -> None:
    """The month's 支委会, 党小组会 and (outside the assembly months) 主题党日."""
    if (year, month) != (build.today.year - 1, 8):  # deliberate gap: no 支委会 last August
        _committee(build, year, month)
    for index, group in enumerate(groups):
        if (year, month, index) == (build.today.year, 5, 2):
            continue  # deliberate gap: one group skipped May
        _group_meeting(build, year, month, group)
    assembly_gap = (year, month) == (build.today.year - 1, 9)
    if month in (3, 6, 9, 12) and not assembly_gap:
        return  # the theme day is held together with the quarterly assembly
    _theme_day(build, year, month, assembly_gap)


def _committee(build: EventBuilder, year: int, month: int) -> None:
    rng = build.rng
    day = day_in(rng, year, month, 3, 8)
    recorder = "" if (year, month) == (build.today.year, 3) else build.recorder
    attendance = build.attendance(
        EventType.COMMITTEE, day, None, rng.choice((0, 0, 1)), keep=(build.secretary,)
    )
    if (year, month) == (build.today.year, 6):  # deliberate fault: the chair listed absent
        attendance = absent_from(attendance, build.secretary)
    build.add(
        EventInput(
            EventType.COMMITTEE,
            day,
            title=f"研究{month}月份支部工作",
            start=time(9, 0),
            end=time(10, 30),
            place="支部书记办公室",
            chair=build.secretary,
            recorder=recorder,
            agenda=(f"研究{month}月份党建工作安排", "讨论党员教育管理有关事项"),
            resolutions="同意本月工作安排。",
            study_hours=Decimal(1),
            attendance=attendance,
        )
    )


def _group_meeting(build: EventBuilder, year: int, month: int, group: OrgUnitRecord) -> None:
    rng = build.rng
    day = day_in(rng, year, month, 9, 14)
    leader = build.leaders.get(group.id, build.secretary)
    build.add(
        EventInput(
            EventType.GROUP_MEETING,
            day,
            group_id=group.id,
            title="学习讨论",
            start=time(15, 0),
            end=time(16, 0),
            place=PLACE,
            chair=leader,
            recorder=build.recorder,
            agenda=("学习上级文件精神", "交流思想和工作情况"),
            study_hours=Decimal("1.5"),
            attendance=build.attendance(
                EventType.GROUP_MEETING, day, group.id, rng.choice((0, 1, 1, 2)), keep=(leader,)
            ),
        )
    )


def _theme_day(build: EventBuilder, year: int, month: int, with_lecture: bool) -> None:
    rng = build.rng
    day = day_in(rng, year, month, 15, 22)
    lecture = LECTURE_TOPICS[month % len(LECTURE_TOPICS)] if with_lecture else ""
    theme = rng.choice(THEME_TOPICS)
    build.add(
        EventInput(
            EventType.THEME_DAY,
            day,
            also=(EventType.PARTY_LECTURE,) if lecture else (),
            lecturer=build.secretary if lecture else "",
            lecture_topic=lecture,
            title=theme,
            activity_kind=THEME_KINDS.get(theme, ""),
            start=time(14, 30),
            end=time(17, 0),
            place=PLACE,
            chair=build.secretary,
            recorder=build.recorder,
            agenda=("集中学习", "开展主题实践活动"),
            study_hours=Decimal(3),
            attendance=build.attendance(
                EventType.THEME_DAY, day, None, rng.randint(2, 6), keep=(build.secretary,)
            ),
        )
    )


def _quarter(build: EventBuilder, year: int, quarter: int) -> None:
    rng = build.rng
    month = quarter * 3 + 3
    if (year, quarter) == (build.today.year - 1, 2):
        return  # deliberate gap: no assembly in Q3 of last year
    day = day_in(rng, year, month, 18, 26)
    lecture = quarter != 1 or year != build.today.year  # deliberate gap: no 党课 in Q2 this year
    also = (EventType.THEME_DAY, EventType.PARTY_LECTURE) if lecture else (EventType.THEME_DAY,)
    missing_reason = (year, quarter) == (build.today.year, 0)
    build.add(
        EventInput(
            EventType.BRANCH_ASSEMBLY,
            day,
            also=also,
            title=f"{year}年第{'一二三四'[quarter]}季度支部党员大会暨主题党日",
            start=time(14, 30),
            end=time(17, 0),
            place=PLACE,
            chair=build.secretary,
            recorder=build.recorder,
            lecturer=build.secretary if lecture else "",
            lecture_topic=LECTURE_TOPICS[(year * 4 + quarter) % len(LECTURE_TOPICS)]
            if lecture
            else "",
            agenda=("书记讲专题党课", "通报本季度支部工作", "研究部署下阶段工作"),
            minutes="书记围绕主题讲授专题党课。与会党员结合工作实际交流了学习体会。",
            resolutions="一致同意下阶段工作安排。",
            study_hours=Decimal(3),
            attendance=build.attendance(
                EventType.BRANCH_ASSEMBLY,
                day,
                None,
                rng.randint(2, 5),
                reason=not missing_reason,
                keep=(build.secretary,),
            ),
        )
    )


def _year_end(build: EventBuilder, year: int) -> None:
    rng = build.rng
    for kind, title, agenda in (
        (
            EventType.LIFE_MEETING,
            f"{year}年度组织生活会",
            ("通报上年度问题整改情况", "开展批评和自我批评"),
        ),
        (EventType.EVALUATION, f"{year}年度民主评议党员", ("党员个人自评", "党员互评", "民主测评")),
    ):
        day = day_in(rng, year, 12, 27, 30)
        build.add(
            EventInput(
                kind,
                day,
                title=title,
                start=time(9, 0),
                end=time(12, 0),
                place=PLACE,
                chair=build.secretary,
                recorder=build.recorder,
                agenda=agenda,
                study_hours=Decimal(3),
                attendance=graded(
                    build,
                    day,
                    build.attendance(kind, day, None, rng.randint(1, 4), keep=(build.secretary,)),
                )
                if kind is EventType.EVALUATION
                else build.attendance(kind, day, None, rng.randint(1, 4), keep=(build.secretary,)),
            )
        )


def _talks(build: EventBuilder, year: int, members: list[MemberRecord]) -> None:
    rng = build.rng
    on_roll = [m for m in members if m.party_status is PartyStatus.FULL]
    pairs = [(build.secretary, build.deputy), (build.secretary, rng.choice(on_roll).name)]
    pairs.append((build.recorder, rng.choice(on_roll).name))
    pairs.append(tuple(m.name for m in rng.sample(on_roll, 2)))
    by_name = {m.name: m for m in members}
    for index, (first, second) in enumerate(pairs):
        day = day_in(rng, year, 7 + index, 10, 20)
        people = tuple(
            AttendanceInput(n, AttendanceStatus.PRESENT, by_name[n].id if n in by_name else None)
            for n in (first, second)
        )
        build.add(
            EventInput(
                EventType.HEART_TALK,
                day,
                title=f"{first}与{second}谈心谈话",
                place="支部书记办公室",
                chair=first,
                recorder=first,
                attendance=people,
            )
        )


def _inquorate_assembly(build: EventBuilder, day: date) -> None:
    """Record a deliberate fault: an assembly attended by no more than half of E."""
    lines = list(build.attendance(EventType.BRANCH_ASSEMBLY, day, None, 0))
    voting = [
        i
        for i, line in enumerate(lines)
        if line.member_id in build.facts and is_voting_member(build.facts[line.member_id], day)
    ]
    away = [i for i in voting if lines[i].name != build.secretary][: (len(voting) + 1) // 2]
    for i in away:
        why = build.rng.choice(REASONS)
        lines[i] = replace(lines[i], status=AttendanceStatus.ABSENT, reason=why)
    build.add(
        EventInput(
            EventType.BRANCH_ASSEMBLY,
            day,
            title="通报第四季度重点工作",
            start=time(17, 30),
            end=time(18, 10),
            place=PLACE,
            chair=build.secretary,
            recorder=build.recorder,
            agenda=("通报第四季度重点工作",),
            minutes="书记通报第四季度重点工作安排。",
            attendance=tuple(lines),
        )
    )
