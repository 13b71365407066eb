"""Writing and removing a candidate's steps; the vote of a linked 支部党员大会 as step details."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ...domain.copying import values_of
from ...domain.development import Step, StepRecord
from ...domain.errors import UserError
from ...domain.events import EventRecord, EventType, VoteKind
from ...domain.rules.votes import STEP_VOTE_KEYS
from ...storage.repositories import Session
from ...storage.repositories import candidates as repo
from .admission import sync_roster

# The steps decided by a vote of the 支部党员大会 (a meeting record can be linked).
VOTED_STEPS = (Step.ADMISSION, Step.FULL_VOTE)
# The steps that change the roster once recorded (they cannot be removed afterwards).
ROSTER_STEPS = (Step.ADMISSION, Step.APPROVAL, Step.FULL_VOTE, Step.FULL_APPROVAL)


def require_assembly(event: EventRecord) -> None:
    """Refuse a linked meeting that is not a 支部党员大会."""
    if not event.counts_as(EventType.BRANCH_ASSEMBLY):
        raise UserError("应关联支部党员大会的会议记录。")


def vote_details(
    event: EventRecord, name: str, step: Step, data: dict[str, Any]
) -> tuple[date, dict[str, Any]]:
    """The meeting's day, and ``data`` with the method and tally of its vote about ``name``."""
    kind = VoteKind.ADMISSION if step is Step.ADMISSION else VoteKind.FULL_MEMBERSHIP
    votes = [v for v in event.votes if v.kind is kind]
    named = [v for v in votes if name in v.subject]
    chosen = named or votes
    if len(chosen) != 1:
        raise UserError(
            f"在{event.day.isoformat()}的支部党员大会记录中找不到关于{name}的“{kind.value}”表决。"
        )
    vote = chosen[0]
    data.update(method=vote.method.value, **values_of(vote, STEP_VOTE_KEYS))
    return event.day, data


def save_step(
    s: Session, candidate_id: int, record: StepRecord, event_id: int | None, now: datetime
) -> None:
    """Record (or correct) a step of a candidate still in the procedure; update the roster."""
    candidate = repo.require(s, candidate_id)
    if candidate.ended:
        raise UserError(f"{candidate.name}的发展程序已终止（{candidate.ended}），不能再登记步骤。")
    repo.put_linked_step(s, candidate_id, record, event_id)
    repo.touch(s, candidate_id, now)
    s.flush()
    sync_roster(s, repo.require(s, candidate_id), now)


def delete_step(s: Session, candidate_id: int, step: Step, now: datetime) -> None:
    """Remove a step recorded by mistake (not once it has changed the roster)."""
    candidate = repo.require(s, candidate_id)
    if candidate.member_id is not None and step in ROSTER_STEPS:
        raise UserError("该步骤已据以更新党员名册，不能删除；如有误请修改其日期或内容。")
    repo.delete_step(s, candidate_id, step)
    repo.touch(s, candidate_id, now)
    s.flush()
