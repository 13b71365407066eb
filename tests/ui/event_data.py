"""Test data for the meetings GUI: a branch of six members with a 书记 and a 组织委员."""

from __future__ import annotations

from datetime import date

from branch_desk.domain.events import AbsenceReason, AttendanceStatus, EventRecord, EventType
from branch_desk.domain.members import MemberRecord, PartyStatus
from branch_desk.domain.org import OfficerRole
from branch_desk.services.app import BranchDesk
from branch_desk.services.meetings.events import AttendanceInput, EventInput
from branch_desk.services.org.units import OfficerInput
from tests.conftest import member_input

from .conftest import make_id

PEOPLE = (
    ("张三", date(1980, 1, 5), "第一党小组"),
    ("李四", date(1982, 2, 6), "第一党小组"),
    ("王五", date(1984, 3, 7), "第二党小组"),
    ("赵六", date(1986, 4, 8), "第二党小组"),
    ("孙七", date(1988, 5, 9), "第三党小组"),
)
MEETING_DAY = date(2026, 11, 10)


def add_branch(desk: BranchDesk, unit_id: int) -> list[MemberRecord]:
    """Add five full members and one probationary member; 张三 书记, 李四 组织委员."""
    members = [
        desk.roster.add(
            unit_id,
            member_input(name=name, id_number=make_id(born, 111 + 2 * i), group=group),
        ).value
        for i, (name, born, group) in enumerate(PEOPLE)
    ]
    members.append(
        desk.roster.add(
            unit_id,
            member_input(
                name="周八",
                id_number=make_id(date(1998, 6, 10), 246),
                group="第三党小组",
                joined_on=date(2026, 5, 1),
                full_member_on=None,
                party_status=PartyStatus.PROBATIONARY,
            ),
        ).value
    )
    start = date(2024, 3, 15)
    desk.org.set_officers(
        unit_id,
        [
            OfficerInput(OfficerRole.SECRETARY, "张三", members[0].id, start),
            OfficerInput(OfficerRole.ORGANIZATION, "李四", members[1].id, start),
        ],
    )
    return members


def record_assembly(
    desk: BranchDesk, unit_id: int, day: date = MEETING_DAY, reason: bool = True
) -> EventRecord:
    """Record a 支部党员大会 with 王五 absent (病假, or no reason)."""
    lines = [
        AttendanceInput(a.name, a.status, a.member_id)
        if a.name != "王五"
        else AttendanceInput(
            a.name, AttendanceStatus.ABSENT, a.member_id, AbsenceReason.SICK if reason else None
        )
        for a in desk.events.expected(unit_id, EventType.BRANCH_ASSEMBLY, day)
    ]
    data = EventInput(
        EventType.BRANCH_ASSEMBLY,
        day,
        title="学习贯彻上级会议精神",
        chair="张三",
        recorder="李四",
        agenda=("传达学习上级精神",),
        attendance=tuple(lines),
    )
    return desk.events.add(unit_id, data).value
