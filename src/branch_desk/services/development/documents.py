"""Development documents: one candidate's 全程纪实表 and the year's pipeline summary."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from ...domain.copying import record_from
from ...domain.development import (
    STEP_DOCUMENTS,
    STEPS,
    CandidateFacts,
    FullOutcome,
    RecordKind,
    Stage,
    Step,
    StepRecord,
    derive_stage,
)
from ...domain.development_docs import DossierDoc, DossierRow, PipelineRow, PipelineSummary
from ...domain.findings import Severity
from ...domain.text import format_date
from ...domain.year_snapshot import default_as_of
from ...storage.repositories.units import unit_names
from ..roster.members import RosterService
from ..year.snapshot import stages_on
from .service import CandidateView, DevelopmentService

# The stages counted in the summary, in the order of the procedure.
SUMMARY_STAGES: tuple[Stage, ...] = tuple(Stage)


class DevelopmentExportService:
    """Build and write the development documents from the recorded steps."""

    def __init__(
        self, development: DevelopmentService, roster: RosterService | None = None
    ) -> None:
        self.development = development
        self.roster = roster

    # ---- one candidate ---------------------------------------------------------------------

    def dossier(self, candidate_id: int, as_of: date | None = None) -> DossierDoc:
        """Return the 发展党员全程纪实表 of a candidate, dated ``as_of`` (default today)."""
        c = self.development.get(candidate_id, as_of)
        kinds = {_kind(d.doc_kind) for d in self.development.documents(candidate_id)}
        rows = tuple(_row(step, c.steps.get(step), kinds) for step in STEPS)
        return record_from(
            DossierDoc,
            c,
            stage=stage_label(c),
            rows=rows,
            thought_reports=_record_days(c, RecordKind.THOUGHT_REPORT),
            assessments=_record_days(c, RecordKind.ASSESSMENT),
            issues=tuple(i.message for i in c.issues),
            documents_checklist=documents_checklist(kinds),
            admitted_on=c.steps[Step.ADMISSION].day if Step.ADMISSION in c.steps else None,
            made_on=as_of or self.development.today(),
        )

    def export_dossier(self, candidate_id: int, path: Path) -> DossierDoc:
        """Write the 全程纪实表 of a candidate to ``path`` (.docx) and return what was written."""
        from ...exports.dossier_docx import write_dossier

        doc = self.dossier(candidate_id)
        write_dossier(Path(path), doc)
        return doc

    # ---- the year --------------------------------------------------------------------------

    def pipeline(self, unit_id: int, year: int, as_of: date | None = None) -> PipelineSummary:
        """Return the year's summary of a unit's candidates as of ``as_of``.

        ``as_of`` defaults to 31 December for a past year and to today for the current one.

        Counts are by each candidate's stage on the day (at most 31 December), over the
        candidates in the procedure during ``year`` up to that day. Admissions and 转正 are
        the roster's (everyone who joined or became 正式党员 in the year, with or without a
        development record), so the figures agree with the year snapshot and the summary.
        """
        made_on = default_as_of(year, self.development.today(), as_of)
        day = min(made_on, date(year, 12, 31))
        listed = self.development.list(unit_id, day)
        views = [c for c in listed if in_year(c, year, day)]
        unit_name = views[0].unit_name if views else self._unit_name(unit_id)
        counts = dict.fromkeys((s.value for s in SUMMARY_STAGES), 0)
        for c in views:
            counts[stage_on(c, day).value] += 1
        # 申请人, 积极分子, 发展对象 on the day: the year snapshot's own count
        counts.update(stages_on(listed, year, day))
        start = date(year, 1, 1)

        def within(when: date | None) -> bool:
            return when is not None and start <= when <= day

        admissions = [(c.name, _day(c, Step.ADMISSION)) for c in views]
        full = [(c.name, _day(c, Step.FULL_APPROVAL)) for c in views if not _cancelled(c)]
        if self.roster is not None:
            members = self.roster.list(unit_id)
            admissions = [(m.name, m.joined_on) for m in members]
            full = [(m.name, m.full_member_on) for m in members]
        extensions: list[tuple[str, int]] = []
        ended: list[tuple[str, str, date]] = []
        for c in views:
            approved = _day(c, Step.FULL_APPROVAL)
            if approved is not None and within(approved) and _cancelled(c):
                ended.append((c.name, FullOutcome.CANCEL.value, approved))
            extension = c.steps.get(Step.EXTENSION)
            if extension and within(extension.day):
                extensions.append((c.name, int(extension.get("months") or 0)))
            if c.stage.ended and c.ended_on is not None and within(c.ended_on):
                ended.append((c.name, c.stage.value, c.ended_on))
        return PipelineSummary(
            unit_name=unit_name,
            year=year,
            counts=counts,
            admissions=_dated_in(admissions, within),
            full_members=_dated_in(full, within),
            extensions=tuple(extensions),
            ended=tuple(sorted(ended, key=lambda x: x[2])),
            candidates=tuple(pipeline_row(c) for c in views),
            made_on=made_on,
        )

    def export_pipeline(
        self, unit_id: int, year: int, path: Path, as_of: date | None = None
    ) -> PipelineSummary:
        """Write the year's summary workbook to ``path`` (.xlsx) and return what was written."""
        from ...exports.pipeline_xlsx import write_pipeline

        summary = self.pipeline(unit_id, year, as_of)
        write_pipeline(Path(path), summary)
        return summary

    def _unit_name(self, unit_id: int) -> str:
        with self.development.db.session() as s:
            return unit_names(s).get(unit_id, "")


# ---- building blocks -------------------------------------------------------------------------


