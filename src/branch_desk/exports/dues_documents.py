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
from ..domain.dues_owed import UNASSESSED_WORDS, YearDues, rate_text
from ..domain.money import yuan_grouped
from ..domain.text import format_date
from .column_fit import fit_widths
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
    cell_text,
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

# 党费收缴登记表: 4 leading columns, 12 months, 5 trailing columns
LEDGER_LEAD = ("序号", "姓名", "类别", "月应交（元）")
LEDGER_TAIL = ("应交（元）", "实交（元）", "预交多交\n（元）", "欠交（元）", "备注")
LEDGER_WIDTHS = (4.5, 8, 7, 7.5, *([7.5] * 12), 9.5, 9.5, 9.5, 8, 15)  # Excel units
LEDGER_COLS = len(LEDGER_WIDTHS)
LEDGER_NOTE = (
    "说明：应交、实交、欠交按统计截至日已结束的月份计，实交每月以应交为限；"
    "预交多交为尚未到期月份的预交、超出应交的自愿多交和未核定月份所交，不计入收缴率。"
    "浅红底纹为欠交或未交足的月份；“免交”为经批准免交；"
    "“—”为该月组织关系不在本支部；“未核定”为尚未核定党费基数。"
    "每名党员第二行为各月缴纳日期和经手人。"
)
LEDGER_MONEY = frozenset({3, *range(4, 16), 16, 17, 18, 19})  # columns that never wrap

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


def known_amount(fen: int | None, tone: Tone = Tone.NONE) -> Cell:
    """An amount, or “未核定” in words where the records cannot tell it (never 0.00)."""
    if fen is None:
        return Cell(UNASSESSED_WORDS, tone=Tone.UNASSESSED, number_format=AMOUNT_FORMAT)
    return amount_cell(fen, tone)


def ledger_row(row: LedgerRow) -> tuple[CellSpec, ...]:
    """One member's line of the register."""
    if row.monthly_due_fen is None:
        due = Cell(UNASSESSED_WORDS, tone=Tone.MUTED, number_format=AMOUNT_FORMAT)
    else:
        due = amount_cell(row.monthly_due_fen)
    return (
        _number(row.number),
        row.name,
        row.category,
        due,
        *(month_cell(m) for m in row.months),
        known_amount(row.annual_due_fen),
        amount_cell(row.annual_paid_fen),
        amount_cell(row.extra_fen),
        amount_cell(row.arrears_fen, Tone.OWED if row.arrears_fen > 0 else Tone.NONE),
        row.note,
    )


def paid_line(month: LedgerMonth) -> str:
    """The month's 缴纳日期 and 经手人 ('6月8日\n王五'); '' when nothing was paid."""
    if month.paid_on is None or not month.paid_fen:
        return ""
    when = f"{month.paid_on.month}月{month.paid_on.day}日"
    return f"{when}\n{month.collector}" if month.collector else when


def ledger_rows(row: LedgerRow) -> tuple[tuple[CellSpec, ...], tuple[CellSpec, ...]]:
    """A member's two lines: the amounts, then each month's 缴纳日期 and 经手人.

    The leading and trailing cells span both lines (see :func:`ledger_document`).
    """
    lead = len(LEDGER_LEAD)
    second: tuple[CellSpec, ...] = (  # "" under a vertical span ("None" would merge left)
        *([""] * lead),
        *(Cell(paid_line(m), tone=Tone.MUTED) for m in row.months),
        *([""] * len(LEDGER_TAIL)),
    )
    return ledger_row(row), second


def _ledger_header() -> tuple[tuple[CellSpec, ...], ...]:
    """Two header rows: 各月实交 spans the months; the other headings span both rows."""
    top = (*LEDGER_LEAD, "各月实交（元）", *([None] * 11), *LEDGER_TAIL)
    sub = (*([""] * len(LEDGER_LEAD)), *(f"{m}月" for m in range(1, 13)))
    return top, (*sub, *([""] * len(LEDGER_TAIL)))


