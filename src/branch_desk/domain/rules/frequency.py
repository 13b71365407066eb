"""How often each meeting must be held (RULES part A), and the year grid that counts them.

Each frequency rule names an event type, a period (month, quarter, half-year, year) and a
minimum count, both settings. ``grid_rows`` counts a unit's events per period;
``frequency_findings`` turns the periods short of meetings into findings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

from ..events import EventRecord, EventType
from ..findings import Finding, Severity
from ..ledger_start import exempt_reason
from ..org import OrgUnitRecord
from ..periods import Period, PeriodKind, periods_of_year
from ..voting import MemberFacts
from .ids import RuleId
from .record_kinds import assembly_quorate

if TYPE_CHECKING:
    from .settings import RuleValues

CellStatus = Literal["met", "missing", "due", "future", "exempt"]


@dataclass(frozen=True, slots=True)
class FrequencySpec:
    rule: RuleId
    event_type: EventType
    default_period: PeriodKind
    default_minimum: int
    basis: str
    per_group: bool = False


FREQUENCIES: tuple[FrequencySpec, ...] = (
    FrequencySpec(
        RuleId.FREQ_BRANCH_ASSEMBLY,
        EventType.BRANCH_ASSEMBLY,
        PeriodKind.QUARTER,
        1,
        "《中国共产党支部工作条例（试行）》",
    ),
    FrequencySpec(
        RuleId.FREQ_COMMITTEE,
        EventType.COMMITTEE,
        PeriodKind.MONTH,
        1,
        "《中国共产党支部工作条例（试行）》",
    ),
    FrequencySpec(
        RuleId.FREQ_GROUP_MEETING,
        EventType.GROUP_MEETING,
        PeriodKind.MONTH,
        1,
        "《中国共产党支部工作条例（试行）》",
        per_group=True,
    ),
    FrequencySpec(
        RuleId.FREQ_PARTY_LECTURE,
        EventType.PARTY_LECTURE,
        PeriodKind.QUARTER,
        1,
        "本地规定（默认每季度1次）",
    ),
    FrequencySpec(
        RuleId.FREQ_THEME_DAY,
        EventType.THEME_DAY,
        PeriodKind.MONTH,
        1,
        "《中国共产党支部工作条例（试行）》",
    ),
    FrequencySpec(
        RuleId.FREQ_LIFE_MEETING,
        EventType.LIFE_MEETING,
        PeriodKind.YEAR,
        1,
        "《中国共产党支部工作条例（试行）》",
    ),
    FrequencySpec(
        RuleId.FREQ_EVALUATION,
        EventType.EVALUATION,
        PeriodKind.YEAR,
        1,
        "《中国共产党支部工作条例（试行）》",
    ),
    FrequencySpec(
        RuleId.FREQ_HEART_TALK,
        EventType.HEART_TALK,
        PeriodKind.YEAR,
        1,
        "《中国共产党支部工作条例（试行）》",
    ),
)
FREQUENCY_BY_RULE = {spec.rule: spec for spec in FREQUENCIES}


@dataclass(frozen=True, slots=True)
class GridCell:
    period: Period
    status: CellStatus
    count: int
    required: int
    note: str = ""  # why an exempt cell owes nothing (台账起始日期, a 党小组 with no members)


@dataclass(frozen=True, slots=True)
class GridRow:
    rule: str
    label: str
    requirement: str
    cells: tuple[GridCell, ...]


@dataclass(frozen=True, slots=True)
class YearGrid:
    unit_name: str
    year: int
    as_of: date
    rows: tuple[GridRow, ...]


def grid_rows(
    unit: OrgUnitRecord,
    groups: list[OrgUnitRecord],
    events: list[EventRecord],
    values: RuleValues,
    year: int,
    as_of: date,
    ledger_start: date | None = None,
    members: Sequence[MemberFacts] | None = None,
) -> list[GridRow]:
    """Count the events of each frequency rule in each period of ``year`` (per 党小组 if so).

    A period ending before ``ledger_start`` owes nothing (status ``exempt``); so does a
    党小组's period when none of ``members`` (if given) was in the group on the roll.
    """
    rows = []
    for spec in FREQUENCIES:
        kind, minimum = values.frequency(spec.rule)
        if minimum == 0:
            continue
        requirement = f"{kind.label}至少{minimum}次"
        targets: list[tuple[str, int | None]] = [(spec.event_type.value, None)]
        if spec.per_group:
            targets = [(f"{spec.event_type.value}（{g.name}）", g.id) for g in groups]
        for label, group_id in targets:
            matching = [e for e in events if _counts(e, spec, group_id)]
            cells = tuple(
                _cell(
                    period,
                    [e for e in matching if period.contains(e.day)],
                    minimum,
                    as_of,
                    exempt_reason(period, ledger_start, group_id, members),
                )
                for period in periods_of_year(year, kind)
            )
            rows.append(GridRow(spec.rule.value, label, requirement, cells))
    return rows


def _counts(event: EventRecord, spec: FrequencySpec, group_id: int | None) -> bool:
    if not event.counts_as(spec.event_type):
        return False
    if spec.event_type is EventType.BRANCH_ASSEMBLY and not assembly_quorate(
        event.entitled, event.present_voting
    ):
        return False  # without a majority of E the assembly was not held (quorum finding)
    return group_id is None or event.group_id == group_id


def _cell(
    period: Period, events: list[EventRecord], minimum: int, as_of: date, exempt: str = ""
) -> GridCell:
    held = sum(1 for e in events if e.day <= as_of)
    if held >= minimum and period.start <= as_of:
        return GridCell(period, "met", held, minimum)
    if exempt:
        return GridCell(period, "exempt", held, minimum, exempt)
    if period.start > as_of:
        status: CellStatus = "future"
    elif held >= minimum:
        status = "met"
    elif period.end < as_of:
        status = "missing"
    else:
        status = "due"
    return GridCell(period, status, held, minimum)


def frequency_findings(unit: OrgUnitRecord, row: GridRow) -> list[Finding]:
    """Return a finding for each period of ``row`` short of meetings (past: error; open: info)."""
    found = []
    what = row.label
    for cell in row.cells:
        if cell.status == "missing":
            message = (
                f"{cell.period.name}{what}召开{cell.count}次，未达到“{row.requirement}”的要求"
                if cell.count
                else f"{cell.period.name}未召开{what}（要求{row.requirement}）"
            )
            found.append(
                Finding(row.rule, Severity.ERROR, cell.period.id, unit.name, None, message)
            )
        elif cell.status == "due":
            still = cell.required - cell.count
            message = (
                f"{cell.period.name}尚需召开{what}{still}次，截止{cell.period.end.isoformat()}"
            )
            found.append(
                Finding(
                    row.rule,
                    Severity.INFO,
                    cell.period.id,
                    unit.name,
                    None,
                    message,
                    cell.period.end,
                )
            )
    return found
