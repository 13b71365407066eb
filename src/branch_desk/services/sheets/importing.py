"""What the workbook importers (党员名册, 会议台账, 发展党员台账) share: preview, then apply.

``WorkbookImporter.preview`` reads the sheet, refuses one without a required column and hands
the table to the importer's ``plan`` in an unaudited session that writes nothing. ``SheetPreview``
is the frame of every preview (where the table was found, its rows, every problem, the columns
nobody knows); ``apply`` starts with ``refuse_errors`` and returns an ``ImportResult``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, ClassVar, Generic, Protocol, Self, TypeVar

from ...domain.errors import UserError
from ...storage.database import Database
from ...storage.repositories import Session, units
from ..progress import Cancel, Progress, never_cancel, no_progress
from .reader import CellProblem, PreviewCounts, SheetTable, read_table

CREATE, UPDATE, UNCHANGED = "新增", "更新", "无变化"
NO_DATA = CellProblem(None, "", "表头下没有任何数据行")


class _Row(Protocol):
    @property
    def problems(self) -> tuple[CellProblem, ...]: ...


R = TypeVar("R", bound=_Row)
P = TypeVar("P", bound=PreviewCounts)


@dataclass(frozen=True, slots=True)
class SheetPreview(PreviewCounts, Generic[R]):
    """Everything an import would do, and every problem, before anything is written."""

    path: Path
    sheet_name: str
    header_row: int
    rows: tuple[R, ...]
    problems: tuple[CellProblem, ...]
    unknown_columns: tuple[str, ...]

    @classmethod
    def of(
        cls,
        path: Path,
        table: SheetTable,
        rows: tuple[R, ...],
        file_problems: tuple[CellProblem, ...] = (),
        **extra: Any,
    ) -> Self:
        """The preview of ``table``'s ``rows``: their problems after the file's, or “no data”."""
        problems = (*file_problems, *(p for r in rows for p in r.problems)) if rows else (NO_DATA,)
        return cls(
            Path(path),
            table.sheet_name,
            table.header_row,
            rows,
            problems,
            tuple(table.unknown_columns),
            **extra,
        )


class UnitRows:
    """What one unit's sheet rows are read against: the session, the unit, today, its 党小组."""

    def __init__(self, s: Session, unit_id: int, today: date) -> None:
        self.s = s
        self.unit_id = unit_id
        self.today = today
        self.groups = units.group_ids_by_name(s, unit_id)


@dataclass(frozen=True, slots=True)
class ImportResult:
    """How many rows an applied import added, changed and left as they were."""

    created: int
    updated: int
    unchanged: int = 0

    @classmethod
    def of(cls, preview: PreviewCounts) -> ImportResult:
        return cls(preview.count(CREATE), preview.count(UPDATE), preview.count(UNCHANGED))


def refuse_errors(preview: PreviewCounts) -> None:
    """Refuse to apply a preview with any error (nothing is imported)."""
    if not preview.ok:
        raise UserError(f"文件中有{preview.error_count}处错误，请改正后重新导入；未导入任何数据。")


class WorkbookImporter(Generic[P]):
    """The preview step of an importer; a subclass names its columns and writes ``plan``."""

    ALIASES: ClassVar[dict[str, tuple[str, ...]]]  # field → the column names it goes by
    REQUIRED: ClassVar[dict[str, str]] = {}  # field → label: the columns a file must have
    WORKBOOK: ClassVar[str] = ""  # what the file is called in messages (会议台账 …)

    def __init__(self, db: Database) -> None:
        self.db = db

    def preview(
        self,
        unit_id: int,
        path: Path,
        progress: Progress = no_progress,
        cancel: Cancel = never_cancel,
    ) -> P:
        """Read ``path`` and report what an import would do, and every problem; writes nothing."""
        table = read_table(Path(path), self.ALIASES, progress=progress, cancel=cancel)
        progress(1.0, "正在核对")
        with self.db.session(audited=False) as s:
            units.require(s, unit_id)
            missing = [label for key, label in self.REQUIRED.items() if key not in table.headers]
            if missing:
                raise UserError(f"{self.WORKBOOK}缺少必需的列：{'、'.join(missing)}")
            return self.plan(s, unit_id, table, Path(path))

    def plan(self, s: Session, unit_id: int, table: SheetTable, path: Path) -> P:
        """Match the table's rows with what is stored and say what each would do."""
        raise NotImplementedError
