"""The printable dues workbooks: 党费收缴登记表 (the year's register) and 党费基数核定表.

Amounts are written as numbers in yuan built exactly from integer fen (``Decimal``), shown
with two decimals; every total is the integer-fen total the ledger carries, never a sum of
floats and never an Excel formula, so the file reads back the exact figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from math import ceil
from pathlib import Path
from unicodedata import east_asian_width

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..domain.dues import (
    UNPAID_STATES,
    AssessmentRow,
    AssessmentSheet,
    BasePart,
    DuesLedger,
    LedgerMonth,
    LedgerRow,
    MonthState,
    PartKind,
)
from ..domain.money import yuan_grouped
from ..domain.text import format_date
from .xlsx_safe import put, save_workbook, set_title
from .xlsx_style import (
    BODY_FONT,
    LEFT,
    a4_landscape,
    set_widths,
    write_header,
    write_rows,
    write_title,
)

AMOUNT_FORMAT = "0.00"
OWED_FILL = PatternFill("solid", start_color="FFD6D6", end_color="FFD6D6")  # light red
UNASSESSED_FILL = PatternFill("solid", start_color="FFF2CC", end_color="FFF2CC")  # light yellow
TOTAL_FILL = PatternFill("solid", start_color="EDEDED", end_color="EDEDED")
GREY_FONT = Font(name=BODY_FONT.name, size=BODY_FONT.size, color="808080")
BOLD_FONT = Font(name=BODY_FONT.name, size=BODY_FONT.size, bold=True)
MONTH_TEXT = {  # what a month shows when nothing was paid in it
    MonthState.EXEMPT: "免交",
    MonthState.OFF_ROLL: "—",
    MonthState.UNASSESSED: "未核定",
}
LINE_HEIGHT = 13.5  # points per line of 10 pt text
SIGN_BLANK = "__________"

# 党费收缴登记表: 4 leading columns, 12 months, 4 trailing columns; header in rows 3–4
LEDGER_LEAD = ("序号", "姓名", "类别", "月应交(元)")
LEDGER_TAIL = ("全年应交\n(元)", "全年实交\n(元)", "欠交(元)", "备注")
LEDGER_WIDTHS = (4.5, 8, 7, 7.5, *([7.5] * 12), 9.5, 9.5, 8, 15)
LEDGER_HEADER = 3
FIRST_MONTH_COL = len(LEDGER_LEAD) + 1
LEDGER_COLS = len(LEDGER_LEAD) + 12 + len(LEDGER_TAIL)

# 党费基数核定表
ASSESSMENT_HEADERS = (
    "序号",
    "姓名",
    "类别",
    "计入项目",
    "扣除项目",
    "不计入项目",
    "计算基数(元)",
    "比例",
    "月应交(元)",
    "减免情况",
    "批准文号",
    "起始月份",
    "计算说明",
)
ASSESSMENT_WIDTHS = (4.5, 8, 7, 24, 20, 18, 10, 6, 8.5, 6.5, 14, 14.5, 32)
ASSESSMENT_HEADER = 3
ASSESSMENT_CENTRED = {1, 2, 3, 7, 8, 9, 10, 11, 12}


def amount(fen: int) -> Decimal:
    """Return fen as an exact yuan number: 4850 → Decimal('48.50')."""
    return Decimal(fen).scaleb(-2)


def _day(text: str) -> str:
    """Write an ISO date the Chinese way; other text is kept as given."""
    try:
        return format_date(date.fromisoformat(text))
    except ValueError:
        return text


def _text_width(text: str) -> float:
    """Width in Excel character units at 10 pt: a CJK character is about 1.8 digits wide."""
    return sum(1.8 if east_asian_width(ch) in "WF" else 1.0 for ch in text)


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


def _signature(names: Sequence[tuple[str, str]]) -> str:
    return "　　　　".join(f"{label}：{name or SIGN_BLANK}" for label, name in names)


# ---------------------------------------------------------------- 党费收缴登记表


def month_value(month: LedgerMonth) -> Decimal | str | None:
    """What one month cell shows: the amount paid, a state word, or nothing."""
    if month.paid_fen:
        return amount(month.paid_fen)
    return MONTH_TEXT.get(month.state)


def _style_month(cell: Cell, month: LedgerMonth) -> None:
    if month.state in UNPAID_STATES:
        cell.fill = OWED_FILL
    elif month.state is MonthState.UNASSESSED:
        cell.fill = UNASSESSED_FILL
    if not month.paid_fen and month.state in MONTH_TEXT:
        cell.font = GREY_FONT


def ledger_row(row: LedgerRow) -> tuple[object, ...]:
    """Return one member's line of the register (amounts as exact yuan numbers)."""
    due = "未核定" if row.monthly_due_fen is None else amount(row.monthly_due_fen)
    return (
        row.number,
        row.name,
        row.category,
        due,
        *(month_value(m) for m in row.months),
        amount(row.annual_due_fen),
        amount(row.annual_paid_fen),
        amount(row.arrears_fen),
        row.note,
    )


