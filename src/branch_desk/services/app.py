"""The composition of services over one open data directory."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING

from ..domain.errors import UserError
from ..exports.safe_output import protect_folder, release_folder
from ..paths import AppPaths
from ..storage import private
from .archive.staging import clean_staging
from .safety.leftovers import clean_leftovers

if TYPE_CHECKING:
    from ..storage.database import Database
    from .archive.pack import ArchiveService
    from .checking.checker import CheckService
    from .checking.rule_settings import SettingsService
    from .data.attachments import FileStore
    from .data.audit_log import AuditLogService
    from .data.exchange import ExchangeService
    from .development.checks import CalendarService, DevelopmentChecks
    from .development.documents import DevelopmentExportService
    from .development.importer import CandidateImportService
    from .development.service import DevelopmentService
    from .dues.carry import DuesCarryService
    from .dues.collection_day import DuesDayService
    from .dues.documents import DuesExportService
    from .dues.importer import DuesImportService
    from .dues.reports import DuesReports
    from .dues.service import DuesService
    from .meetings.events import EventService
    from .meetings.importer import EventImportService
    from .meetings.minutes import MinutesService
    from .org.unit_list import UnitList
    from .org.units import OrgService
    from .roster.documents import RosterExportService
    from .roster.exclusions import ExclusionService
    from .roster.importer import RosterImportService
    from .roster.members import RosterService
    from .safety.auto_backup import SafetyService
    from .year.records import YearRecordsService
    from .year.snapshot import YearSnapshotService
    from .year.summary import SummaryService


class BranchDesk:
    """Everything a front end (CLI or GUI) needs, over one locked data directory.

    Each service is built on first use (``cached_property``), with its dependencies named in its
    constructor call below, so opening a data dir loads only the code the first screen or
    command needs. A property is built once per desk; tests may replace one by assignment.
    """

    def __init__(self, paths: AppPaths, db: Database) -> None:
        self.paths = paths
        self.db = db
        self.automatic_backups = False
        self.closed = False

    # ---- plain services over the database ------------------------------------------------

    @cached_property
    def safety(self) -> SafetyService:
        from .safety.auto_backup import SafetyService

        return SafetyService(self.paths, self.db)

    @cached_property
    def audit(self) -> AuditLogService:
        from .data.audit_log import AuditLogService

        return AuditLogService(self.db)

    @cached_property
    def units(self) -> UnitList:
        """The unit list without the ORM: what a window reads first (services/org/unit_list.py)."""
        from .org.unit_list import UnitList

        return UnitList(self.db)

    @cached_property
    def org(self) -> OrgService:
        from .org.units import OrgService

        return OrgService(self.db)

    @cached_property
    def roster(self) -> RosterService:
        from .roster.members import RosterService

        return RosterService(self.db)

    @cached_property
    def roster_import(self) -> RosterImportService:
        from .roster.importer import RosterImportService

        return RosterImportService(self.db)

    @cached_property
    def files(self) -> FileStore:
        from .data.attachments import FileStore

        return FileStore(self.paths.attachments_dir)

    @cached_property
    def settings(self) -> SettingsService:
        from .checking.rule_settings import SettingsService

        return SettingsService(self.db)

    @cached_property
    def exclusions(self) -> ExclusionService:
        from .roster.exclusions import ExclusionService

        return ExclusionService(self.db)

    @cached_property
    def year_records(self) -> YearRecordsService:
        from .year.records import YearRecordsService

        return YearRecordsService(self.db)

    # ---- services over the database and other services -------------------------------------

    @cached_property
    def roster_io(self) -> RosterExportService:
        from .roster.documents import RosterExportService

        return RosterExportService(self.org, self.roster)

    @cached_property
    def exchange(self) -> ExchangeService:
        from .data.exchange import ExchangeService

        return ExchangeService(self.db, self.files)

    @cached_property
    def events(self) -> EventService:
        from .meetings.events import EventService

        return EventService(self.db, self.files)

    @cached_property
    def minutes(self) -> MinutesService:
        from .meetings.minutes import MinutesService

        return MinutesService(self.org, self.events)

    @cached_property
    def event_import(self) -> EventImportService:
        from .meetings.importer import EventImportService

        return EventImportService(self.db, self.events, self.settings)

    @cached_property
    def dues(self) -> DuesService:
        from .dues.service import DuesService

        return DuesService(self.db, self.settings)

    @cached_property
    def dues_reports(self) -> DuesReports:
        from .dues.reports import DuesReports

        return DuesReports(self.org, self.dues)

    @cached_property
    def dues_day(self) -> DuesDayService:
        from .dues.collection_day import DuesDayService

        return DuesDayService(self.dues_reports, self.dues)

    @cached_property
    def dues_carry(self) -> DuesCarryService:
        from .dues.carry import DuesCarryService

        return DuesCarryService(self.dues, self.dues_reports)

    @cached_property
    def dues_import(self) -> DuesImportService:
        from .dues.importer import DuesImportService

        return DuesImportService(self.dues)

    @cached_property
    def dues_io(self) -> DuesExportService:
        from .dues.documents import DuesExportService

        return DuesExportService(self.dues_reports)

    @cached_property
    def development(self) -> DevelopmentService:
        from .development.service import DevelopmentService

        return DevelopmentService(self.db, self.settings, self.files)

    @cached_property
    def candidate_import(self) -> CandidateImportService:
        from .development.importer import CandidateImportService

        return CandidateImportService(self.db, self.development)

    @cached_property
    def development_checks(self) -> DevelopmentChecks:
        from .development.checks import DevelopmentChecks

        return DevelopmentChecks(self.development, self.events)

    @cached_property
    def calendar(self) -> CalendarService:
        from .development.checks import CalendarService

        return CalendarService(self.development)

    @cached_property
    def development_io(self) -> DevelopmentExportService:
        from .development.documents import DevelopmentExportService

        return DevelopmentExportService(self.development, self.roster)

    @cached_property
    def checks(self) -> CheckService:
        """The rule checker: meeting rules, extended by the dues and development findings."""
        from .checking.checker import CheckService

        checks = CheckService(self.org, self.roster, self.events, self.settings)
        checks.register(self.dues_reports.findings, self.dues_reports.share_findings)
        checks.register(self.development_checks.findings, self.development_checks.share_findings)
        return checks

    # ---- services reading many areas (each through a frozen bundle of sources) ------------

    @cached_property
    def snapshots(self) -> YearSnapshotService:
        from .year.snapshot import SnapshotSources, YearSnapshotService

        return YearSnapshotService(
            SnapshotSources(
                org=self.org,
                roster=self.roster,
                events=self.events,
                development=self.development,
                checks=self.checks,
                settings=self.settings,
                dues_reports=self.dues_reports,
                year_records=self.year_records,
            )
        )

    @cached_property
    def summary(self) -> SummaryService:
        from .year.summary import SummaryService
        from .year.summary_figures import Sources

        return SummaryService(
            self.db,
            Sources(
                org=self.org,
                roster=self.roster,
                events=self.events,
                checks=self.checks,
                settings=self.settings,
                dues_reports=self.dues_reports,
                development=self.development,
                snapshots=self.snapshots,
            ),
        )

    @cached_property
    def archive(self) -> ArchiveService:
        from .archive.pack import ArchiveService
        from .archive.sources import ArchiveSources

        return ArchiveService(
            ArchiveSources(
                org=self.org,
                roster=self.roster,
                events=self.events,
                minutes=self.minutes,
                settings=self.settings,
                checks=self.checks,
                files=self.files,
                snapshots=self.snapshots,
                summary=self.summary,
                roster_io=self.roster_io,
                development=self.development,
                development_io=self.development_io,
                dues_reports=self.dues_reports,
                dues_io=self.dues_io,
            )
        )

    @classmethod
    def open(
        cls,
        paths: AppPaths,
        *,
        automatic_backups: bool = True,
        create: bool = True,
        check_in_background: bool = False,
    ) -> BranchDesk:
        """Create the data dir if needed, lock it, check and migrate the database.

        A missing database file is created only with ``create`` (the default, for the GUI,
        whose set-up form is its init, and for tests); the CLI passes it only for init and
        import data (demo and restore build their own), so other commands get NotCreated.
        An existing file must be a sound database of ours, whatever ``create`` says. A data dir that cannot be written opens read-only
        (``read_only``): reading works, every change is refused, no automatic backups.
        With ``automatic_backups`` the first opening of a day makes a backup, and closing
        after any change makes another (see services/safety/auto_backup.py).
        With ``check_in_background`` (the GUI) the integrity check of an up-to-date file runs
        behind the write gate (storage/write_gate.py): reads go ahead at once, every write and
        the day's backup wait until it passed, and a failed check refuses them all
        (``when_checked`` tells the front end).
        """
        from ..storage.database import Database  # SQLAlchemy: loaded when a data dir opens

        paths.ensure()
        read_only = paths.read_only()
        if not read_only:
            private.tighten(paths.data_dir)
        db = Database.open(
            paths.database,
            backups_dir=paths.backups_dir,
            lock_path=paths.lock_file,
            create=create,
            read_only=read_only,
            check_in_background=check_in_background,
        )
        if not read_only:
            clean_leftovers(paths)  # the lock is ours: temp files of killed operations are stale
        desk = cls(paths, db)
        automatic_backups = automatic_backups and not read_only
        protect_folder(paths.data_dir)  # no document may be written into the open data dir
        clean_staging()  # what a killed archive build left in the temp folder
        desk.automatic_backups = automatic_backups
        if automatic_backups:
            db.gate.after_pass(desk._daily_backup)  # now, or once the background check passed
        return desk

    def _daily_backup(self) -> None:
        """Make the day's first backup; the backup code loads only when one is due."""
        from .safety.daily import daily_backup_due

        if daily_backup_due(self.paths, self.db.opened_audit_id):
            self.safety.daily()

    def when_checked(self, listener: Callable[[UserError | None], None]) -> None:
        """Call ``listener(None)`` once the integrity check passed, or with its failure.

        At once (on this thread) when the check ran before opening; else on the checking
        thread, which a GUI must hand over to its own. A failure (DatabaseDamaged for damage)
        means every write is refused for as long as this desk is open.
        """
        self.db.gate.on_settled(lambda gate: listener(gate.error))

    def close(self) -> None:
        """Back up if data changed (when enabled), then release the data dir (idempotent).

        A background integrity check (and the day's backup after it) is waited for first.
        """
        if self.closed:
            return
        self.db.gate.join(self.db.gate.wait_seconds)
        if self.automatic_backups and self.db.gate.passed:
            self.safety.on_close()
        self.db.close()
        if not self.read_only:
            private.tighten(self.paths.data_dir)  # anything written meanwhile, e.g. by a library
        release_folder(self.paths.data_dir)
        self.closed = True

    @property
    def read_only(self) -> bool:
        """Tell whether the data dir was opened read-only (changes cannot be saved)."""
        return self.db.read_only

    def __enter__(self) -> BranchDesk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


READ_ONLY_NOTICE = "注意：数据目录为只读（{path}），只能查看，所做的修改无法保存。"
