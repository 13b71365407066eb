"""Importing a meeting ledger (会议台账): preview by row and column, then all or nothing.

The cells are read in ``import_cells.py``, each row in ``import_rows.py``; a row that matches a
stored event is merged with it (``import_merge.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...storage.database import Database
from ...storage.repositories import Session
from ...storage.repositories import events as stored_events
from ..checking.rule_settings import SettingsService
from ..outcome import Area, Outcome, changed
from ..sheets.importing import ImportResult, SheetPreview, WorkbookImporter, refuse_errors
from ..sheets.reader import SheetTable
from .attendance import expected_for
from .events import EventService
from .import_hours import hours_notice
from .import_rows import ALIASES, UNCHANGED, EventImportRow, RowReader

__all__ = ["EventImportPreview", "EventImportResult", "EventImportRow", "EventImportService"]

EventImportResult = ImportResult
REQUIRED = {"day": "日期", "type": "会议类型"}


@dataclass(frozen=True, slots=True)
class EventImportPreview(SheetPreview[EventImportRow]):
    """What the import would add or change, and every problem, before anything is written."""

    minutes_per_hour: int = 60

    @property
    def hours_notice(self) -> str:
        """Say where the 学时 of the rows came from (学时 column, times, or none)."""
        return hours_notice((r.hours_source for r in self.rows if r.ok), self.minutes_per_hour)


class EventImportService(WorkbookImporter[EventImportPreview]):
    """Preview and apply meeting-ledger imports for one branch."""

    ALIASES = ALIASES
    REQUIRED = REQUIRED
    WORKBOOK = "会议台账"

    def __init__(self, db: Database, events: EventService, settings: SettingsService) -> None:
        super().__init__(db)
        self.events = events
        self.settings = settings

    def plan(self, s: Session, unit_id: int, table: SheetTable, path: Path) -> EventImportPreview:
        per_hour = self.settings.values(unit_id).number("study.minutes_per_hour")
        context = RowReader(s, unit_id, self.db.clock().date(), per_hour)
        rows = tuple(context.row(table, r.number, r.values) for r in table.rows)
        return EventImportPreview.of(path, table, rows, minutes_per_hour=per_hour)

    def apply(self, unit_id: int, preview: EventImportPreview) -> Outcome[ImportResult]:
        """Write every previewed event in one transaction; refused if any row has an error."""
        refuse_errors(preview)
        with self.db.session() as s:
            now = self.db.now()
            for item in preview.rows:
                assert item.data is not None
                if item.action == UNCHANGED:
                    continue  # nothing to write: its attendance rows stay as they are
                expected = expected_for(s, unit_id, item.data)
                if item.event_id and stored_events.exists(s, item.event_id):
                    stored_events.update(s, item.event_id, item.data, now, expected)
                else:
                    stored_events.insert(s, unit_id, item.data, now, expected)
            s.flush()
        return changed(ImportResult.of(preview), Area.EVENTS)
