"""Reading tables out of the .xlsx files secretaries keep: header by Chinese names, typed cells."""

from __future__ import annotations

import logging
import math
import re
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar

from ...domain.errors import UserError
from ...domain.text import squeeze
from ..progress import Cancel, Cancelled, Progress, checkpoint, never_cancel, no_progress

log = logging.getLogger(__name__)
T = TypeVar("T")

HEADER_SCAN_ROWS = 30
MAX_DATA_ROWS = 50_000  # rows with data under the header; more is refused at once
MAX_BLANK_RUN = 2_000  # this many empty rows in a row end the table (formatted empty rows)
MIN_HEADER_MATCHES = 3
IGNORED_HEADERS = frozenset({"序号", "编号", "备注说明"})
_DECORATION = re.compile(r"[*＊:：]|[（(][^）)]*[）)]$")


@dataclass(frozen=True, slots=True)
class CellProblem:
    """A problem found at a row and column of an imported sheet (row None: the whole file)."""

    row: int | None
    column: str
    message: str
    severity: Literal["error", "warning"] = "error"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def describe(self) -> str:
        """Return e.g. ``第3行〔身份证号〕校验位错误``."""
        where = f"第{self.row}行" if self.row is not None else ""
        column = f"〔{self.column}〕" if self.column else ""
        lead = "" if self.is_error else "（提示）"
        return f"{lead}{where}{column}{self.message}"


class PreviewCounts:
    """What every import preview reports: counts of errors, warnings and rows by action.

    Subclasses are dataclasses with ``rows`` (each having ``action`` and ``ok``) and ``problems``.
    """

    __slots__ = ()
    rows: tuple[Any, ...]
    problems: tuple[CellProblem, ...]

    @property
    def error_count(self) -> int:
        return sum(1 for p in self.problems if p.is_error)

    @property
    def warning_count(self) -> int:
        return sum(1 for p in self.problems if not p.is_error)

    @property
    def ok(self) -> bool:
        """Nothing wrong and something to import."""
        return self.error_count == 0 and bool(self.rows)

    def count(self, action: str) -> int:
        """Count the rows that would get ``action`` (rows with errors are not counted)."""
        return sum(1 for r in self.rows if r.action == action and r.ok)

    @property
    def rows_with_errors(self) -> int:
        return sum(1 for r in self.rows if not r.ok)


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One data row: its sheet row number and the raw cell values by field name."""

    number: int
    values: Mapping[str, Any]

    def has(self, name: str) -> bool:
        value = self.values.get(name)
        return value is not None and not (isinstance(value, str) and not value.strip())


@dataclass(slots=True)
class SheetTable:
    """The table found in a workbook: where its header is, which columns mean what, its rows."""

    sheet_name: str
    header_row: int
    headers: dict[str, str]  # field name → header text as written in the file
    unknown_columns: list[str]
    rows: list[SheetRow] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)  # texts in the rows above the header

    def column(self, name: str, fallback: str) -> str:
        """Return the header text used in the file for a field (or ``fallback``)."""
        return self.headers.get(name, fallback)


def normalise_header(text: object) -> str:
    """Fold a header cell for matching: no spaces, no asterisks or colons, no trailing (…)."""
    if text is None:
        return ""
    return _DECORATION.sub("", squeeze(str(text)))


def read_table(
    path: Path,
    aliases: Mapping[str, tuple[str, ...]],
    *,
    progress: Progress = no_progress,
    cancel: Cancel = never_cancel,
    min_matches: int = MIN_HEADER_MATCHES,
) -> SheetTable:
    """Find the header row by known column names and return every non-empty row under it."""
    workbook = _open_workbook(path)
    try:
        lookup = {normalise_header(a): name for name, names in aliases.items() for a in names}
        best = _guarded(path, lambda: _find_header(workbook, lookup, min_matches))
        if best is None:
            wanted = "、".join(names[0] for names in aliases.values())
            raise UserError(
                f"在文件中找不到表头行。请确认表头含有这些列名中的至少{min_matches}个：{wanted}。"
            )
        sheet, header_row, columns, table = best
        _guarded(path, lambda: _read_rows(sheet, header_row, columns, table, progress, cancel))
        return table
    finally:
        workbook.close()


def _read_rows(
    sheet: Any,
    header_row: int,
    columns: dict[int, str],
    table: SheetTable,
    progress: Progress,
    cancel: Cancel,
) -> None:
    """Stream the rows under the header into ``table`` (row limit, end at a long blank run)."""
    total = max(sheet.max_row or 1, 1)
    blank = 0
    for number, cells in enumerate(
        sheet.iter_rows(min_row=header_row + 1, values_only=True), start=header_row + 1
    ):
        if number % 50 == 0:
            checkpoint(cancel)
            progress(min(number / total, 1.0), f"正在读取第{number}行")
        values = {name: _value(cells[i]) for i, name in columns.items() if i < len(cells)}
        if not any(_present(v) for v in values.values()):
            blank += 1
            if blank >= MAX_BLANK_RUN:
                return
            continue
        blank = 0
        if len(table.rows) >= MAX_DATA_ROWS:
            raise UserError(
                f"工作表“{table.sheet_name}”的数据超过{MAX_DATA_ROWS}行，"
                "请分成几个文件分别导入；未导入任何数据。"
            )
        table.rows.append(SheetRow(number, values))


def _value(value: object) -> object:
    """A cell value as importers take it: a non-finite number is kept as its text."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value


