from datetime import date

import pytest

from branch_desk.domain.errors import UserError, ValidationFailed
from branch_desk.domain.members import (
    Gender,
    MemberCategory,
    PartyStatus,
    RosterStatus,
    StatusChangeKind,
)
from branch_desk.domain.org import OfficerRole
from branch_desk.services.app import BranchDesk
from branch_desk.services.org.units import OfficerInput
from branch_desk.services.roster.members import StatusChangeInput
from tests.conftest import member_input

LI_ID = "11010519491231002X"


def add_li(desk: BranchDesk, branch_id: int, **changes: object):
    data = member_input(
        name="李红",
        id_number=LI_ID,
        gender=None,
        birth_date=None,
        category=MemberCategory.RETIRED,
        joined_on=date(1975, 7, 1),
        full_member_on=date(1976, 7, 1),
        group="第二党小组",
    )
    return desk.roster.add(branch_id, data.with_changes(**changes)).value


def test_add_member_registers_history(desk: BranchDesk, branch_id: int):
    member = desk.roster.add(branch_id, member_input()).value
    detail = desk.roster.get(member.id)
    assert detail.member.group == "第一党小组"
    assert detail.member.roster_status is RosterStatus.ACTIVE
    assert [(h.kind, h.effective_on) for h in detail.history] == [
        (StatusChangeKind.REGISTERED, date(2012, 6, 18))
    ]


def test_add_refuses_invalid_and_saves_nothing(desk: BranchDesk, branch_id: int):
    with pytest.raises(ValidationFailed) as caught:
        desk.roster.add(branch_id, member_input(id_number="110101199003071234"))
    assert "身份证号" in caught.value.message and "校验位错误" in caught.value.message
    assert desk.roster.list() == []


def test_duplicate_id_number_is_refused(desk: BranchDesk, branch_id: int):
    desk.roster.add(branch_id, member_input())
    with pytest.raises(ValidationFailed, match="与已有党员“张三”重复"):
        desk.roster.add(branch_id, member_input(name="张叁"))


def test_unknown_group_is_refused(desk: BranchDesk, branch_id: int):
    with pytest.raises(ValidationFailed, match="“第九党小组”不存在"):
        desk.roster.add(branch_id, member_input(group="第九党小组"))


def test_transfer_in_arrival_is_recorded(desk: BranchDesk, branch_id: int):
    arrival = StatusChangeInput(
        StatusChangeKind.TRANSFER_IN, date(2025, 9, 1), place="教育局党支部", letter_no="组转12号"
    )
    member = desk.roster.add(branch_id, member_input(), arrival).value
    (entry,) = desk.roster.get(member.id).history
    assert (entry.kind, entry.place, entry.letter_no) == (
        StatusChangeKind.TRANSFER_IN,
        "教育局党支部",
        "组转12号",
    )


def test_transfer_out_needs_destination_and_letter(desk: BranchDesk, branch_id: int):
    member = add_li(desk, branch_id)
    with pytest.raises(ValidationFailed) as caught:
        desk.roster.change_status(
            member.id, StatusChangeInput(StatusChangeKind.TRANSFER_OUT, date(2025, 3, 1))
        )
    assert "转往" in caught.value.message and "介绍信编号" in caught.value.message
    assert desk.roster.get(member.id).member.roster_status is RosterStatus.ACTIVE


