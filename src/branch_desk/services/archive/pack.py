"""Building a year's inspection archive (台账) as one .zip or folder, and its completeness."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from ...domain.archive import ArchiveCategory, ArchiveEntry, ArchiveIndex, CategoryStatus
from ...domain.archive_docs import Contents, contents_lines
from ...domain.errors import UserError
from ...domain.masking import mask_text
from ...domain.org import OrgUnitRecord
from ...exports.archive_pack import normalise_office, write_pack
from ...exports.safe_output import (
    PARTIAL_MARK,
    atomic_target,
    check_output,
    partial_prefix,
    temp_beside,
)
from ...exports.scrub import scrub_file
from ..data.attachments import sha256_of
from ..progress import Cancel, Progress, checkpoint, never_cancel, no_progress
from ..shared_reads import shared_reads
from .checks import missing_items
from .plan import ArchivePlanner, PlannedFile
from .sources import ArchiveSources
from .staging import clean_staging

CONTENTS_XLSX = "00_目录.xlsx"
CONTENTS_DOCX = "00_目录.docx"
MANIFEST = "manifest.json"
MANIFEST_FORMAT = "branch-desk-archive/1"
PRIVATE_STAGING = ".branch-desk-archive"  # masked builds are staged under the system temp
WRITE_SHARE = 0.85  # of the progress bar, the rest is packing


def fixed_time(year: int) -> datetime:
    """Return the one timestamp every file of a year's pack carries (12-31 00:00:00).

    Zip files cannot date anything before 1980: older years carry 1980-01-01.
    """
    return max(datetime(year, 12, 31), datetime(1980, 1, 1))


def manifest_json(index: ArchiveIndex, files: dict[str, tuple[str, int]]) -> str:
    """Return the manifest text: format, unit, year, masked flag and every file's hash."""
    data = {
        "format": MANIFEST_FORMAT,
        "unit": mask_text(index.unit_name) if index.masked else index.unit_name,
        "year": index.year,
        "masked": index.masked,
        "files": {p: {"sha256": h, "size": n} for p, (h, n) in sorted(files.items())},
    }
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


class ArchiveService:
    """Assemble every document of a unit's year into the archive an inspector receives."""

    def __init__(self, src: ArchiveSources) -> None:
        self.src = src

    def overview(self, unit_id: int, year: int, as_of: date | None = None) -> list[CategoryStatus]:
        """Return, for each of the 14 categories, what it would hold and what is missing.

        ``as_of`` defaults as the year snapshot's does: 31 December for a past year, today for
        the current one — the same day the pack of that year is built as of.
        """
        with shared_reads():
            unit = self.src.org.get(unit_id)
            planner = ArchivePlanner(self.src, unit, year, mask=False, as_of=as_of)
            files = planner.plan()
            missing = missing_items(self.src, unit, planner, planner.as_of)
        return [
            CategoryStatus(
                category,
                sum(1 for f in files if f.category is category),
                tuple(missing.get(category, ())),
                tuple(f.title for f in files if f.category is category),
            )
            for category in ArchiveCategory
        ]

    def build(
        self,
        unit_id: int,
        year: int,
        path: Path,
        *,
        mask: bool = False,
        as_of: date | None = None,
        progress: Progress = no_progress,
        cancel: Cancel = never_cancel,
    ) -> ArchiveIndex:
        """Write the pack to ``path`` (.zip, else a new folder) and return its index.

        Runs off the GUI thread. Everything is built in a temp folder and moved into
        place at the end; on cancel or error nothing is left behind. A masked build is
        staged in a private folder under the system temp and every file is masked there
        (free text included) before anything is put beside ``path``; an unmasked build is
        staged beside ``path``. Leftovers of killed builds are removed first.
        """
        target = check_output(Path(path))
        as_zip = target.suffix.lower() == ".zip"
        _check_target(target, as_zip)
        clean_staging(target.parent)
        unit = self.src.org.get(unit_id)
        work = _staging(target, mask)
        try:
            with shared_reads():  # every document of the pack reads each record once
                return self._build_in(work, unit, year, target, mask, as_of, progress, cancel)
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def _build_in(
        self,
        work: Path,
        unit: OrgUnitRecord,
        year: int,
        target: Path,
        mask: bool,
        as_of: date | None,
        progress: Progress,
        cancel: Cancel,
    ) -> ArchiveIndex:
        as_zip = target.suffix.lower() == ".zip"
        when = fixed_time(year)
        progress(0.0, "正在整理材料清单…")
        checkpoint(cancel)
        planner = ArchivePlanner(self.src, unit, year, mask, as_of)
        entries = _write_files(planner.plan(), work, when, progress, cancel, mask)
        extras = (CONTENTS_XLSX, CONTENTS_DOCX, MANIFEST)
        index = ArchiveIndex(unit.name, year, mask, tuple(entries), extras)
        _write_index(index, work, when, planner.as_of)
        checkpoint(cancel)
        names = [e.path for e in entries] + list(extras)
        if as_zip:
            _pack(work, names, target, when, progress, cancel)
        else:
            _place_folder(work, target)
        progress(1.0, f"已生成：{target.name}")
        return index


