"""The organisation tree (党委 … 党小组) and the positions held in it."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, OfUnit


class OrgUnit(Base):
    """党委 / 党总支 / 党支部 / 党小组, as a tree."""

    __tablename__ = "org_units"

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(100))
    upper_org: Mapped[str] = mapped_column(String(100), default="")
    elected_on: Mapped[date | None]
    term_years: Mapped[int] = mapped_column(default=3)
    sort_order: Mapped[int] = mapped_column(default=0)
    # 台账起始日期: periods that end before it are not findings (None: no limit).
    ledger_start: Mapped[date | None]
    created_at: Mapped[datetime]

    parent: Mapped[OrgUnit | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[OrgUnit]] = relationship(
        back_populates="parent", order_by="OrgUnit.sort_order, OrgUnit.id"
    )


class Officer(OfUnit, Base):
    """A position (书记, 委员, 党小组组长 …) held for a term."""

    __tablename__ = "officers"

    role: Mapped[str] = mapped_column(String(20))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"), index=True)
    person_name: Mapped[str] = mapped_column(String(60))
    term_start: Mapped[date | None]
    term_end: Mapped[date | None]
    sort_order: Mapped[int] = mapped_column(default=0)
