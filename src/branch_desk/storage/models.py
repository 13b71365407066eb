"""SQLAlchemy ORM models. Rows stay inside storage/; callers get frozen dataclasses."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


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
    created_at: Mapped[datetime]

    parent: Mapped[OrgUnit | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[OrgUnit]] = relationship(
        back_populates="parent", order_by="OrgUnit.sort_order, OrgUnit.id"
    )


class Officer(Base):
    """A position (书记, 委员, 党小组组长 …) held for a term."""

    __tablename__ = "officers"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"), index=True)
    person_name: Mapped[str] = mapped_column(String(60))
    term_start: Mapped[date | None]
    term_end: Mapped[date | None]
    sort_order: Mapped[int] = mapped_column(default=0)


class Member(Base):
    """A Party member on (or once on) the branch's roster."""

    __tablename__ = "members"
    __table_args__ = (Index("ix_members_name_birth", "name", "birth_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"), index=True)
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
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    unit: Mapped[OrgUnit] = relationship(foreign_keys=[unit_id])
    group: Mapped[OrgUnit | None] = relationship(foreign_keys=[group_id])
    history: Mapped[list[MemberStatusChange]] = relationship(
        back_populates="member",
        order_by="MemberStatusChange.effective_on, MemberStatusChange.id",
    )


class MemberStatusChange(Base):
    """A dated entry of a member's roster history (登记在册, 转入, 转出, 停止党籍 …)."""

    __tablename__ = "member_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    effective_on: Mapped[date]
    place: Mapped[str] = mapped_column(String(200), default="")
    letter_no: Mapped[str] = mapped_column(String(60), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]

    member: Mapped[Member] = relationship(back_populates="history")


class AuditEntry(Base):
    """One field of one change: what it was, what it became, when and by whom."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    actor: Mapped[str] = mapped_column(String(60), default="")
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int]
    action: Mapped[str] = mapped_column(String(10))
    field: Mapped[str | None] = mapped_column(String(40))
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
