"""The records a year-end summary needs beyond meetings: honours and the year's 学习重点."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ...domain.errors import NotFound, UserError, ValidationFailed
from ...domain.honours import HonourInput, HonourRecord, honour_problems, tidy_focus
from ...domain.text import clean
from ...domain.year_snapshot import FIRST_YEAR, LAST_YEAR
from ...storage.database import Database
from ...storage.models import Honour, StudyFocus
from ...storage.repositories import units
from ..outcome import Area, Outcome, changed
from ..roster.members import _member


class YearRecordsService:
    """Keep a unit's honours (表彰) and each year's 学习重点."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # ---- 学习重点 ------------------------------------------------------------------------------

    def focus(self, unit_id: int, year: int) -> list[str]:
        """Return the year's 学习重点 in the secretary's order."""
        with self.db.session() as s:
            rows = s.scalars(
                select(StudyFocus)
                .where(StudyFocus.unit_id == unit_id, StudyFocus.year == year)
                .order_by(StudyFocus.sort_order, StudyFocus.id)
            )
            return [r.text for r in rows]

    def set_focus(self, unit_id: int, year: int, items: list[str]) -> Outcome[list[str]]:
        """Replace the year's 学习重点 with ``items`` (blank lines and repeats dropped)."""
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise UserError(f"年度“{year}”无效。")
        try:
            tidy = tidy_focus(items)
        except ValueError as e:
            raise UserError(str(e)) from None
        with self.db.session() as s:
            units.require(s, unit_id)
            s.execute(
                delete(StudyFocus).where(StudyFocus.unit_id == unit_id, StudyFocus.year == year)
            )
            for order, text in enumerate(tidy, start=1):
                s.add(StudyFocus(unit_id=unit_id, year=year, sort_order=order, text=text))
        return changed(tidy, Area.REPORTS)

    # ---- 表彰 -----------------------------------------------------------------------------------

    def honours(self, unit_id: int, year: int | None = None) -> list[HonourRecord]:
        """Return the unit's honours (of one year when given), oldest first."""
        with self.db.session() as s:
            query = select(Honour).where(Honour.unit_id == unit_id)
            if year is not None:
                query = query.where(
                    Honour.awarded_on >= date(year, 1, 1), Honour.awarded_on <= date(year, 12, 31)
                )
            rows = s.scalars(query.order_by(Honour.awarded_on, Honour.id))
            return [_record(r) for r in rows]

    def add_honour(self, unit_id: int, data: HonourInput) -> Outcome[HonourRecord]:
        """Record an honour; a member's honour carries the member's name from the roll."""
        self._check(data)
        with self.db.session() as s:
            units.require(s, unit_id)
            row = Honour(unit_id=unit_id)
            _fill(s, row, unit_id, data)
            s.add(row)
            s.flush()
            return changed(_record(row), Area.REPORTS)

    def edit_honour(self, honour_id: int, data: HonourInput) -> Outcome[HonourRecord]:
        """Change an honour."""
        self._check(data)
        with self.db.session() as s:
            row = _honour(s, honour_id)
            _fill(s, row, row.unit_id, data)
            s.flush()
            return changed(_record(row), Area.REPORTS)

    def delete_honour(self, honour_id: int) -> Outcome[None]:
        """Delete an honour."""
        with self.db.session() as s:
            s.delete(_honour(s, honour_id))
        return changed(None, Area.REPORTS)

    def _check(self, data: HonourInput) -> None:
        problems = honour_problems(data, self.db.clock().date())
        if problems:
            raise ValidationFailed(problems)


def _honour(s: Session, honour_id: int) -> Honour:
    row = s.get(Honour, honour_id)
    if row is None:
        raise NotFound(f"找不到编号为 {honour_id} 的表彰记录。")
    return row


def _fill(s: Session, row: Honour, unit_id: int, data: HonourInput) -> None:
    recipient = clean(data.recipient)
    if data.member_id is not None:
        member = _member(s, data.member_id)
        if member.unit_id != unit_id:
            raise UserError(f"{member.name}不是本支部的党员，不能登记为本支部的表彰对象。")
        recipient = member.name
    row.member_id = data.member_id
    row.recipient = recipient
    row.title = clean(data.title)
    row.level = clean(data.level)
    row.issuer = clean(data.issuer)
    row.awarded_on = data.awarded_on
    row.note = data.note.strip()


def _record(r: Honour) -> HonourRecord:
    return HonourRecord(
        r.id, r.unit_id, r.member_id, r.recipient, r.title, r.level, r.issuer, r.awarded_on, r.note
    )
