"""Dues reports: the 收缴登记表, the 核定表, the yearly notice, arrears and their findings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...domain.copying import record_from
from ...domain.dues import (
    AssessmentRow,
    AssessmentSheet,
    DuesLedger,
    DuesNotice,
    LedgerMonth,
    LedgerRow,
    MonthState,
)
from ...domain.dues_owed import UNASSESSED_WORDS, MemberDues, YearDues, open_month, year_dues
from ...domain.dues_records import AssessmentRecord
from ...domain.findings import Finding
from ...domain.ledger_start import first_owed_month, months_from_start
from ...domain.money import percent
from ...domain.org import OfficerRole, OrgUnitRecord
from ...domain.rules.dues import (
    arrears_findings,
    arrears_standing,
    standing_date,
    standing_last_month,
    unassessed_finding,
)
from ...domain.voting import MemberFacts
from ...domain.year_snapshot import default_as_of
from ..org.units import OrgService
from ..roster.people import load_facts, share_facts
from ..shared_reads import share, shared, sharing
from .ledger import (
    DuesMatrix,
    MonthCell,
    build_matrix,
    month_index,
    month_label,
    month_start,
)
from .service import DuesService


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
        self, unit_id: int, first: int, last: int, as_of: date, paid_by: date | None = None
    ) -> tuple[list[MemberFacts], DuesMatrix]:
        current = month_index(as_of)
        key = ("dues matrix", unit_id, first, last, current, paid_by)
        return shared(key, lambda: self._read_matrix(unit_id, first, last, current, paid_by))

    def _read_matrix(
        self, unit_id: int, first: int, last: int, current: int, paid_by: date | None
    ) -> tuple[list[MemberFacts], DuesMatrix]:
        with self.dues.db.session() as s:
            facts = load_facts(s, unit_id)
            return facts, build_matrix(s, facts, first, last, current, paid_by)

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
        """Like :meth:`matrix`, counting only payments dated up to ``as_of``.

        A month that has ended by ``as_of`` is past (欠交 when unpaid): on 31 December the
        whole year is, as the one definition of owed says (domain/dues_owed.py).
        """
        current = open_month(as_of)
        first, last = year * 12, year * 12 + 11
        key = ("dues matrix", unit_id, first, last, current, as_of)
        return shared(key, lambda: self._read_matrix(unit_id, first, last, current, as_of))

    def year_dues(
        self, unit_id: int, year: int, as_of: date
    ) -> tuple[list[MemberFacts], DuesMatrix, YearDues]:
        """Return the year's members, month cells and figures under the one definition of owed.

        Every dues figure of a year (snapshot, 登记表, 核定表, 公示, summary, the 党费 page) comes
        from here; see domain/dues_owed.py for the definition.
        """
        facts, matrix = self.matrix_as_of(unit_id, year, as_of)
        remitted = [
            (r.remitted_on, r.amount_fen, r.large_fen) for r in self.dues.remittances(unit_id, year)
        ]
        rows = [(f.member_id, f.name, matrix.member_cells(f.member_id)) for f in facts]
        return facts, matrix, year_dues(year, as_of, rows, remitted)

    def default_as_of(self, year: int, as_of: date | None = None) -> date:
        """31 December for a past year, today for the current one, unless given."""
        return default_as_of(year, self.dues.today(), as_of)

    def ledger(self, unit_id: int, year: int, as_of: date) -> DuesLedger:
        """Build the year's 党费收缴登记表: the members on the year's roll up to ``as_of``."""
        unit = self.org.get(unit_id)
        facts, matrix, dues = self.year_dues(unit_id, year, as_of)
        plans = {a.member_id: a for a in self.dues.assessments(unit_id, year)}
        counted = {m.member_id: m for m in dues.members}
        rows = []
        for f in facts:
            member = counted.get(f.member_id)
            if member is None:
                continue
            cells = matrix.member_cells(f.member_id)
            plan = plans.get(f.member_id)
            rows.append(
                LedgerRow(
                    number=len(rows) + 1,
                    member_id=f.member_id,
                    name=f.name,
                    category=plan.category.value if plan else "",
                    monthly_due_fen=_latest_due(cells),
                    months=tuple(
                        LedgerMonth(c.state, c.due_fen, c.paid_fen, c.paid_on, c.collector)
                        for c in cells
                    ),
                    dues=member,
                    note=_note(cells, member, plan.carried_from if plan else None),
                )
            )
        month_totals = tuple(sum(r.months[i].paid_fen for r in rows) for i in range(12))
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
            dues=dues,
            collector=collector,
        )

    def assessment_sheet(
        self, unit_id: int, year: int, as_of: date | None = None
    ) -> AssessmentSheet:
        """Build the year's 党费核定表 for the members on the year's roll up to the as-of day.

        Assessments of people not on that roll (admitted or transferred in later) are left out;
        a member on the roll without an assessment has a 未核定 line.
        """
        unit = self.org.get(unit_id)
        day = self.default_as_of(year, as_of)
        facts, matrix, dues = self.year_dues(unit_id, year, day)
        on_roll = {m.member_id for m in dues.members}
        by_member: dict[int, list[AssessmentRecord]] = {}
        for a in self.dues.assessments(unit_id, year):
            by_member.setdefault(a.member_id, []).append(a)
        rows: list[AssessmentRow] = []
        for f in facts:
            if f.member_id not in on_roll:
                continue
            cells = [
                c
                for c in matrix.member_cells(f.member_id)
                if c.owed and month_start(c.index) <= day
            ]
            missing = [c.index for c in cells if c.due_fen is None]
            if missing:
                rows.append(_unassessed_row(len(rows) + 1, f.name, missing))
            for a in sorted(by_member.get(f.member_id, []), key=lambda a: a.from_month):
                rows.append(
                    record_from(
                        AssessmentRow,
                        a,
                        number=len(rows) + 1,
                        name=a.member_name,
                        category=a.category.value,
                        rate=percent(a.rate_bp) if a.rate_bp is not None else "固定标准",
                        reduction=a.reduction.value,
                    )
                )
        latest = {r.name: r.monthly_due_fen or 0 for r in rows if r.monthly_due_fen is not None}
        return AssessmentSheet(
            unit.name, year, tuple(rows), sum(latest.values()), as_of=day.isoformat()
        )

    def notice(self, unit_id: int, year: int, issued_on: date) -> DuesNotice:
        """Build the yearly 党费收缴情况公示, its figures as of ``issued_on``."""
        unit = self.org.get(unit_id)
        _, _, dues = self.year_dues(unit_id, year, issued_on)
        return DuesNotice(unit.name, year, dues, issued_on.isoformat())

    def arrears(
        self, unit_id: int, as_of: date, minimum: int = 1, year: int | None = None
    ) -> list[Arrears]:
        """Return the runs of at least ``minimum`` unpaid months standing at the end of ``year``.

        ``year`` defaults to the as-of year; a past year's arrears stand at its 31 December
        (payments dated up to ``as_of`` count, so a later 补交 clears them).
        """
        year = as_of.year if year is None else year
        if year > as_of.year:
            return []
        last = standing_last_month(year, as_of)
        facts, matrix = self._matrix(unit_id, last - 24, last, as_of, paid_by=as_of)
        return _arrears(facts, matrix, year, as_of, minimum, self.org.ledger_start(unit_id))

    def findings(self, unit: OrgUnitRecord, year: int, as_of: date) -> list[Finding]:
        """Return dues findings: the year's arrears (standing at its end or at ``as_of``), unassessed."""
        values = self.dues.settings.values(unit.id)
        warn, flag = values.number("dues.arrears_warn"), values.number("dues.arrears_flag")
        if year > as_of.year:
            return []
        first, last = _findings_span(year, as_of)
        facts, matrix = self._matrix(unit.id, first, last, as_of, paid_by=as_of)
        start = self.org.ledger_start(unit.id)
        runs = _arrears(facts, matrix, year, as_of, warn, start)
        day = standing_date(year, as_of)
        found = arrears_findings(unit.name, list(runs), warn, flag, f"{day.year}-{day.month:02d}")
        month = values.number("dues.assessment_month")
        found += _unassessed(unit, year, as_of, facts, matrix, month, start)
        return found

    def share_findings(self, units: list[OrgUnitRecord], year: int, as_of: date) -> None:
        """Inside a build, compute the month cells ``findings`` reads for many units at once."""
        if not sharing() or year > as_of.year:
            return
        first, last = _findings_span(year, as_of)
        current = month_index(as_of)
        with self.dues.db.session() as s:
            share_facts(s, [u.id for u in units])
            facts = {u.id: load_facts(s, u.id) for u in units}
            everyone = [f for unit_facts in facts.values() for f in unit_facts]
            matrix = build_matrix(s, everyone, first, last, current, as_of)
        for unit in units:
            cells = {f.member_id: matrix.cells[f.member_id] for f in facts[unit.id]}
            key = ("dues matrix", unit.id, first, last, current, as_of)
            share(key, (facts[unit.id], DuesMatrix(first, last, current, cells)))


