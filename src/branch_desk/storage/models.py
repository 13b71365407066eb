"""SQLAlchemy ORM models. Rows stay inside storage/; callers get frozen dataclasses."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import ForeignKey, Index, MetaData, String, Text, UniqueConstraint
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
    # 台账起始日期: periods that end before it are not findings (None: no limit).
    ledger_start: Mapped[date | None]
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


class RuleSetting(Base):
    """A unit's own value for one rule setting (defaults live in domain/rules/settings.py)."""

    __tablename__ = "rule_settings"
    __table_args__ = (UniqueConstraint("unit_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"), index=True)
    key: Mapped[str] = mapped_column(String(60))
    value: Mapped[str] = mapped_column(String(200))


class VotingExclusion(Base):
    """A dated reason a full member does not count in E (留党察看, 留置, approved absences)."""

    __tablename__ = "voting_exclusions"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    start_on: Mapped[date]
    end_on: Mapped[date | None]
    upper_ref: Mapped[str] = mapped_column(String(100), default="")
    assembly_ref: Mapped[str] = mapped_column(String(100), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class Event(Base):
    """A meeting or activity; its type plus any further types it also counts as."""

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_unit_day", "unit_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
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
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    extra_types: Mapped[list[EventExtraType]] = relationship(
        cascade="all, delete-orphan", order_by="EventExtraType.id"
    )
    attendance: Mapped[list[Attendance]] = relationship(
        cascade="all, delete-orphan", order_by="Attendance.sort_order, Attendance.id"
    )
    votes: Mapped[list[Vote]] = relationship(
        cascade="all, delete-orphan", order_by="Vote.sort_order, Vote.id"
    )
    attachments: Mapped[list[EventAttachment]] = relationship(
        cascade="all, delete-orphan", order_by="EventAttachment.id"
    )


class EventExtraType(Base):
    """A further type an event counts as (e.g. a 主题党日 held as a 支部党员大会)."""

    __tablename__ = "event_extra_types"
    __table_args__ = (UniqueConstraint("event_id", "type"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    type: Mapped[str] = mapped_column(String(20))


class Attendance(Base):
    """One person's attendance: a member (member_id) or a named non-member observer."""

    __tablename__ = "attendance"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"), index=True)
    person_name: Mapped[str] = mapped_column(String(60))
    status: Mapped[str] = mapped_column(String(4))
    reason: Mapped[str | None] = mapped_column(String(4))
    reason_text: Mapped[str] = mapped_column(String(200), default="")
    # 民主评议党员: the member's grade (AppraisalGrade); None when not graded.
    grade: Mapped[str | None] = mapped_column(String(4))
    sort_order: Mapped[int] = mapped_column(default=0)


class Vote(Base):
    """A vote taken at an event, with its tally."""

    __tablename__ = "votes"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    subject: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(10))
    method: Mapped[str] = mapped_column(String(10))
    yes: Mapped[int] = mapped_column(default=0)
    no: Mapped[int] = mapped_column(default=0)
    abstain: Mapped[int] = mapped_column(default=0)
    written_yes: Mapped[int] = mapped_column(default=0)
    written_no: Mapped[int] = mapped_column(default=0)
    sort_order: Mapped[int] = mapped_column(default=0)


class StoredFile(Base):
    """A file kept once under attachments/ by its SHA-256, however often it is attached."""

    __tablename__ = "stored_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int]
    original_name: Mapped[str] = mapped_column(String(255))
    added_at: Mapped[datetime]


class EventAttachment(Base):
    """A file attached to an event (photo, sign-in sheet scan, 讲稿 …)."""

    __tablename__ = "event_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("stored_files.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(String(200))

    file: Mapped[StoredFile] = relationship()


class DuesAssessment(Base):
    """A member's dues base and monthly due for a year, from a month on (核定; mid-year changes)."""

    __tablename__ = "dues_assessments"
    __table_args__ = (UniqueConstraint("member_id", "year", "from_month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
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


class DuesPayment(Base):
    """A payment (or the reversal of one) covering one or more months."""

    __tablename__ = "dues_payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    paid_on: Mapped[date] = mapped_column(index=True)
    amount_fen: Mapped[int]
    extra_fen: Mapped[int] = mapped_column(default=0)
    method: Mapped[str] = mapped_column(String(10), default="现金")
    collector: Mapped[str] = mapped_column(String(60), default="")
    reversal_of_id: Mapped[int | None] = mapped_column(ForeignKey("dues_payments.id"), index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]

    months: Mapped[list[DuesPaymentMonth]] = relationship(
        cascade="all, delete-orphan", order_by="DuesPaymentMonth.month"
    )


class DuesPaymentMonth(Base):
    """The part of a payment that pays one month's due."""

    __tablename__ = "dues_payment_months"
    __table_args__ = (Index("ix_dues_payment_months_member_month", "member_id", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("dues_payments.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    month: Mapped[date] = mapped_column(index=True)
    amount_fen: Mapped[int]


class DuesRemittance(Base):
    """Dues handed up to the upper committee (上缴)."""

    __tablename__ = "dues_remittances"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"), index=True)
    remitted_on: Mapped[date]
    amount_fen: Mapped[int]
    large_fen: Mapped[int] = mapped_column(default=0)
    covers: Mapped[str] = mapped_column(String(100), default="")
    receipt_no: Mapped[str] = mapped_column(String(60), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]


class Candidate(Base):
    """A person in the development pipeline (入党申请人 → 正式党员)."""

    __tablename__ = "candidates"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"), index=True)
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
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    steps: Mapped[list[CandidateStep]] = relationship(
        cascade="all, delete-orphan", order_by="CandidateStep.day, CandidateStep.id"
    )
    records: Mapped[list[CandidateRecord]] = relationship(
        cascade="all, delete-orphan", order_by="CandidateRecord.day"
    )


class CandidateStep(Base):
    """One step of the 25 done on a day; its details as JSON (people, results, numbers)."""

    __tablename__ = "candidate_steps"
    __table_args__ = (UniqueConstraint("candidate_id", "step"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id"), index=True)
    step: Mapped[str] = mapped_column(String(30))
    day: Mapped[date]
    data: Mapped[str] = mapped_column(Text, default="")
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id"))


class CandidateRecord(Base):
    """A 思想汇报 handed in or a half-yearly 培养考察 done."""

    __tablename__ = "candidate_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    day: Mapped[date]
    note: Mapped[str] = mapped_column(Text, default="")


class CandidateDocument(Base):
    """A file of the candidate's dossier (一人一档), stored by hash."""

    __tablename__ = "candidate_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id"), index=True)
    doc_kind: Mapped[str] = mapped_column(String(20))
    file_id: Mapped[int] = mapped_column(ForeignKey("stored_files.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    added_at: Mapped[datetime]

    file: Mapped[StoredFile] = relationship()


class CalendarDay(Base):
    """A user-entered holiday or 调休 working day (for years chinese-calendar lacks)."""

    __tablename__ = "calendar_days"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(unique=True)
    workday: Mapped[bool]
    note: Mapped[str] = mapped_column(String(100), default="")


class ReportText(Base):
    """A narrative paragraph of a unit's year-end summary, as the secretary edited it."""

    __tablename__ = "report_texts"
    __table_args__ = (UniqueConstraint("unit_id", "year", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"), index=True)
    year: Mapped[int]
    key: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime]


class Honour(Base):
    """An honour (表彰): to a member (member_id) or to the branch itself (member_id None)."""

    __tablename__ = "honours"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"), index=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"), index=True)
    recipient: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(20), default="")
    issuer: Mapped[str] = mapped_column(String(100), default="")
    awarded_on: Mapped[date]
    note: Mapped[str] = mapped_column(Text, default="")


class StudyFocus(Base):
    """One item of a unit's 学习重点 for a year, in the order the secretary keeps them."""

    __tablename__ = "study_focus"
    __table_args__ = (Index("ix_study_focus_unit_year", "unit_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"))
    year: Mapped[int]
    sort_order: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(String(200))