def _staging(target: Path, mask: bool) -> Path:
    if mask:  # never unmasked files beside a masked output, even if killed mid-way
        prefix = f"{PRIVATE_STAGING}{PARTIAL_MARK}{os.getpid()}-"
        return Path(tempfile.mkdtemp(prefix=prefix))
    return Path(tempfile.mkdtemp(prefix=partial_prefix(target), dir=target.parent))


def _place_folder(work: Path, target: Path) -> None:
    """Move the finished folder to ``target`` (copied beside it first across disks)."""
    work.chmod(0o755)  # mkdtemp made it private
    try:
        os.replace(work, target)
        return
    except OSError:
        pass
    beside = temp_beside(target)
    try:
        shutil.copytree(work, beside)
        beside.chmod(0o755)
        os.replace(beside, target)
    except OSError as exc:
        raise UserError(f"无法保存到 {target}：{exc.strerror or exc}") from None
    finally:
        shutil.rmtree(beside, ignore_errors=True)


def _check_target(target: Path, as_zip: bool) -> None:
    if not target.parent.is_dir():
        raise UserError(f"保存位置不存在：{target.parent}")
    if as_zip and target.is_dir():
        raise UserError(f"{target} 是一个文件夹，不能作为 .zip 文件保存。")
    if not as_zip and target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise UserError(f"{target} 已存在且不是空文件夹，请另选位置或改为 .zip 文件。")


def _write_files(
    files: Sequence[PlannedFile],
    work: Path,
    when: datetime,
    progress: Progress,
    cancel: Cancel,
    mask: bool = False,
) -> list[ArchiveEntry]:
    entries = []
    for n, planned in enumerate(files):
        checkpoint(cancel)
        progress(WRITE_SHARE * n / max(len(files), 1), f"正在生成：{planned.title}")
        target = work / planned.path
        target.parent.mkdir(parents=True, exist_ok=True)
        planned.write(target)
        if mask:
            scrub_file(target, mask_text)
        if planned.office:
            normalise_office(target, when)
        entries.append(
            ArchiveEntry(
                planned.category,
                planned.title,
                planned.day,
                planned.path,
                sha256_of(target),
                target.stat().st_size,
            )
        )
    return entries


def _write_index(index: ArchiveIndex, work: Path, when: datetime, made_on: date) -> None:
    from ...exports.archive_docx import write_contents_docx
    from ...exports.archive_xlsx import write_contents_xlsx

    lines = tuple(contents_lines(index.entries))
    contents = Contents(index.unit_name, index.year, lines, index.masked, made_on)
    for name, writer in (
        (CONTENTS_XLSX, write_contents_xlsx),
        (CONTENTS_DOCX, write_contents_docx),
    ):
        writer(work / name, contents)
        if index.masked:
            scrub_file(work / name, mask_text)
        normalise_office(work / name, when)
    files = {e.path: (e.sha256, e.size) for e in index.entries}
    for name in (CONTENTS_XLSX, CONTENTS_DOCX):
        files[name] = (sha256_of(work / name), (work / name).stat().st_size)
    (work / MANIFEST).write_text(manifest_json(index, files), encoding="utf-8", newline="\n")


def _pack(
    work: Path,
    names: list[str],
    target: Path,
    when: datetime,
    progress: Progress,
    cancel: Cancel,
) -> None:
    done = [0]

    def step(name: str) -> None:
        checkpoint(cancel)
        progress(WRITE_SHARE + (1 - WRITE_SHARE) * done[0] / len(names), f"正在打包：{name}")
        done[0] += 1

    with atomic_target(target) as temp:
        write_pack(work, names, temp, when, step)
