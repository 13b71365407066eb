"""Test and screenshot data for the 发展党员 GUI: candidates at every stage, one with faults."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from branch_desk.domain.dates import add_months
from branch_desk.domain.development import RecordKind, Stage, Step
from branch_desk.domain.idcard import check_char
from branch_desk.domain.members import Gender, MemberRecord, PartyStatus
from branch_desk.services.app import BranchDesk
from branch_desk.services.development.service import CandidateInput
from branch_desk.services.development.views import CandidateView

Steps = dict[Step, tuple[date, dict[str, Any]]]


def id_for(born: date, serial: int) -> str:
    """Return a valid 身份证号 (odd serial: male)."""
    first17 = f"110101{born:%Y%m%d}{serial:03d}"
    return first17 + check_char(first17)


def people(*members: MemberRecord) -> dict[str, Any]:
    """Return step details naming roster members."""
    return {"people": [{"name": m.name, "member_id": m.id} for m in members]}


def add_candidate(
    desk: BranchDesk,
    unit_id: int,
    name: str,
    born: date,
    serial: int,
    steps: Steps | None = None,
    **identity: Any,
) -> CandidateView:
    """Add a candidate and record ``steps`` in order; return the stored view."""
    gender = Gender.MALE if serial % 2 else Gender.FEMALE
    data = CandidateInput(
        name=name,
        gender=gender,
        id_number=id_for(born, serial),
        ethnicity="汉族",
        education="大学本科",
        **identity,
    )
    view = desk.development.add(unit_id, data).value
    for step, (day, details) in (steps or {}).items():
        view = desk.development.record_step(view.id, step, day, details).value
    return view


def full_members(desk: BranchDesk, unit_id: int) -> list[MemberRecord]:
    """Return the branch's 正式党员 on roll."""
    return [m for m in desk.roster.list(unit_id) if m.party_status is PartyStatus.FULL]


def activist_steps(applied: date, mentors: Sequence[MemberRecord]) -> Steps:
    """Steps 1–5 done on time from an application day."""
    activist = add_months(applied, 4)
    return {
        Step.APPLICATION: (applied, {}),
        Step.TALK: (applied + timedelta(days=12), people(mentors[0])),
        Step.ACTIVIST: (activist, {}),
        Step.ACTIVIST_FILED: (activist + timedelta(days=7), {}),
        Step.MENTORS: (activist + timedelta(days=10), people(*mentors[:2])),
    }


def target_steps(activist: date, sponsors: Sequence[MemberRecord]) -> Steps:
    """Steps 7–13 and 公示 done properly after a year of cultivation."""
    target = add_months(activist, 13)
    return {
        Step.TARGET: (target, {}),
        Step.TARGET_FILED: (target + timedelta(days=5), {}),
        Step.SPONSORS: (target + timedelta(days=10), people(*sponsors[:2])),
        Step.REVIEW: (target + timedelta(days=30), {"conclusion": "合格"}),
        Step.TRAINING: (target + timedelta(days=40), {"days": 3, "hours": 24}),
        Step.COMMITTEE_REVIEW: (target + timedelta(days=50), {}),
        Step.PRE_REVIEW: (target + timedelta(days=60), {"result": "同意"}),
        Step.PUBLICITY: (
            target + timedelta(days=61),
            {"end": (target + timedelta(days=75)).isoformat()},
        ),
    }


def admission_steps(day: date) -> Steps:
    """志愿书, 支部大会 (passed by secret ballot) — not yet approved."""
    vote = {
        "method": "无记名投票",
        "entitled": 20,
        "present_voting": 18,
        "yes": 18,
        "no": 0,
        "abstain": 0,
        "passed": True,
    }
    return {Step.FORM: (day - timedelta(days=10), {}), Step.ADMISSION: (day, vote)}


def approval_steps(admitted: date) -> Steps:
    """The upper committee's talk and approval, then filing, placement and oath."""
    approval = {"approver": "机关党委", "approver_kind": "基层党委", "ref": "机党〔2025〕8号"}
    return {
        Step.UPPER_TALK: (admitted + timedelta(days=20), {}),
        Step.APPROVAL: (admitted + timedelta(days=40), approval | {"approved": True}),
        Step.APPROVAL_FILED: (admitted + timedelta(days=45), {}),
        Step.PLACEMENT: (admitted + timedelta(days=46), {}),
        Step.OATH: (admitted + timedelta(days=50), {}),
    }


def records(desk: BranchDesk, candidate_id: int, start: date, today: date) -> None:
    """Add quarterly 思想汇报 and half-yearly 培养考察 from ``start`` up to ``today``."""
    day = add_months(start, 3)
    while day <= today:
        desk.development.add_record(candidate_id, RecordKind.THOUGHT_REPORT, day)
        if day.month in (6, 12) or (day - start).days % 180 < 92:
            desk.development.add_record(candidate_id, RecordKind.ASSESSMENT, day)
        day = add_months(day, 3)


