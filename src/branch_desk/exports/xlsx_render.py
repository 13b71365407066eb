"""Write a document model's table into a worksheet, through the shared xlsx_style helpers."""

from __future__ import annotations

from copy import copy

from openpyxl.cell import Cell as OpenpyxlCell
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from .document_model import Cell, CellSpec, Table, Tone, cell_text
from .xlsx_style import BODY_FONT, write_header, write_rows

OWED_FILL = PatternFill("solid", start_color="FFD6D6", end_color="FFD6D6")  # light red
UNASSESSED_FILL = PatternFill("solid", start_color="FFF2CC", end_color="FFF2CC")  # light yellow
TOTAL_FILL = PatternFill("solid", start_color="EDEDED", end_color="EDEDED")
GREY_FONT = Font(name=BODY_FONT.name, size=BODY_FONT.size, color="808080")
BOLD_FONT = Font(name=BODY_FONT.name, size=BODY_FONT.size, bold=True)


def cell_value(cell: CellSpec) -> object:
    """What the workbook stores: a Cell's value (an exact number), else its text, else None."""
    if isinstance(cell, Cell) and cell.value is not None:
        return cell.value
    return cell_text(cell) or None


def write_table(sheet: Worksheet, first_row: int, table: Table) -> int:
    """Write header and body rows, tones, number formats and merges; return the next row."""
    head = table.header_rows
    for r, row in enumerate(table.rows[:head], start=first_row):
        write_header(sheet, r, [cell_text(c) for c in row])
    centred = {c + 1 for c in table.centre_cols}
    body = [[cell_value(c) for c in row] for row in table.rows[head:]]
    write_rows(sheet, first_row + head, body, centred)
    for r, row in enumerate(table.rows, start=first_row):
        for c, spec in enumerate(row, start=1):
            if isinstance(spec, Cell):
                _style(sheet.cell(row=r, column=c), spec)
        _merge_row(sheet, r, row)
    for r, c, n in table.vspan:
        row, col = first_row + r, c + 1
        sheet.merge_cells(start_row=row, start_column=col, end_row=row + n - 1, end_column=col)
    return first_row + len(table.rows)


def _style(target: OpenpyxlCell, spec: Cell) -> None:
    if spec.number_format:
        target.number_format = spec.number_format
    if spec.tone is Tone.OWED:
        target.fill = OWED_FILL
    elif spec.tone is Tone.UNASSESSED:
        target.fill = UNASSESSED_FILL
        if spec.value is None:
            target.font = GREY_FONT
    elif spec.tone is Tone.MUTED:
        target.font = GREY_FONT
    elif spec.tone is Tone.TOTAL:
        target.font = BOLD_FONT
        target.fill = TOTAL_FILL


def _merge_row(sheet: Worksheet, row: int, cells: tuple[CellSpec, ...]) -> None:
    """Merge each cell with the None cells after it (styling the merged ones as the first)."""
    c = 0
    while c < len(cells):
        end = c + 1
        while end < len(cells) and cells[end] is None:
            end += 1
        if end - c > 1 and cells[c] is not None:
            first = sheet.cell(row=row, column=c + 1)
            for k in range(c + 2, end + 1):
                other = sheet.cell(row=row, column=k)
                other.font, other.fill = copy(first.font), copy(first.fill)
            sheet.merge_cells(start_row=row, start_column=c + 1, end_row=row, end_column=end)
        c = end
