"""Meetings and activities: record, read, prefill attendance, judge votes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...domain.appraisal import APPRAISAL_GRADES
from ...domain.errors import NotFound, Problem, ValidationFailed
from ...domain.events import (
    AbsenceReason,
    AttendanceLine,
    AttendanceStatus,
    EventRecord,
    EventType,
    VoteKind,
    VoteMethod,
    VoteRecord,
)
from ...domain.members import PartyStatus
from ...domain.org import OrgUnitKind
from ...domain.rules.numbers import TallyFacts, number_problems
from ...domain.rules.settings import MAX_KIND
from ...domain.rules.votes import Tally, is_voting_member, judge_meeting_vote
from ...domain.text import as_typed, clean
from ...domain.voting import MemberFacts, party_status_on
from ...storage.database import Database
from ...storage.models import Attendance, Event, EventAttachment, EventExtraType, OrgUnit, Vote
from ...storage.repositories import units
from ...storage.repositories.units import unit_names
from ..data.attachments import FileStore
from ..outcome import Area, Outcome, changed
from ..roster.people import committee_on, load_facts, roll_on

MAX_STUDY_HOURS = Decimal(24)


@dataclass(frozen=True, slots=True)
class AttendanceInput:
    name: str
    status: AttendanceStatus
    member_id: int | None = None
    reason: AbsenceReason | None = None
    reason_text: str = ""
    grade: str = ""  # 民主评议党员: the member's grade ('' when not graded)


@dataclass(frozen=True, slots=True)
class VoteInput:
    subject: str
    kind: VoteKind = VoteKind.GENERAL
    method: VoteMethod = VoteMethod.SHOW_OF_HANDS
    yes: int = 0
    no: int = 0
    abstain: int = 0
    written_yes: int = 0
    written_no: int = 0


@dataclass(frozen=True, slots=True)
class EventInput:
    """What the editor (or an import row) says about an event."""

    type: EventType
    day: date
    also: tuple[EventType, ...] = ()
    group_id: int | None = None
    title: str = ""
    start: time | None = None
    end: time | None = None
    place: str = ""
    session_label: str = ""
    chair: str = ""
    chair_note: str = ""
    recorder: str = ""
    lecturer: str = ""
    lecture_topic: str = ""
    agenda: tuple[str, ...] = ()
    minutes: str = ""
    resolutions: str = ""
    study_hours: Decimal = Decimal(0)
    attendance: tuple[AttendanceInput, ...] | None = None  # None: everyone expected, present
    votes: tuple[VoteInput, ...] = field(default=())
    activity_kind: str = ""  # 活动类别 (志愿服务, 结对共建 …); "" when not given


@dataclass(frozen=True, slots=True)
class AttachmentRecord:
    id: int
    kind: str
    title: str
    sha256: str
    size: int
    original_name: str


@dataclass(frozen=True, slots=True)
class RollOnDay:
    """Who is on the roll on a day, as 正式 or 预备, and who counts in E."""

    day: date
    standings: dict[int, PartyStatus]
    entitled: frozenset[int]


ATTACHMENT_KINDS = ("照片", "签到表", "讲稿", "会议材料", "其他")


class EventService:
    """Record and read meetings and activities for a unit."""

    def __init__(self, db: Database, files: FileStore) -> None:
        self.db = db
        self.files = files

    # ---- reading -------------------------------------------------------------------------

    def list(self, unit_id: int | None = None, year: int | None = None) -> list[EventRecord]:
        """Return events (of a unit, of a year), oldest first, with computed counts."""
        with self.db.session() as s:
            query = select(Event).order_by(Event.day, Event.start_time, Event.id)
            if unit_id is not None:
                query = query.where(Event.unit_id == unit_id)
            if year is not None:  # a range, so the (unit_id, day) index serves it
                query = query.where(Event.day.between(date(year, 1, 1), date(year, 12, 31)))
            rows = list(s.scalars(query))
            return _records(s, rows)

    def get(self, event_id: int) -> EventRecord:
        with self.db.session() as s:
            return _records(s, [_event(s, event_id)])[0]

    def days_held(self, unit_id: int, kind: EventType) -> frozenset[date]:
        """Return the days a meeting of ``kind`` (as its type or a further type) is recorded."""
        extra = select(EventExtraType.event_id).where(EventExtraType.type == kind.value)
        with self.db.session() as s:
            query = select(Event.day).where(
                Event.unit_id == unit_id, (Event.type == kind.value) | Event.id.in_(extra)
            )
            return frozenset(s.scalars(query))

    def expected(
        self, unit_id: int, kind: EventType, day: date, group_id: int | None = None
    ) -> list[AttendanceInput]:
        """Return who is expected (应到) at a meeting of ``kind`` on ``day``, all marked present."""
        with self.db.session() as s:
            return expected_attendance(s, unit_id, kind, day, group_id)

    def roll(self, unit_id: int, day: date) -> RollOnDay:
        """Return each member's 正式/预备 standing on ``day`` and who counts in E."""
        with self.db.session() as s:
            facts = roll_on(load_facts(s, unit_id), day)
        standings = {f.member_id: party_status_on(f, day) for f in facts}
        entitled = frozenset(f.member_id for f in facts if is_voting_member(f, day))
        return RollOnDay(day, {k: v for k, v in standings.items() if v is not None}, entitled)

    def facts(self, unit_id: int) -> list[MemberFacts]:
        """Return what decides each member's standing on any day (roll, status, exclusions)."""
        with self.db.session() as s:
            return load_facts(s, unit_id)

    def attachments(self, event_id: int) -> list[AttachmentRecord]:
        with self.db.session() as s:
            return [_attachment_record(a) for a in _event(s, event_id).attachments]

    def member_stats(self, member_id: int, year: int) -> MemberYearStats:
        """Return a member's attendance rate and 学时 for ``year``."""
        with self.db.session() as s:
            ids = s.scalars(
                select(Attendance.event_id).where(Attendance.member_id == member_id)
            ).all()
            rows = list(
                s.scalars(
                    select(Event).where(
                        Event.id.in_(ids),
                        Event.day.between(date(year, 1, 1), date(year, 12, 31)),
                    )
                )
            )
            return member_year_stats(_records(s, rows), member_id, year)

    def attachment_path(self, sha256: str) -> Path:
        return self.files.readable(sha256)  # decrypted copy when sealed (encryption at rest)

    # ---- changing ------------------------------------------------------------------------

    def check(self, unit_id: int, data: EventInput) -> list[Problem]:
        """Return every problem with an event input, saving nothing."""
        with self.db.session() as s:
            return _check(s, unit_id, data, self.db.clock().date())

    def add(self, unit_id: int, data: EventInput) -> Outcome[EventRecord]:
        """Record a new event; with no attendance given, everyone expected is present."""
        with self.db.session() as s:
            _raise(_check(s, unit_id, data, self.db.clock().date()))
            now = self.db.now()
            row = Event(unit_id=unit_id, created_at=now, updated_at=now)
            s.add(row)
            write_event(s, row, unit_id, data)
            s.flush()
            return changed(_records(s, [row])[0], Area.EVENTS)

    def update(self, event_id: int, data: EventInput) -> Outcome[EventRecord]:
        """Replace an event's fields, attendance and votes."""
        with self.db.session() as s:
            row = _event(s, event_id)
            _raise(_check(s, row.unit_id, data, self.db.clock().date()))
            write_event(s, row, row.unit_id, data)
            row.updated_at = self.db.now()
            s.flush()
            return changed(_records(s, [row])[0], Area.EVENTS)

    def delete(self, event_id: int) -> Outcome[None]:
        """Delete an event recorded by mistake (its stored files stay for other references)."""
        with self.db.session() as s:
            s.delete(_event(s, event_id))
            return changed(None, Area.EVENTS)

    def attach(
        self, event_id: int, source: Path, kind: str = "其他", title: str = ""
    ) -> Outcome[AttachmentRecord]:
        """Attach a file (stored once by its SHA-256) to an event."""
        if kind not in ATTACHMENT_KINDS:
            raise ValidationFailed(
                [Problem("kind", "附件类别", f"应为：{'、'.join(ATTACHMENT_KINDS)}")]
            )
        with self.db.session() as s:
            row = _event(s, event_id)
            stored = self.files.add(s, Path(source), self.db.now())
            link = EventAttachment(
                event_id=row.id,
                file_id=stored.id,
                kind=kind,
                title=as_typed(title) or Path(source).stem,
            )
            s.add(link)
            s.flush()
            return changed(_attachment_record(link), Area.EVENTS)

    def detach(self, attachment_id: int) -> Outcome[None]:
        with self.db.session() as s:
            link = s.get(EventAttachment, attachment_id)
            if link is None:
                raise NotFound("找不到该附件。")
            s.delete(link)
            return changed(None, Area.EVENTS)


