"""The demo's 支部党员大会 that vote on an admission or a 转正 (found again by the development demo)."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, time
from typing import TYPE_CHECKING

from ...domain.events import (
    AttendanceInput,
    AttendanceStatus,
    EventInput,
    EventType,
    VoteInput,
    VoteKind,
    VoteMethod,
)
from ...domain.members import MemberRecord
from ...domain.rules.votes import is_voting_member
from .event_builder import PLACE, EventBuilder

if TYPE_CHECKING:
    from ..app import BranchDesk


def admission(build: EventBuilder, day: date, member: MemberRecord) -> None:
    """Hold the 支部党员大会 that admitted ``member`` as a 预备党员."""
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
    return _vote_assembly(EventBuilder(desk, unit_id, rng, desk.roster.today()), day, name, kind)


def _vote_assembly(
    build: EventBuilder, day: date, name: str, kind: VoteKind, member_id: int | None = None
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
