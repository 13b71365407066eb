"""The roster: members, their dated status history and their voting exclusions."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, OfMember, OfUnit, Stamped

if TYPE_CHECKING:
    from .org import OrgUnit


class Member(OfUnit, Stamped, Base):
    """A Party member on (or once on) the branch's roster."""

    __tablename__ = "members"
    __table_args__ = (Index("ix_members_name_birth", "name", "birth_date"),)

    group_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    gender: Mapped[str] = mapped_column(String(2))
    ethnicity: Mapped[str] = mapped_column(String(20), default="")
    birth_date: Mapped[date | None]
    id_number: Mapped[str | None] = mapped_column(String(18), unique=True)
    education: Mapped[str] = mapped_column(String(30), default="")
    category: Mapped[str] = mapped_column(String(10))
    party_status: Mapped[str] = mapped_column(String(4))
    joined_on: Mapped[date | None]
    full_member_on: Mapped[date | None]
    phone: Mapped[str] = mapped_column(String(30), default="")
    work_unit: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    roster_status: Mapped[str] = mapped_column(String(10), index=True)

    unit: Mapped[OrgUnit] = relationship(foreign_keys="Member.unit_id")
    group: Mapped[OrgUnit | None] = relationship(foreign_keys=[group_id])
    history: Mapped[list[MemberStatusChange]] = relationship(
        back_populates="member",
        order_by="MemberStatusChange.effective_on, MemberStatusChange.id",
    )


class MemberStatusChange(OfMember, Base):
    """A dated entry of a member's roster history (登记在册, 转入, 转出, 停止党籍 …)."""

    __tablename__ = "member_status_changes"

    kind: Mapped[str] = mapped_column(String(10))
    effective_on: Mapped[date]
    place: Mapped[str] = mapped_column(String(200), default="")
    letter_no: Mapped[str] = mapped_column(String(60), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]

    member: Mapped[Member] = relationship(back_populates="history")


class VotingExclusion(OfMember, Base):
    """A dated reason a full member does not count in E (留党察看, 留置, approved absences)."""

    __tablename__ = "voting_exclusions"

    kind: Mapped[str] = mapped_column(String(30))
    start_on: Mapped[date]
    end_on: Mapped[date | None]
    upper_ref: Mapped[str] = mapped_column(String(100), default="")
    assembly_ref: Mapped[str] = mapped_column(String(100), default="")
    note: Mapped[str] = mapped_column(Text, default="")
