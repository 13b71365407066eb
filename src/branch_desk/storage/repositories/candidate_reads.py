"""The candidates of a unit listed as columns, not rows of the models (``candidates.in_unit``).

The development list and the check read every candidate of a unit with its steps and notes;
as rows of the models with ``selectinload`` that made some 25 ORM objects per candidate. The
same three queries read as columns give the same records.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.candidate_records import NoteRecord, StoredCandidate
from ...domain.copying import record_from
from ...domain.development import STEP_BY_CODE, RecordKind, Stage, StepRecord
from ..models import Candidate, CandidateRecord, CandidateStep

_IDENTITY = (
    Candidate.id,
    Candidate.unit_id,
    Candidate.group_id,
    Candidate.name,
    Candidate.gender,
    Candidate.birth_date,
    Candidate.id_number,
    Candidate.ethnicity,
    Candidate.education,
    Candidate.category,
    Candidate.phone,
    Candidate.work_unit,
    Candidate.notes,
    Candidate.ended,
    Candidate.ended_on,
    Candidate.ended_reason,
    Candidate.member_id,
)
_STEP_COLUMNS = (
    CandidateStep.candidate_id,
    CandidateStep.id,
    CandidateStep.step,
    CandidateStep.day,
    CandidateStep.data,
)
_NOTE_COLUMNS = (
    CandidateRecord.candidate_id,
    CandidateRecord.id,
    CandidateRecord.kind,
    CandidateRecord.day,
    CandidateRecord.note,
)
_IN_LIST = 500  # ids per IN (…) list, as the relationships' own loading sends them


def in_unit(s: Session, unit_id: int | None = None) -> list[StoredCandidate]:
    """The candidates of a unit (of every unit when None), by id, with their steps and notes.

    Read as columns, not rows of the models: the steps and notes in the queries (and so the
    order) the relationships' ``selectinload`` sends, each candidate's put in order by ``_record``'s
    rules (steps by day and id, notes by day).
    """
    query = select(*_IDENTITY).order_by(Candidate.id)
    if unit_id is not None:
        query = query.where(Candidate.unit_id == unit_id)
    rows = s.execute(query).all()
    steps: dict[int, list[tuple[date, int, StepRecord]]] = {row.id: [] for row in rows}
    notes: dict[int, list[NoteRecord]] = {row.id: [] for row in rows}
    ids = list(steps)
    for start in range(0, len(ids), _IN_LIST):
        chunk = ids[start : start + _IN_LIST]
        step_rows = select(*_STEP_COLUMNS).where(CandidateStep.candidate_id.in_(chunk))
        for owner, step_id, code, day, data in s.execute(
            step_rows.order_by(CandidateStep.day, CandidateStep.id)
        ):
            record = StepRecord(STEP_BY_CODE[code], day, json.loads(data) if data else {})
            steps[owner].append((day, step_id, record))
        note_rows = select(*_NOTE_COLUMNS).where(CandidateRecord.candidate_id.in_(chunk))
        for owner, note_id, kind, day, note in s.execute(note_rows.order_by(CandidateRecord.day)):
            notes[owner].append(NoteRecord(note_id, RecordKind(kind), day, note))
    return [_listed(row, steps[row.id], notes[row.id]) for row in rows]


def _listed(
    row: Any, steps: list[tuple[date, int, StepRecord]], notes: list[NoteRecord]
) -> StoredCandidate:
    """A candidate read as columns, as ``_record`` makes it of a row of the model."""
    return record_from(
        StoredCandidate,
        row,
        id_number=row.id_number or "",
        ended=Stage(row.ended) if row.ended else None,
        steps={r.step: r for _day, _id, r in sorted(steps, key=lambda x: x[:2])},
        records=tuple(sorted(notes, key=lambda r: r.day)),
    )
