"""The narrative paragraphs of a unit's year-end summary, as the secretary edited them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import ReportText


def texts(s: Session, unit_id: int, year: int) -> dict[str, str]:
    """The year's edited paragraphs keyed by paragraph key."""
    rows = s.scalars(
        select(ReportText).where(ReportText.unit_id == unit_id, ReportText.year == year)
    )
    return {r.key: r.text for r in rows}


def store(s: Session, unit_id: int, year: int, key: str, text: str, now: datetime) -> None:
    """Keep ``text`` as the paragraph ``key``; an empty text removes the edited paragraph."""
    row = s.scalar(
        select(ReportText).where(
            ReportText.unit_id == unit_id, ReportText.year == year, ReportText.key == key
        )
    )
    if not text:
        if row is not None:
            s.delete(row)
    elif row is None:
        s.add(ReportText(unit_id=unit_id, year=year, key=key, text=text, updated_at=now))
    elif row.text != text:
        row.text, row.updated_at = text, now
