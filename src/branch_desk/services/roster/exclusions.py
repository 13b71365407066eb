"""Dated reasons a full member does not count in E (表决权排除情形)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from ...domain.errors import NotFound, Problem, ValidationFailed
from ...domain.text import as_typed
from ...domain.voting import ExclusionKind
from ...storage.database import Database
from ...storage.models import VotingExclusion
from ..outcome import Area, Outcome, changed
from .members import _member


@dataclass(frozen=True, slots=True)
class ExclusionRecord:
    id: int
    member_id: int
    kind: ExclusionKind
    start_on: date
    end_on: date | None
    upper_ref: str
    assembly_ref: str
    note: str

    @property
    def approved(self) -> bool:
        """Tell whether it takes effect (automatic kinds, or both approvals recorded)."""
        return not self.kind.needs_approval or bool(self.upper_ref and self.assembly_ref)


@dataclass(frozen=True, slots=True)
class ExclusionInput:
    kind: ExclusionKind
    start_on: date
    end_on: date | None = None
    upper_ref: str = ""
    assembly_ref: str = ""
    note: str = ""


class ExclusionService:
    """Record when a member is not counted among those entitled to vote."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def list(self, member_id: int) -> list[ExclusionRecord]:
        with self.db.session() as s:
            rows = s.scalars(
                select(VotingExclusion)
                .where(VotingExclusion.member_id == member_id)
                .order_by(VotingExclusion.start_on)
            )
            return [_record(r) for r in rows]

    def add(self, member_id: int, data: ExclusionInput) -> Outcome[ExclusionRecord]:
        """Record an exclusion; approval-bound kinds need both references to take effect."""
        problems = []
        if data.end_on and data.end_on < data.start_on:
            problems.append(Problem("end_on", "结束日期", "不能早于开始日期"))
        if problems:
            raise ValidationFailed(problems)
        with self.db.session() as s:
            _member(s, member_id)
            row = VotingExclusion(
                member_id=member_id,
                kind=data.kind.value,
                start_on=data.start_on,
                end_on=data.end_on,
                upper_ref=as_typed(data.upper_ref),
                assembly_ref=as_typed(data.assembly_ref),
                note=data.note.strip(),
            )
            s.add(row)
            s.flush()
            return changed(_record(row), Area.MEMBERS, Area.EVENTS)

    def end(self, exclusion_id: int, end_on: date) -> Outcome[ExclusionRecord]:
        """Close an open exclusion on ``end_on``."""
        with self.db.session() as s:
            row = s.get(VotingExclusion, exclusion_id)
            if row is None:
                raise NotFound("找不到该记录。")
            if end_on < row.start_on:
                raise ValidationFailed([Problem("end_on", "结束日期", "不能早于开始日期")])
            row.end_on = end_on
            s.flush()
            return changed(_record(row), Area.MEMBERS, Area.EVENTS)


def _record(row: VotingExclusion) -> ExclusionRecord:
    return ExclusionRecord(
        row.id,
        row.member_id,
        ExclusionKind(row.kind),
        row.start_on,
        row.end_on,
        row.upper_ref,
        row.assembly_ref,
        row.note,
    )
