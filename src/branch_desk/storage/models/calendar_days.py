"""User-entered holidays and 调休 working days."""

from __future__ import annotations

from datetime import date

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Keyed


class CalendarDay(Keyed, Base):
    """A user-entered holiday or 调休 working day (for years chinese-calendar lacks)."""

    __tablename__ = "calendar_days"

    day: Mapped[date] = mapped_column(unique=True)
    workday: Mapped[bool]
    note: Mapped[str] = mapped_column(String(100), default="")
