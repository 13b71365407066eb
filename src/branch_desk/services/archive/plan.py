"""What goes into a year's archive: every file with its place, title and how to write it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from ...domain.archive import EVENT_CATEGORIES, ArchiveCategory, safe_name
from ...domain.events import EventRecord, EventType
from ...domain.masking import mask_id_number, mask_text
from ...domain.org import OrgUnitRecord
from ...domain.safe_names import safe_suffix
from ..development.documents import in_year
from ..development.views import CandidateView
from .facts import basic_info, study_lines, transfers
from .sources import ArchiveSources

Writer = Callable[[Path], object]
_RECORD_WORD = {EventType.HEART_TALK: "谈话记录", EventType.THEME_DAY: "活动记录"}
_TITLE_WORD = {EventType.THEME_DAY: "活动记录"}


@dataclass(frozen=True, slots=True)
class PlannedFile:
    """One file the pack will hold; ``write`` creates it at the path given."""

    category: ArchiveCategory
    title: str
    day: date | None
    path: str
    write: Writer
    office: bool = True  # a generated .docx/.xlsx, normalised after writing


class _Paths:
    """Hand out unique, file-system-safe relative paths (a clash gets _2, _3 …)."""

    def __init__(self, mask: bool = False) -> None:
        self.used: set[str] = set()
        self.mask = mask

    def take(self, folder: str, stem: str, suffix: str) -> str:
        stem = mask_text(stem) if self.mask else stem
        base, n = f"{folder}/{safe_name(stem)}" if folder else safe_name(stem), 1
        path = base + suffix
        while path.casefold() in self.used:
            n += 1
            path = f"{base}_{n}{suffix}"
        self.used.add(path.casefold())
        return path


def event_label(event: EventRecord) -> str:
    """Return how file names call an event ('支部党员大会', '第一党小组会议')."""
    if event.type is EventType.GROUP_MEETING and event.group_name:
        return f"{event.group_name}会议"
    return event.type.value


def _copier(source: Path) -> Writer:
    return lambda target: shutil.copyfile(source, target)


class ArchivePlanner:
    """List the files of one unit's year, reading the services but writing nothing."""

    def __init__(
        self,
        src: ArchiveSources,
        unit: OrgUnitRecord,
        year: int,
        mask: bool,
        as_of: date | None = None,
    ) -> None:
        self.src = src
        self.unit = unit
        self.year = year
        self.mask = mask
        self.snapshot = src.snapshots.build(unit.id, year, as_of)
        self.as_of = self.snapshot.as_of
        day = self.snapshot.day
        self.paths = _Paths(mask)
        self.files: list[PlannedFile] = []
        self.events = [e for e in src.events.list(unit.id, year) if e.day <= day]
        self.members = src.snapshots.roll_on(unit.id, day)
        self.candidates = [c for c in src.development.list(unit.id, day) if in_year(c, year, day)]

    def plan(self) -> list[PlannedFile]:
        """Return every file, sorted by category then path."""
        self._basic()
        self._roster()
        self._transfers()
        for event in self.events:
            self._event(event)
        self._development()
        self._dues()
        self._study()
        self._summary()
        return sorted(self.files, key=lambda f: (f.category.number, f.path))

    def _add(
        self,
        category: ArchiveCategory,
        title: str,
        stem: str,
        suffix: str,
        write: Writer,
        *,
        day: date | None = None,
        sub: str = "",
        office: bool = True,
    ) -> None:
        sub, title = (mask_text(sub), mask_text(title)) if self.mask else (sub, title)
        folder = category.folder + (f"/{safe_name(sub)}" if sub else "")
        path = self.paths.take(folder, stem, suffix)
        self.files.append(PlannedFile(category, title, day, path, write, office))

    def _basic(self) -> None:
        from ...exports.archive_docx import write_basic_info

        def write(path: Path) -> None:
            info = basic_info(self.src, self.unit, self.snapshot, mask=self.mask)
            write_basic_info(path, info, masked=self.mask)

        title = "支部基本情况（换届选举、委员分工、党小组）"
        self._add(ArchiveCategory.BASIC, title, f"{self.year}年度支部基本情况", ".docx", write)

    def _roster(self) -> None:
        if not self.members:
            return
        io = self.src.roster_io
        self._add(
            ArchiveCategory.ROSTER,
            "党员名册",
            "党员名册",
            ".xlsx",
            lambda p: io.export_roster(
                self.unit.id, p, mask=self.mask, roll=self.members, made_on=self.as_of
            ),
        )

    def _transfers(self) -> None:
        from ...exports.archive_xlsx import write_transfers

        lines = [t for t in transfers(self.src, self.unit.id, self.year) if t.day <= self.as_of]
        if not lines:
            return
        name = f"{self.year}年度组织关系转接登记表"
        self._add(
            ArchiveCategory.TRANSFERS,
            f"组织关系转接登记表（{len(lines)}人次）",
            name,
            ".xlsx",
            lambda p: write_transfers(p, self.unit.name, self.year, lines, self.as_of),
        )

    def _event(self, event: EventRecord) -> None:
        category = EVENT_CATEGORIES[event.type]
        label = event_label(event)
        word = _RECORD_WORD.get(event.type, "会议记录")
        stem = f"{event.day.isoformat()}_{label}"
        topic = f"：{event.topic}" if event.topic else ""
        minutes = self.src.minutes
        self._add(
            category,
            f"{label}{_TITLE_WORD.get(event.type, '记录')}{topic}",
            f"{stem}_{word}",
            ".docx",
            lambda p: minutes.export_minutes(event.id, p),
            day=event.day,
        )
        if not event.attachment_count:
            return
        for att in self.src.events.attachments(event.id):
            named = att.kind if att.title in ("", att.kind) else f"{att.kind}_{att.title}"
            self._add(
                category,
                f"{label}{att.kind}：{att.title or att.original_name}",
                f"{stem}_{named}",
                safe_suffix(att.original_name),
                _copier(self.src.events.attachment_path(att.sha256)),
                day=event.day,
                office=False,
            )

    def _development(self) -> None:
        service = self.src.development_io
        if not self.candidates:
            return
        self._add(
            ArchiveCategory.DEVELOPMENT,
            f"{self.year}年度发展党员工作情况汇总表",
            f"{self.year}年度发展党员工作情况汇总表",
            ".xlsx",
            lambda p: service.export_pipeline(self.unit.id, self.year, p, self.as_of),
        )
        folders = _Paths(self.mask)
        for c in self.candidates:
            self._candidate(service, c, folders.take("", c.name, ""))

    def _candidate(self, service: Any, c: CandidateView, sub: str) -> None:
        from ...exports.dossier_docx import write_dossier

        def write(path: Path) -> None:
            doc = service.dossier(c.id, self.as_of)
            if self.mask:
                doc = replace(doc, id_number=mask_id_number(doc.id_number))
            write_dossier(path, doc)

        category = ArchiveCategory.DEVELOPMENT
        self._add(category, f"{c.name}发展党员全程纪实表", "全程纪实表", ".docx", write, sub=sub)
        for d in self.src.development.documents(c.id):
            named = d.doc_kind if d.title in ("", d.doc_kind) else f"{d.doc_kind}_{d.title}"
            self._add(
                category,
                f"{c.name}{d.doc_kind}：{d.title or d.original_name}",
                named,
                safe_suffix(d.original_name),
                _copier(self.src.files.readable(d.sha256)),  # encryption at rest
                sub=sub,
                office=False,
            )

    def _dues(self) -> None:
        reports, io, unit_id, year = (
            self.src.dues_reports,
            self.src.dues_io,
            self.unit.id,
            self.year,
        )
        category = ArchiveCategory.DUES
        if reports.assessment_sheet(unit_id, year, self.as_of).rows:
            name = f"{year}年度党费基数核定表"
            self._add(
                category,
                name,
                name,
                ".xlsx",
                lambda p: io.export_assessment(unit_id, year, p, self.as_of),
            )
        ledger = reports.ledger(unit_id, year, self.as_of)
        if not ledger.rows:
            return
        name = f"{year}年度党费收缴登记表"
        self._add(
            category, name, name, ".xlsx", lambda p: io.export_ledger(unit_id, year, p, self.as_of)
        )
        if ledger.annual_paid_fen or ledger.extra_fen or ledger.remitted_fen:
            name = f"{year}年度党费收缴情况公示"
            self._add(
                category,
                name,
                name,
                ".docx",
                lambda p: io.export_notice(unit_id, year, p, self.as_of),
            )

    def _study(self) -> None:
        from ...exports.archive_xlsx import write_study_hours

        lines = study_lines(self.src, self.unit.id, self.events, self.members)
        if not lines:
            return
        name = f"{self.year}年度党员学习学时统计表"
        made_on = self.as_of
        self._add(
            ArchiveCategory.STUDY,
            name,
            name,
            ".xlsx",
            lambda p: write_study_hours(p, self.unit.name, self.year, lines, made_on),
        )

    def _summary(self) -> None:
        service = self.src.summary
        name = f"{self.year}年度党建工作总结"
        self._add(
            ArchiveCategory.PLANS,
            name,
            name,
            ".docx",
            lambda p: service.export(self.unit.id, self.year, p, as_of=self.as_of),
        )
