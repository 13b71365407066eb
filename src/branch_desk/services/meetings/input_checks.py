"""Checking an event input before it is saved: every problem, in the editor's words."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ...domain.appraisal import APPRAISAL_GRADES
from ...domain.errors import NotFound, Problem, ValidationFailed
from ...domain.events import AttendanceStatus, EventInput, EventType
from ...domain.org import OrgUnitKind
from ...domain.rules.numbers import TallyFacts, number_problems
from ...domain.rules.settings import MAX_KIND
from ...domain.rules.votes import is_voting_member
from ...domain.text import clean
from ...storage.repositories import Session, units
from ..roster.people import load_facts
from .attendance import attendance_or_expected

MAX_STUDY_HOURS = Decimal(24)


def raise_errors(problems: list[Problem]) -> None:
    """Refuse the input (ValidationFailed) when any problem is an error."""
    if any(p.is_error for p in problems):
        raise ValidationFailed(problems)


def check_event(s: Session, unit_id: int, data: EventInput, today: date) -> list[Problem]:
    """Return every problem with an event input for ``unit_id``, saving nothing."""
    problems = _place_and_time(s, unit_id, data, today)
    problems += _fields(data)
    if data.votes or data.attendance is not None:
        problems += _number_problems(s, unit_id, data)
    return problems


def _place_and_time(s: Session, unit_id: int, data: EventInput, today: date) -> list[Problem]:
    """The unit, the 党小组, the day and the times."""
    problems: list[Problem] = []
    if units.require(s, unit_id).kind is OrgUnitKind.GROUP:
        problems.append(Problem("unit", "党组织", "会议应记在党支部下（党小组会请选择党小组）"))
    if data.day > today:
        problems.append(Problem("day", "日期", "不能晚于今天（计划中的会议可先打印签到表）"))
    if data.start and data.end and data.end <= data.start:
        problems.append(Problem("end", "结束时间", "应晚于开始时间"))
    if data.type is EventType.GROUP_MEETING and not _own_group(s, unit_id, data.group_id):
        problems.append(Problem("group_id", "党小组", "党小组会须选择本支部的党小组"))
    return problems


def _own_group(s: Session, unit_id: int, group_id: int | None) -> bool:
    if not group_id:
        return False
    try:
        return units.require(s, group_id).parent_id == unit_id
    except NotFound:
        return False


def _fields(data: EventInput) -> list[Problem]:
    """Types, 学时, 活动类别, attendance names and grades, vote subjects and numbers."""
    problems: list[Problem] = []
    if data.type in data.also:
        problems.append(Problem("also", "同时计为", "不能与会议类型重复"))
    if not Decimal(0) <= data.study_hours <= MAX_STUDY_HOURS:
        problems.append(Problem("study_hours", "学时", f"应在0到{MAX_STUDY_HOURS}之间"))
    if len(clean(data.activity_kind)) > MAX_KIND:
        problems.append(Problem("activity_kind", "活动类别", f"过长（最多{MAX_KIND}字）"))
    for index, line in enumerate(data.attendance or (), start=1):
        if not clean(line.name):
            problems.append(Problem("attendance", "参会人员", f"第{index}行姓名为空"))
        if line.grade and line.grade not in APPRAISAL_GRADES:
            allowed = "、".join(APPRAISAL_GRADES)
            problems.append(Problem("grades", "评议等次", f"“{line.grade}”应为：{allowed}"))
    for index, vote in enumerate(data.votes, start=1):
        if not clean(vote.subject):
            problems.append(Problem("votes", "表决事项", f"第{index}项表决未填写事项"))
        if min(vote.yes, vote.no, vote.abstain, vote.written_yes, vote.written_no) < 0:
            problems.append(Problem("votes", "表决事项", f"第{index}项表决票数不能为负"))
    return problems


def _number_problems(s: Session, unit_id: int, data: EventInput) -> list[Problem]:
    """Return the impossible numbers of an input (votes over those present who may vote)."""
    lines = attendance_or_expected(s, unit_id, data)
    counted = [a for a in lines if a.status is not AttendanceStatus.OBSERVER]
    present = [a for a in counted if a.status is AttendanceStatus.PRESENT]
    voters = len(present)
    if data.type is not EventType.COMMITTEE and data.votes:
        facts = {f.member_id: f for f in load_facts(s, unit_id)}
        voters = sum(
            1
            for a in present
            if a.member_id in facts and is_voting_member(facts[a.member_id], data.day)
        )
    tallies = [
        TallyFacts(f"第{n}项表决“{clean(v.subject)}”", v.yes, v.no, v.abstain, voters)
        for n, v in enumerate(data.votes, start=1)
    ]
    absent = len(counted) - len(present)
    return number_problems(len(counted), len(present), absent, tallies)
