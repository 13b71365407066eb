"""Dues reports: the 收缴登记表, the 核定表, the yearly notice, arrears and their findings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain.dues import (
    UNPAID_STATES,
    AssessmentRow,
    AssessmentSheet,
    DuesLedger,
    DuesNotice,
    LedgerMonth,
    LedgerRow,
    MonthState,
)
from ..domain.findings import Finding
from ..domain.ledger_start import first_owed_month, months_from_start
from ..domain.money import percent, yuan_grouped
from ..domain.org import OfficerRole, OrgUnitRecord
from ..domain.rules.dues import arrears_findings, unassessed_finding
from ..domain.voting import MemberFacts
from .dues import DuesService
from .dues_ledger import DuesMatrix, MonthCell, build_matrix, month_index, month_label, owes_in
from .org import OrgService
from .people import load_facts


@dataclass(frozen=True, slots=True)
class Arrears:
    member_id: int
    name: str
    months: tuple[int, ...]
    owed_fen: int

    @property
    def count(self) -> int:
        return len(self.months)

    @property
    def since(self) -> str:
        return month_label(self.months[0]) if self.months else ""


class DuesReports:
    """Read-only views over the dues records."""

    def __init__(self, org: OrgService, dues: DuesService) -> None:
        self.org = org
        self.dues = dues

    def _matrix(
        self, unit_id: int, first: int, last: int, as_of: date
    ) -> tuple[list[MemberFacts], DuesMatrix]:
        with self.dues.db.session() as s:
            facts = load_facts(s, unit_id)
            return facts, build_matrix(s, facts, first, last, month_index(as_of))

    def matrix_for(
        self, unit_id: int, member_id: int, first: int, last: int, as_of: date
    ) -> list[MonthCell]:
        """Return one member's month cells between two month indexes."""
        with self.dues.db.session() as s:
            facts = load_facts(s, unit_id, member_id)
            return build_matrix(s, facts, first, last, month_index(as_of)).member_cells(member_id)

    def matrix_span(
        self, unit_id: int, first: int, last: int, as_of: date
    ) -> tuple[list[MemberFacts], DuesMatrix]:
        """Return the members and their month cells between two month indexes (inclusive)."""
        return self._matrix(unit_id, first, last, as_of)

    def matrix(self, unit_id: int, year: int, as_of: date) -> tuple[list[MemberFacts], DuesMatrix]:
        """Return the members and their twelve month cells of ``year``."""
        return self._matrix(unit_id, year * 12, year * 12 + 11, as_of)

    def matrix_as_of(
        self, unit_id: int, year: int, as_of: date
    ) -> tuple[list[MemberFacts], DuesMatrix]:
        """Like :meth:`matrix`, counting only payments dated up to ``as_of``."""
        with self.dues.db.session() as s:
            facts = load_facts(s, unit_id)
            first, last = year * 12, year * 12 + 11
            return facts, build_matrix(s, facts, first, last, month_index(as_of), paid_by=as_of)

    def ledger(self, unit_id: int, year: int, as_of: date) -> DuesLedger:
        """Build the year's 党费收缴登记表 (members on the roll in any month of the year)."""
        unit = self.org.get(unit_id)
        facts, matrix = self.matrix_as_of(unit_id, year, as_of)
        plans = {a.member_id: a for a in self.dues.assessments(unit_id, year)}
        rows = []
        for f in facts:
            cells = matrix.member_cells(f.member_id)
            if not any(c.owed for c in cells):
                continue
            due = sum(c.due_fen or 0 for c in cells if c.owed)
            paid = sum(c.paid_fen for c in cells)
            regular_paid = sum(min(c.paid_fen, c.due_fen or 0) for c in cells if c.owed)
            owed_so_far = sum(
                (c.due_fen or 0) - min(c.paid_fen, c.due_fen or 0)
                for c in cells
                if c.owed and c.state in UNPAID_STATES
            )
            plan = plans.get(f.member_id)
            rows.append(
                LedgerRow(
                    number=len(rows) + 1,
                    member_id=f.member_id,
                    name=f.name,
                    category=plan.category.value if plan else "",
                    monthly_due_fen=_latest_due(cells),
                    months=tuple(LedgerMonth(c.state, c.due_fen, c.paid_fen) for c in cells),
                    annual_due_fen=due,
                    annual_paid_fen=paid,
                    arrears_fen=owed_so_far,
                    note=_note(cells, paid - regular_paid),
                )
            )
        month_totals = tuple(sum(r.months[i].paid_fen for r in rows) for i in range(12))
        remitted = sum(r.amount_fen for r in self.dues.remittances(unit_id, year))
        collector = next(
            (
                o.person_name
                for o in self.org.officers(unit_id)
                if o.role is OfficerRole.ORGANIZATION
            ),
            "",
        )
        return DuesLedger(
            unit_name=unit.name,
            year=year,
            as_of=as_of.isoformat(),
            rows=tuple(rows),
            month_totals=month_totals,
            annual_due_fen=sum(r.annual_due_fen for r in rows),
            annual_paid_fen=sum(r.annual_paid_fen for r in rows),
            arrears_fen=sum(r.arrears_fen for r in rows),
            remitted_fen=remitted,
            collector=collector,
        )

    def assessment_sheet(self, unit_id: int, year: int) -> AssessmentSheet:
        """Build the year's 党费核定表."""
        unit = self.org.get(unit_id)
        rows = []
        for a in self.dues.assessments(unit_id, year):
            rows.append(
                AssessmentRow(
                    number=len(rows) + 1,
                    name=a.member_name,
                    category=a.category.value,
                    parts=a.parts,
                    base_fen=a.base_fen,
                    rate=percent(a.rate_bp) if a.rate_bp is not None else "固定标准",
                    monthly_due_fen=a.monthly_due_fen,
                    reduction=a.reduction.value,
                    approval_ref=a.approval_ref,
                    from_month=a.from_month,
                    explanation=a.explanation,
                )
            )
        latest = {r.name: r.monthly_due_fen for r in rows}
        return AssessmentSheet(unit.name, year, tuple(rows), sum(latest.values()))

    def notice(self, unit_id: int, year: int, issued_on: date) -> DuesNotice:
        """Build the yearly 党费收缴情况公示."""
        ledger = self.ledger(unit_id, year, max(issued_on, date(year, 12, 31)))
        remittances = self.dues.remittances(unit_id, year)
        return DuesNotice(
            unit_name=ledger.unit_name,
            year=year,
            members=len(ledger.rows),
            annual_due_fen=ledger.annual_due_fen,
            annual_paid_fen=ledger.annual_paid_fen,
            remitted_fen=sum(r.amount_fen for r in remittances),
            large_fen=sum(r.large_fen for r in remittances),
            unpaid_names=tuple(r.name for r in ledger.rows if r.arrears_fen > 0),
            issued_on=issued_on.isoformat(),
        )

    def arrears(self, unit_id: int, as_of: date, minimum: int = 1) -> list[Arrears]:
        """Return members with at least ``minimum`` consecutive unpaid months up to last month."""
        current = month_index(as_of)
        facts, matrix = self._matrix(unit_id, current - 24, current, as_of)
        return _arrears(facts, matrix, current, minimum, self.org.ledger_start(unit_id))

    def findings(self, unit: OrgUnitRecord, year: int, as_of: date) -> list[Finding]:
        """Return dues findings: arrears at the warning and the 脱党 thresholds, unassessed members."""
        values = self.dues.settings.values(unit.id)
        warn, flag = values.number("dues.arrears_warn"), values.number("dues.arrears_flag")
        found: list[Finding] = []
        if year > as_of.year:
            return found
        current = month_index(as_of)
        if year == as_of.year:  # one matrix serves both questions
            facts, matrix = self._matrix(unit.id, current - 24, current, as_of)
        else:
            facts, matrix = self._matrix(unit.id, year * 12, year * 12 + 11, as_of)
        start = self.org.ledger_start(unit.id)
        if year == as_of.year:
            runs = list(_arrears(facts, matrix, current, warn, start))
            found += arrears_findings(unit.name, runs, warn, flag, f"{year}-{as_of.month:02d}")
        found += _unassessed(unit, year, as_of, facts, matrix, start)
        return found


