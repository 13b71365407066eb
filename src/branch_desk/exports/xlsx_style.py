"""Shared look of printable worksheets: title row, bordered grid, A4 page set-up."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .xlsx_safe import put

THIN = Side(style="thin", color="000000")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
TITLE_FONT = Font(name="宋体", size=16, bold=True)
HEADER_FONT = Font(name="宋体", size=10, bold=True)
BODY_FONT = Font(name="宋体", size=10)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)


def write_title(sheet: Worksheet, title: str, subtitle: str, width: int) -> None:
    """Write a merged, centred title in row 1 and a subtitle line in row 2."""
    put(sheet, 1, 1, title).font = TITLE_FONT
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.cell(row=1, column=1).alignment = CENTER
    sheet.row_dimensions[1].height = 30
    put(sheet, 2, 1, subtitle).font = BODY_FONT
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    sheet.cell(row=2, column=1).alignment = LEFT


def write_header(sheet: Worksheet, row: int, headers: Sequence[str]) -> None:
    """Write a bold, bordered header row."""
    for col, text in enumerate(headers, start=1):
        cell = put(sheet, row, col, text)
        cell.font = HEADER_FONT
        cell.alignment = CENTER
        cell.border = GRID
    sheet.row_dimensions[row].height = 28


def write_rows(
    sheet: Worksheet, first_row: int, rows: Sequence[Sequence[Any]], centred: set[int]
) -> None:
    """Write bordered body rows; columns in ``centred`` (1-based) are centred."""
    for r, values in enumerate(rows, start=first_row):
        for c, value in enumerate(values, start=1):
            cell = put(sheet, r, c, value)
            cell.font = BODY_FONT
            cell.border = GRID
            cell.alignment = CENTER if c in centred else LEFT


def set_widths(sheet: Worksheet, widths: Sequence[float]) -> None:
    """Set column widths in Excel character units."""
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width


def a4_landscape(sheet: Worksheet, header_row: int) -> None:
    """Print on A4 landscape, one page wide, header row repeated, page numbers in the footer."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.page_margins.header = sheet.page_margins.footer = 0.25  # inside the 0.6 in margins
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    sheet.freeze_panes = f"A{header_row + 1}"
