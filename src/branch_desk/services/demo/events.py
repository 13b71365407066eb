"""Demo meetings for the last two years, with a few deliberate gaps and faults to find."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, time
from decimal import Decimal
from typing import TYPE_CHECKING

from ...domain.events import AbsenceReason, AttendanceStatus, EventType, VoteKind, VoteMethod
from ...domain.members import MemberRecord, PartyStatus
from ...domain.org import OfficerRole
from ...domain.rules.votes import is_voting_member
from ...domain.voting import party_status_on
from ..meetings.events import AttendanceInput, EventInput, VoteInput

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


class _Builder:
    def __init__(self, desk: BranchDesk, unit_id: int, rng: random.Random, today: date) -> None:
        self.desk = desk
        self.unit_id = unit_id
        self.rng = rng
        self.today = today
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
        self.facts = {f.member_id: f for f in desk.events.facts(unit_id)}

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


def _day_in(rng: random.Random, year: int, month: int, first: int, last: int) -> date:
    return date(year, month, rng.randint(first, last))


def add_demo_events(desk: BranchDesk, unit_id: int, members: list[MemberRecord], seed: int) -> int:
    """Record two years of meetings; return how many were added."""
    rng = random.Random(seed * 7919)
    today = desk.roster.today()
    build = _Builder(desk, unit_id, rng, today)
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
        _admission(build, day, member)
    _inquorate_assembly(build, date(today.year, 10, 16))
    return len(desk.events.list(unit_id)) - before


def _month(build: _Builder, year: int, month: int, groups: list) -> None:  # type: ignore[type-arg]
    rng = build.rng
    gap_committee = (year, month) == (build.today.year - 1, 8)
    if not gap_committee:
        day = _day_in(rng, year, month, 3, 8)
        recorder = "" if (year, month) == (build.today.year, 3) else build.recorder
        attendance = build.attendance(
            EventType.COMMITTEE, day, None, rng.choice((0, 0, 1)), keep=(build.secretary,)
        )
        if (year, month) == (build.today.year, 6):  # deliberate fault: the chair listed absent
            attendance = _absent(attendance, build.secretary)
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
    for index, group in enumerate(groups):
        if (year, month, index) == (build.today.year, 5, 2):
            continue  # deliberate gap: one group skipped May
        day = _day_in(rng, year, month, 9, 14)
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
    assembly_gap = (year, month) == (build.today.year - 1, 9)
    if month in (3, 6, 9, 12) and not assembly_gap:
        return  # the theme day is held together with the quarterly assembly
    day = _day_in(rng, year, month, 15, 22)
    lecture = LECTURE_TOPICS[month % len(LECTURE_TOPICS)] if assembly_gap else ""
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


def _quarter(build: _Builder, year: int, quarter: int) -> None:
    rng = build.rng
    month = quarter * 3 + 3
    if (year, quarter) == (build.today.year - 1, 2):
        return  # deliberate gap: no assembly in Q3 of last year
    day = _day_in(rng, year, month, 18, 26)
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


def _year_end(build: _Builder, year: int) -> None:
    rng = build.rng
    for kind, title, agenda in (
        (
            EventType.LIFE_MEETING,
            f"{year}年度组织生活会",
            ("通报上年度问题整改情况", "开展批评和自我批评"),
        ),
        (EventType.EVALUATION, f"{year}年度民主评议党员", ("党员个人自评", "党员互评", "民主测评")),
    ):
        day = _day_in(rng, year, 12, 27, 30)
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
                attendance=_graded(
                    build,
                    day,
                    build.attendance(kind, day, None, rng.randint(1, 4), keep=(build.secretary,)),
                )
                if kind is EventType.EVALUATION
                else build.attendance(kind, day, None, rng.randint(1, 4), keep=(build.secretary,)),
            )
        )


def _talks(build: _Builder, year: int, members: list[MemberRecord]) -> None:
    rng = build.rng
    on_roll = [m for m in members if m.party_status is PartyStatus.FULL]
    pairs = [(build.secretary, build.deputy), (build.secretary, rng.choice(on_roll).name)]
    pairs.append((build.recorder, rng.choice(on_roll).name))
    pairs.append(tuple(m.name for m in rng.sample(on_roll, 2)))
    by_name = {m.name: m for m in members}
    for index, (first, second) in enumerate(pairs):
        day = _day_in(rng, year, 7 + index, 10, 20)
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


def _inquorate_assembly(build: _Builder, day: date) -> None:
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


def _graded(
    build: _Builder, day: date, lines: tuple[AttendanceInput, ...]
) -> tuple[AttendanceInput, ...]:
    """Grade every 正式党员 of a 民主评议党员: about one in six 优秀, the rest 合格."""
    graded = []
    for line in lines:
        facts = build.facts.get(line.member_id or 0)
        if facts is not None and party_status_on(facts, day) is PartyStatus.FULL:
            line = replace(line, grade="优秀" if build.rng.random() < 0.17 else "合格")
        graded.append(line)
    return tuple(graded)


def _absent(lines: tuple[AttendanceInput, ...], name: str) -> tuple[AttendanceInput, ...]:
    """Return ``lines`` with ``name`` marked absent (on official business)."""
    return tuple(
        replace(line, status=AttendanceStatus.ABSENT, reason=AbsenceReason.OFFICIAL)
        if line.name == name
        else line
        for line in lines
    )


def _admission(build: _Builder, day: date, member: MemberRecord) -> None:
    _vote_assembly(build, day, member.name, VoteKind.ADMISSION, member.id)


def add_vote_meeting(
    desk: BranchDesk, unit_id: int, day: date, name: str, kind: VoteKind, seed: int
) -> int | None:
    """Hold the 支部党员大会 that votes on ``name``'s admission or 转正 on ``day``; return its id.

    The meeting already on record that day for ``name`` is reused (None for a future day).
    """
    for event in desk.events.list(unit_id, day.year):
        if event.day == day and any(v.kind is kind and name in v.subject for v in event.votes):
            return event.id
    rng = random.Random(seed * 7927 + day.toordinal())
    return _vote_assembly(_Builder(desk, unit_id, rng, desk.roster.today()), day, name, kind)


def _vote_assembly(
    build: _Builder, day: date, name: str, kind: VoteKind, member_id: int | None = None
) -> int | None:
    """Record a 支部党员大会 on ``day`` with one secret-ballot vote about ``name``."""
    attendance = build.attendance(
        EventType.BRANCH_ASSEMBLY, day, None, 3, keep=(build.secretary, name)
    )
    if kind is VoteKind.ADMISSION:  # the candidate attends, not yet a member with a vote
        attendance = tuple(a for a in attendance if a.member_id != member_id or member_id is None)
        attendance = (*attendance, AttendanceInput(name, AttendanceStatus.OBSERVER, member_id))
        subject = f"接收{name}同志为预备党员"
        minutes = f"{name}同志汇报对党的认识、入党动机和本人履历；介绍人介绍其情况；支部委员会报告审查情况；与会党员充分讨论。"
        resolution = f"同意接收{name}同志为中共预备党员，报上级党委审批。"
    else:  # the 预备党员 attends the meeting that discusses their 转正
        attendance = tuple(
            replace(a, status=AttendanceStatus.PRESENT, reason=None) if a.name == name else a
            for a in attendance
        )
        subject = f"{name}同志按期转为正式党员"
        minutes = f"{name}同志汇报预备期表现；入党介绍人介绍其情况；支部委员会报告考察意见；与会党员充分讨论。"
        resolution = f"同意{name}同志按期转为中共正式党员，报上级党委审批。"
    voters = sum(
        1
        for a in attendance
        if a.status is AttendanceStatus.PRESENT
        and a.member_id in build.facts
        and is_voting_member(build.facts[a.member_id], day)
    )
    return build.add(
        EventInput(
            EventType.BRANCH_ASSEMBLY,
            day,
            title=f"讨论{subject}",
            start=time(15, 0),
            end=time(16, 30),
            place=PLACE,
            chair=build.secretary,
            recorder=build.recorder,
            agenda=(f"讨论{subject}",),
            minutes=minutes,
            resolutions=resolution,
            attendance=attendance,
            votes=(VoteInput(subject, kind, VoteMethod.SECRET_BALLOT, max(voters - 1, 0), 1, 0),),
        )
    )