def _event(s: Session, event_id: int) -> Event:
    row = s.get(Event, event_id)
    if row is None:
        raise NotFound(f"找不到编号为 {event_id} 的会议活动。")
    return row


def _raise(problems: list[Problem]) -> None:
    if any(p.is_error for p in problems):
        raise ValidationFailed(problems)


def expected_attendance(
    s: Session, unit_id: int, kind: EventType, day: date, group_id: int | None
) -> list[AttendanceInput]:
    """Return who is expected at a meeting of ``kind`` on ``day`` (committee, group or all)."""
    if kind is EventType.COMMITTEE:
        people = committee_on(s, unit_id, day)
        return [AttendanceInput(name, AttendanceStatus.PRESENT, mid) for mid, name in people]
    if kind is EventType.HEART_TALK:
        return []
    group = group_id if kind is EventType.GROUP_MEETING else None
    return [
        AttendanceInput(f.name, AttendanceStatus.PRESENT, f.member_id)
        for f in roll_on(load_facts(s, unit_id), day, group)
    ]


def _check(s: Session, unit_id: int, data: EventInput, today: date) -> list[Problem]:
    unit = units.require(s, unit_id)
    problems: list[Problem] = []

    def error(name: str, label: str, message: str) -> None:
        problems.append(Problem(name, label, message))

    if unit.kind is OrgUnitKind.GROUP:
        error("unit", "党组织", "会议应记在党支部下（党小组会请选择党小组）")
    if data.day > today:
        error("day", "日期", "不能晚于今天（计划中的会议可先打印签到表）")
    if data.start and data.end and data.end <= data.start:
        error("end", "结束时间", "应晚于开始时间")
    if data.type is EventType.GROUP_MEETING:
        group = s.get(OrgUnit, data.group_id) if data.group_id else None
        if group is None or group.parent_id != unit_id:
            error("group_id", "党小组", "党小组会须选择本支部的党小组")
    if data.type in data.also:
        error("also", "同时计为", "不能与会议类型重复")
    if not Decimal(0) <= data.study_hours <= MAX_STUDY_HOURS:
        error("study_hours", "学时", f"应在0到{MAX_STUDY_HOURS}之间")
    if len(clean(data.activity_kind)) > MAX_KIND:
        error("activity_kind", "活动类别", f"过长（最多{MAX_KIND}字）")
    for index, line in enumerate(data.attendance or (), start=1):
        if not clean(line.name):
            error("attendance", "参会人员", f"第{index}行姓名为空")
        if line.grade and line.grade not in APPRAISAL_GRADES:
            error("grades", "评议等次", f"“{line.grade}”应为：{'、'.join(APPRAISAL_GRADES)}")
    for index, vote in enumerate(data.votes, start=1):
        if not clean(vote.subject):
            error("votes", "表决事项", f"第{index}项表决未填写事项")
        if min(vote.yes, vote.no, vote.abstain, vote.written_yes, vote.written_no) < 0:
            error("votes", "表决事项", f"第{index}项表决票数不能为负")
    if data.votes or data.attendance is not None:
        problems += _number_problems(s, unit_id, data)
    return problems


