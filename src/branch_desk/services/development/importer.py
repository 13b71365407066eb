"""Importing a development ledger (发展党员台账): one row per person, one date column per step.

Preview reports every problem by row and column and writes nothing; apply writes every row in
one transaction or nothing at all.  A step date earlier than the step before it is not an import
error: it is imported as written and the development rules report it (``develop.order``).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ...domain.errors import UserError, ValidationFailed
from ...storage.database import Database
from ...storage.repositories import Session, units
from ...storage.repositories import candidates as repo
from ..outcome import Area, Outcome, changed
from ..sheets.importing import UNCHANGED, ImportResult, WorkbookImporter, refuse_errors
from ..sheets.reader import SheetTable
from .admission import sync_roster
from .identity import checked_input, group_id
from .import_columns import ALIASES
from .import_rows import CandidateImportPreview, CandidateImportRow, RowReader
from .service import DevelopmentService

REQUIRED = {"name": "姓名"}


class CandidateImportService(WorkbookImporter[CandidateImportPreview]):
    """Preview and apply development-ledger imports for one branch."""

    ALIASES = ALIASES
    REQUIRED = REQUIRED
    WORKBOOK = "发展党员台账"

    def __init__(self, db: Database, development: DevelopmentService) -> None:
        super().__init__(db)
        self.development = development

    def plan(
        self, s: Session, unit_id: int, table: SheetTable, path: Path
    ) -> CandidateImportPreview:
        context = RowReader(s, unit_id, self.development.today(), table)
        rows = tuple(context.row(r) for r in table.rows)
        return CandidateImportPreview.of(path, table, rows, tuple(context.file_problems))

    def apply(self, unit_id: int, preview: CandidateImportPreview) -> Outcome[ImportResult]:
        """Write every previewed candidate and step in one transaction; refused on any error."""
        refuse_errors(preview)
        with self.db.session() as s:
            units.require(s, unit_id)
            now = self.db.now()
            for item in preview.rows:
                if item.action != UNCHANGED:
                    _write_row(s, unit_id, item, now)
            s.flush()
        return changed(ImportResult.of(preview), Area.DEVELOPMENT, Area.MEMBERS)


def _write_row(s: Session, unit_id: int, item: CandidateImportRow, now: datetime) -> None:
    """Write one previewed row: the candidate's identity, then its steps; the roster follows."""
    stale = UserError("数据在预览后被修改，请重新预览后再导入。")
    assert item.data is not None
    try:
        data = checked_input(s, unit_id, item.data, item.candidate_id)
    except ValidationFailed:
        raise stale from None
    group = group_id(s, unit_id, data)
    if item.candidate_id is None:
        candidate_id = repo.add(s, unit_id, data, group, now)
    else:
        found = repo.get(s, item.candidate_id)
        if found is None or found.unit_id != unit_id or found.ended:
            raise stale
        candidate_id = found.id
        repo.write_identity(s, candidate_id, data, group)
        repo.touch(s, candidate_id, now)
    for record in item.steps:
        repo.put_step(s, candidate_id, record)
    s.flush()
    sync_roster(s, repo.require(s, candidate_id), now)
