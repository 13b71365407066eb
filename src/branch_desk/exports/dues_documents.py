"""The layout of the dues workbooks: 党费收缴登记表 and 党费基数核定表, as document models.

Amounts are cells carrying the exact yuan ``Decimal`` built from integer fen (shown with two
decimals); every total is the ledger's own integer-fen total, never a sum of floats. The
workbook writer (``dues_xlsx``) and the print preview both render these models.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

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
from .document_model import (
    Block,
    Cell,
    CellSpec,
    Document,
    PageSetup,
    Paragraph,
    Style,
    Table,
    Tone,
    amount_cell,
)

EXCEL_UNIT_MM = 2.0  # one Excel character unit at 10 pt, near enough for the preview's ratios
SIGN_BLANK = "__________"
AMOUNT_FORMAT = "0.00"
MONTH_TEXT = {  # what a month shows when nothing was paid in it
    MonthState.EXEMPT: "免交",
    MonthState.OFF_ROLL: "—",
    MonthState.UNASSESSED: "未核定",
}
LANDSCAPE = PageSetup(landscape=True)
TABLE_PT = 10.0

# 党费收缴登记表: 4 leading columns, 12 months, 4 trailing columns
LEDGER_LEAD = ("序号", "姓名", "类别", "月应交（元）")
LEDGER_TAIL = ("全年应交\n（元）", "全年实交\n（元）", "欠交（元）", "备注")
LEDGER_WIDTHS = (4.5, 8, 7, 7.5, *([7.5] * 12), 9.5, 9.5, 8, 15)  # Excel units
LEDGER_COLS = len(LEDGER_WIDTHS)
LEDGER_NOTE = (
    "说明：浅红底纹为欠交或未交足的月份；“免交”为经批准免交；"
    "“—”为该月组织关系不在本支部；“未核定”为尚未核定党费基数。"
)

# 党费基数核定表
ASSESSMENT_HEADERS = (
    "序号",
    "姓名",
    "类别",
    "计入项目",
    "扣除项目",
    "不计入项目",
    "计算基数（元）",
    "比例",
    "月应交（元）",
    "减免情况",
    "批准文号",
    "起始月份",
    "计算说明",
)
ASSESSMENT_WIDTHS = (4.5, 8, 7, 24, 20, 18, 10, 6, 8.5, 6.5, 14, 14.5, 32)  # Excel units
ASSESSMENT_CENTRED = frozenset({0, 1, 2, 6, 7, 8, 9, 10, 11})  # 0-based
ASSESSMENT_NOTE = (
    "说明：计算基数＝计入项目之和－扣除项目之和；不计入项目仅作列示，不计入基数。"
    "比例按计算基数整体所在档次确定；月应交以1000元为上限。"
)


def _mm(widths: Sequence[float]) -> tuple[float, ...]:
    return tuple(w * EXCEL_UNIT_MM for w in widths)


def _day(text: str) -> str:
    """Write an ISO date the Chinese way; other text is kept as given."""
    try:
        return format_date(date.fromisoformat(text))
    except ValueError:
        return text


def signature_line(names: Sequence[tuple[str, str]]) -> str:
    """支部书记：__________　　　　组织委员：… (a name when known)."""
    return "　　　　".join(f"{label}：{name or SIGN_BLANK}" for label, name in names)


def _number(n: int) -> Cell:
    return Cell(str(n), n)


# ---------------------------------------------------------------- 党费收缴登记表


def month_cell(month: LedgerMonth) -> Cell:
    """One month: the amount paid, or a state word; shaded when owed or not assessed."""
    tone = Tone.NONE
    if month.state in UNPAID_STATES:
        tone = Tone.OWED
    elif month.state is MonthState.UNASSESSED:
        tone = Tone.UNASSESSED
    if month.paid_fen:
        return amount_cell(month.paid_fen, tone)
    word = MONTH_TEXT.get(month.state, "")
    tone = Tone.MUTED if tone is Tone.NONE and word else tone
    return Cell(word, tone=tone, number_format=AMOUNT_FORMAT)  # an amount may be written in


def ledger_row(row: LedgerRow) -> tuple[CellSpec, ...]:
    """One member's line of the register."""
    if row.monthly_due_fen is None:
        due = Cell("未核定", tone=Tone.MUTED, number_format=AMOUNT_FORMAT)
    else:
        due = amount_cell(row.monthly_due_fen)
    return (
        _number(row.number),
        row.name,
        row.category,
        due,
        *(month_cell(m) for m in row.months),
        amount_cell(row.annual_due_fen),
        amount_cell(row.annual_paid_fen),
        amount_cell(row.arrears_fen, Tone.OWED if row.arrears_fen > 0 else Tone.NONE),
        row.note,
    )