def stage_label(c: CandidateView) -> str:
    """Return the stage as printed ('预备党员'; '撤回（2024年6月5日，本人申请）')."""
    if _cancelled(c):
        return f"{FullOutcome.CANCEL.value}（{format_date(_day(c, Step.FULL_APPROVAL))}）"
    if c.stage.ended:
        notes = "，".join(x for x in (format_date(c.ended_on), c.ended_reason) if x)
        return f"{c.stage.value}（{notes}）" if notes else c.stage.value
    return c.stage.value


def pipeline_row(c: CandidateView) -> PipelineRow:
    """Return a candidate's line of the summary's 明细 sheet."""
    nxt = c.next
    return PipelineRow(
        name=c.name,
        stage=FullOutcome.CANCEL.value if _cancelled(c) else c.stage.value,
        applied=_day(c, Step.APPLICATION),
        activist=_day(c, Step.ACTIVIST),
        target=_day(c, Step.TARGET),
        admitted=_day(c, Step.ADMISSION),
        approved=_day(c, Step.APPROVAL),
        full=None if _cancelled(c) else _day(c, Step.FULL_APPROVAL),
        next_step=nxt.step.value if nxt else "",
        latest=nxt.latest if nxt else None,
        errors=sum(1 for i in c.issues if i.severity is Severity.ERROR),
    )


def documents_checklist(kinds: set[str]) -> tuple[tuple[str, bool], ...]:
    """Return each dossier document the steps produce, and any other kind attached."""
    names = [name for step in STEPS for name in STEP_DOCUMENTS.get(step, ())]
    extra = sorted(kinds - set(names))
    return tuple((name, name in kinds) for name in names) + tuple((k, True) for k in extra)


def step_people(record: StepRecord | None) -> str:
    """Return the names a step records ('李明、王芳')."""
    if record is None:
        return ""
    people = record.get("people") or []
    names = [p.get("name", "") if isinstance(p, dict) else str(p) for p in people]
    return "、".join(n for n in names if n)


def step_result(record: StepRecord | None) -> str:
    """Return what a step concluded, from whichever details it records."""
    if record is None:
        return ""
    data, parts = record.data, []
    for key in ("conclusion", "result", "outcome"):
        if data.get(key):
            parts.append(str(data[key]))
    verdict = bool(parts)
    if record.step is Step.ACTIVIST and data.get("method"):
        parts.append(str(data["method"]))
    if record.step is Step.TRAINING:
        parts.append(_training(data))
    if record.step is Step.PUBLICITY and data.get("end"):
        parts.append(f"公示至{format_date(_as_date(data['end']))}")
    if record.step is Step.EXTENSION and data.get("months"):
        parts.append(f"延长{data['months']}个月")
    if "yes" in data:
        parts.append(
            f"赞成{data['yes']}票，反对{data.get('no', 0)}票，弃权{data.get('abstain', 0)}票"
        )
    for key, yes, no in (("passed", "通过", "未通过"), ("approved", "同意", "不同意")):
        if isinstance(data.get(key), bool) and not verdict:
            parts.append(yes if data[key] else no)
    if data.get("approver"):
        parts.append(f"审批：{data['approver']}")
    return "；".join(p for p in parts if p) or str(data.get("note") or "")


def _training(data: dict[str, Any]) -> str:
    days, hours = int(data.get("days") or 0), float(data.get("hours") or 0)
    text = []
    if days:
        text.append(f"{days}天")
    if hours:
        text.append(f"{hours:g}学时")
    return "培训" + "、".join(text) if text else ""


def _row(step: Step, record: StepRecord | None, kinds: set[str]) -> DossierRow:
    names = STEP_DOCUMENTS.get(step, ())
    if record is None:
        documents = "、".join(names)
    else:
        documents = "、".join(n if n in kinds else f"{n}（缺）" for n in names)
    return DossierRow(
        number=step.number,
        step_name=step.value,
        day=record.day if record else None,
        people=step_people(record),
        result=step_result(record),
        documents=documents,
        step=step,
    )


def _kind(text: str) -> str:
    return "".join(text.split())


def _record_days(c: CandidateView, kind: RecordKind) -> tuple[date, ...]:
    return tuple(sorted(d for k, d in c.records if k is kind))


def _day(c: CandidateView, step: Step) -> date | None:
    record = c.steps.get(step)
    return record.day if record else None


def _as_date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def _cancelled(c: CandidateView) -> bool:
    vote = c.steps.get(Step.FULL_VOTE)
    return (
        Step.FULL_APPROVAL in c.steps
        and vote is not None
        and vote.get("outcome") == FullOutcome.CANCEL.value
    )


def in_year(c: CandidateView, year: int, day: date | None = None) -> bool:
    """Was the candidate in the procedure at some time during ``year`` (up to ``day``)?"""
    days = [r.day for r in c.steps.values()]
    last = day or date(year, 12, 31)
    if not days or min(days).year > year or min(days) > last:
        return False  # no step by the day: not yet in the procedure
    if c.stage.ended and c.ended_on and c.ended_on.year < year:
        return False
    finished = _day(c, Step.FULL_APPROVAL)
    return not (finished and finished.year < year)


def stage_on(c: CandidateView, day: date) -> Stage:
    """Return the stage ``c`` stood at on ``day`` (steps and endings after it not counted)."""
    steps = {k: v for k, v in c.steps.items() if v.day <= day}
    stop = c.stage if c.stage.ended and c.ended_on and c.ended_on <= day else None
    return derive_stage(
        CandidateFacts(c.id, c.name, c.birth_date, steps, c.records, stop, c.ended_on)
    )


def _dated_in(
    pairs: list[tuple[str, date | None]], within: Callable[[date | None], bool]
) -> tuple[tuple[str, date], ...]:
    kept = [(name, day) for name, day in pairs if day is not None and within(day)]
    return tuple(sorted(kept, key=lambda x: x[1]))
