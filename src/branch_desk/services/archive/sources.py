"""The services a year's archive reads, named one by one (built once in services/app.py)."""

from __future__ import annotations

from dataclasses import dataclass

from ..checking.checker import CheckService
from ..checking.rule_settings import SettingsService
from ..data.attachments import FileStore
from ..development.documents import DevelopmentExportService
from ..development.service import DevelopmentService
from ..dues.documents import DuesExportService
from ..dues.reports import DuesReports
from ..meetings.events import EventService
from ..meetings.minutes import MinutesService
from ..org.units import OrgService
from ..roster.documents import RosterExportService
from ..roster.members import RosterService
from ..year.snapshot import YearSnapshotService
from ..year.summary import SummaryService


@dataclass(frozen=True, slots=True)
class ArchiveSources:
    """Everything the archive plan, its facts and its completeness check read."""

    org: OrgService
    roster: RosterService
    events: EventService
    minutes: MinutesService
    settings: SettingsService
    checks: CheckService
    files: FileStore
    snapshots: YearSnapshotService
    summary: SummaryService
    roster_io: RosterExportService
    development: DevelopmentService
    development_io: DevelopmentExportService
    dues_reports: DuesReports
    dues_io: DuesExportService