def _ledger_header() -> tuple[tuple[CellSpec, ...], ...]:
    """Two header rows: 各月实交 spans the months; the other headings span both rows."""
    top = (*LEDGER_LEAD, "各月实交（元）", *([None] * 11), *LEDGER_TAIL)
    sub = (*([""] * len(LEDGER_LEAD)), *(f"{m}月" for m in range(1, 13)))
    return top, (*sub, *([""] * len(LEDGER_TAIL)))


def _ledger_totals(ledger: DuesLedger) -> tuple[CellSpec, ...]:
    """The 合计 row: the ledger's own integer totals."""
    amounts = [*ledger.month_totals, ledger.annual_due_fen, ledger.annual_paid_fen]
    amounts.append(ledger.arrears_fen)
    return (
        Cell("合计", tone=Tone.TOTAL),
        None,
        None,
        None,
        *(amount_cell(fen, Tone.TOTAL) for fen in amounts),
        Cell("", tone=Tone.TOTAL, number_format=AMOUNT_FORMAT),
    )


def ledger_document(ledger: DuesLedger) -> Document:
    """Lay out the year's 党费收缴登记表 (A4 landscape)."""
    spans = tuple(
        (0, col, 2) for col in (*range(len(LEDGER_LEAD)), *range(len(LEDGER_LEAD) + 12, 20))
    )
    rows = (*_ledger_header(), *(ledger_row(r) for r in ledger.rows), _ledger_totals(ledger))
    table = Table(
        rows,
        _mm(LEDGER_WIDTHS),
        header_rows=2,
        centre_cols=frozenset(range(LEDGER_COLS - 1)),
        font_pt=TABLE_PT,
        vspan=spans,
    )
    subtitle = (
        f"党组织：{ledger.unit_name}　　统计截至：{_day(ledger.as_of)}　　"
        f"共{len(ledger.rows)}人　　金额单位：元"
    )
    sign = [("支部书记", ""), ("组织委员", ""), ("收缴人", ledger.collector), ("日期", "")]
    blocks: list[Block] = [
        Paragraph(subtitle, Style.PLAIN),
        table,
        Paragraph(
            f"本年度已上缴上级党组织党费：{yuan_grouped(ledger.remitted_fen)}元。{LEDGER_NOTE}",
            Style.PLAIN,
        ),
        Paragraph(signature_line(sign), Style.PLAIN),
    ]
    title = f"{ledger.unit_name}党员党费收缴登记表（{ledger.year}年度）"
    return Document(title, title, tuple(blocks), LANDSCAPE, blank_after_title=False)


# ---------------------------------------------------------------- 党费基数核定表


def parts_text(parts: Sequence[BasePart], kind: PartKind) -> str:
    """List the pay items of one kind: '基本工资 5,000.00；绩效工资 1,200.00'."""
    return "；".join(f"{p.label} {yuan_grouped(p.amount_fen)}" for p in parts if p.kind is kind)


def from_month_text(month: int) -> str:
    """'1月' for the start of the year, '7月（年中调整）' for a mid-year change."""
    return "1月" if month == 1 else f"{month}月（年中调整）"


def assessment_row(row: AssessmentRow) -> tuple[CellSpec, ...]:
    """One line of the 核定表."""
    return (
        _number(row.number),
        row.name,
        row.category,
        parts_text(row.parts, PartKind.INCLUDED),
        parts_text(row.parts, PartKind.DEDUCTED),
        parts_text(row.parts, PartKind.EXCLUDED),
        amount_cell(row.base_fen),
        row.rate,
        amount_cell(row.monthly_due_fen),
        row.reduction,
        row.approval_ref,
        from_month_text(row.from_month),
        row.explanation,
    )


def assessment_document(sheet: AssessmentSheet) -> Document:
    """Lay out the year's 党费基数核定表 (A4 landscape)."""
    total: tuple[CellSpec, ...] = (
        Cell("合计", tone=Tone.TOTAL),
        *([None] * 7),
        amount_cell(sheet.total_monthly_fen, Tone.TOTAL),
        *([Cell("", tone=Tone.TOTAL)] * 4),
    )
    rows = (ASSESSMENT_HEADERS, *(assessment_row(r) for r in sheet.rows), total)
    table = Table(
        rows,
        _mm(ASSESSMENT_WIDTHS),
        header_rows=1,
        centre_cols=ASSESSMENT_CENTRED,
        font_pt=TABLE_PT,
    )
    subtitle = (
        f"党组织：{sheet.unit_name}　　核定年度：{sheet.year}年　　"
        f"共{len(sheet.rows)}条　　金额单位：元"
    )
    sign = signature_line([("支部书记", ""), ("组织委员", ""), ("核定日期", "")])
    blocks: list[Block] = [
        Paragraph(subtitle, Style.PLAIN),
        table,
        Paragraph(ASSESSMENT_NOTE, Style.PLAIN),
        Paragraph(sign, Style.PLAIN),
    ]
    title = f"{sheet.unit_name}党员党费基数核定表（{sheet.year}年度）"
    return Document(title, title, tuple(blocks), LANDSCAPE, blank_after_title=False)