def _findings_span(year: int, as_of: date) -> tuple[int, int]:
    """The months the dues findings of ``year`` read: the 25 before the standing month, the year."""
    return min(standing_last_month(year, as_of) - 24, year * 12), year * 12 + 11


def _arrears(
    facts: list[MemberFacts],
    matrix: DuesMatrix,
    year: int,
    as_of: date,
    minimum: int,
    ledger_start: date | None = None,
) -> list[Arrears]:
    """Members with at least ``minimum`` unpaid months in the run standing at the end of ``year``.

    Months before the 台账起始日期 are not counted: nothing was owed to this ledger then.
    """
    result = []
    for f in facts:
        cells = matrix.cells[f.member_id]
        run = arrears_standing({i: c.state for i, c in cells.items()}, year, as_of)
        run = months_from_start(run, ledger_start)
        if run and len(run) >= minimum:
            owed = sum((cells[i].due_fen or 0) - cells[i].paid_fen for i in run)
            result.append(Arrears(f.member_id, f.name, tuple(run), owed))
    return sorted(result, key=lambda a: -a.count)


def _unassessed(
    unit: OrgUnitRecord,
    year: int,
    as_of: date,
    facts: list[MemberFacts],
    matrix: DuesMatrix,
    assessment_month: int,
    ledger_start: date | None = None,
) -> list[Finding]:
    last = min(month_index(as_of), year * 12 + 11)
    owed_from = max(year * 12, first_owed_month(ledger_start) or 0)
    names = [
        f.name
        for f in facts
        if any(
            matrix.cells[f.member_id][i].state is MonthState.UNASSESSED
            for i in range(owed_from, last + 1)
        )
    ]
    finding = unassessed_finding(unit.name, year, as_of, names, assessment_month)
    return [finding] if finding else []


