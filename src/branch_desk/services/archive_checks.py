"""What the rules expect of a year's archive that it does not (yet) hold, by category."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ..domain.archive import EVENT_CATEGORIES, ArchiveCategory
from ..domain.development import STEP_DOCUMENTS
from ..domain.events import EventRecord, EventType
from ..domain.members import RosterStatus
from ..domain.org import OfficerRole, OrgUnitRecord
from ..domain.periods import PeriodKind
from ..domain.rules.frequency import FREQUENCY_BY_RULE, GridCell, GridRow
from ..domain.rules.ids import RuleId
from ..domain.rules.study import study_findings
from .archive_data import term_ends
from .archive_plan import ArchivePlanner

if TYPE_CHECKING:
    from .app import BranchDesk

Missing = dict[ArchiveCategory, list[str]]


def cell_gap(row: GridRow, cell: GridCell) -> str | None:
    """Describe a period short of meetings ('2026年第一季度未召开党课'); None when met."""
    if cell.status not in ("missing", "due"):
        return None
    when = "本年度" if cell.period.kind is PeriodKind.YEAR else cell.period.name
    if cell.status == "due":
        return (
            f"{when}尚未召开{row.label}"
            if not cell.count
            else (f"{when}{row.label}尚需召开{cell.required - cell.count}次")
        )
    if cell.count:
        return f"{when}{row.label}仅召开{cell.count}次（要求{row.requirement}）"
    return f"{when}未召开{row.label}（要求{row.requirement}）"


def basic_gaps(desk: BranchDesk, unit: OrgUnitRecord, as_of: date) -> list[str]:
    """Return what the 支部基本情况 lacks: election date, a current term, a 书记."""
    gaps = []
    ends = term_ends(unit)
    if ends is None:
        gaps.append("未录入最近一次换届选举日期")
    elif ends < as_of:
        gaps.append(f"支部委员会任期已于{ends.isoformat()}届满，应按期换届")
    officers = desk.org.officers(unit.id)
    if not officers:
        gaps.append("未录入支部委员会成员及分工")
    elif not any(o.role is OfficerRole.SECRETARY for o in officers):
        gaps.append("未明确支部书记")
    return gaps


def meeting_gaps(desk: BranchDesk, unit: OrgUnitRecord, year: int, as_of: date) -> Missing:
    """Return the meetings the frequency rules still expect, filed by category."""
    found: Missing = {}
    for row in desk.checks.year_grid(unit.id, year, as_of).rows:
        spec = FREQUENCY_BY_RULE[RuleId(row.rule)]
        category = EVENT_CATEGORIES[spec.event_type]
        for cell in row.cells:
            gap = cell_gap(row, cell)
            if gap:
                found.setdefault(category, []).append(gap)
    return found


def lecture_gaps(events: list[EventRecord], desk: BranchDesk) -> list[str]:
    """Return each 党课 held without its lecture script (讲稿) attached."""
    gaps = []
    for event in events:
        if not event.counts_as(EventType.PARTY_LECTURE):
            continue
        kinds = (
            {a.kind for a in desk.events.attachments(event.id)} if event.attachment_count else set()
        )
        if "讲稿" not in kinds:
            gaps.append(f"{event.day.isoformat()} 党课未附讲稿")
    return gaps


def dossier_gaps(desk: BranchDesk, planner: ArchivePlanner) -> list[str]:
    """Return, per candidate, the dossier documents of recorded steps not yet attached."""
    gaps = []
    for c in planner.candidates:
        kinds = {"".join(d.doc_kind.split()) for d in desk.development.documents(c.id)}
        lacking = [
            name for step in c.steps for name in STEP_DOCUMENTS.get(step, ()) if name not in kinds
        ]
        if lacking:
            gaps.append(f"{c.name}：缺{'、'.join(dict.fromkeys(lacking))}")
    return gaps


def dues_gaps(desk: BranchDesk, unit_id: int, year: int, as_of: date) -> list[str]:
    """Return what the year's dues records lack: the 核定 and any collection."""
    gaps = []
    if not desk.dues_reports.assessment_sheet(unit_id, year).rows:
        gaps.append(f"未核定{year}年度党费基数")
    if not desk.dues_reports.ledger(unit_id, year, as_of).annual_paid_fen:
        gaps.append("本年度无党费收缴记录")
    return gaps


def study_gaps(
    desk: BranchDesk, unit: OrgUnitRecord, planner: ArchivePlanner, as_of: date
) -> list[str]:
    """Return the 学时 findings of the year (members short of the required hours)."""
    events = [e for e in planner.events if e.day <= as_of]
    found = study_findings(
        unit,
        events,
        desk.events.facts(unit.id),
        desk.org.officers(unit.id),
        desk.settings.values(unit.id),
        planner.year,
        as_of,
    )
    return [f"{f.subject}：{f.message}" if f.subject else f.message for f in found]


def missing_items(
    desk: BranchDesk, unit: OrgUnitRecord, planner: ArchivePlanner, as_of: date
) -> Missing:
    """Return every gap of the year, keyed by the category it belongs to."""
    year = planner.year
    found = meeting_gaps(desk, unit, year, as_of)
    found.setdefault(ArchiveCategory.BASIC, []).extend(basic_gaps(desk, unit, as_of))
    held = [e for e in planner.events if e.day <= as_of]
    found.setdefault(ArchiveCategory.MEETINGS, []).extend(lecture_gaps(held, desk))
    if not any(m.roster_status is RosterStatus.ACTIVE for m in planner.members):
        found.setdefault(ArchiveCategory.ROSTER, []).append("党员名册中无在册党员")
    found.setdefault(ArchiveCategory.DEVELOPMENT, []).extend(dossier_gaps(desk, planner))
    found.setdefault(ArchiveCategory.DUES, []).extend(dues_gaps(desk, unit.id, year, as_of))
    found.setdefault(ArchiveCategory.STUDY, []).extend(study_gaps(desk, unit, planner, as_of))
    if getattr(desk, "summary", None) is None:
        found.setdefault(ArchiveCategory.PLANS, []).append("年度党建工作总结尚未生成")
    return found