def _number_problems(s: Session, unit_id: int, data: EventInput) -> list[Problem]:
    """Return the impossible numbers of an input (votes over those present who may vote)."""
    lines = data.attendance
    if lines is None:
        lines = tuple(expected_attendance(s, unit_id, data.type, data.day, data.group_id))
    counted = [a for a in lines if a.status is not AttendanceStatus.OBSERVER]
    present = [a for a in counted if a.status is AttendanceStatus.PRESENT]
    voters = len(present)
    if data.type is not EventType.COMMITTEE and data.votes:
        facts = {f.member_id: f for f in load_facts(s, unit_id)}
        voters = sum(
            1
            for a in present
            if a.member_id in facts and is_voting_member(facts[a.member_id], data.day)
        )
    tallies = [
        TallyFacts(f"第{n}项表决“{clean(v.subject)}”", v.yes, v.no, v.abstain, voters)
        for n, v in enumerate(data.votes, start=1)
    ]
    absent = len(counted) - len(present)
    return number_problems(len(counted), len(present), absent, tallies)


def write_event(s: Session, row: Event, unit_id: int, data: EventInput) -> None:
    """Copy a checked input onto an Event row, replacing its attendance and votes."""
    row.type = data.type.value
    row.group_id = data.group_id if data.type is EventType.GROUP_MEETING else None
    row.title = as_typed(data.title)
    row.day = data.day
    row.start_time, row.end_time = data.start, data.end
    row.place = as_typed(data.place)
    row.session_label = as_typed(data.session_label)
    row.chair, row.chair_note = clean(data.chair), as_typed(data.chair_note)
    row.recorder = clean(data.recorder)
    row.lecturer, row.lecture_topic = as_typed(data.lecturer), as_typed(data.lecture_topic)
    row.agenda = "\n".join(as_typed(a) for a in data.agenda if as_typed(a))
    row.minutes = as_typed(data.minutes)
    row.resolutions = as_typed(data.resolutions)
    row.study_hours_tenths = int(data.study_hours * 10)
    row.activity_kind = clean(data.activity_kind)
    if row.id is not None and row.extra_types:
        row.extra_types.clear()
        s.flush()  # delete the old rows before the unique (event, type) rows come back
    row.extra_types = [EventExtraType(type=t.value) for t in dict.fromkeys(data.also)]
    lines = data.attendance
    if lines is None:
        lines = tuple(expected_attendance(s, unit_id, data.type, data.day, data.group_id))
    row.attendance = [
        Attendance(
            member_id=line.member_id,
            person_name=as_typed(line.name),
            status=line.status.value,
            reason=line.reason.value
            if line.reason and line.status is AttendanceStatus.ABSENT
            else None,
            reason_text=as_typed(line.reason_text)
            if line.status is AttendanceStatus.ABSENT
            else "",
            grade=(line.grade or None) if data.type is EventType.EVALUATION else None,
            sort_order=order,
        )
        for order, line in enumerate(lines)
    ]
    row.votes = [
        Vote(
            subject=as_typed(v.subject),
            kind=v.kind.value,
            method=v.method.value,
            yes=v.yes,
            no=v.no,
            abstain=v.abstain,
            written_yes=v.written_yes,
            written_no=v.written_no,
            sort_order=order,
        )
        for order, v in enumerate(data.votes)
    ]


