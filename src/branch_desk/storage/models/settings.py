"""A unit's own rule settings."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class RuleSetting(Base):
    """A unit's own value for one rule setting (defaults live in domain/rules/settings.py)."""

    __tablename__ = "rule_settings"
    __table_args__ = (UniqueConstraint("unit_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"), index=True)
    key: Mapped[str] = mapped_column(String(60))
    value: Mapped[str] = mapped_column(String(200))
