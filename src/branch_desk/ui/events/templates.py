"""Per-type templates that make a new record quick to fill: 议题, 学时, chair and recorder."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ...domain.events import EventType
from ...domain.members import MemberRecord
from ...domain.org import OfficerRecord, OfficerRole


@dataclass(frozen=True, slots=True)
class Template:
    """What a new event of one type starts with."""

    agenda: tuple[str, ...] = ()
    hours: Decimal = Decimal(0)
    lecture_topic: str = ""
    place: str = "党员活动室"


TEMPLATES: dict[EventType, Template] = {
    EventType.BRANCH_ASSEMBLY: Template(("传达学习上级精神", "研究讨论支部工作"), Decimal(2)),
    EventType.COMMITTEE: Template(("研究支部近期工作", "讨论党员教育管理事项"), place="会议室"),
    EventType.GROUP_MEETING: Template(("学习上级文件精神", "交流思想和工作情况"), Decimal(1)),
    EventType.PARTY_LECTURE: Template(("专题党课", "交流学习体会"), Decimal(2), "专题党课"),
    EventType.THEME_DAY: Template(("重温入党誓词", "集中学习", "开展主题活动"), Decimal(2)),
    EventType.LIFE_MEETING: Template(
        ("通报上年度问题整改情况", "支部班子对照检查", "党员个人对照检查、批评与自我批评"),
        Decimal(2),
    ),
    EventType.EVALUATION: Template(
        ("党员个人自评", "党员互评", "民主测评", "组织评定"), Decimal(1)
    ),
    EventType.HEART_TALK: Template(("交流思想", "听取意见建议"), place=""),
    EventType.STUDY: Template(("集中学习上级文件和理论文章",), Decimal(2)),
    EventType.VOLUNTEER: Template(("志愿服务活动",), place=""),
    EventType.OTHER: Template(),
}


def template_for(kind: EventType) -> Template:
    """Return the template of ``kind``."""
    return TEMPLATES.get(kind, Template())


def serving_on(officers: list[OfficerRecord], role: OfficerRole, day: date) -> list[OfficerRecord]:
    """Return the officers holding ``role`` whose term covers ``day``."""
    return [
        o
        for o in officers
        if o.role is role
        and (o.term_start is None or o.term_start <= day)
        and (o.term_end is None or day <= o.term_end)
    ]


def default_chair(
    officers: list[OfficerRecord],
    day: date,
    kind: EventType,
    group: str = "",
    members: list[MemberRecord] | None = None,
) -> str:
    """Return who normally chairs: the 书记, or for a 党小组会 that group's 组长."""
    if kind is EventType.GROUP_MEETING:
        in_group = {m.id for m in members or [] if m.group == group}
        leaders = serving_on(officers, OfficerRole.GROUP_LEADER, day)
        found = [o.person_name for o in leaders if o.member_id in in_group]
        return found[0] if found else ""
    for role in (OfficerRole.SECRETARY, OfficerRole.DEPUTY_SECRETARY):
        if found := serving_on(officers, role, day):
            return found[0].person_name
    return ""


def default_recorder(officers: list[OfficerRecord], day: date) -> str:
    """Return who normally keeps the record: the 组织委员, else the 宣传委员."""
    for role in (OfficerRole.ORGANIZATION, OfficerRole.PROPAGANDA):
        if found := serving_on(officers, role, day):
            return found[0].person_name
    return ""
