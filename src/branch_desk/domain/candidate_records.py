"""Development records and forms: a candidate as stored, their notes, dossier files, the roll.

``CandidateInput`` is the form a secretary fills in (identity and placement); the records are
what storage gives back. ``StoredCandidate.facts`` is what the development rules look at.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from .copying import record_from
from .development import CandidateContact, CandidateFacts, RecordKind, Stage, Step, StepRecord
from .members import Gender, MemberCategory, RosterStatus

# The ways a procedure ends before 转正 (终止): 未通过, 取消资格, 撤回.
ENDINGS = (Stage.REJECTED, Stage.CANCELLED, Stage.WITHDRAWN)


@dataclass(frozen=True, slots=True)
class CandidateInput:
    """Identity and placement of a candidate (validated like a member's identity)."""

    name: str
    gender: Gender | None = None
    birth_date: date | None = None
    id_number: str = ""
    ethnicity: str = ""
    education: str = ""
    category: MemberCategory = MemberCategory.EMPLOYED
    phone: str = ""
    work_unit: str = ""
    group: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class NoteRecord:
    """A 思想汇报 received or a 培养考察 done, with its note."""

    id: int
    kind: RecordKind
    day: date
    note: str = ""


@dataclass(frozen=True, slots=True)
class StoredCandidate(CandidateContact):
    """A candidate as stored: identity, placement, the steps done, notes and how it ended."""

    id: int
    unit_id: int
    group_id: int | None
    notes: str
    ended: Stage | None
    ended_on: date | None
    ended_reason: str
    member_id: int | None
    steps: dict[Step, StepRecord]
    records: tuple[NoteRecord, ...] = ()

    @property
    def facts(self) -> CandidateFacts:
        """What the development rules look at."""
        records = tuple((r.kind, r.day) for r in self.records)
        return record_from(CandidateFacts, self, steps=dict(self.steps), records=records)


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    """A file of a candidate's dossier (一人一档)."""

    id: int
    doc_kind: str
    title: str
    sha256: str
    original_name: str


@dataclass(frozen=True, slots=True)
class RollEntry:
    """What the development area needs of a member: who, whether on the roll, how they joined."""

    id: int
    unit_id: int
    name: str
    roster_status: RosterStatus
    joined_on: date | None = None
    notes: str = ""


def facts_as_of(facts: CandidateFacts, day: date) -> CandidateFacts:
    """Return ``facts`` as they stood on ``day``: later steps, records and endings left out."""
    ended = facts.ended if facts.ended_on is None or facts.ended_on <= day else None
    return replace(
        facts,
        steps={k: v for k, v in facts.steps.items() if v.day <= day},
        records=tuple((k, d) for k, d in facts.records if d <= day),
        ended=ended,
        ended_on=facts.ended_on if ended else None,
    )
