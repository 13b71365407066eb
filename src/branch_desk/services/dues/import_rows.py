"""What both dues imports share: the preview rows, finding the member a row names, money cells."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...domain.dues_records import DuesMember
from ...domain.errors import UserError
from ...domain.idcard import IdNumberError, parse_id_number
from ...domain.money import MoneyError, parse_yuan
from ...domain.text import squeeze
from ..sheets.cells import CellError, id_number_cell, text_cell
from ..sheets.reader import CellProblem, PreviewCounts, SheetTable

IDENTITY = {"name": ("姓名",), "id_number": ("身份证号", "身份证号码", "公民身份号码")}
_YEAR_TEXT = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_BARE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


@dataclass(frozen=True, slots=True)
class DuesImportRow:
    """One sheet row with what it would record: a base (核定) or the months paid (fen)."""

    row: int
    name: str
    action: str
    member_id: int | None
    problems: tuple[CellProblem, ...]
    payload: Any
    category: str = ""
    base_fen: int | None = None
    rate: str = ""
    monthly_due_fen: int | None = None
    months: str = ""
    amount_fen: int = 0

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


@dataclass(frozen=True, slots=True)
class DuesImportPreview(PreviewCounts):
    path: Path
    year: int
    sheet_name: str
    header_row: int
    rows: tuple[DuesImportRow, ...]
    problems: tuple[CellProblem, ...]
    unknown_columns: tuple[str, ...]

    @property
    def total_monthly_fen(self) -> int:
        """Return the monthly dues of the rows without errors (bases)."""
        return sum(r.monthly_due_fen or 0 for r in self.rows if r.ok)

    @property
    def total_amount_fen(self) -> int:
        """Return the amounts to be recorded by the rows without errors (payments)."""
        return sum(r.amount_fen for r in self.rows if r.ok)


def finish_preview(
    path: Path, year: int, table: SheetTable, rows: list[DuesImportRow]
) -> DuesImportPreview:
    """The preview of a read sheet: its rows, their problems and the year warnings."""
    problems = (*year_warnings(table, year), *(p for r in rows for p in r.problems))
    if not rows:
        problems = (CellProblem(None, "", "表头下没有任何数据行"),)
    return DuesImportPreview(
        path,
        year,
        table.sheet_name,
        table.header_row,
        tuple(rows),
        problems,
        tuple(table.unknown_columns),
    )


def require_no_errors(preview: DuesImportPreview) -> None:
    """Refuse to apply a preview with errors (nothing is imported)."""
    if not preview.ok:
        raise UserError(f"文件中有{preview.error_count}处错误，请改正后重新导入；未导入任何数据。")


def year_warnings(table: SheetTable, year: int) -> list[CellProblem]:
    """Warn when the sheet's title, name or a column names another year than the import's."""
    places = [("工作表名", table.sheet_name, _BARE_YEAR)]
    places += [("表格标题", text, _YEAR_TEXT) for text in table.titles]
    columns = [*table.headers.values(), *table.unknown_columns]
    places += [("列", text, _YEAR_TEXT) for text in columns]
    found = []
    for where, text, pattern in places:
        others = sorted({int(m) for m in pattern.findall(text)} - {year})
        if others:
            mentioned = "、".join(f"{y}年" for y in others)
            found.append(
                CellProblem(
                    None,
                    "",
                    f"{where}“{text}”写的是{mentioned}，而本次导入为{year}年，请确认年度是否选对",
                    "warning",
                )
            )
    return found


@dataclass(frozen=True, slots=True)
class RowCheck:
    """The problems found in one sheet row, each placed in its column."""

    table: SheetTable
    number: int
    problems: list[CellProblem]

    def fail(self, key: str, fallback: str, message: str) -> None:
        """Note a problem in the column of field ``key`` (or headed ``fallback``)."""
        self.problems.append(CellProblem(self.number, self.table.column(key, fallback), message))


class MemberFinder:
    """Find the unit's members by 身份证号 or (unique) name."""

    def __init__(self, members: list[DuesMember]) -> None:
        self.by_id = {m.id_number: m for m in members if m.id_number}
        self.by_name: dict[str, list[DuesMember]] = {}
        for m in members:
            self.by_name.setdefault(m.name, []).append(m)

    def find(self, check: RowCheck, values: dict[str, Any]) -> DuesMember | None:
        """The member a row names, or None with the reason noted in ``check``."""
        name = squeeze(text_cell(values.get("name")))
        try:
            id_text = id_number_cell(values.get("id_number"))
        except CellError as exc:
            check.fail("id_number", "身份证号", str(exc))
            return None
        if id_text:
            return self._by_id_number(check, id_text, name)
        return self._by_name(check, name)

    def _by_id_number(self, check: RowCheck, id_text: str, name: str) -> DuesMember | None:
        try:
            member = self.by_id.get(parse_id_number(id_text).value)
        except IdNumberError as exc:
            check.fail("id_number", "身份证号", f"“{id_text}”无效：{exc}")
            return None
        if member is None:
            check.fail("id_number", "身份证号", "名册中没有该身份证号的党员")
        elif name and member.name != name:
            check.fail("name", "姓名", f"与身份证号对应的党员“{member.name}”不符")
        return member

    def _by_name(self, check: RowCheck, name: str) -> DuesMember | None:
        matches = self.by_name.get(name, [])
        if not name:
            check.fail("name", "姓名", "姓名和身份证号不能都为空")
        elif not matches:
            check.fail("name", "姓名", f"名册中没有党员“{name}”")
        elif len(matches) > 1:
            check.fail("name", "姓名", f"名册中有{len(matches)}名“{name}”，请填写身份证号区分")
        return matches[0] if len(matches) == 1 else None


def row_name(member: DuesMember | None, values: dict[str, Any]) -> str:
    """The name a preview row shows: the member's, or what the sheet says."""
    return member.name if member else squeeze(text_cell(values.get("name")))


def money_cell(value: object) -> int | None:
    """An amount in yuan (text or number) as fen; None for an empty cell."""
    text = squeeze(text_cell(value)) if not isinstance(value, int | float) else value
    if text in (None, ""):
        return None
    try:
        return parse_yuan(text)
    except MoneyError as exc:
        raise CellError(str(exc)) from None