def _ledger_header(sheet: Worksheet) -> None:
    """Two header rows: 各月实交 spans the months; the other headings span both rows."""
    top, sub = LEDGER_HEADER, LEDGER_HEADER + 1
    months = [f"{m}月" for m in range(1, 13)]
    write_header(sheet, top, [*LEDGER_LEAD, *([""] * 12), *LEDGER_TAIL])
    write_header(sheet, sub, [*([""] * len(LEDGER_LEAD)), *months, *([""] * len(LEDGER_TAIL))])
    put(sheet, top, FIRST_MONTH_COL, "各月实交(元)")
    sheet.merge_cells(
        start_row=top, start_column=FIRST_MONTH_COL, end_row=top, end_column=FIRST_MONTH_COL + 11
    )
    spanning = [*range(1, FIRST_MONTH_COL), *range(FIRST_MONTH_COL + 12, LEDGER_COLS + 1)]
    for col in spanning:
        sheet.merge_cells(start_row=top, start_column=col, end_row=sub, end_column=col)
    sheet.row_dimensions[top].height = 20
    sheet.row_dimensions[sub].height = 20


def write_ledger(path: Path, ledger: DuesLedger) -> None:
    """Write the year's 党费收缴登记表 (A4 landscape, one page wide, header repeated)."""
    book = Workbook()
    sheet = book.active
    set_title(sheet, f"{ledger.year}年收缴登记")
    write_title(
        sheet,
        f"{ledger.unit_name}党员党费收缴登记表（{ledger.year}年度）",
        f"党组织：{ledger.unit_name}　　统计截至：{_day(ledger.as_of)}　　"
        f"共{len(ledger.rows)}人　　金额单位：元",
        LEDGER_COLS,
    )
    _ledger_header(sheet)
    first = LEDGER_HEADER + 2
    centred = set(range(1, LEDGER_COLS))
    write_rows(sheet, first, [ledger_row(r) for r in ledger.rows], centred)
    for r, row in enumerate(ledger.rows, start=first):
        for col in range(4, LEDGER_COLS):
            sheet.cell(row=r, column=col).number_format = AMOUNT_FORMAT
        for col, month in enumerate(row.months, start=FIRST_MONTH_COL):
            _style_month(sheet.cell(row=r, column=col), month)
        if row.monthly_due_fen is None:
            sheet.cell(row=r, column=4).font = GREY_FONT
        if row.arrears_fen > 0:
            sheet.cell(row=r, column=LEDGER_COLS - 1).fill = OWED_FILL
        _fit_height(sheet, r, LEDGER_WIDTHS, 18)
    total = first + len(ledger.rows)
    _ledger_totals(sheet, total, ledger)
    _write_note(
        sheet,
        total + 1,
        f"本年度已上缴上级党组织党费：{yuan_grouped(ledger.remitted_fen)}元。"
        "说明：浅红底纹为欠交或未交足的月份；“免交”为经批准免交；"
        "“—”为该月组织关系不在本支部；“未核定”为尚未核定党费基数。",
        LEDGER_COLS,
    )
    _write_note(
        sheet,
        total + 2,
        _signature(
            [
                ("支部书记", ""),
                ("组织委员", ""),
                ("收缴人", ledger.collector),
                ("日期", ""),
            ]
        ),
        LEDGER_COLS,
        height=30,
    )
    set_widths(sheet, LEDGER_WIDTHS)
    a4_landscape(sheet, LEDGER_HEADER + 1)
    sheet.print_title_rows = f"{LEDGER_HEADER}:{LEDGER_HEADER + 1}"
    sheet.freeze_panes = f"{get_column_letter(FIRST_MONTH_COL)}{first}"  # may be merged
    _margins(sheet)
    save_workbook(book, path)