@dataclass(frozen=True, slots=True)
class _Present:
    """One attendance row as read for display (columns only, no ORM object)."""

    member_id: int | None
    person_name: str
    status: str
    reason: str | None
    reason_text: str
    grade: str | None


@dataclass(slots=True)
class _Children:
    attendance: list[_Present] = field(default_factory=list)
    votes: list[Vote] = field(default_factory=list)
    extra_types: list[str] = field(default_factory=list)
    attachments: int = 0


_CHUNK = 5000  # ids per IN (…) list, well below SQLite's variable limit


def _children(s: Session, ids: list[int]) -> dict[int, _Children]:
    """Load the attendance, votes, extra types and attachment counts of many events at once."""
    kids = {event_id: _Children() for event_id in ids}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        for event_id, *line in s.execute(
            select(
                Attendance.event_id,
                Attendance.member_id,
                Attendance.person_name,
                Attendance.status,
                Attendance.reason,
                Attendance.reason_text,
                Attendance.grade,
            )
            .where(Attendance.event_id.in_(chunk))
            .order_by(Attendance.event_id, Attendance.sort_order, Attendance.id)
        ):
            kids[event_id].attendance.append(_Present(*line))
        for vote in s.scalars(
            select(Vote).where(Vote.event_id.in_(chunk)).order_by(Vote.sort_order, Vote.id)
        ):
            kids[vote.event_id].votes.append(vote)
        for event_id, kind in s.execute(
            select(EventExtraType.event_id, EventExtraType.type)
            .where(EventExtraType.event_id.in_(chunk))
            .order_by(EventExtraType.id)
        ):
            kids[event_id].extra_types.append(kind)
        for event_id, count in s.execute(
            select(EventAttachment.event_id, func.count())
            .where(EventAttachment.event_id.in_(chunk))
            .group_by(EventAttachment.event_id)
        ):
            kids[event_id].attachments = count
    return kids


def _records(s: Session, rows: list[Event]) -> list[EventRecord]:
    names = unit_names(s)
    kids = _children(s, [row.id for row in rows])
    facts_by_unit: dict[int, dict[int, MemberFacts]] = {}
    entitled: dict[tuple[int, date], int] = {}
    result = []
    for row in rows:
        if row.unit_id not in facts_by_unit:
            facts_by_unit[row.unit_id] = {f.member_id: f for f in load_facts(s, row.unit_id)}
        facts = facts_by_unit[row.unit_id]
        key = (row.unit_id, row.day)
        if key not in entitled:
            entitled[key] = sum(1 for f in facts.values() if is_voting_member(f, row.day))
        result.append(_record(row, names, facts, kids[row.id], entitled[key]))
    return result


