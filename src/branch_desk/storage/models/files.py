"""Files kept once under attachments/ by their SHA-256."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Keyed


class StoredFile(Keyed, Base):
    """A file kept once under attachments/ by its SHA-256, however often it is attached."""

    __tablename__ = "stored_files"

    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int]
    original_name: Mapped[str] = mapped_column(String(255))
    added_at: Mapped[datetime]
