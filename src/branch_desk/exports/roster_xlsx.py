"""The printable roster (党员名册) workbook."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from ..domain.members import MemberRecord
from ..domain.roster_columns import ROSTER_COLUMNS, ROSTER_HEADERS
from ..domain.text import format_date
from .xlsx_safe import save_workbook, set_title
from .xlsx_style import a4_landscape, set_widths, write_header, write_rows, write_title

HEADERS = ROSTER_HEADERS
WIDTHS = (5, 9, 5, 6, 11, 20, 9, 8, 8, 11, 11, 11, 13, 24, 7)
HEADER_ROW = 3
CENTRED = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15}


def roster_row(index: int, m: MemberRecord) -> tuple[object, ...]:
    """Return one roster line; dates as 2019-07-01 text so every viewer shows the same."""
    return (index, *(text(m) for _header, text in ROSTER_COLUMNS))


def write_roster(path: Path, unit_name: str, members: Sequence[MemberRecord], on: date) -> None:
    """Write the roster of ``unit_name`` to ``path`` (A4 landscape, title, repeated header)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    set_title(sheet, "党员名册")
    write_title(
        sheet,
        f"{unit_name}党员名册",
        f"党组织：{unit_name}　　统计日期：{format_date(on)}　　共{len(members)}人",
        len(HEADERS),
    )
    write_header(sheet, HEADER_ROW, HEADERS)
    rows = [roster_row(i, m) for i, m in enumerate(members, start=1)]
    write_rows(sheet, HEADER_ROW + 1, rows, CENTRED)
    for r in range(HEADER_ROW + 1, HEADER_ROW + 1 + len(rows)):
        sheet.cell(row=r, column=6).number_format = "@"
    set_widths(sheet, WIDTHS)
    a4_landscape(sheet, HEADER_ROW)
    save_workbook(book, path)
