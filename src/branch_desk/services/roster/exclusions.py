"""Dated reasons a full member does not count in E (表决权排除情形)."""

from __future__ import annotations

from datetime import date

from ...domain.errors import Problem, ValidationFailed
from ...domain.voting import ExclusionInput, ExclusionRecord
from ...storage.database import Database
from ...storage.repositories import members
from ..outcome import Area, Outcome, changed

__all__ = ["ExclusionInput", "ExclusionRecord", "ExclusionService"]


class ExclusionService:
    """Record when a member is not counted among those entitled to vote."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def list(self, member_id: int) -> list[ExclusionRecord]:
        with self.db.session() as s:
            return members.exclusions(s, member_id)

    def add(self, member_id: int, data: ExclusionInput) -> Outcome[ExclusionRecord]:
        """Record an exclusion; approval-bound kinds need both references to take effect."""
        problems = []
        if data.end_on and data.end_on < data.start_on:
            problems.append(Problem("end_on", "结束日期", "不能早于开始日期"))
        if problems:
            raise ValidationFailed(problems)
        with self.db.session() as s:
            record = members.add_exclusion(s, member_id, data)
            return changed(record, Area.MEMBERS, Area.EVENTS)

    def end(self, exclusion_id: int, end_on: date) -> Outcome[ExclusionRecord]:
        """Close an open exclusion on ``end_on``."""
        with self.db.session() as s:
            current = members.exclusion(s, exclusion_id)
            if end_on < current.start_on:
                raise ValidationFailed([Problem("end_on", "结束日期", "不能早于开始日期")])
            record = members.end_exclusion(s, exclusion_id, end_on)
            return changed(record, Area.MEMBERS, Area.EVENTS)
