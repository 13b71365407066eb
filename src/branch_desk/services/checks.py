"""The rule checker: findings for any year, and the year grid of meeting obligations."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from ..domain.events import EventRecord
from ..domain.findings import Finding, Severity
from ..domain.org import BranchSummary, OrgUnitKind, OrgUnitRecord
from ..domain.periods import Period, periods_of_year
from ..domain.rules import FREQUENCIES, FrequencySpec, RuleValues
from ..domain.voting import MemberFacts, on_roll, party_status_on
from .events import EventService
from .meeting_checks import record_findings, structure_findings, study_findings
from .org import OrgService
from .roster import RosterService
from .settings import SettingsService

CellStatus = Literal["met", "missing", "due", "future"]
Checker = Callable[[OrgUnitRecord, int, date], list[Finding]]


@dataclass(frozen=True, slots=True)
class GridCell:
    period: Period
    status: CellStatus
    count: int
    required: int


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


class CheckService:
    """Run every registered checker; the meetings checks are built in."""

    def __init__(
        self,
        org: OrgService,
        roster: RosterService,
        events: EventService,
        settings: SettingsService,
    ) -> None:
        self.org = org
        self.roster = roster
        self.events = events
        self.settings = settings
        self.checkers: list[Checker] = [self._meeting_findings]

    def register(self, checker: Checker) -> None:
        """Add a module's checker (dues, development …)."""
        self.checkers.append(checker)

    def units(self, unit_name: str | None = None) -> list[OrgUnitRecord]:
        """Return the units to check: the one named, else every 党支部/党总支."""
        if unit_name:
            return [self.org.resolve(unit_name)]
        return [u for u in self.org.top_units() if u.kind is not OrgUnitKind.PARTY_COMMITTEE]

    def findings(self, year: int, as_of: date, unit_name: str | None = None) -> list[Finding]:
        """Return every finding for ``year`` as it stands on ``as_of``, errors first."""
        found: list[Finding] = []
        for unit in self.units(unit_name):
            for checker in self.checkers:
                found.extend(checker(unit, year, as_of))
        order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
        return sorted(found, key=lambda f: (order[f.severity], f.unit, f.period or "", f.rule))

    def year_grid(self, unit_id: int, year: int, as_of: date) -> YearGrid:
        """Return the requirements × periods grid of one unit's year."""
        unit = self.org.get(unit_id)
        events = self.events.list(unit_id, year)
        rows = _grid_rows(
            unit, self.org.groups(unit_id), events, self.settings.values(unit_id), year, as_of
        )
        return YearGrid(unit.name, year, as_of, tuple(rows))

    def _meeting_findings(self, unit: OrgUnitRecord, year: int, as_of: date) -> list[Finding]:
        events = [e for e in self.events.list(unit.id, year) if e.day <= as_of]
        values = self.settings.values(unit.id)
        grid = _grid_rows(unit, self.org.groups(unit.id), events, values, year, as_of)
        found = [f for row in grid for f in _row_findings(unit, row, as_of)]
        found += record_findings(unit, events, self.org.officers(unit.id))
        facts = self.events.facts(unit.id)
        if as_of.year == year:
            found += structure_findings(
                unit, _summary_on(self.org.summary(unit.id), facts, as_of), as_of
            )
        officers = self.org.officers(unit.id)
        found += study_findings(unit, events, facts, officers, values, year, as_of)
        return found


def _grid_rows(
    unit: OrgUnitRecord,
    groups: list[OrgUnitRecord],
    events: list[EventRecord],
    values: RuleValues,
    year: int,
    as_of: date,
) -> list[GridRow]:
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
                _cell(period, [e for e in matching if period.contains(e.day)], minimum, as_of)
                for period in periods_of_year(year, kind)
            )
            rows.append(GridRow(spec.rule.value, label, requirement, cells))
    return rows


def _counts(event: EventRecord, spec: FrequencySpec, group_id: int | None) -> bool:
    if not event.counts_as(spec.event_type):
        return False
    return group_id is None or event.group_id == group_id


def _cell(period: Period, events: list[EventRecord], minimum: int, as_of: date) -> GridCell:
    held = sum(1 for e in events if e.day <= as_of)
    if period.start > as_of:
        status: CellStatus = "future"
    elif held >= minimum:
        status = "met"
    elif period.end < as_of:
        status = "missing"
    else:
        status = "due"
    return GridCell(period, status, held, minimum)


def _row_findings(unit: OrgUnitRecord, row: GridRow, as_of: date) -> list[Finding]:
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
    del as_of
    return found


def _summary_on(summary: BranchSummary, facts: list[MemberFacts], day: date) -> BranchSummary:
    """Return ``summary`` with the members counted as they stood on ``day`` (正式/预备)."""
    counts: dict[str, int] = {}
    for f in facts:
        status = party_status_on(f, day) if on_roll(f.history, day) else None
        if status is not None:
            counts[status.value] = counts.get(status.value, 0) + 1
    return replace(summary, by_party_status=counts)
