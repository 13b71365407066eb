"""The development pipeline (发展党员): candidates, their steps, records and dossier files."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, OfCandidate, OfUnit, Stamped, owned_rows

if TYPE_CHECKING:
    from .files import StoredFile


class Candidate(OfUnit, Stamped, Base):
    """A person in the development pipeline (入党申请人 → 正式党员)."""

    __tablename__ = "candidates"

    group_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"))
    name: Mapped[str] = mapped_column(String(60))
    gender: Mapped[str] = mapped_column(String(2))
    ethnicity: Mapped[str] = mapped_column(String(20), default="")
    birth_date: Mapped[date | None]
    id_number: Mapped[str | None] = mapped_column(String(18), unique=True)
    education: Mapped[str] = mapped_column(String(30), default="")
    category: Mapped[str] = mapped_column(String(10), default="在职")
    phone: Mapped[str] = mapped_column(String(30), default="")
    work_unit: Mapped[str] = mapped_column(String(200), default="")
    ended: Mapped[str | None] = mapped_column(String(10))
    ended_on: Mapped[date | None]
    ended_reason: Mapped[str] = mapped_column(Text, default="")
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"), index=True)
    notes: Mapped[str] = mapped_column(Text, default="")

    steps: Mapped[list[CandidateStep]] = owned_rows("CandidateStep.day, CandidateStep.id")
    records: Mapped[list[CandidateRecord]] = owned_rows("CandidateRecord.day")


class CandidateStep(OfCandidate, Base):
    """One step of the 25 done on a day; its details as JSON (people, results, numbers)."""

    __tablename__ = "candidate_steps"
    __table_args__ = (UniqueConstraint("candidate_id", "step"),)

    step: Mapped[str] = mapped_column(String(30))
    day: Mapped[date]
    data: Mapped[str] = mapped_column(Text, default="")
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id"))


class CandidateRecord(OfCandidate, Base):
    """A 思想汇报 handed in or a half-yearly 培养考察 done."""

    __tablename__ = "candidate_records"

    kind: Mapped[str] = mapped_column(String(10))
    day: Mapped[date]
    note: Mapped[str] = mapped_column(Text, default="")


class CandidateDocument(OfCandidate, Base):
    """A file of the candidate's dossier (一人一档), stored by hash."""

    __tablename__ = "candidate_documents"

    doc_kind: Mapped[str] = mapped_column(String(20))
    file_id: Mapped[int] = mapped_column(ForeignKey("stored_files.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    added_at: Mapped[datetime]

    file: Mapped[StoredFile] = relationship()
