"""Demo candidates at every stage of development, a few with deliberate procedural faults."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ...domain.dates import add_months, add_years
from ...domain.development import RecordKind, Step, probation_end
from ...domain.events import VoteKind
from ...domain.idcard import check_char
from ...domain.members import Gender, MemberCategory, PartyStatus, RosterStatus
from ...domain.rules.votes import is_voting_member
from ...domain.workdays import add_workdays
from ..development.service import CandidateInput
from .event_builder import DemoUnit
from .vote_meetings import add_vote_meeting

if TYPE_CHECKING:
    from ..app import BranchDesk

APPLICANTS = (
    ("罗晓雯", Gender.FEMALE, date(2001, 4, 12)),
    ("邓浩然", Gender.MALE, date(1998, 9, 3)),
    ("孔令琪", Gender.FEMALE, date(1999, 12, 25)),
    ("石俊杰", Gender.MALE, date(1996, 6, 30)),
    ("毛雨桐", Gender.FEMALE, date(2000, 2, 14)),
    ("钟子涵", Gender.MALE, date(1997, 11, 8)),
    ("汤思远", Gender.MALE, date(1995, 3, 19)),
)


def _id(born: date, gender: Gender, serial: int) -> str:
    code = serial * 2 + (1 if gender is Gender.MALE else 0)
    first17 = f"430103{born:%Y%m%d}{code:03d}"
    return first17 + check_char(first17)


class _Demo(DemoUnit):
    def __init__(self, desk: BranchDesk, unit_id: int, rng: random.Random, seed: int) -> None:
        super().__init__(desk, unit_id, rng, desk.roster.today())
        self.seed = seed
        members = desk.roster.list(unit_id)
        self.full = [
            m
            for m in members
            if m.party_status is PartyStatus.FULL
            and m.roster_status is RosterStatus.ACTIVE
            and m.category is MemberCategory.EMPLOYED
        ]
        self.groups = [g.name for g in desk.org.groups(unit_id)]

    def people(self, count: int, day: date | None = None) -> list[dict[str, Any]]:
        """Pick members who were 正式党员 on ``day`` (mentors, sponsors, talkers)."""
        eligible = [m for m in self.full if day is None or is_voting_member(self.facts[m.id], day)]
        return [{"name": m.name, "member_id": m.id} for m in self.rng.sample(eligible, count)]

    def step(self, cid: int, step: Step, day: date, data: dict[str, Any] | None = None) -> None:
        if day <= self.today:
            self.desk.development.record_step(cid, step, day, data)

    def step_with_people(self, cid: int, step: Step, day: date, count: int) -> None:
        """Record a step that names ``count`` members who were 正式党员 on its day."""
        self.step(cid, step, day, {"people": self.people(count, day)})

    def vote(self, cid: int, step: Step, day: date, name: str, data: dict[str, Any]) -> None:
        """Record an admission or 转正 from the vote of a 支部党员大会 held that day."""
        if day > self.today:
            return
        kind = VoteKind.ADMISSION if step is Step.ADMISSION else VoteKind.FULL_MEMBERSHIP
        event_id = add_vote_meeting(self.desk, self.unit_id, day, name, kind, self.seed)
        self.desk.development.record_step(cid, step, day, data, event_id=event_id)

    def records(self, cid: int, start: date, end: date) -> None:
        day = add_months(start, 3)
        while day <= min(end, self.today):
            self.desk.development.add_record(
                cid, RecordKind.THOUGHT_REPORT, day, "按季度提交思想汇报"
            )
            if (day.month - start.month) % 6 == 0:
                self.desk.development.add_record(
                    cid, RecordKind.ASSESSMENT, day, "支部半年考察：表现良好"
                )
            day = add_months(day, 3)

    def early(
        self, cid: int, applied: date, talk_days: int = 20, activist: date | None = None
    ) -> date:
        self.step(cid, Step.APPLICATION, applied)
        self.step_with_people(cid, Step.TALK, applied + timedelta(days=talk_days), 1)
        if activist is None:
            return applied
        self.step(cid, Step.ACTIVIST, activist, {"method": "党员推荐"})
        self.step(cid, Step.ACTIVIST_FILED, activist + timedelta(days=7))
        self.step_with_people(cid, Step.MENTORS, activist + timedelta(days=7), 2)
        return activist

    def through_admission(
        self, cid: int, name: str, target: date, admitted: date, publicity_days: int = 6
    ) -> None:
        self.step(cid, Step.TARGET, target)
        self.step(cid, Step.TARGET_FILED, target + timedelta(days=5))
        self.step_with_people(cid, Step.SPONSORS, target + timedelta(days=10), 2)
        self.step(cid, Step.REVIEW, target + timedelta(days=30), {"conclusion": "合格"})
        self.step(
            cid,
            Step.TRAINING,
            target + timedelta(days=40),
            {"days": 3, "hours": 24, "certificate": "城建党校结业证"},
        )
        self.step(cid, Step.COMMITTEE_REVIEW, admitted - timedelta(days=40))
        self.step(cid, Step.PRE_REVIEW, admitted - timedelta(days=35), {"result": "同意"})
        start = admitted - timedelta(days=28)
        end = add_workdays(start, publicity_days)
        self.step(cid, Step.PUBLICITY, start, {"end": end.isoformat()})
        self.step(cid, Step.FORM, admitted - timedelta(days=10))
        self.vote(cid, Step.ADMISSION, admitted, name, {})


def add_demo_candidates(desk: BranchDesk, unit_id: int, seed: int) -> int:
    """Add candidates at every stage (and link the demo's 预备党员 to their procedures)."""
    demo = _Demo(desk, unit_id, random.Random(seed * 7907), seed)
    count = 0
    for index, (name, gender, born) in enumerate(APPLICANTS):
        data = CandidateInput(
            name,
            gender,
            born,
            _id(born, gender, index + 11),
            "汉族",
            "大学本科",
            MemberCategory.EMPLOYED,
            "",
            "局机关科员",
            demo.groups[index % len(demo.groups)],
        )
        cid = desk.development.add(unit_id, data).value.id
        count += 1
        if index < 4:
            _before_target(demo, cid, index)
        elif index == 4:
            _ready_target(demo, cid)
        elif index == 5:
            _late_approval(demo, cid, name)
        else:
            _made_full(demo, cid, name)
    count += _link_probationary(demo)
    return count


def _before_target(demo: _Demo, cid: int, index: int) -> None:
    """Applicants and activists, two of them with a fault (the index says which)."""
    today = demo.today
    if index == 0:  # a fresh application: the talk is due within a month
        demo.step(cid, Step.APPLICATION, today - timedelta(days=12))
    elif index == 1:  # fault: talk 45 days after the application
        demo.early(cid, add_months(today, -5), talk_days=45)
    elif index == 2:  # an activist being cultivated
        activist = demo.early(cid, add_months(today, -14), activist=add_months(today, -10))
        demo.records(cid, activist, today)
    else:  # fault: designated 发展对象 after 11 months as activist
        activist = demo.early(cid, add_months(today, -20), activist=add_months(today, -16))
        demo.records(cid, activist, today)
        demo.step(cid, Step.TARGET, add_months(activist, 11))


def _ready_target(demo: _Demo, cid: int) -> None:
    """A 发展对象 ready for the 支部大会."""
    today = demo.today
    activist = demo.early(cid, add_months(today, -22), activist=add_months(today, -18))
    demo.records(cid, activist, today)
    target = add_months(activist, 13)
    for step, day, extra in (
        (Step.TARGET, target, None),
        (Step.TARGET_FILED, target + timedelta(days=5), None),
        (
            Step.SPONSORS,
            target + timedelta(days=10),
            {"people": demo.people(2, target + timedelta(days=10))},
        ),
        (Step.REVIEW, target + timedelta(days=30), {"conclusion": "合格"}),
        (Step.TRAINING, target + timedelta(days=40), {"days": 3, "hours": 24}),
    ):
        demo.step(cid, step, day, extra)


def _late_approval(demo: _Demo, cid: int, name: str) -> None:
    """Fault: 公示 of four working days; approval four months after the 支部大会."""
    today = demo.today
    admitted = clear_of_gap(add_months(today, -6), today)
    activist = demo.early(cid, add_months(admitted, -26), activist=add_months(admitted, -22))
    demo.records(cid, activist, admitted)
    demo.through_admission(
        cid, name, add_years(activist, 1) + timedelta(days=20), admitted, publicity_days=4
    )
    demo.step(cid, Step.UPPER_TALK, admitted + timedelta(days=20))
    demo.step(
        cid,
        Step.APPROVAL,
        add_months(admitted, 4),
        {"approver": "中共城南区住房和城乡建设局机关委员会", "approver_kind": "党委"},
    )
    for step, days in ((Step.APPROVAL_FILED, 130), (Step.PLACEMENT, 130), (Step.OATH, 135)):
        demo.step(cid, step, admitted + timedelta(days=days))
    demo.records(cid, admitted, today)


def _made_full(demo: _Demo, cid: int, name: str) -> None:
    """A member who has completed probation and become 正式."""
    today = demo.today
    admitted = clear_of_gap(add_months(today, -15), today)
    activist = demo.early(cid, add_months(admitted, -28), activist=add_months(admitted, -24))
    demo.records(cid, activist, admitted)
    demo.through_admission(cid, name, add_years(activist, 1) + timedelta(days=30), admitted)
    _probation(demo, cid, name, admitted)


def clear_of_gap(day: date, today: date) -> date:
    """Move a demo vote out of the third quarter of last year, left without a 支部党员大会 on purpose.

    The 支部党员大会 held for the vote would otherwise fill that deliberate gap.
    """
    if day.year == today.year - 1 and 7 <= day.month <= 9:
        return date(day.year, 6, 20)
    return day


def _probation(demo: _Demo, cid: int, name: str, admitted: date) -> None:
    approver = {"approver": "中共城南区住房和城乡建设局机关委员会", "approver_kind": "党委"}
    demo.step(cid, Step.UPPER_TALK, admitted + timedelta(days=15))
    demo.step(cid, Step.APPROVAL, admitted + timedelta(days=40), approver)
    demo.step(cid, Step.APPROVAL_FILED, admitted + timedelta(days=50))
    demo.step(cid, Step.PLACEMENT, admitted + timedelta(days=50))
    demo.step(cid, Step.OATH, admitted + timedelta(days=60))
    demo.records(cid, admitted, demo.today)
    end = probation_end(admitted)
    demo.step(cid, Step.FULL_APPLICATION, end - timedelta(days=20))
    demo.vote(cid, Step.FULL_VOTE, end + timedelta(days=12), name, {"outcome": "同意转正"})
    demo.step(cid, Step.FULL_APPROVAL, end + timedelta(days=40), {"ref": "城建机关党〔转正〕号"})


def _link_probationary(demo: _Demo) -> int:
    """Give each demo 预备党员 the procedure that admitted them (linked to the roster entry)."""
    count = 0
    linked = {c.member_id for c in demo.desk.development.list(demo.unit_id)}
    for member in demo.desk.roster.list(demo.unit_id):
        if (
            member.party_status is not PartyStatus.PROBATIONARY
            or member.joined_on is None
            or member.id in linked
        ):
            continue
        admitted = member.joined_on
        data = CandidateInput(
            member.name,
            member.gender,
            member.birth_date,
            member.id_number,
            member.ethnicity,
            member.education,
            member.category,
            member.phone,
            member.work_unit,
            member.group,
        )
        cid = demo.desk.development.add(demo.unit_id, data).value.id
        activist = demo.early(cid, add_months(admitted, -27), activist=add_months(admitted, -23))
        demo.records(cid, activist, admitted)
        demo.through_admission(
            cid, member.name, add_years(activist, 1) + timedelta(days=25), admitted
        )  # the vote is the one recorded at that day's 支部党员大会 (demo_events)
        demo.step(cid, Step.UPPER_TALK, admitted + timedelta(days=15))
        demo.step(
            cid,
            Step.APPROVAL,
            admitted + timedelta(days=40),
            {"approver": "中共城南区住房和城乡建设局机关委员会", "approver_kind": "党委"},
        )
        for step, days in ((Step.APPROVAL_FILED, 50), (Step.PLACEMENT, 50), (Step.OATH, 60)):
            demo.step(cid, step, admitted + timedelta(days=days))
        demo.records(cid, admitted, demo.today)
        count += 1
    return count