def _record(
    row: Event,
    names: dict[int, str],
    facts: dict[int, MemberFacts],
    kids: _Children,
    entitled: int,
) -> EventRecord:
    day = row.day
    lines = tuple(_line(a, facts, day) for a in kids.attendance)
    present_voting = sum(
        1
        for a in kids.attendance
        if a.status == AttendanceStatus.PRESENT.value
        and a.member_id in facts
        and is_voting_member(facts[a.member_id], day)
    )
    kind = EventType(row.type)
    expected = [line for line in lines if line.status is not AttendanceStatus.OBSERVER]
    present = sum(1 for line in expected if line.status is AttendanceStatus.PRESENT)
    votes = tuple(
        _vote(v, kind, entitled, present_voting, len(expected), present) for v in kids.votes
    )
    return EventRecord(
        id=row.id,
        unit_id=row.unit_id,
        unit_name=names.get(row.unit_id, ""),
        group_id=row.group_id,
        group_name=names.get(row.group_id, "") if row.group_id else "",
        type=kind,
        also=tuple(EventType(t) for t in kids.extra_types),
        title=row.title,
        day=day,
        start=row.start_time,
        end=row.end_time,
        place=row.place,
        session_label=row.session_label,
        chair=row.chair,
        chair_note=row.chair_note,
        recorder=row.recorder,
        lecturer=row.lecturer,
        lecture_topic=row.lecture_topic,
        agenda=tuple(a for a in row.agenda.split("\n") if a),
        minutes=row.minutes,
        resolutions=row.resolutions,
        study_hours=Decimal(row.study_hours_tenths) / 10,
        attendance=lines,
        votes=votes,
        entitled=entitled,
        present_voting=present_voting,
        attachment_count=kids.attachments,
        activity_kind=row.activity_kind or "",
    )


_STATUSES = {s.value: s for s in AttendanceStatus}
_REASONS = {r.value: r for r in AbsenceReason}


def _line(a: _Present, facts: dict[int, MemberFacts], day: date) -> AttendanceLine:
    status = party_status_on(facts[a.member_id], day) if a.member_id in facts else None
    return AttendanceLine(
        name=a.person_name,
        status=_STATUSES[a.status],
        member_id=a.member_id,
        reason=_REASONS[a.reason] if a.reason else None,
        reason_text=a.reason_text,
        grade=a.grade or "",
        party_status=status.value if isinstance(status, PartyStatus) else "",
    )


def _vote(
    v: Vote, kind: EventType, entitled: int, present_voting: int, expected: int, present: int
) -> VoteRecord:
    tally = Tally(v.yes, v.no, v.abstain, v.written_yes, v.written_no)
    vote_kind, method = VoteKind(v.kind), VoteMethod(v.method)
    assessment = judge_meeting_vote(
        kind,
        vote_kind,
        method,
        tally,
        entitled=entitled,
        present_voting=present_voting,
        expected=expected,
        present=present,
    )
    committee = kind is EventType.COMMITTEE
    base, voters = (expected, present) if committee else (entitled, present_voting)
    return VoteRecord(
        subject=v.subject,
        kind=vote_kind,
        method=method,
        yes=v.yes,
        no=v.no,
        abstain=v.abstain,
        written_yes=v.written_yes,
        written_no=v.written_no,
        entitled=base,
        present_voting=voters,
        quorate=assessment.quorate,
        passed=assessment.passed,
        verdict=assessment.verdict,
    )


def _attachment_record(link: EventAttachment) -> AttachmentRecord:
    stored = link.file
    return AttachmentRecord(
        link.id, link.kind, link.title, stored.sha256, stored.size, stored.original_name
    )


@dataclass(frozen=True, slots=True)
class MemberYearStats:
    """A member's attendance and 学时 in one year (shown on the member page)."""

    year: int
    expected: int
    present: int
    absent: int
    study_hours: Decimal

    @property
    def rate(self) -> float | None:
        """Attendance rate 0–1, or None when nothing was expected."""
        return self.present / self.expected if self.expected else None


def member_year_stats(events: list[EventRecord], member_id: int, year: int) -> MemberYearStats:
    """Sum a member's attendance and 学时 over ``events`` of ``year``."""
    expected = present = absent = 0
    hours = Decimal(0)
    for event in events:
        if event.day.year != year:
            continue
        for line in event.attendance:
            if line.member_id != member_id or line.status is AttendanceStatus.OBSERVER:
                continue
            expected += 1
            if line.status is AttendanceStatus.PRESENT:
                present += 1
                hours += event.study_hours
            else:
                absent += 1
    return MemberYearStats(year, expected, present, absent, hours)
