"""A realistic demo branch for trying the app: members, 党小组, officers, roster history."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ...domain.dates import add_years
from ...domain.errors import UserError
from ...domain.idcard import check_char
from ...domain.members import (
    Gender,
    MemberCategory,
    MemberInput,
    MemberRecord,
    PartyStatus,
    StatusChangeKind,
)
from ...domain.org import OfficerRole
from ...domain.rules.structure import term_end
from ..org.units import BranchInput, OfficerInput
from ..roster.members import StatusChangeInput

if TYPE_CHECKING:
    from ..app import BranchDesk

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN_MALE = "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林欢阳建国志峰东亮成"
GIVEN_FEMALE = "芳娜敏静丽艳娟霞燕玲桂丹萍红梅琳雪婷慧莹倩颖洁琴云莉璐佳欣怡瑶雯晶"
REGIONS = ("430102", "430103", "430104", "430105", "430111", "430121", "430181", "430202")
EDUCATION = ("研究生", "大学本科", "大学本科", "大学本科", "大学专科", "高中", "中专", "初中")
ETHNICITY = ("汉族",) * 12 + ("土家族", "苗族", "回族", "侗族")
POSTS = ("科员", "副科长", "科长", "主任科员", "办事员", "工程师", "会计", "副主任")
OFFICES = ("办公室", "组织人事科", "财务科", "业务一科", "业务二科", "综合科", "后勤服务中心")
GROUPS = ("第一党小组", "第二党小组", "第三党小组")
BRANCH_NAME = "城南区住房和城乡建设局机关第一党支部"
UPPER_ORG = "中共城南区住房和城乡建设局机关委员会"


@dataclass(frozen=True, slots=True)
class DemoSummary:
    unit_name: str
    members: int
    groups: int
    events: int = 0
    candidates: int = 0


def _person(rng: random.Random, used: set[str], born: date, gender: Gender) -> tuple[str, str]:
    while True:
        pool = GIVEN_MALE if gender is Gender.MALE else GIVEN_FEMALE
        given = rng.choice(pool) + (rng.choice(pool) if rng.random() < 0.7 else "")
        name = rng.choice(SURNAMES) + given
        serial = rng.randrange(0, 99) * 10 + rng.randrange(0, 10, 2)
        serial += 1 if gender is Gender.MALE else 0
        first17 = f"{rng.choice(REGIONS)}{born:%Y%m%d}{serial:03d}"
        number = first17 + check_char(first17)
        if name not in used and number not in used:
            used.update((name, number))
            return name, number


def _random_day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange(0, max((end - start).days, 1)))


def _member(rng: random.Random, used: set[str], today: date, index: int) -> MemberInput:
    probationary = index % 13 == 5
    roll = rng.random() * (0.62 if probationary else 1.0)  # new members are of working age
    if roll < 0.62:
        category, born = (
            MemberCategory.EMPLOYED,
            _random_day(rng, date(1966, 1, 1), date(1998, 1, 1)),
        )
    elif roll < 0.86:
        category, born = (
            MemberCategory.RETIRED,
            _random_day(rng, date(1940, 1, 1), date(1963, 1, 1)),
        )
    elif roll < 0.91:
        category, born = (
            MemberCategory.STUDENT,
            _random_day(rng, date(2000, 1, 1), date(2004, 6, 1)),
        )
    elif roll < 0.96:
        category, born = MemberCategory.FARMER, _random_day(rng, date(1955, 1, 1), date(1985, 1, 1))
    else:
        category, born = MemberCategory.OTHER, _random_day(rng, date(1960, 1, 1), date(1990, 1, 1))
    gender = Gender.MALE if rng.random() < 0.58 else Gender.FEMALE
    name, number = _person(rng, used, born, gender)
    earliest = add_years(born, 19)
    if probationary:
        joined = _random_day(rng, today - timedelta(days=330), today - timedelta(days=30))
    else:
        joined = _random_day(rng, earliest, min(today - timedelta(days=400), add_years(born, 45)))
    if category is MemberCategory.STUDENT and not probationary:
        joined = _random_day(
            rng, add_years(born, 18) + timedelta(days=30), today - timedelta(days=400)
        )
    post = f"{rng.choice(OFFICES)}{rng.choice(POSTS)}"
    work = (
        post
        if category is MemberCategory.EMPLOYED
        else {
            MemberCategory.RETIRED: "退休干部",
            MemberCategory.STUDENT: "在读研究生",
            MemberCategory.FARMER: "城南区东塘村村民",
            MemberCategory.OTHER: "自由职业",
        }[category]
    )
    return MemberInput(
        name=name,
        gender=gender,
        ethnicity=rng.choice(ETHNICITY),
        birth_date=born,
        id_number=number,
        education=rng.choice(EDUCATION),
        category=category,
        party_status=PartyStatus.PROBATIONARY if probationary else PartyStatus.FULL,
        joined_on=joined,
        full_member_on=None if probationary else add_years(joined, 1),
        group=GROUPS[index % len(GROUPS)],
        phone=f"1{rng.choice('3578')}{rng.randrange(10**8, 10**9)}",
        work_unit=work,
    )


def fill_demo(desk: BranchDesk, seed: int = 1, count: int = 60) -> DemoSummary:
    """Fill an empty data dir with a realistic branch; refuses a data dir that has data."""
    if desk.org.is_set_up():
        raise UserError(
            "数据目录中已有数据，演示数据只能填入空的数据目录（可用 --data-dir 指定新目录）。"
        )
    rng = random.Random(seed)
    today = desk.roster.today()
    unit = desk.org.create_branch(
        BranchInput(
            name=BRANCH_NAME,
            upper_org=UPPER_ORG,
            elected_on=date(today.year - 1, 3, 18),
            groups=GROUPS,
        )
    ).value
    used: set[str] = set()
    members = []
    for i in range(count):
        data = _member(rng, used, today, i)
        arrival = None
        if i == count // 2 and data.full_member_on:
            arrival = StatusChangeInput(
                StatusChangeKind.TRANSFER_IN,
                date(today.year - 1, 9, 12),
                place="中共城南区教育局机关党支部",
                letter_no=f"城教组转〔{today.year - 1}〕12号",
            )
        members.append(desk.roster.add(unit.id, data, arrival).value)
    _history(desk, rng, members, today)
    _officers(desk, unit.id, members, date(today.year - 1, 3, 18))
    from .events import add_demo_events

    events = add_demo_events(desk, unit.id, members, seed)
    from .dues import add_demo_dues

    add_demo_dues(desk, unit.id, seed)
    from .development import add_demo_candidates

    candidates = add_demo_candidates(desk, unit.id, seed)
    from .dues import assess_newcomers

    assess_newcomers(desk, unit.id, seed)
    _year_records(desk, unit.id, members, today)
    total = len(desk.roster.list(unit.id))
    return DemoSummary(unit.name, total, len(GROUPS), events, candidates)


FOCUS = {
    -1: (
        "深入学习贯彻党的二十届三中全会精神",
        "党纪学习教育",
        "学习《中国共产党纪律处分条例》",
    ),
    0: (
        "深入学习贯彻党的二十届四中全会精神",
        "深入贯彻中央八项规定精神学习教育",
        "以高质量党建引领城乡建设高质量发展",
    ),
}


def _year_records(desk: BranchDesk, unit_id: int, members: list[MemberRecord], today: date) -> None:
    """Last year's and this year's 学习重点, and an honour of the branch and of a member."""
    from ...domain.honours import HonourInput

    for offset, items in FOCUS.items():
        desk.year_records.set_focus(unit_id, today.year + offset, list(items))
    last = today.year - 1
    desk.year_records.add_honour(
        unit_id,
        HonourInput("先进基层党组织", date(last, 6, 28), BRANCH_NAME, None, "县处级", UPPER_ORG),
    )
    honoured = next(m for m in members if m.party_status is PartyStatus.FULL)
    desk.year_records.add_honour(
        unit_id,
        HonourInput(
            "优秀共产党员",
            min(today, date(today.year, 6, 30)),
            "",
            honoured.id,
            "县处级",
            UPPER_ORG,
        ),
    )


def _history(
    desk: BranchDesk, rng: random.Random, members: list[MemberRecord], today: date
) -> None:
    start = date(today.year, 1, 1)
    leaving = [m for m in members if m.party_status is PartyStatus.FULL][-2:]
    places = ("中共城南区财政局机关党支部", "中共长沙市岳麓区望月湖街道社区党委")
    for number, (member, place) in enumerate(zip(leaving, places, strict=True), start=3):
        change = StatusChangeInput(
            StatusChangeKind.TRANSFER_OUT,
            _random_day(rng, start, today),
            place=place,
            letter_no=f"城建组转〔{today.year}〕{number}号",
        )
        desk.roster.change_status(member.id, change)
    elders = [
        m
        for m in members
        if m.category is MemberCategory.RETIRED and m.joined_on and m.joined_on < start
    ]
    if elders:
        change = StatusChangeInput(StatusChangeKind.DECEASE, _random_day(rng, start, today))
        desk.roster.change_status(elders[0].id, change)


def _officers(desk: BranchDesk, unit_id: int, members: list[MemberRecord], elected: date) -> None:
    active = [
        m
        for m in members
        if m.category is MemberCategory.EMPLOYED and m.party_status is PartyStatus.FULL
    ][:8]
    roles = (
        OfficerRole.SECRETARY,
        OfficerRole.DEPUTY_SECRETARY,
        OfficerRole.ORGANIZATION,
        OfficerRole.PROPAGANDA,
        OfficerRole.DISCIPLINE,
    )
    last_day = term_end(elected, 3)
    items = [
        OfficerInput(role, m.name, m.id, elected, last_day)
        for role, m in zip(roles, active, strict=False)
    ]
    by_group: dict[str, MemberRecord] = {}
    for m in active[len(roles) :] + active:
        by_group.setdefault(m.group, m)
    items += [
        OfficerInput(OfficerRole.GROUP_LEADER, m.name, m.id, elected, last_day)
        for _, m in sorted(by_group.items())
    ]
    desk.org.set_officers(unit_id, items)
