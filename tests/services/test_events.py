from dataclasses import replace
from datetime import date, time
from decimal import Decimal
from pathlib import Path

import pytest

from branch_desk.domain.errors import ValidationFailed
from branch_desk.domain.events import (
    AbsenceReason,
    AttendanceStatus,
    EventType,
    VoteKind,
    VoteMethod,
)
from branch_desk.domain.members import Gender, MemberCategory, PartyStatus, StatusChangeKind
from branch_desk.domain.voting import ExclusionKind
from branch_desk.services.app import BranchDesk
from branch_desk.services.meetings.events import AttendanceInput, EventInput, VoteInput
from branch_desk.services.roster.exclusions import ExclusionInput
from branch_desk.services.roster.members import StatusChangeInput
from tests.conftest import member_input

NAMES = ["赵一", "钱二", "孙三", "李四", "周五", "吴六", "郑七", "王八"]


def add_members(desk: BranchDesk, branch_id: int, count: int = 8) -> list:
    members = []
    for index, name in enumerate(NAMES[:count]):
        data = member_input(
            name=name,
            id_number="",
            gender=Gender.MALE,
            birth_date=date(1980, 1, 1 + index),
            group=("第一党小组", "第二党小组")[index % 2],
            joined_on=date(2005, 7, 1),
            full_member_on=date(2006, 7, 1),
        )
        members.append(desk.roster.add(branch_id, data).value)
    return members


def absent(line: AttendanceInput, reason: AbsenceReason | None, text: str = "") -> AttendanceInput:
    return replace(line, status=AttendanceStatus.ABSENT, reason=reason, reason_text=text)


def test_attendance_prefills_from_the_roll_on_the_day(desk: BranchDesk, branch_id: int):
    members = add_members(desk, branch_id)
    desk.roster.change_status(
        members[0].id,
        StatusChangeInput(StatusChangeKind.TRANSFER_OUT, date(2025, 3, 1), "某党支部", "组转1号"),
    )
    before = desk.events.expected(branch_id, EventType.BRANCH_ASSEMBLY, date(2025, 2, 28))
    after = desk.events.expected(branch_id, EventType.BRANCH_ASSEMBLY, date(2025, 3, 1))
    assert len(before) == 8 and len(after) == 7
    groups = {g.name: g.id for g in desk.org.groups(branch_id)}
    group = desk.events.expected(
        branch_id, EventType.GROUP_MEETING, date(2025, 2, 1), groups["第二党小组"]
    )
    assert [a.name for a in group] == ["钱二", "李四", "吴六", "王八"]


def test_record_assembly_with_two_absentees(desk: BranchDesk, branch_id: int):
    add_members(desk, branch_id)
    lines = desk.events.expected(branch_id, EventType.BRANCH_ASSEMBLY, date(2026, 6, 15))
    lines[1] = absent(lines[1], AbsenceReason.SICK)
    lines[2] = absent(lines[2], AbsenceReason.TRAVEL, "赴京培训")
    event = desk.events.add(
        branch_id,
        EventInput(
            EventType.BRANCH_ASSEMBLY,
            date(2026, 6, 15),
            also=(EventType.THEME_DAY,),
            title="学习会议精神",
            start=time(14, 30),
            end=time(16, 0),
            chair="赵一",
            recorder="孙三",
            study_hours=Decimal("2.5"),
            attendance=(*lines, AttendanceInput("刘积极", AttendanceStatus.OBSERVER)),
        ),
    ).value
    assert (event.expected, event.present) == (8, 6)
    assert [(a.name, a.describe_reason()) for a in event.absentees] == [
        ("钱二", "病假"),
        ("孙三", "出差（赴京培训）"),
    ]
    assert [a.name for a in event.observers] == ["刘积极"]
    assert event.types == (EventType.BRANCH_ASSEMBLY, EventType.THEME_DAY)
    stats = desk.events.member_stats(lines[0].member_id, 2026)
    assert (stats.expected, stats.present, stats.study_hours, stats.rate) == (
        1,
        1,
        Decimal("2.5"),
        1.0,
    )
    assert desk.events.member_stats(lines[1].member_id, 2026).rate == 0.0


def test_e_excludes_probationary_and_excluded_members(desk: BranchDesk, branch_id: int):
    members = add_members(desk, branch_id, 6)
    desk.roster.add(
        branch_id,
        member_input(
            name="新党员",
            id_number="",
            gender=Gender.FEMALE,
            birth_date=date(2000, 5, 5),
            party_status=PartyStatus.PROBATIONARY,
            joined_on=date(2026, 1, 10),
            full_member_on=None,
            category=MemberCategory.STUDENT,
        ),
    )
    desk.exclusions.add(
        members[0].id, ExclusionInput(ExclusionKind.PROBATION_DISCIPLINE, date(2026, 1, 1))
    )
    desk.exclusions.add(
        members[1].id, ExclusionInput(ExclusionKind.ABROAD, date(2026, 1, 1), upper_ref="组批1号")
    )
    event = desk.events.add(
        branch_id,
        EventInput(
            EventType.BRANCH_ASSEMBLY,
            date(2026, 6, 15),
            resolutions="同意",
            votes=(VoteInput("一般事项", yes=2, no=1),),
        ),
    ).value
    assert event.expected == 7  # everyone on the roll attends, the probationary member too
    assert event.entitled == 5  # 6 full members − 留党察看 (the unapproved absence still counts)
    assert event.present_voting == 5
    vote = event.votes[0]
    assert vote.quorate and not vote.passed  # 2 yes is not more than 5/2


