"""Member development: candidates, their steps and notes, dossier files, the calendar, admission.

Every function takes the use case's open ``Session`` and gives back records from
``domain/candidate_records.py`` or plain values (ids, days); no ORM row leaves this module.
Step details are kept as JSON text (``dump_details``); ``as_stored`` gives them back as they
read from the database. Admission writes the new 预备党员 through ``add_member`` and
``add_status_change`` here, the only writes of ``members`` the development area makes.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from functools import partial
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.candidate_records import (
    CandidateInput,
    DocumentRecord,
    NoteRecord,
    RollEntry,
    StoredCandidate,
)
from ...domain.copying import field_names, record_from, values_of
from ...domain.development import (
    STEP_BY_CODE,
    CandidateContact,
    RecordKind,
    Stage,
    Step,
    StepRecord,
)
from ...domain.members import PartyStatus, RosterStatus, StatusChangeKind
from ..models import (
    CalendarDay,
    Candidate,
    CandidateDocument,
    CandidateRecord,
    CandidateStep,
    Member,
    MemberStatusChange,
)
from .candidate_reads import in_unit as in_unit  # the list read, as columns
from .rows import existing, member_missing, store_or_remove

# ---- candidates ------------------------------------------------------------------------------


def require(s: Session, candidate_id: int) -> StoredCandidate:
    """The candidate ``candidate_id``; NotFound (in Chinese) when there is none."""
    return _record(_row(s, candidate_id))


def get(s: Session, candidate_id: int) -> StoredCandidate | None:
    """The candidate ``candidate_id``, or None."""
    row = s.get(Candidate, candidate_id)
    return None if row is None else _record(row)


def id_number_owner(s: Session, id_number: str, candidate_id: int | None) -> str | None:
    """The name of another candidate with ``id_number`` (not ``candidate_id``), if any."""
    clash = s.scalar(
        select(Candidate).where(
            Candidate.id_number == id_number, Candidate.id != (candidate_id or 0)
        )
    )
    return None if clash is None else clash.name


def add(s: Session, unit_id: int, data: CandidateInput, group_id: int | None, now: datetime) -> int:
    """Store a new candidate with a checked identity; return its id."""
    row = Candidate(unit_id=unit_id, created_at=now, updated_at=now)
    _write_identity(row, data, group_id)
    s.add(row)
    s.flush()
    return row.id


def write_identity(
    s: Session, candidate_id: int, data: CandidateInput, group_id: int | None
) -> None:
    """Replace the identity and placement of a candidate with checked values."""
    _write_identity(_row(s, candidate_id), data, group_id)


def touch(s: Session, candidate_id: int, now: datetime) -> None:
    """Note that the candidate changed at ``now``."""
    _row(s, candidate_id).updated_at = now


def end(s: Session, candidate_id: int, outcome: Stage, on: date, reason: str) -> None:
    """Record how and when the procedure ended."""
    row = _row(s, candidate_id)
    row.ended, row.ended_on, row.ended_reason = outcome.value, on, reason


def set_member(s: Session, candidate_id: int, member_id: int) -> None:
    """Link the candidate to the member the admission made (or found)."""
    _row(s, candidate_id).member_id = member_id


# ---- steps -----------------------------------------------------------------------------------


def dump_details(data: dict[str, Any]) -> str:
    """The JSON text a step's details are stored as."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)


def as_stored(data: dict[str, Any]) -> dict[str, Any]:
    """Return ``data`` as it reads back from the database (for comparing)."""
    return dict(json.loads(dump_details(data)))


def put_step(s: Session, candidate_id: int, record: StepRecord) -> None:
    """Record (or correct) the day and details of a step; its linked meeting stays."""
    _step_row(_row(s, candidate_id), record)


def put_linked_step(
    s: Session, candidate_id: int, record: StepRecord, event_id: int | None
) -> None:
    """Record (or correct) a step and the meeting it was decided in (None: no meeting)."""
    _step_row(_row(s, candidate_id), record).event_id = event_id


def delete_step(s: Session, candidate_id: int, step: Step) -> None:
    """Remove a step."""
    row = _row(s, candidate_id)
    row.steps = [x for x in row.steps if x.step != step.code]