def test_status_changes_are_dated_and_ordered(desk: BranchDesk, branch_id: int):
    member = add_li(desk, branch_id)
    out = StatusChangeInput(
        StatusChangeKind.TRANSFER_OUT, date(2025, 3, 1), place="某党支部", letter_no="组转1号"
    )
    assert (
        desk.roster.change_status(member.id, out).value.roster_status
        is RosterStatus.TRANSFERRED_OUT
    )
    back = StatusChangeInput(StatusChangeKind.TRANSFER_IN, date(2025, 2, 1), place="某党支部")
    with pytest.raises(ValidationFailed, match="不能早于上一次变动日期 2025-03-01"):
        desk.roster.change_status(member.id, back)
    back = StatusChangeInput(StatusChangeKind.TRANSFER_IN, date(2026, 1, 5), place="某党支部")
    assert desk.roster.change_status(member.id, back).value.roster_status is RosterStatus.ACTIVE
    kinds = [h.kind for h in desk.roster.get(member.id).history]
    assert kinds == [
        StatusChangeKind.REGISTERED,
        StatusChangeKind.TRANSFER_OUT,
        StatusChangeKind.TRANSFER_IN,
    ]


def test_impossible_status_change_is_explained(desk: BranchDesk, branch_id: int):
    member = add_li(desk, branch_id)
    desk.roster.change_status(
        member.id, StatusChangeInput(StatusChangeKind.DECEASE, date(2026, 1, 2))
    )
    with pytest.raises(UserError, match="当前为“去世”，不能办理“转出”"):
        desk.roster.change_status(
            member.id,
            StatusChangeInput(StatusChangeKind.TRANSFER_OUT, date(2026, 2, 1), "x", "y"),
        )


def test_future_status_change_is_refused(desk: BranchDesk, branch_id: int):
    member = add_li(desk, branch_id)
    with pytest.raises(ValidationFailed, match="不能晚于今天"):
        desk.roster.change_status(
            member.id, StatusChangeInput(StatusChangeKind.DECEASE, date(2027, 1, 1))
        )


def test_update_changes_fields(desk: BranchDesk, branch_id: int):
    member = desk.roster.add(branch_id, member_input()).value
    updated = desk.roster.update(
        member.id, member.to_input().with_changes(group="第三党小组", education="研究生")
    ).value
    assert (updated.group, updated.education) == ("第三党小组", "研究生")


def test_mistaken_record_can_be_removed_until_referenced(desk: BranchDesk, branch_id: int):
    mistaken = desk.roster.add(branch_id, member_input()).value
    desk.roster.remove(mistaken.id)
    assert desk.roster.list() == []
    kept = add_li(desk, branch_id)
    desk.org.set_officers(branch_id, [OfficerInput(OfficerRole.SECRETARY, "李红", kept.id)])
    with pytest.raises(UserError, match="担任支委"):
        desk.roster.remove(kept.id)
    assert [m.name for m in desk.roster.list()] == ["李红"]


def test_find_by_name_or_id(desk: BranchDesk, branch_id: int):
    add_li(desk, branch_id)
    desk.roster.add(branch_id, member_input())
    assert desk.roster.find("李红").id_number == LI_ID
    assert desk.roster.find(LI_ID.lower()).name == "李红"
    with pytest.raises(UserError, match="找不到党员"):
        desk.roster.find("王五")


def test_summary_counts(desk: BranchDesk, branch_id: int):
    desk.roster.add(branch_id, member_input())
    li = add_li(desk, branch_id)
    desk.roster.add(
        branch_id,
        member_input(
            name="王芳",
            id_number="",
            birth_date=date(2000, 1, 2),
            gender=Gender.FEMALE,
            party_status=PartyStatus.PROBATIONARY,
            joined_on=date(2026, 6, 1),
            full_member_on=None,
            category=MemberCategory.STUDENT,
        ),
    )
    desk.roster.change_status(
        li.id,
        StatusChangeInput(StatusChangeKind.TRANSFER_OUT, date(2026, 1, 2), "某党支部", "组转1号"),
    )
    summary = desk.org.summary(branch_id)
    assert summary.by_roster_status["在册"] == 2
    assert summary.by_roster_status["转出"] == 1
    assert summary.by_party_status == {"正式": 1, "预备": 1}
    assert summary.by_category == {"在职": 1, "学生": 1}
    assert summary.by_group["第一党小组"] == 2
    assert summary.by_group["第二党小组"] == 0
