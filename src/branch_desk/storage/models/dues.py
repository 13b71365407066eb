"""党费: assessments, payments and the months they pay, remittances."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Keyed, OfMember, OfUnit, owned_rows


class DuesAssessment(OfMember, Base):
    """A member's dues base and monthly due for a year, from a month on (核定; mid-year changes)."""

    __tablename__ = "dues_assessments"
    __table_args__ = (UniqueConstraint("member_id", "year", "from_month"),)

    year: Mapped[int] = mapped_column(index=True)
    from_month: Mapped[int] = mapped_column(default=1)
    category: Mapped[str] = mapped_column(String(10))
    base_fen: Mapped[int] = mapped_column(default=0)
    parts: Mapped[str] = mapped_column(Text, default="")
    rate_bp: Mapped[int | None]
    computed_fen: Mapped[int] = mapped_column(default=0)
    monthly_due_fen: Mapped[int] = mapped_column(default=0)
    reduction: Mapped[str] = mapped_column(String(4), default="无")
    approval_ref: Mapped[str] = mapped_column(String(100), default="")
    explanation: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    # The year this base was carried forward from (沿用上年基数) until it is confirmed; None
    # for a base assessed or confirmed for its own year.
    carried_from: Mapped[int | None]
    created_at: Mapped[datetime]


class DuesPayment(OfMember, Base):
    """A payment (or the reversal of one) covering one or more months."""

    __tablename__ = "dues_payments"

    paid_on: Mapped[date] = mapped_column(index=True)
    amount_fen: Mapped[int]
    extra_fen: Mapped[int] = mapped_column(default=0)
    method: Mapped[str] = mapped_column(String(10), default="现金")
    collector: Mapped[str] = mapped_column(String(60), default="")
    reversal_of_id: Mapped[int | None] = mapped_column(ForeignKey("dues_payments.id"), index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]

    months: Mapped[list[DuesPaymentMonth]] = owned_rows("DuesPaymentMonth.month")


class DuesPaymentMonth(Keyed, Base):
    """The part of a payment that pays one month's due."""

    __tablename__ = "dues_payment_months"
    __table_args__ = (Index("ix_dues_payment_months_member_month", "member_id", "month"),)

    payment_id: Mapped[int] = mapped_column(ForeignKey("dues_payments.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    month: Mapped[date] = mapped_column(index=True)
    amount_fen: Mapped[int]


class DuesRemittance(OfUnit, Base):
    """Dues handed up to the upper committee (上缴)."""

    __tablename__ = "dues_remittances"

    remitted_on: Mapped[date]
    amount_fen: Mapped[int]
    large_fen: Mapped[int] = mapped_column(default=0)
    covers: Mapped[str] = mapped_column(String(100), default="")
    receipt_no: Mapped[str] = mapped_column(String(60), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
