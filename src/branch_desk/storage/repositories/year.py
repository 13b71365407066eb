"""A unit's year records beyond meetings: honours (表彰) and each year's 学习重点."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ...domain.copying import record_from
from ...domain.honours import HonourRecord
from ..models import Honour, StudyFocus
from .rows import existing


def focus(s: Session, unit_id: int, year: int) -> list[str]:
    """The year's 学习重点 in the secretary's order."""
    rows = s.scalars(
        select(StudyFocus)
        .where(StudyFocus.unit_id == unit_id, StudyFocus.year == year)
        .order_by(StudyFocus.sort_order, StudyFocus.id)
    )
    return [r.text for r in rows]


def replace_focus(s: Session, unit_id: int, year: int, items: list[str]) -> None:
    """Replace the year's 学习重点 with ``items``, in that order."""
    s.execute(delete(StudyFocus).where(StudyFocus.unit_id == unit_id, StudyFocus.year == year))
    for order, text in enumerate(items, start=1):
        s.add(StudyFocus(unit_id=unit_id, year=year, sort_order=order, text=text))


def honours(s: Session, unit_id: int, year: int | None = None) -> list[HonourRecord]:
    """The unit's honours (of one year when given), oldest first."""
    query = select(Honour).where(Honour.unit_id == unit_id)
    if year is not None:
        query = query.where(
            Honour.awarded_on >= date(year, 1, 1), Honour.awarded_on <= date(year, 12, 31)
        )
    rows = s.scalars(query.order_by(Honour.awarded_on, Honour.id))
    return [honour_record(r) for r in rows]


def honour(s: Session, honour_id: int) -> HonourRecord:
    """One honour; NotFound when there is none."""
    return honour_record(_honour_row(s, honour_id))


def save_honour(s: Session, record: HonourRecord) -> HonourRecord:
    """Insert (``record.id`` 0) or overwrite an honour with the record's cleaned values."""
    row = Honour(unit_id=record.unit_id) if record.id == 0 else _honour_row(s, record.id)
    row.member_id = record.member_id
    row.recipient = record.recipient
    row.title = record.title
    row.level = record.level
    row.issuer = record.issuer
    row.awarded_on = record.awarded_on
    row.note = record.note
    if record.id == 0:
        s.add(row)
    s.flush()
    return honour_record(row)


def delete_honour(s: Session, honour_id: int) -> None:
    s.delete(_honour_row(s, honour_id))


def _honour_row(s: Session, honour_id: int) -> Honour:
    return existing(s, Honour, honour_id, f"找不到编号为 {honour_id} 的表彰记录。")


def honour_record(r: Honour) -> HonourRecord:
    return record_from(HonourRecord, r)
