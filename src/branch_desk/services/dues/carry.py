"""沿用上年基数: carry last year's bases into a new year for the whole branch, then confirm.

A carried base is recorded like any assessment (its monthly due recomputed under this year's
rates) with ``carried_from`` set to the year it came from; it stays marked 沿用 until the
secretary confirms it (or edits it: an edited base counts as re-verified).
"""

from __future__ import annotations

from ...domain.dues import DuesCategory, Reduction
from ...domain.dues_records import AssessmentInput, AssessmentRecord, CarryResult
from ...domain.errors import UserError
from ...storage.repositories import dues
from ..outcome import Area, Outcome, changed
from .reports import DuesReports
from .service import DuesService


def carried_input(record: AssessmentRecord) -> AssessmentInput:
    """Return the form that repeats ``record`` for January of the next year."""
    return AssessmentInput(
        category=record.category,
        base_fen=0 if record.parts else record.base_fen,
        parts=record.parts,
        reduction=record.reduction,
        reduced_fen=record.monthly_due_fen if record.reduction is Reduction.REDUCED else 0,
        approval_ref=record.approval_ref,
        fixed_fen=record.computed_fen if record.category is DuesCategory.OTHER else None,
        from_month=1,
        note=record.note,
    )


class DuesCarryService:
    """Carry the previous year's bases forward for a branch; confirm carried bases."""

    def __init__(self, dues: DuesService, reports: DuesReports) -> None:
        self.dues = dues
        self.reports = reports

    def plan(
        self, unit_id: int, year: int
    ) -> tuple[list[tuple[int, AssessmentInput]], CarryResult]:
        """Return the assessments 沿用 would write and its summary (no write)."""
        facts, matrix = self.reports.matrix(unit_id, year, self.dues.today())
        assessed = {a.member_id for a in self.dues.assessments(unit_id, year)}
        latest: dict[int, AssessmentRecord] = {}
        for record in self.dues.assessments(unit_id, year - 1):  # by from_month: last wins
            latest[record.member_id] = record
        items, carried, missing, kept = [], [], [], 0
        for f in facts:
            if not any(c.owed for c in matrix.member_cells(f.member_id)):
                continue
            if f.member_id in assessed:
                kept += 1
            elif f.member_id in latest:
                items.append((f.member_id, carried_input(latest[f.member_id])))
                carried.append(f.name)
            else:
                missing.append(f.name)
        return items, CarryResult(year, tuple(carried), kept, tuple(missing))

    def carry(self, unit_id: int, year: int) -> Outcome[CarryResult]:
        """Give every unassessed member owing in ``year`` last year's base, marked 沿用."""
        items, result = self.plan(unit_id, year)
        if not items:
            raise UserError(_nothing(result))
        self.dues.assess_many(year, items, carried_from=year - 1)
        return changed(result, Area.DUES)

    def confirm(self, unit_id: int, year: int, member_ids: set[int] | None = None) -> Outcome[int]:
        """Confirm the carried bases of the year (or of some members): they stop being 沿用."""
        with self.dues.db.session() as s:
            count = dues.confirm_carried(s, unit_id, year, member_ids)
        if not count:
            raise UserError(f"{year}年没有待确认的沿用基数。")
        return changed(count, Area.DUES)


def _nothing(result: CarryResult) -> str:
    if result.missing:
        names = "、".join(result.missing)
        return f"{result.year - 1}年没有可沿用的党费基数（未核定：{names}），请逐一核定。"
    return f"{result.year}年应核定的党员均已核定，无需沿用上年基数。"
