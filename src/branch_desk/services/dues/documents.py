"""Writing the dues documents: 收缴登记表, 核定表 and the yearly 公示."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ...domain.dues import AssessmentSheet, DuesLedger, DuesNotice
from ...domain.year_snapshot import default_as_of
from .reports import DuesReports


class DuesExportService:
    """Build each dues document from the records and write it (atomically)."""

    def __init__(self, reports: DuesReports) -> None:
        self.reports = reports

    def export_ledger(
        self, unit_id: int, year: int, path: Path, as_of: date | None = None
    ) -> DuesLedger:
        """Write the year's 党费收缴登记表 (.xlsx) as of ``as_of``."""
        from ...exports.dues_xlsx import write_ledger

        ledger = self.reports.ledger(unit_id, year, self._as_of(year, as_of))
        write_ledger(Path(path), ledger)
        return ledger

    def export_assessment(
        self, unit_id: int, year: int, path: Path, as_of: date | None = None
    ) -> AssessmentSheet:
        """Write the year's 党费基数核定表 (.xlsx) for the year's roll as of ``as_of``."""
        from ...exports.dues_xlsx import write_assessment

        sheet = self.reports.assessment_sheet(unit_id, year, self._as_of(year, as_of))
        write_assessment(Path(path), sheet)
        return sheet

    def export_notice(
        self, unit_id: int, year: int, path: Path, as_of: date | None = None
    ) -> DuesNotice:
        """Write the year's 党费收缴情况公示 (.docx), issued ``as_of``."""
        from ...exports.dues_docx import write_notice

        notice = self.reports.notice(unit_id, year, self._as_of(year, as_of))
        write_notice(Path(path), notice)
        return notice

    def _as_of(self, year: int, as_of: date | None) -> date:
        """31 December for a past year, today for the current one, unless given."""
        return default_as_of(year, self.reports.dues.today(), as_of)
