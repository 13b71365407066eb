"""What the development documents print: the 全程纪实表 of one candidate, the year's summary.

Plain values built by ``services.development_io`` and written by ``exports.dossier_docx``
and ``exports.pipeline_xlsx``; nothing here reads the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .development import CandidateIdentity, Step

# The five stages of the 细则, each with its steps in order (公示 and 延长预备期 included).
PHASES: tuple[tuple[str, tuple[Step, ...]], ...] = (
    ("入党申请阶段", (Step.APPLICATION, Step.TALK)),
    (
        "入党积极分子的确定和培养教育阶段",
        (Step.ACTIVIST, Step.ACTIVIST_FILED, Step.MENTORS, Step.CULTIVATION),
    ),
    (
        "发展对象的确定和考察阶段",
        (Step.TARGET, Step.TARGET_FILED, Step.SPONSORS, Step.REVIEW, Step.TRAINING),
    ),
    (
        "预备党员的接收阶段",
        (
            Step.COMMITTEE_REVIEW,
            Step.PRE_REVIEW,
            Step.PUBLICITY,
            Step.FORM,
            Step.ADMISSION,
            Step.UPPER_TALK,
            Step.APPROVAL,
            Step.APPROVAL_FILED,
            Step.PLACEMENT,
            Step.OATH,
        ),
    ),
    (
        "预备党员的教育考察和转正阶段",
        (
            Step.PROBATION_EDUCATION,
            Step.FULL_APPLICATION,
            Step.EXTENSION,
            Step.FULL_VOTE,
            Step.FULL_APPROVAL,
            Step.ARCHIVE,
        ),
    ),
)
PHASE_OF: dict[Step, int] = {step: i for i, (_, steps) in enumerate(PHASES) for step in steps}


@dataclass(frozen=True, slots=True)
class DossierRow:
    """One step of the 纪实表: its 细则 number, date (None if not done) and what it produced."""

    number: str
    step_name: str
    day: date | None
    people: str
    result: str
    documents: str
    step: Step | None = None


@dataclass(frozen=True, slots=True)
class DossierDoc(CandidateIdentity):
    """The 发展党员全程纪实表 of one candidate (一人一档)."""

    unit_name: str
    work_unit: str
    group: str
    stage: str
    rows: tuple[DossierRow, ...]
    thought_reports: tuple[date, ...] = ()
    assessments: tuple[date, ...] = ()
    probation_ends: date | None = None
    party_age_from: date | None = None
    issues: tuple[str, ...] = ()
    documents_checklist: tuple[tuple[str, bool], ...] = ()
    admitted_on: date | None = None
    made_on: date | None = None


@dataclass(frozen=True, slots=True)
class PipelineRow:
    """One candidate in the year's summary."""

    name: str
    stage: str
    applied: date | None
    activist: date | None
    target: date | None
    admitted: date | None
    approved: date | None
    full: date | None
    next_step: str
    latest: date | None
    errors: int


@dataclass(frozen=True, slots=True)
class PipelineSummary:
    """The year's 发展党员工作情况: counts by stage and who moved on in the year."""

    unit_name: str
    year: int
    counts: dict[str, int] = field(default_factory=dict)
    admissions: tuple[tuple[str, date], ...] = ()
    full_members: tuple[tuple[str, date], ...] = ()
    extensions: tuple[tuple[str, int], ...] = ()
    ended: tuple[tuple[str, str, date], ...] = ()
    candidates: tuple[PipelineRow, ...] = ()
    made_on: date | None = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())