def _unassessed_row(number: int, name: str, months: list[int]) -> AssessmentRow:
    """The 核定表 line of a member on the roll with months that have no assessment."""
    first, last = month_start(months[0]).month, month_start(months[-1]).month
    span = f"{first}月" if first == last else f"{first}月至{last}月"
    return AssessmentRow(
        number=number,
        name=name,
        category="",
        parts=(),
        base_fen=None,
        rate=UNASSESSED_WORDS,
        monthly_due_fen=None,
        reduction="",
        approval_ref="",
        from_month=first,
        explanation=f"{span}尚未核定党费基数，应交金额未核定",
    )


def _latest_due(cells: list) -> int | None:  # type: ignore[type-arg]
    dues = [c.due_fen for c in cells if c.owed and c.due_fen is not None]
    return dues[-1] if dues else None


def _note(  # type: ignore[type-arg]
    cells: list, member: MemberDues, carried_from: int | None = None
) -> str:
    notes = [f"基数沿用{carried_from}年，待确认"] if carried_from else []
    dues = {c.due_fen for c in cells if c.owed and c.due_fen is not None}
    if len(dues) > 1:
        notes.append("年中调整基数")
    if any(c.exempt for c in cells if c.owed):
        notes.append("经批准免交")
    if member.unassessed_months:
        notes.append(f"{len(member.unassessed_months)}个月未核定")
    return "；".join(notes)