def _guarded(path: Path, work: Callable[[], T]) -> T:
    """Run ``work`` over an open workbook; a damaged part becomes a clear UserError."""
    try:
        return work()
    except (UserError, Cancelled):
        raise
    except MemoryError:
        raise UserError(f"无法读取 Excel 文件 {path.name}：文件过大。") from None
    except Exception as exc:  # damaged XML, bad numbers … (openpyxl raises assorted errors)
        log.info("damaged workbook %s: %r", path, exc)
        raise UserError(
            f"无法读取 Excel 文件 {path.name}：文件已损坏或格式不正确（{type(exc).__name__}）。"
            "请在 Excel 中打开并另存为 .xlsx 后重试；未导入任何数据。"
        ) from None


def _present(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _open_workbook(path: Path) -> Any:
    from openpyxl import load_workbook

    if not path.exists():
        raise UserError(f"文件不存在：{path}")
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise UserError(f"不支持旧版 .xls 文件，请在 Excel 中“另存为” .xlsx 后再导入：{path.name}")
    if suffix not in (".xlsx", ".xlsm"):
        raise UserError(
            f"不支持该文件格式（{suffix or '无扩展名'}），请选择 Excel .xlsx 文件：{path.name}"
        )
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        detail = "文件已加密或不是有效的 .xlsx 文件" if not isinstance(exc, OSError) else str(exc)
        raise UserError(f"无法读取 Excel 文件 {path.name}：{detail}") from None
    except Exception as exc:  # openpyxl raises assorted errors on damaged files
        raise UserError(
            f"无法读取 Excel 文件 {path.name}：文件已损坏（{type(exc).__name__}）"
        ) from None


def _sheets_in_order(workbook: Any) -> list[Any]:
    """The active sheet first, then the other visible sheets, hidden sheets last."""
    sheets = list(workbook.worksheets)
    try:
        active = workbook.active
    except Exception:  # a damaged activeTab index
        active = None

    def rank(sheet: Any) -> tuple[int, int]:
        hidden = getattr(sheet, "sheet_state", "visible") != "visible"
        return (2 if hidden else 0 if sheet is active else 1, sheets.index(sheet))

    return sorted(sheets, key=rank)


def _find_header(
    workbook: Any, lookup: Mapping[str, str], min_matches: int
) -> tuple[Any, int, dict[int, str], SheetTable] | None:
    """Find the best header row, preferring the active sheet, then visible ones.

    A hidden sheet is used only when no visible sheet has a header.
    """
    best: tuple[int, Any, int, dict[int, str], SheetTable] | None = None
    for sheet in _sheets_in_order(workbook):
        if best is not None and getattr(sheet, "sheet_state", "visible") != "visible":
            break  # a visible sheet has a header: hidden sheets are not looked at
        rows = sheet.iter_rows(min_row=1, max_row=HEADER_SCAN_ROWS, values_only=True)
        above: list[str] = []
        for number, cells in enumerate(rows, start=1):
            columns, headers, unknown = _match_header(cells, lookup)
            score = len(columns)
            if score >= min_matches and (best is None or score > best[0]):
                table = SheetTable(sheet.title, number, headers, unknown, titles=list(above))
                best = (score, sheet, number, columns, table)
            above.extend(squeeze(str(c)) for c in cells if c is not None and str(c).strip())
    return None if best is None else best[1:]


def _match_header(
    cells: tuple[Any, ...], lookup: Mapping[str, str]
) -> tuple[dict[int, str], dict[str, str], list[str]]:
    columns: dict[int, str] = {}
    headers: dict[str, str] = {}
    unknown: list[str] = []
    for index, cell in enumerate(cells):
        key = normalise_header(cell)
        if not key:
            continue
        name = lookup.get(key)
        if name is not None and name not in headers:
            columns[index] = name
            headers[name] = squeeze(str(cell))
        elif key not in IGNORED_HEADERS:
            unknown.append(squeeze(str(cell)))
    return columns, headers, unknown