def test_committee_attendance_is_the_committee(desk: BranchDesk, branch_id: int):
    from branch_desk.domain.org import OfficerRole
    from branch_desk.services.org.units import OfficerInput

    members = add_members(desk, branch_id)
    desk.org.set_officers(
        branch_id,
        [
            OfficerInput(
                OfficerRole.SECRETARY, "赵一", members[0].id, date(2024, 1, 1), date(2026, 12, 31)
            ),
            OfficerInput(OfficerRole.ORGANIZATION, "钱二", members[1].id, date(2024, 1, 1), None),
            OfficerInput(OfficerRole.PROPAGANDA, "孙三", members[2].id, date(2024, 1, 1), None),
            OfficerInput(OfficerRole.GROUP_LEADER, "李四", members[3].id, date(2024, 1, 1), None),
        ],
    )
    lines = desk.events.expected(branch_id, EventType.COMMITTEE, date(2026, 3, 3))
    assert [a.name for a in lines] == ["赵一", "钱二", "孙三"]
    lines[1] = absent(lines[1], AbsenceReason.SICK)
    lines[2] = absent(lines[2], AbsenceReason.SICK)
    event = desk.events.add(
        branch_id, EventInput(EventType.COMMITTEE, date(2026, 3, 3), attendance=tuple(lines))
    ).value
    found = desk.checks.findings(2026, date(2026, 3, 31))
    assert any(f.rule == "quorum" and f.event_id == event.id for f in found)


def test_bad_event_input_is_refused(desk: BranchDesk, branch_id: int):
    with pytest.raises(ValidationFailed) as caught:
        desk.events.add(
            branch_id,
            EventInput(
                EventType.GROUP_MEETING,
                date(2027, 1, 1),
                start=time(15, 0),
                end=time(14, 0),
                also=(EventType.GROUP_MEETING,),
            ),
        )
    message = caught.value.message
    for fragment in (
        "不能晚于今天",
        "应晚于开始时间",
        "须选择本支部的党小组",
        "不能与会议类型重复",
    ):
        assert fragment in message
    assert desk.events.list() == []


def test_attachments_are_stored_once(desk: BranchDesk, branch_id: int, tmp_path: Path):
    first = desk.events.add(branch_id, EventInput(EventType.STUDY, date(2026, 5, 1))).value
    second = desk.events.add(branch_id, EventInput(EventType.STUDY, date(2026, 5, 2))).value
    photo = tmp_path / "合影.jpg"
    photo.write_bytes(b"\xff\xd8 photo bytes")
    a = desk.events.attach(first.id, photo, "照片").value
    b = desk.events.attach(second.id, photo, "照片").value
    assert a.sha256 == b.sha256
    stored = list(desk.paths.attachments_dir.rglob("*"))
    assert [p.name for p in stored if p.is_file()] == [a.sha256]
    assert desk.events.attachment_path(a.sha256).read_bytes() == photo.read_bytes()
    assert desk.events.get(first.id).attachment_count == 1


def test_vote_kinds_and_methods_are_kept(desk: BranchDesk, branch_id: int):
    add_members(desk, branch_id)
    vote = VoteInput("接收刘积极为预备党员", VoteKind.ADMISSION, VoteMethod.SHOW_OF_HANDS, 8, 0, 0)
    event = desk.events.add(
        branch_id, EventInput(EventType.BRANCH_ASSEMBLY, date(2026, 4, 1), votes=(vote,))
    ).value
    found = {
        f.rule for f in desk.checks.findings(2026, date(2026, 4, 30)) if f.event_id == event.id
    }
    assert {"record.secret_ballot", "record.vote_resolution"} <= found


def test_editing_an_event_keeps_its_extra_types(desk: BranchDesk, branch_id: int):
    add_members(desk, branch_id)
    data = EventInput(EventType.THEME_DAY, date(2026, 5, 15), also=(EventType.BRANCH_ASSEMBLY,))
    event = desk.events.add(branch_id, data).value
    again = desk.events.update(event.id, replace(data, title="重温入党誓词")).value
    assert again.types == (EventType.THEME_DAY, EventType.BRANCH_ASSEMBLY)
    changed = desk.events.update(event.id, replace(data, also=(EventType.PARTY_LECTURE,))).value
    assert changed.types == (EventType.THEME_DAY, EventType.PARTY_LECTURE)
