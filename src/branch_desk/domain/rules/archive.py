"""The year's archive (台账, RULES part E): what the rules expect it to hold that it lacks.

Each function takes what the archive pack gathered and names the gaps, in the words the
缺失清单 prints; ``services/archive_checks`` gathers the records and files them by category.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ..archive import EVENT_CATEGORIES, ArchiveCategory
from ..development import STEP_DOCUMENTS, Step
from ..events import EventRecord, EventType
from ..members import MemberRecord, RosterStatus
from ..org import OfficerRecord, OfficerRole, OrgUnitRecord
from ..periods import PeriodKind
from .frequency import FREQUENCY_BY_RULE, GridCell, GridRow
from .ids import RuleId
from .structure import term_end

Missing = dict[ArchiveCategory, list[str]]
LECTURE_SCRIPT = "讲稿"


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


def meeting_gaps(rows: Iterable[GridRow]) -> Missing:
    """Return the meetings the frequency rules still expect, filed by category."""
    found: Missing = {}
    for row in rows:
        spec = FREQUENCY_BY_RULE[RuleId(row.rule)]
        category = EVENT_CATEGORIES[spec.event_type]
        for cell in row.cells:
            gap = cell_gap(row, cell)
            if gap:
                found.setdefault(category, []).append(gap)
    return found


def basic_gaps(unit: OrgUnitRecord, officers: list[OfficerRecord], as_of: date) -> list[str]:
    """Return what the 支部基本情况 lacks: election date, a current term, a 书记."""
    gaps = []
    ends = term_end(unit.elected_on, unit.term_years)
    if ends is None:
        gaps.append("未录入最近一次换届选举日期")
    elif ends < as_of:
        gaps.append(f"支部委员会任期已于{ends.isoformat()}届满，应按期换届")
    if not officers:
        gaps.append("未录入支部委员会成员及分工")
    elif not any(o.role is OfficerRole.SECRETARY for o in officers):
        gaps.append("未明确支部书记")
    return gaps


def lecture_gap(event: EventRecord, attachment_kinds: set[str]) -> str | None:
    """Name a 党课 held without its lecture script (讲稿) attached."""
    if event.counts_as(EventType.PARTY_LECTURE) and LECTURE_SCRIPT not in attachment_kinds:
        return f"{event.day.isoformat()} 党课未附讲稿"
    return None


def roster_gaps(members: Iterable[MemberRecord]) -> list[str]:
    """The 党员名册 must list at least one member on the roll."""
    if any(m.roster_status is RosterStatus.ACTIVE for m in members):
        return []
    return ["党员名册中无在册党员"]


def dossier_gap(name: str, steps: Iterable[Step], document_kinds: set[str]) -> str | None:
    """Name the dossier documents of a candidate's recorded steps not yet attached."""
    lacking = [
        doc for step in steps for doc in STEP_DOCUMENTS.get(step, ()) if doc not in document_kinds
    ]
    return f"{name}：缺{'、'.join(dict.fromkeys(lacking))}" if lacking else None


def dues_gaps(year: int, assessed: bool, collected: bool) -> list[str]:
    """Return what the year's dues records lack: the 核定 and any collection."""
    gaps = []
    if not assessed:
        gaps.append(f"未核定{year}年度党费基数")
    if not collected:
        gaps.append("本年度无党费收缴记录")
    return gaps


def summary_gaps(has_summary: bool) -> list[str]:
    """The year's 党建工作总结 belongs in the archive."""
    return [] if has_summary else ["年度党建工作总结尚未生成"]
