"""The rule checker: gathers each unit's records and runs the rule functions over them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from ...domain.events import EventRecord
from ...domain.findings import Finding, Severity
from ...domain.ledger_start import findings_from_start
from ...domain.org import BranchSummary, OrgUnitKind, OrgUnitRecord
from ...domain.periods import PeriodKind
from ...domain.rules.frequency import YearGrid, frequency_findings, grid_rows
from ...domain.rules.ids import RuleId
from ...domain.rules.meetings import record_findings
from ...domain.rules.structure import structure_findings
from ...domain.rules.study import study_findings
from ...domain.voting import MemberFacts, on_roll, party_status_on
from ..meetings.events import EventService
from ..org.units import OrgService
from ..roster.members import RosterService
from ..shared_reads import shared_list, shared_reads
from .rule_settings import SettingsService

Checker = Callable[[OrgUnitRecord, int, date], list[Finding]]
# Reads what a checker needs for many units at once, shared with it (see shared_reads.py).
Prefetch = Callable[[list[OrgUnitRecord], int, date], None]


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
        self.prefetches: list[Prefetch] = [self._share_meetings]

    def register(self, checker: Checker, prefetch: Prefetch | None = None) -> None:
        """Add a module's checker (dues, development …), with what reads its data for many
        units at once when the whole 党委 is checked."""
        self.checkers.append(checker)
        if prefetch is not None:
            self.prefetches.append(prefetch)

    def units(self, unit_name: str | None = None) -> list[OrgUnitRecord]:
        """Return the units to check: the one named, else every 党支部/党总支."""
        if unit_name:
            return [self.org.resolve(unit_name)]
        return [u for u in self.org.top_units() if u.kind is not OrgUnitKind.PARTY_COMMITTEE]

    def findings(self, year: int, as_of: date, unit_name: str | None = None) -> list[Finding]:
        """Return every finding for ``year`` as it stands on ``as_of``, errors first.

        The checkers of a unit share its reads (member facts, events, settings: see
        services/shared_reads.py); a build that checks a unit again reuses its findings.
        """
        found: list[Finding] = []
        with shared_reads():
            units = self.units(unit_name)
            self.prefetch(units, year, as_of)
            for unit in units:
                found += self.unit_findings(unit, year, as_of)
        order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
        return sorted(found, key=lambda f: (order[f.severity], f.unit, f.period or "", f.rule))

    def prefetch(self, units: list[OrgUnitRecord], year: int, as_of: date) -> None:
        """Inside a build, read what every checker reads for ``units`` at once (one read per
        table for all of them, not one per unit), shared with the checks that follow."""
        if len(units) > 1:
            for prefetch in self.prefetches:
                prefetch(units, year, as_of)

    def unit_findings(self, unit: OrgUnitRecord, year: int, as_of: date) -> list[Finding]:
        """Return every checker's findings for one unit (once per build)."""
        key = ("findings", unit.id, year, as_of)
        return shared_list(key, lambda: self._unit_findings(unit, year, as_of))

    def _unit_findings(self, unit: OrgUnitRecord, year: int, as_of: date) -> list[Finding]:
        start = self.org.ledger_start(unit.id)
        found: list[Finding] = []
        for checker in self.checkers:
            found.extend(findings_from_start(checker(unit, year, as_of), start))
        return found

    def year_grid(self, unit_id: int, year: int, as_of: date) -> YearGrid:
        """Return the requirements × periods grid of one unit's year."""
        unit = self.org.get(unit_id)
        events = self.events.list(unit_id, year)
        rows = grid_rows(
            unit,
            self.org.groups(unit_id),
            events,
            self.settings.values(unit_id),
            year,
            as_of,
            self.org.ledger_start(unit_id),
            self.events.facts(unit_id),
        )
        return YearGrid(unit.name, year, as_of, tuple(rows))

    def assembly_period(self, unit_id: int) -> PeriodKind:
        """Return the period the assembly frequency rule counts in (a unit's setting)."""
        period, _minimum = self.settings.values(unit_id).frequency(RuleId.FREQ_BRANCH_ASSEMBLY)
        return period

    def record_findings(self, unit_id: int, events: list[EventRecord]) -> list[Finding]:
        """Return the faults of each event's record (what the meetings list shows per event)."""
        unit = self.org.get(unit_id)
        officers = self.org.officers(unit_id)
        return record_findings(unit, events, officers, self.assembly_period(unit_id))

    def _share_meetings(self, units: list[OrgUnitRecord], year: int, _as_of: date) -> None:
        ids = [u.id for u in units]
        self.org.share_units(ids)
        self.settings.share_units(ids)
        self.events.share_year(ids, year)

    def _meeting_findings(self, unit: OrgUnitRecord, year: int, as_of: date) -> list[Finding]:
        events = [e for e in self.events.list(unit.id, year) if e.day <= as_of]
        values = self.settings.values(unit.id)
        facts = self.events.facts(unit.id)
        start, groups = self.org.ledger_start(unit.id), self.org.groups(unit.id)
        grid = grid_rows(unit, groups, events, values, year, as_of, start, facts)
        found = [f for row in grid for f in frequency_findings(unit, row)]
        found += self.record_findings(unit.id, events)
        if as_of.year == year:
            found += structure_findings(
                unit, _summary_on(self.org.summary(unit.id), facts, as_of), as_of
            )
        officers = self.org.officers(unit.id)
        found += study_findings(unit, events, facts, officers, values, year, as_of)
        return found


def _summary_on(summary: BranchSummary, facts: list[MemberFacts], day: date) -> BranchSummary:
    """Return ``summary`` with the members counted as they stood on ``day`` (正式/预备)."""
    counts: dict[str, int] = {}
    for f in facts:
        status = party_status_on(f, day) if on_roll(f.history, day) else None
        if status is not None:
            counts[status.value] = counts.get(status.value, 0) + 1
    return replace(summary, by_party_status=counts)