def _step_row(row: Candidate, record: StepRecord) -> CandidateStep:
    existing = next((x for x in row.steps if x.step == record.step.code), None)
    if existing is None:
        existing = CandidateStep(step=record.step.code)
        row.steps.append(existing)
    existing.day = record.day
    existing.data = dump_details(record.data)
    return existing


# ---- notes (思想汇报, 培养考察) ------------------------------------------------------------------


def add_note(s: Session, candidate_id: int, kind: RecordKind, day: date, note: str) -> None:
    """Record a 思想汇报 received or a 培养考察 done."""
    row = _row(s, candidate_id)  # held: the collection keeps only a weak reference to it
    row.records.append(CandidateRecord(kind=kind.value, day=day, note=note))


def delete_note(s: Session, candidate_id: int, record_id: int) -> bool:
    """Remove one note of the candidate; False when the candidate has no such note."""
    row = _row(s, candidate_id)
    kept = [r for r in row.records if r.id != record_id]
    if len(kept) == len(row.records):
        return False
    row.records = kept
    return True


# ---- dossier files ---------------------------------------------------------------------------


def documents(s: Session, candidate_id: int) -> list[DocumentRecord]:
    """The files of a candidate's dossier, in the order they were added."""
    rows = s.scalars(
        select(CandidateDocument)
        .where(CandidateDocument.candidate_id == candidate_id)
        .order_by(CandidateDocument.id)
    )
    return [_document_record(d) for d in rows]


def add_document(
    s: Session, candidate_id: int, doc_kind: str, file_id: int, title: str, now: datetime
) -> DocumentRecord:
    """Add a stored file to the candidate's dossier."""
    doc = CandidateDocument(
        candidate_id=candidate_id, doc_kind=doc_kind, file_id=file_id, title=title, added_at=now
    )
    s.add(doc)
    s.flush()
    return _document_record(doc)


def delete_document(s: Session, document_id: int) -> None:
    """Remove a file from a dossier (the stored file stays); NotFound when there is none."""
    s.delete(existing(s, CandidateDocument, document_id, "找不到该材料。"))


# ---- the user's calendar (holidays and 调休 working days) -------------------------------------


def calendar_days(s: Session) -> list[tuple[date, bool, str]]:
    """Every entered day, in order: (day, is a working day, note)."""
    rows = s.scalars(select(CalendarDay).order_by(CalendarDay.day))
    return [(r.day, r.workday, r.note) for r in rows]


def workday_overrides(s: Session) -> dict[date, bool]:
    """The user-entered holidays (False) and 调休 working days (True)."""
    return {row.day: row.workday for row in s.scalars(select(CalendarDay))}


def set_calendar_day(s: Session, day: date, workday: bool | None, note: str) -> None:
    """Mark a day as a holiday (False) or a working day (True); None removes the entry."""
    row = s.scalar(select(CalendarDay).where(CalendarDay.day == day))
    wanted = None if workday is None else {"workday": workday, "note": note}
    store_or_remove(s, row, wanted, partial(CalendarDay, day=day))


# ---- the roll, as admission sees it ----------------------------------------------------------


def roll(s: Session, unit_id: int) -> list[RollEntry]:
    """Every member ever on the unit's roll, by id."""
    query = select(Member).where(Member.unit_id == unit_id).order_by(Member.id)
    return [_roll_entry(m) for m in s.scalars(query)]


def member(s: Session, member_id: int) -> RollEntry | None:
    """The member ``member_id``, or None."""
    row = s.get(Member, member_id)
    return None if row is None else _roll_entry(row)


def member_with_id_number(s: Session, id_number: str) -> RollEntry | None:
    """The member (of any unit) with this 身份证号, or None."""
    row = s.scalar(select(Member).where(Member.id_number == id_number))
    return None if row is None else _roll_entry(row)


def member_named(s: Session, unit_id: int, name: str, birth_date: date | None) -> RollEntry | None:
    """A member of the unit with this name and birth date, or None."""
    row = s.scalar(
        select(Member)
        .where(Member.unit_id == unit_id, Member.name == name, Member.birth_date == birth_date)
        .order_by(Member.id)
    )
    return None if row is None else _roll_entry(row)


