"""Importing dues bases (核定) and a previous 收缴登记表 grid: per-cell problems, all or nothing.

Reading the two sheets is in ``import_bases.py`` and ``import_payments.py``; the preview rows
and member lookup they share are in ``import_rows.py``.
"""

from __future__ import annotations

from pathlib import Path

from ...storage.repositories import dues as stored_dues
from ..outcome import Area, Outcome, changed
from ..roster.people import load_facts
from ..sheets.importing import refuse_errors
from .import_bases import BasesReader, read_bases
from .import_payments import GridReader, grid_entries, read_grid
from .import_rows import DuesImportPreview, MemberFinder
from .ledger import build_matrix, month_index
from .service import DuesService


class DuesImportService:
    """Preview and apply the two dues imports for one branch and year."""

    def __init__(self, dues: DuesService) -> None:
        self.dues = dues
        self.db = dues.db

    def _members(self, unit_id: int) -> MemberFinder:
        with self.db.session(audited=False) as s:
            return MemberFinder(stored_dues.unit_members(s, unit_id))

    # ---- bases -----------------------------------------------------------------------------

    def preview_bases(self, unit_id: int, year: int, path: Path) -> DuesImportPreview:
        """Read a bases sheet (月基数 or its parts) and compute each member's due; writes nothing."""
        table = read_bases(path)
        members = self._members(unit_id)
        existing = self.dues.assessments(unit_id, year)
        return BasesReader(self.dues, unit_id, members, existing).preview(year, path, table)

    def apply_bases(self, preview: DuesImportPreview) -> Outcome[int]:
        """Write every previewed assessment in one transaction."""
        refuse_errors(preview)
        items = [(r.member_id, r.payload) for r in preview.rows]
        self.dues.assess_many(preview.year, items)
        return changed(len(items), Area.DUES)

    # ---- payments grid ---------------------------------------------------------------------

    def preview_payments(self, unit_id: int, year: int, path: Path) -> DuesImportPreview:
        """Read a 收缴登记表 grid (members × 1月…12月 amounts paid); writes nothing."""
        table, months = read_grid(path)
        members = self._members(unit_id)
        today = self.dues.today()
        with self.db.session(audited=False) as s:
            facts = load_facts(s, unit_id)
            matrix = build_matrix(s, facts, year * 12, year * 12 + 11, month_index(today))
        return GridReader(year, members, matrix, today).preview(path, table, months)

    def apply_payments(self, preview: DuesImportPreview) -> Outcome[int]:
        """Record the previewed months as paid, one payment per member and month."""
        refuse_errors(preview)
        with self.db.session() as s:
            now = self.db.now()
            count = stored_dues.add_payments(s, grid_entries(preview, now), now=now)
        return changed(count, Area.DUES)
