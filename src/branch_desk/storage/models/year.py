"""A unit's year: the summary's edited texts, honours and study focus."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Keyed, OfUnit


class ReportText(OfUnit, Base):
    """A narrative paragraph of a unit's year-end summary, as the secretary edited it."""

    __tablename__ = "report_texts"
    __table_args__ = (UniqueConstraint("unit_id", "year", "key"),)

    year: Mapped[int]
    key: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime]


class Honour(OfUnit, Base):
    """An honour (表彰): to a member (member_id) or to the branch itself (member_id None)."""

    __tablename__ = "honours"

    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"), index=True)
    recipient: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(20), default="")
    issuer: Mapped[str] = mapped_column(String(100), default="")
    awarded_on: Mapped[date]
    note: Mapped[str] = mapped_column(Text, default="")


class StudyFocus(Keyed, Base):
    """One item of a unit's 学习重点 for a year, in the order the secretary keeps them."""

    __tablename__ = "study_focus"
    __table_args__ = (Index("ix_study_focus_unit_year", "unit_id", "year"),)

    unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"))
    year: Mapped[int]
    sort_order: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(String(200))
