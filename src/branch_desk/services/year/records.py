"""The records a year-end summary needs beyond meetings: honours and the year's 学习重点."""

from __future__ import annotations

from ...domain.errors import UserError, ValidationFailed
from ...domain.honours import HonourInput, HonourRecord, honour_problems, tidy_focus
from ...domain.text import clean
from ...domain.year_snapshot import FIRST_YEAR, LAST_YEAR
from ...storage.database import Database
from ...storage.repositories import Session, members, units
from ...storage.repositories import year as year_records
from ..outcome import Area, Outcome, changed


class YearRecordsService:
    """Keep a unit's honours (表彰) and each year's 学习重点."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # ---- 学习重点 ------------------------------------------------------------------------------

    def focus(self, unit_id: int, year: int) -> list[str]:
        """Return the year's 学习重点 in the secretary's order."""
        with self.db.session() as s:
            return year_records.focus(s, unit_id, year)

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
            year_records.replace_focus(s, unit_id, year, tidy)
        return changed(tidy, Area.REPORTS)

    # ---- 表彰 -----------------------------------------------------------------------------------

    def honours(self, unit_id: int, year: int | None = None) -> list[HonourRecord]:
        """Return the unit's honours (of one year when given), oldest first."""
        with self.db.session() as s:
            return year_records.honours(s, unit_id, year)

    def add_honour(self, unit_id: int, data: HonourInput) -> Outcome[HonourRecord]:
        """Record an honour; a member's honour carries the member's name from the roll."""
        self._check(data)
        with self.db.session() as s:
            units.require(s, unit_id)
            record = year_records.save_honour(s, _record(s, 0, unit_id, data))
            return changed(record, Area.REPORTS)

    def edit_honour(self, honour_id: int, data: HonourInput) -> Outcome[HonourRecord]:
        """Change an honour."""
        self._check(data)
        with self.db.session() as s:
            current = year_records.honour(s, honour_id)
            record = year_records.save_honour(s, _record(s, honour_id, current.unit_id, data))
            return changed(record, Area.REPORTS)

    def delete_honour(self, honour_id: int) -> Outcome[None]:
        """Delete an honour."""
        with self.db.session() as s:
            year_records.delete_honour(s, honour_id)
        return changed(None, Area.REPORTS)

    def _check(self, data: HonourInput) -> None:
        problems = honour_problems(data, self.db.clock().date())
        if problems:
            raise ValidationFailed(problems)


def _record(s: Session, honour_id: int, unit_id: int, data: HonourInput) -> HonourRecord:
    """The honour as it will be stored: cleaned text, a member's name from the roll."""
    recipient = clean(data.recipient)
    if data.member_id is not None:
        member = members.require(s, data.member_id)
        if member.unit_id != unit_id:
            raise UserError(f"{member.name}不是本支部的党员，不能登记为本支部的表彰对象。")
        recipient = member.name
    return HonourRecord(
        honour_id,
        unit_id,
        data.member_id,
        recipient,
        clean(data.title),
        clean(data.level),
        clean(data.issuer),
        data.awarded_on,
        data.note.strip(),
    )
