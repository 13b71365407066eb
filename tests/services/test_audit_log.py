from datetime import date

from branch_desk.domain.development import Step
from branch_desk.domain.members import Gender
from branch_desk.services.app import BranchDesk
from branch_desk.services.development.service import CandidateInput
from tests.conftest import member_input


def test_history_names_records_and_fields_in_chinese(desk: BranchDesk, branch_id: int):
    member = desk.roster.add(branch_id, member_input()).value
    desk.roster.update(member.id, member.to_input().with_changes(phone="13900139000"))
    (change,) = desk.audit.query(entity="members", entity_id=member.id, text="13900139000")
    assert (change.record, change.action, change.field, change.before, change.after) == (
        "张三",
        "修改",
        "联系电话",
        "13800138000",
        "13900139000",
    )
    history = desk.audit.query(entity="member_status_changes")
    assert history[0].record == "张三" and "登记在册" in history[0].after


def test_child_records_are_named_after_their_parent(desk: BranchDesk, branch_id: int):
    cid = desk.development.add(
        branch_id, CandidateInput("王小明", Gender.MALE, date(2000, 1, 1))
    ).value.id
    desk.development.record_step(cid, Step.APPLICATION, date(2025, 1, 5))
    (step,) = desk.audit.query(entity="candidate_steps")
    assert (
        step.record == "王小明" and "步骤：递交入党申请书" in step.after and "{" not in step.after
    )


def test_filters_by_actor_and_date(desk: BranchDesk, branch_id: int):
    desk.roster.add(branch_id, member_input())
    assert desk.audit.actors() == [desk.db.actor]
    assert desk.audit.query(actor="nobody") == []
    assert desk.audit.query(since=date(2026, 11, 21)) == []
    assert desk.audit.query(until=date(2026, 11, 20))
