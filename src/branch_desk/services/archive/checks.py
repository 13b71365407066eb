"""Gather what the archive rules read of a year, and file their gaps by category.

The rules themselves (what counts as a gap, in what words) are in ``domain/rules/archive.py``.
"""

from __future__ import annotations

from datetime import date

from ...domain.archive import ArchiveCategory
from ...domain.events import EventRecord
from ...domain.org import OrgUnitRecord
from ...domain.rules import archive as rules
from ...domain.rules.study import study_findings
from .plan import ArchivePlanner
from .sources import ArchiveSources

Missing = rules.Missing


def lecture_gaps(events: list[EventRecord], src: ArchiveSources) -> list[str]:
    """Return each 党课 held without its lecture script (讲稿) attached."""
    gaps = []
    for event in events:
        kinds = (
            {a.kind for a in src.events.attachments(event.id)} if event.attachment_count else set()
        )
        if gap := rules.lecture_gap(event, kinds):
            gaps.append(gap)
    return gaps


def dossier_gaps(src: ArchiveSources, planner: ArchivePlanner) -> list[str]:
    """Return, per candidate, the dossier documents of recorded steps not yet attached."""
    gaps = []
    for c in planner.candidates:
        kinds = {"".join(d.doc_kind.split()) for d in src.development.documents(c.id)}
        if gap := rules.dossier_gap(c.name, c.steps, kinds):
            gaps.append(gap)
    return gaps


def dues_gaps(src: ArchiveSources, unit_id: int, year: int, as_of: date) -> list[str]:
    """Return what the year's dues records lack: the 核定 and any collection."""
    sheet = src.dues_reports.assessment_sheet(unit_id, year, as_of)
    assessed = any(r.base_fen is not None for r in sheet.rows)
    ledger = src.dues_reports.ledger(unit_id, year, as_of)
    collected = bool(ledger.annual_paid_fen or ledger.extra_fen)
    return rules.dues_gaps(year, assessed, collected)


def study_gaps(
    src: ArchiveSources, unit: OrgUnitRecord, planner: ArchivePlanner, as_of: date
) -> list[str]:
    """Return the 学时 findings of the year (members short of the required hours)."""
    events = [e for e in planner.events if e.day <= as_of]
    found = study_findings(
        unit,
        events,
        src.events.facts(unit.id),
        src.org.officers(unit.id),
        src.settings.values(unit.id),
        planner.year,
        as_of,
    )
    return [f"{f.subject}：{f.message}" if f.subject else f.message for f in found]


def missing_items(
    src: ArchiveSources, unit: OrgUnitRecord, planner: ArchivePlanner, as_of: date
) -> Missing:
    """Return every gap of the year, keyed by the category it belongs to."""
    year = planner.year
    found = rules.meeting_gaps(src.checks.year_grid(unit.id, year, as_of).rows)
    officers = src.org.officers(unit.id)
    found.setdefault(ArchiveCategory.BASIC, []).extend(rules.basic_gaps(unit, officers, as_of))
    held = [e for e in planner.events if e.day <= as_of]
    found.setdefault(ArchiveCategory.MEETINGS, []).extend(lecture_gaps(held, src))
    if roster := rules.roster_gaps(planner.members):
        found.setdefault(ArchiveCategory.ROSTER, []).extend(roster)
    found.setdefault(ArchiveCategory.DEVELOPMENT, []).extend(dossier_gaps(src, planner))
    found.setdefault(ArchiveCategory.DUES, []).extend(dues_gaps(src, unit.id, year, as_of))
    found.setdefault(ArchiveCategory.STUDY, []).extend(study_gaps(src, unit, planner, as_of))
    summary_title = f"{year}年度党建工作总结"
    has_summary = any(f.title == summary_title for f in planner.files)
    if summary := rules.summary_gaps(has_summary):
        found.setdefault(ArchiveCategory.PLANS, []).extend(summary)
    return found
