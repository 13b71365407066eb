"""Importing a meeting ledger (会议台账): preview by row and column, then all or nothing.

The cells are read in ``import_cells.py``, each row in ``import_rows.py``; a row that matches a
stored event is merged with it (``import_merge.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...domain.errors import UserError
from ...storage.database import Database
from ...storage.repositories import events as stored_events
from ...storage.repositories import units
from ..checking.rule_settings import SettingsService
from ..outcome import Area, Outcome, changed
from ..progress import Cancel, Progress, never_cancel, no_progress
from ..sheets.reader import CellProblem, PreviewCounts, read_table
from .attendance import expected_for
from .events import EventService
from .import_hours import hours_notice
from .import_rows import ALIASES, CREATE, UNCHANGED, UPDATE, EventImportRow, RowReader

__all__ = ["EventImportPreview", "EventImportResult", "EventImportRow", "EventImportService"]

REQUIRED = {"day": "日期", "type": "会议类型"}


@dataclass(frozen=True, slots=True)
class EventImportPreview(PreviewCounts):
    path: Path
    sheet_name: str
    header_row: int
    rows: tuple[EventImportRow, ...]
    problems: tuple[CellProblem, ...]
    unknown_columns: tuple[str, ...]
    minutes_per_hour: int = 60

    @property
    def hours_notice(self) -> str:
        """Say where the 学时 of the rows came from (学时 column, times, or none)."""
        return hours_notice((r.hours_source for r in self.rows if r.ok), self.minutes_per_hour)


@dataclass(frozen=True, slots=True)
class EventImportResult:
    created: int
    updated: int
    unchanged: int = 0


class EventImportService:
    """Preview and apply meeting-ledger imports for one branch."""

    def __init__(self, db: Database, events: EventService, settings: SettingsService) -> None:
        self.db = db
        self.events = events
        self.settings = settings

    def preview(
        self,
        unit_id: int,
        path: Path,
        progress: Progress = no_progress,
        cancel: Cancel = never_cancel,
    ) -> EventImportPreview:
        """Read the ledger and report every problem; writes nothing."""
        table = read_table(Path(path), ALIASES, progress=progress, cancel=cancel)
        per_hour = self.settings.values(unit_id).number("study.minutes_per_hour")
        with self.db.session(audited=False) as s:
            units.require(s, unit_id)
            missing = [label for key, label in REQUIRED.items() if key not in table.headers]
            if missing:
                raise UserError(f"会议台账缺少必需的列：{'、'.join(missing)}")
            context = RowReader(s, unit_id, self.db.clock().date(), per_hour)
            rows = tuple(context.row(table, r.number, r.values) for r in table.rows)
        problems = tuple(p for r in rows for p in r.problems)
        if not rows:
            problems = (CellProblem(None, "", "表头下没有任何数据行"),)
        return EventImportPreview(
            Path(path),
            table.sheet_name,
            table.header_row,
            rows,
            problems,
            tuple(table.unknown_columns),
            per_hour,
        )

    def apply(self, unit_id: int, preview: EventImportPreview) -> Outcome[EventImportResult]:
        """Write every previewed event in one transaction; refused if any row has an error."""
        if not preview.ok:
            raise UserError(
                f"文件中有{preview.error_count}处错误，请改正后重新导入；未导入任何数据。"
            )

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
        counts = (preview.count(CREATE), preview.count(UPDATE), preview.count(UNCHANGED))
        return changed(EventImportResult(*counts), Area.EVENTS)
