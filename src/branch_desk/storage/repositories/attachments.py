"""The stored files (attachments/ab/abcdef…): one row per SHA-256, however often attached."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.files import StoredFileRecord
from ..models import StoredFile


def keep(s: Session, sha256: str, size: int, original_name: str, now: datetime) -> StoredFileRecord:
    """The stored file with ``sha256``; added with this size and name when there is none yet."""
    row = s.scalar(select(StoredFile).where(StoredFile.sha256 == sha256))
    if row is None:
        row = StoredFile(sha256=sha256, size=size, original_name=original_name, added_at=now)
        s.add(row)
        s.flush()
    return _record(row)


def every_file(s: Session) -> list[StoredFileRecord]:
    """Every stored file, in the order they were added."""
    return [_record(r) for r in s.scalars(select(StoredFile).order_by(StoredFile.id))]


def _record(row: StoredFile) -> StoredFileRecord:
    return StoredFileRecord(row.id, row.sha256, row.size, row.original_name)