def _arrears(
    facts: list[MemberFacts],
    matrix: DuesMatrix,
    current: int,
    minimum: int,
    ledger_start: date | None = None,
) -> list[Arrears]:
    """Members with at least ``minimum`` consecutive unpaid months up to last month.

    Months before the 台账起始日期 are not counted: nothing was owed to this ledger then.
    """
    result = []
    for f in facts:
        if not owes_in(f, current - 1) and not owes_in(f, current):
            continue
        run = months_from_start(matrix.consecutive_unpaid(f.member_id), ledger_start)
        if run and len(run) >= minimum:
            cells = matrix.cells[f.member_id]
            owed = sum((cells[i].due_fen or 0) - cells[i].paid_fen for i in run)
            result.append(Arrears(f.member_id, f.name, tuple(run), owed))
    return sorted(result, key=lambda a: -a.count)


def _unassessed(
    unit: OrgUnitRecord,
    year: int,
    as_of: date,
    facts: list[MemberFacts],
    matrix: DuesMatrix,
    ledger_start: date | None = None,
) -> list[Finding]:
    last = min(month_index(as_of), year * 12 + 11)
    owed_from = max(year * 12, first_owed_month(ledger_start) or 0)
    found = []
    for f in facts:
        cells = matrix.cells[f.member_id]
        missing = [
            cells[i] for i in range(owed_from, last + 1) if cells[i].state is MonthState.UNASSESSED
        ]
        if missing:
            first = month_label(missing[0].index)
            found.append(unassessed_finding(unit.name, year, as_of, f.member_id, f.name, first))
    return found


def _latest_due(cells: list) -> int | None:  # type: ignore[type-arg]
    dues = [c.due_fen for c in cells if c.owed and c.due_fen is not None]
    return dues[-1] if dues else None


def _note(cells: list, extra: int) -> str:  # type: ignore[type-arg]
    notes = []
    dues = {c.due_fen for c in cells if c.owed and c.due_fen is not None}
    if len(dues) > 1:
        notes.append("年中调整基数")
    if any(c.exempt for c in cells if c.owed):
        notes.append("经批准免交")
    if extra > 0:
        notes.append(f"自愿多交{yuan_grouped(extra)}元")
    return "；".join(notes)