def fill_pipeline(desk: BranchDesk, unit_id: int, today: date) -> dict[str, CandidateView]:
    """Add candidates at every stage (赵磊 with faults); the branch needs 正式党员 on roll."""
    full = full_members(desk, unit_id)
    m = lambda months: add_months(today, -months)  # noqa: E731
    made: dict[str, CandidateView] = {}
    made["王小明"] = add_candidate(
        desk,
        unit_id,
        "王小明",
        date(2001, 4, 3),
        311,
        {Step.APPLICATION: (today - timedelta(days=20), {})},
    )
    made["陈静"] = add_candidate(
        desk,
        unit_id,
        "陈静",
        date(1999, 9, 12),
        322,
        {Step.APPLICATION: (m(2), {}), Step.TALK: (m(2) + timedelta(days=15), {})},
    )
    liu = activist_steps(m(18), full[2:])
    made["刘洋"] = add_candidate(desk, unit_id, "刘洋", date(1997, 2, 8), 333, liu)
    records(desk, made["刘洋"].id, liu[Step.ACTIVIST][0], today)
    huang = activist_steps(m(10), full[3:])
    made["黄丽"] = add_candidate(desk, unit_id, "黄丽", date(1998, 7, 21), 344, huang)
    records(desk, made["黄丽"].id, huang[Step.ACTIVIST][0], m(4))
    sun = activist_steps(m(24), full) | target_steps(add_months(m(24), 4), full[1:])
    made["孙悦"] = add_candidate(desk, unit_id, "孙悦", date(1996, 11, 30), 356, sun)
    records(desk, made["孙悦"].id, sun[Step.ACTIVIST][0], today)
    made["赵磊"] = faulty(desk, unit_id, today, full)
    zhou = activist_steps(m(30), full) | target_steps(add_months(m(30), 4), full[2:])
    zhou |= admission_steps(m(7)) | approval_steps(m(7))
    made["周婷"] = add_candidate(desk, unit_id, "周婷", date(1995, 5, 16), 368, zhou)
    records(desk, made["周婷"].id, zhou[Step.ACTIVIST][0], today)
    ma = activist_steps(m(28), full[1:]) | target_steps(add_months(m(28), 4), full[3:])
    made["马超"] = add_candidate(
        desk, unit_id, "马超", date(1996, 6, 6), 399, ma | admission_steps(m(5))
    )
    records(desk, made["马超"].id, ma[Step.ACTIVIST][0], today)
    made["吴刚"] = full_member(desk, unit_id, today, full)
    made["郑凯"] = add_candidate(
        desk,
        unit_id,
        "郑凯",
        date(2000, 1, 9),
        391,
        {Step.APPLICATION: (m(8), {}), Step.TALK: (m(8) + timedelta(days=9), {})},
    )
    made["郑凯"] = desk.development.end(
        made["郑凯"].id, Stage.WITHDRAWN, m(3), "本人申请撤回入党申请"
    ).value
    return made


def faulty(
    desk: BranchDesk, unit_id: int, today: date, full: Sequence[MemberRecord]
) -> CandidateView:
    """赵磊: talk late, one 介绍人 not on the roll, training too short, 公示 too short."""
    applied = add_months(today, -28)
    steps = activist_steps(applied, full)
    steps[Step.TALK] = (applied + timedelta(days=45), {})
    steps |= target_steps(steps[Step.ACTIVIST][0], full)
    target = steps[Step.TARGET][0]
    steps[Step.SPONSORS] = (
        target + timedelta(days=10),
        {"people": [{"name": full[0].name, "member_id": full[0].id}, {"name": "钱某某"}]},
    )
    steps[Step.TRAINING] = (target + timedelta(days=40), {"days": 2, "hours": 16})
    start = target + timedelta(days=61)
    steps[Step.PUBLICITY] = (start, {"end": (start + timedelta(days=2)).isoformat()})
    return add_candidate(desk, unit_id, "赵磊", date(1994, 3, 25), 377, steps, work_unit="技术科")


def full_member(
    desk: BranchDesk, unit_id: int, today: date, full: Sequence[MemberRecord]
) -> CandidateView:
    """吴刚: admitted 14 months ago, 转正 voted and approved."""
    admitted = add_months(today, -14)
    steps = activist_steps(add_months(admitted, -24), full) | target_steps(
        add_months(admitted, -20), full
    )
    steps |= admission_steps(admitted) | approval_steps(admitted)
    end = add_months(admitted, 12)
    vote = admission_steps(end)[Step.ADMISSION][1] | {"outcome": "同意转正"}
    steps[Step.FULL_APPLICATION] = (end - timedelta(days=20), {})
    steps[Step.FULL_VOTE] = (end + timedelta(days=5), vote)
    steps[Step.FULL_APPROVAL] = (end + timedelta(days=30), {"ref": "机党〔2026〕3号"})
    return add_candidate(desk, unit_id, "吴刚", date(1993, 8, 2), 381, steps)
