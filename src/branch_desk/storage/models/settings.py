"""A unit's own rule settings."""

from __future__ import annotations

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, OfUnit


class RuleSetting(OfUnit, Base):
    """A unit's own value for one rule setting (defaults live in domain/rules/settings.py)."""

    __tablename__ = "rule_settings"
    __table_args__ = (UniqueConstraint("unit_id", "key"),)

    key: Mapped[str] = mapped_column(String(60))
    value: Mapped[str] = mapped_column(String(200))