def _ledger_totals(sheet: Worksheet, row: int, ledger: DuesLedger) -> None:
    """The 合计 row: the ledger's own integer totals written as yuan."""
    values: list[object] = ["合计", None, None, None]
    values += [amount(fen) for fen in ledger.month_totals]
    values += [
        amount(ledger.annual_due_fen),
        amount(ledger.annual_paid_fen),
        amount(ledger.arrears_fen),
        "",
    ]
    write_rows(sheet, row, [values], set(range(1, LEDGER_COLS)))
    for col in range(1, LEDGER_COLS + 1):
        cell = sheet.cell(row=row, column=col)
        cell.font = BOLD_FONT
        cell.fill = TOTAL_FILL
        if col >= 4:
            cell.number_format = AMOUNT_FORMAT
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
    sheet.row_dimensions[row].height = 20


# ---------------------------------------------------------------- 党费基数核定表


def parts_text(parts: Sequence[BasePart], kind: PartKind) -> str:
    """List the pay items of one kind: '基本工资 5,000.00；绩效工资 1,200.00'."""
    return "；".join(f"{p.label} {yuan_grouped(p.amount_fen)}" for p in parts if p.kind is kind)


def from_month_text(month: int) -> str:
    """'1月' for the start of the year, '7月（年中调整）' for a mid-year change."""
    return "1月" if month == 1 else f"{month}月（年中调整）"


def assessment_row(row: AssessmentRow) -> tuple[object, ...]:
    """Return one line of the 核定表 (amounts as exact yuan numbers)."""
    return (
        row.number,
        row.name,
        row.category,
        parts_text(row.parts, PartKind.INCLUDED),
        parts_text(row.parts, PartKind.DEDUCTED),
        parts_text(row.parts, PartKind.EXCLUDED),
        amount(row.base_fen),
        row.rate,
        amount(row.monthly_due_fen),
        row.reduction,
        row.approval_ref,
        from_month_text(row.from_month),
        row.explanation,
    )


def write_assessment(path: Path, sheet: AssessmentSheet) -> None:
    """Write the year's 党费基数核定表 (A4 landscape, one page wide, header repeated)."""
    book = Workbook()
    ws = book.active
    set_title(ws, f"{sheet.year}年基数核定")
    width = len(ASSESSMENT_HEADERS)
    write_title(
        ws,
        f"{sheet.unit_name}党员党费基数核定表（{sheet.year}年度）",
        f"党组织：{sheet.unit_name}　　核定年度：{sheet.year}年　　"
        f"共{len(sheet.rows)}条　　金额单位：元",
        width,
    )
    write_header(ws, ASSESSMENT_HEADER, ASSESSMENT_HEADERS)
    first = ASSESSMENT_HEADER + 1
    write_rows(ws, first, [assessment_row(r) for r in sheet.rows], ASSESSMENT_CENTRED)
    for r in range(first, first + len(sheet.rows)):
        for col in (7, 9):
            ws.cell(row=r, column=col).number_format = AMOUNT_FORMAT
        _fit_height(ws, r, ASSESSMENT_WIDTHS, 22)
    total = first + len(sheet.rows)
    values: list[object] = ["合计", *([None] * 7), amount(sheet.total_monthly_fen)]
    values += ["", "", "", ""]
    write_rows(ws, total, [values], ASSESSMENT_CENTRED | {1})
    for col in range(1, width + 1):
        cell = ws.cell(row=total, column=col)
        cell.font = BOLD_FONT
        cell.fill = TOTAL_FILL
    ws.cell(row=total, column=9).number_format = AMOUNT_FORMAT
    ws.merge_cells(start_row=total, start_column=1, end_row=total, end_column=8)
    ws.row_dimensions[total].height = 20
    _write_note(
        ws,
        total + 1,
        "说明：计算基数＝计入项目之和－扣除项目之和；不计入项目仅作列示，不计入基数。"
        "比例按计算基数整体所在档次确定；月应交以1000元为上限。",
        width,
    )
    _write_note(
        ws,
        total + 2,
        _signature([("支部书记", ""), ("组织委员", ""), ("核定日期", "")]),
        width,
        height=30,
    )
    set_widths(ws, ASSESSMENT_WIDTHS)
    a4_landscape(ws, ASSESSMENT_HEADER)
    ws.freeze_panes = f"D{first}"  # a coordinate: with no rows this cell is merged
    _margins(ws)
    save_workbook(book, path)
