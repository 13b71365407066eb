"""The printable dues workbooks: 党费收缴登记表 (the year's register) and 党费基数核定表.

The layout (titles, headings, cells, notes) is ``dues_documents``; this module writes it as a
worksheet: amounts as numbers in yuan built exactly from integer fen (``Decimal``), shown with
two decimals; every total is the integer-fen total the ledger carries, never a sum of floats
and never an Excel formula, so the file reads back the exact figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from math import ceil
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..domain.dues import AssessmentSheet, DuesLedger
from .column_fit import text_units
from .document_model import Document, Paragraph, Table
from .dues_documents import (
    ASSESSMENT_WIDTHS,
    EXCEL_UNIT_MM,
    LEDGER_COLS,
    assessment_document,
    ledger_document,
)
from .xlsx_render import write_table
from .xlsx_safe import put, save_workbook, set_title
from .xlsx_style import BODY_FONT, LEFT, a4_landscape, set_widths, write_title

LINE_HEIGHT = 13.5  # points per line of 10 pt text
LEDGER_HEADER = 3  # the register's two header rows are rows 3–4
FIRST_MONTH_COL = 5
ASSESSMENT_HEADER = 3


def _text_width(text: str) -> float:
    """Width in Excel character units at 10 pt: a CJK character is about 1.8 digits wide."""
    return text_units(text)


def _fit_height(sheet: Worksheet, row: int, widths: Sequence[float], minimum: float) -> None:
    """Set a row tall enough for its wrapped text (viewers do not grow rows on their own)."""
    lines = 1
    for col, width in enumerate(widths, start=1):
        value = sheet.cell(row=row, column=col).value
        if isinstance(value, str) and value:
            usable = max(width - 0.5, 1)
            lines = max(
                lines, sum(ceil(_text_width(part) / usable) or 1 for part in value.split("\n"))
            )
    sheet.row_dimensions[row].height = max(minimum, lines * LINE_HEIGHT + 4)


def _write_note(sheet: Worksheet, row: int, text: str, width: int, height: float = 20) -> None:
    """Write a merged, unbordered line of text under the grid."""
    cell = put(sheet, row, 1, text)
    cell.font = BODY_FONT
    cell.alignment = LEFT
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    sheet.row_dimensions[row].height = height


def _margins(sheet: Worksheet) -> None:
    """Narrow side margins; header and footer placed inside the 0.6 in top and bottom margins."""
    sheet.page_margins.left = sheet.page_margins.right = 0.3
    sheet.page_margins.header = sheet.page_margins.footer = 0.25


def _write_form(sheet: Worksheet, doc: Document, widths: Sequence[float], minimum: float) -> int:
    """Title and subtitle, the table (row heights fitted), the note and the signature line.

    Returns the table's last body row (the totals row).
    """
    subtitle, table, note, sign = doc.blocks
    assert isinstance(subtitle, Paragraph) and isinstance(table, Table)
    assert isinstance(note, Paragraph) and isinstance(sign, Paragraph)
    width = len(widths)
    write_title(sheet, doc.title, subtitle.text, width)
    first = LEDGER_HEADER + table.header_rows
    end = write_table(sheet, LEDGER_HEADER, table)
    for r in range(first, end - 1):
        _fit_height(sheet, r, widths, minimum)
    sheet.row_dimensions[end - 1].height = 20
    lines = ceil(text_units(note.text) / max(sum(widths) - 2, 1))
    _write_note(sheet, end, note.text, width, height=max(20, lines * LINE_HEIGHT + 6))
    _write_note(sheet, end + 1, sign.text, width, height=30)
    set_widths(sheet, widths)
    _margins(sheet)
    return end - 1


def write_ledger(path: Path, ledger: DuesLedger) -> None:
    """Write the year's 党费收缴登记表 (A4 landscape, one page wide, header repeated)."""
    book = Workbook()
    sheet = book.active
    set_title(sheet, f"{ledger.year}年收缴登记")
    a4_landscape(sheet, LEDGER_HEADER + 1)
    doc = ledger_document(ledger)
    table = doc.blocks[1]
    assert isinstance(table, Table)
    # money and date columns as wide as their widest value (exports/column_fit.py)
    widths = [w / EXCEL_UNIT_MM for w in table.widths_mm]  # halves, exact
    _write_form(sheet, doc, widths, 18)
    for row in (LEDGER_HEADER, LEDGER_HEADER + 1):
        sheet.row_dimensions[row].height = 20
    sheet.print_title_rows = f"{LEDGER_HEADER}:{LEDGER_HEADER + 1}"
    # by coordinate: the cell may be part of a merged range when the table is empty
    sheet.freeze_panes = f"{get_column_letter(FIRST_MONTH_COL)}{LEDGER_HEADER + 2}"
    assert sheet.max_column == LEDGER_COLS
    save_workbook(book, path)  # every text cell stays text (no formula from user text)


def write_assessment(path: Path, sheet: AssessmentSheet) -> None:
    """Write the year's 党费基数核定表 (A4 landscape, one page wide, header repeated)."""
    book = Workbook()
    ws = book.active
    set_title(ws, f"{sheet.year}年基数核定")
    a4_landscape(ws, ASSESSMENT_HEADER)
    _write_form(ws, assessment_document(sheet), ASSESSMENT_WIDTHS, 22)
    ws.freeze_panes = f"D{ASSESSMENT_HEADER + 1}"  # by coordinate (see write_ledger)
    save_workbook(book, path)  # every text cell stays text (no formula from user text)
