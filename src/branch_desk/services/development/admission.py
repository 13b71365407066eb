"""Admission and 转正 change the roster: the approved 预备党员 joins it, 转正 makes them 正式.

``sync_roster`` runs after every step written (by hand or by an import): it creates the member
when the admission is approved (or links one already on the roll), keeps their 入党日期 on the
admission meeting, and on the 转正 approval makes them 正式党员 — or, when the meeting decided
so, records 取消预备党员资格.
"""

from __future__ import annotations

from datetime import date, datetime

from ...domain.candidate_records import RollEntry, StoredCandidate
from ...domain.development import FullOutcome, Step
from ...domain.errors import UserError
from ...domain.members import RosterStatus, StatusChangeKind
from ...domain.rules.development import party_age_start
from ...domain.rules.development_admission import approver_problem
from ...storage.repositories import Session
from ...storage.repositories import candidates as repo

ADMITTED_NOTE = "由发展党员程序转入"


def sync_roster(s: Session, candidate: StoredCandidate, now: datetime) -> None:
    """Create the 预备党员 on approval of the admission; make them 正式 on 转正 approval."""
    facts = candidate.facts
    admitted = facts.day(Step.ADMISSION)
    approval = facts.steps.get(Step.APPROVAL)
    if admitted is None or approval is None or approval.get("approved") is False:
        return
    if approver_problem(str(approval.get("approver_kind") or "")):
        return  # a 党总支 cannot approve: the finding asks for a valid approval first
    member = repo.member(s, candidate.member_id) if candidate.member_id else None
    if member is None:
        member = _admit(s, candidate, admitted, now)
    if member.joined_on is None or member.notes == ADMITTED_NOTE:
        repo.set_joined_on(s, member.id, admitted)
    vote = facts.steps.get(Step.FULL_VOTE)
    if facts.has(Step.FULL_APPROVAL) and vote is not None:
        if vote.get("outcome") == FullOutcome.CANCEL.value:
            _cancel(s, member, facts.day(Step.FULL_APPROVAL) or vote.day, now)
        else:
            repo.make_full(s, member.id, party_age_start(facts))
    repo.touch_member(s, member.id, now)


def _admit(s: Session, candidate: StoredCandidate, admitted: date, now: datetime) -> RollEntry:
    """The member the candidate becomes: one already on the unit's roll, else a new one."""
    if candidate.id_number:
        existing = repo.member_with_id_number(s, candidate.id_number)
        if existing is not None and existing.unit_id != candidate.unit_id:
            raise UserError(
                f"{candidate.name}的身份证号已在其他党组织的名册中（{existing.name}），请核实后再登记审批。"
            )
    else:
        existing = repo.member_named(s, candidate.unit_id, candidate.name, candidate.birth_date)
    if existing is None:
        existing = repo.add_member(s, candidate, admitted, ADMITTED_NOTE, now)
        repo.add_status_change(
            s, existing.id, StatusChangeKind.REGISTERED, admitted, "支部大会接收为预备党员", now
        )
    repo.set_member(s, candidate.id, existing.id)
    return existing


def _cancel(s: Session, member: RollEntry, on: date, now: datetime) -> None:
    if member.roster_status is RosterStatus.CANCELLED:
        return
    repo.add_status_change(
        s, member.id, StatusChangeKind.CANCEL_PROBATION, on, "支部大会决定取消预备党员资格", now
    )
    repo.set_roster_status(s, member.id, RosterStatus.CANCELLED)