# What a new member's row takes over from the candidate as it is (id_number: "" becomes NULL).
_MEMBER_FROM_CANDIDATE = (
    "unit_id",
    "group_id",
    *(name for name in field_names(CandidateContact) if name != "id_number"),
)


def add_member(
    s: Session, candidate: StoredCandidate, joined_on: date, notes: str, now: datetime
) -> RollEntry:
    """Put the candidate on the roll as an active 预备党员 who joined on ``joined_on``."""
    row = Member(
        **values_of(candidate, _MEMBER_FROM_CANDIDATE),
        id_number=candidate.id_number or None,
        party_status=PartyStatus.PROBATIONARY.value,
        joined_on=joined_on,
        notes=notes,
        roster_status=RosterStatus.ACTIVE.value,
        created_at=now,
        updated_at=now,
    )
    s.add(row)
    s.flush()
    return _roll_entry(row)


def add_status_change(
    s: Session,
    member_id: int,
    kind: StatusChangeKind,
    effective_on: date,
    note: str,
    now: datetime,
) -> None:
    """Record a change of the member's status (登记, 取消预备党员资格 …)."""
    s.add(
        MemberStatusChange(
            member_id=member_id,
            kind=kind.value,
            effective_on=effective_on,
            place="",
            letter_no="",
            note=note,
            created_at=now,
        )
    )


def set_joined_on(s: Session, member_id: int, day: date) -> None:
    """Set the day the member joined (the admission meeting)."""
    _member_row(s, member_id).joined_on = day


def make_full(s: Session, member_id: int, full_on: date | None) -> None:
    """Make the member a 正式党员 from ``full_on``."""
    row = _member_row(s, member_id)
    row.party_status = PartyStatus.FULL.value
    row.full_member_on = full_on


def set_roster_status(s: Session, member_id: int, status: RosterStatus) -> None:
    """Set whether the member is on the roll (or why not)."""
    _member_row(s, member_id).roster_status = status.value


def touch_member(s: Session, member_id: int, now: datetime) -> None:
    """Note that the member changed at ``now``."""
    _member_row(s, member_id).updated_at = now


# ---- rows ↔ records --------------------------------------------------------------------------


def _row(s: Session, candidate_id: int) -> Candidate:
    return existing(s, Candidate, candidate_id, f"找不到编号为 {candidate_id} 的发展对象。")


def _member_row(s: Session, member_id: int) -> Member:
    return existing(s, Member, member_id, member_missing(member_id))


def _write_identity(row: Candidate, data: CandidateInput, group_id: int | None) -> None:
    assert data.gender is not None
    row.name, row.gender, row.birth_date = data.name, data.gender.value, data.birth_date
    row.id_number = data.id_number or None
    row.ethnicity, row.education, row.category = data.ethnicity, data.education, data.category.value
    row.phone, row.work_unit, row.notes = data.phone, data.work_unit, data.notes
    row.group_id = group_id


def _record(row: Candidate) -> StoredCandidate:
    """The stored candidate; steps and notes in the models' order even when just changed."""
    steps = {}
    for x in sorted(row.steps, key=lambda x: (x.day, x.id is None, x.id or 0)):
        step = STEP_BY_CODE[x.step]
        steps[step] = StepRecord(step, x.day, json.loads(x.data) if x.data else {})
    return record_from(
        StoredCandidate,
        row,
        id_number=row.id_number or "",
        ended=Stage(row.ended) if row.ended else None,
        steps=steps,
        records=tuple(
            NoteRecord(r.id, RecordKind(r.kind), r.day, r.note)
            for r in sorted(row.records, key=lambda r: r.day)
        ),
    )


def _document_record(doc: CandidateDocument) -> DocumentRecord:
    return DocumentRecord(doc.id, doc.doc_kind, doc.title, doc.file.sha256, doc.file.original_name)


def _roll_entry(row: Member) -> RollEntry:
    return RollEntry(
        row.id, row.unit_id, row.name, RosterStatus(row.roster_status), row.joined_on, row.notes
    )