def _ledger_totals(ledger: DuesLedger) -> tuple[CellSpec, ...]:
    """The 合计 row: the ledger's own integer totals."""
    return (
        Cell("合计", tone=Tone.TOTAL),
        None,
        None,
        None,
        *(amount_cell(fen, Tone.TOTAL) for fen in ledger.month_totals),
        known_amount(ledger.annual_due_fen, Tone.TOTAL),
        amount_cell(ledger.annual_paid_fen, Tone.TOTAL),
        amount_cell(ledger.extra_fen, Tone.TOTAL),
        amount_cell(ledger.arrears_fen, Tone.TOTAL),
        Cell("", tone=Tone.TOTAL, number_format=AMOUNT_FORMAT),
    )


def remitted_text(fen: int | None) -> str:
    """The year's remittance, or that none is recorded (never “0.00元”)."""
    if fen is None:
        return "本年度未登记上缴党费记录（未登记上缴）"
    return f"本年度已上缴上级党组织党费{yuan_grouped(fen)}元"


def ledger_summary(dues: YearDues) -> str:
    """The register's figures in one sentence: owed, paid, the rate, extra and remitted."""
    if dues.owed_fen is None:
        owed = (
            f"应交{UNASSESSED_WORDS}（{len(dues.unassessed)}名党员共{dues.unassessed_months}个月"
            f"尚未核定党费基数，已核定部分应交{yuan_grouped(dues.assessed_owed_fen)}元）"
        )
    else:
        owed = f"应交{yuan_grouped(dues.owed_fen)}元"
    return (
        f"合计：{owed}，实交{yuan_grouped(dues.paid_fen)}元，"
        f"收缴率{rate_text(dues.rate, '—' if dues.owed_fen is not None else UNASSESSED_WORDS)}，"
        f"欠交{yuan_grouped(dues.arrears_fen)}元；"
        f"预交多交{yuan_grouped(dues.extra_fen)}元（不计入收缴率）；"
        f"{remitted_text(dues.remitted_fen)}。"
    )


def ledger_widths(rows: Sequence[Sequence[CellSpec]]) -> tuple[float, ...]:
    """Column widths (Excel units): money and date columns as wide as their widest line."""
    columns: list[list[str]] = [[] for _ in LEDGER_WIDTHS]
    for row in rows:
        for col, cell in enumerate(row):
            if cell is not None:
                columns[col].append(cell_text(cell))
    return fit_widths(columns, LEDGER_WIDTHS, LEDGER_MONEY)


def ledger_document(ledger: DuesLedger) -> Document:
    """Lay out the year's 党费收缴登记表 (A4 landscape; two lines a member)."""
    header = 2
    merged = (*range(len(LEDGER_LEAD)), *range(len(LEDGER_LEAD) + 12, LEDGER_COLS))
    spans = [(0, col, 2) for col in merged]
    body: list[tuple[CellSpec, ...]] = []
    for row in ledger.rows:
        first = header + len(body)
        body.extend(ledger_rows(row))
        spans.extend((first, col, 2) for col in merged)
    rows = (*_ledger_header(), *body, _ledger_totals(ledger))
    table = Table(
        rows,
        _mm(ledger_widths(rows[header:])),
        header_rows=header,
        centre_cols=frozenset(range(LEDGER_COLS - 1)),
        font_pt=TABLE_PT,
        vspan=tuple(spans),
    )
    subtitle = (
        f"党组织：{ledger.unit_name}　　统计截至：{_day(ledger.as_of)}　　"
        f"共{len(ledger.rows)}人　　金额单位：元"
    )
    sign = [("支部书记", ""), ("组织委员", ""), ("收缴人", ledger.collector), ("日期", "")]
    blocks: list[Block] = [
        Paragraph(subtitle, Style.PLAIN),
        table,
        Paragraph(f"{ledger_summary(ledger.dues)}{LEDGER_NOTE}", Style.PLAIN),
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
        known_amount(row.base_fen),
        row.rate,
        known_amount(row.monthly_due_fen),
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
    roll = f"名册截至：{_day(sheet.as_of)}　　" if sheet.as_of else ""
    unassessed = sum(1 for r in sheet.rows if r.monthly_due_fen is None)
    missing = f"（其中未核定{unassessed}条）" if unassessed else ""
    subtitle = (
        f"党组织：{sheet.unit_name}　　核定年度：{sheet.year}年　　{roll}"
        f"共{len(sheet.rows)}条{missing}　　金额单位：元"
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
