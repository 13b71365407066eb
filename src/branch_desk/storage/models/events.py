"""Meetings and activities: their extra types, attendance, votes and attached files."""

from __future__ import annotations

from datetime import date, time
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Keyed, OfEvent, Stamped, owned_rows

if TYPE_CHECKING:
    from .files import StoredFile


class Event(Keyed, Stamped, Base):
    """A meeting or activity; its type plus any further types it also counts as."""

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_unit_day", "unit_id", "day"),)

    unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"))
    group_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"), index=True)
    type: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200), default="")
    day: Mapped[date] = mapped_column(index=True)
    start_time: Mapped[time | None]
    end_time: Mapped[time | None]
    place: Mapped[str] = mapped_column(String(200), default="")
    session_label: Mapped[str] = mapped_column(String(60), default="")
    chair: Mapped[str] = mapped_column(String(60), default="")
    chair_note: Mapped[str] = mapped_column(String(200), default="")
    recorder: Mapped[str] = mapped_column(String(60), default="")
    lecturer: Mapped[str] = mapped_column(String(60), default="")
    lecture_topic: Mapped[str] = mapped_column(String(200), default="")
    agenda: Mapped[str] = mapped_column(Text, default="")
    minutes: Mapped[str] = mapped_column(Text, default="")
    resolutions: Mapped[str] = mapped_column(Text, default="")
    study_hours_tenths: Mapped[int] = mapped_column(default=0)
    # 活动类别 (志愿服务, 结对共建 …, from the setting activity.kinds); "" when not given.
    activity_kind: Mapped[str] = mapped_column(String(20), default="")

    extra_types: Mapped[list[EventExtraType]] = owned_rows("EventExtraType.id")
    attendance: Mapped[list[Attendance]] = owned_rows("Attendance.sort_order, Attendance.id")
    votes: Mapped[list[Vote]] = owned_rows("Vote.sort_order, Vote.id")
    attachments: Mapped[list[EventAttachment]] = owned_rows("EventAttachment.id")


class EventExtraType(OfEvent, Base):
    """A further type an event counts as (e.g. a 主题党日 held as a 支部党员大会)."""

    __tablename__ = "event_extra_types"
    __table_args__ = (UniqueConstraint("event_id", "type"),)

    type: Mapped[str] = mapped_column(String(20))


class Attendance(OfEvent, Base):
    """One person's attendance: a member (member_id) or a named non-member observer."""

    __tablename__ = "attendance"

    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"), index=True)
    person_name: Mapped[str] = mapped_column(String(60))
    status: Mapped[str] = mapped_column(String(4))
    reason: Mapped[str | None] = mapped_column(String(4))
    reason_text: Mapped[str] = mapped_column(String(200), default="")
    # 民主评议党员: the member's grade (AppraisalGrade); None when not graded.
    grade: Mapped[str | None] = mapped_column(String(4))
    sort_order: Mapped[int] = mapped_column(default=0)


class Vote(OfEvent, Base):
    """A vote taken at an event, with its tally."""

    __tablename__ = "votes"

    subject: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(10))
    method: Mapped[str] = mapped_column(String(10))
    yes: Mapped[int] = mapped_column(default=0)
    no: Mapped[int] = mapped_column(default=0)
    abstain: Mapped[int] = mapped_column(default=0)
    written_yes: Mapped[int] = mapped_column(default=0)
    written_no: Mapped[int] = mapped_column(default=0)
    sort_order: Mapped[int] = mapped_column(default=0)


class EventAttachment(OfEvent, Base):
    """A file attached to an event (photo, sign-in sheet scan, 讲稿 …)."""

    __tablename__ = "event_attachments"

    file_id: Mapped[int] = mapped_column(ForeignKey("stored_files.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(String(200))

    file: Mapped[StoredFile] = relationship()
