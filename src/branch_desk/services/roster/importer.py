"""Importing a roster workbook: preview every problem by row and column, then all or nothing.

The columns and their cells are read in ``import_columns.py``, each row planned in
``import_rows.py``; the preview and apply steps are those of every workbook importer
(``services/sheets/importing.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...domain.errors import NotFound, UserError
from ...domain.members import StatusChangeInput, StatusChangeKind
from ...storage.repositories import Session, members, units
from ..outcome import Area, Outcome, changed
from ..sheets.importing import (
    CREATE,
    UPDATE,
    ImportResult,
    SheetPreview,
    WorkbookImporter,
    refuse_errors,
)
from ..sheets.reader import SheetTable
from .import_columns import ALIASES
from .import_rows import ImportRow, RowReader

__all__ = ["ImportRow", "RosterImportPreview", "RosterImportResult", "RosterImportService"]

RosterImportResult = ImportResult


@dataclass(frozen=True, slots=True)
class RosterImportPreview(SheetPreview[ImportRow]):
    """Everything the import would do, and every problem, before anything is written."""

    new_groups: tuple[str, ...] = ()


class RosterImportService(WorkbookImporter[RosterImportPreview]):
    """Preview and apply roster imports for one unit."""

    ALIASES = ALIASES

    def plan(self, s: Session, unit_id: int, table: SheetTable, path: Path) -> RosterImportPreview:
        reader = RowReader(s, unit_id, self.db.clock().date(), table)
        rows = tuple(reader.row(r) for r in table.rows)
        return RosterImportPreview.of(path, table, rows, new_groups=tuple(reader.new_groups))

    def apply(self, unit_id: int, preview: RosterImportPreview) -> Outcome[ImportResult]:
        """Write the previewed import in one transaction; refused if any row has an error."""
        refuse_errors(preview)
        with self.db.session() as s:
            now = self.db.now()
            groups = units.group_ids_by_name(s, unit_id)
            for name in preview.new_groups:
                groups[name] = units.add_group(s, unit_id, name, len(groups), now).id
            for item in preview.rows:
                if item.action == CREATE:
                    member_id = members.add(s, unit_id, item.data, now, groups)
                    registered = StatusChangeKind.REGISTERED
                    arrival = StatusChangeInput(
                        registered, item.data.joined_on or now.date(), note="名册导入"
                    )
                    members.add_status_change(s, member_id, arrival, now)
                elif item.action == UPDATE:
                    assert item.member_id is not None
                    try:
                        members.overwrite(s, item.member_id, item.data, now, groups)
                    except NotFound:
                        raise UserError("数据在预览后被修改，请重新预览后再导入。") from None
            s.flush()
        return changed(ImportResult.of(preview), Area.MEMBERS, Area.ORG)
