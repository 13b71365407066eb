"""Print previews of the 党费收缴登记表 and the 党费基数核定表 (A4 landscape)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from html import escape

from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from ...domain.dues import (
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
from ...domain.money import yuan, yuan_grouped
from ...domain.text import format_date
from ..reports.printing import show_print_preview

SIGN_BLANK = "＿＿＿＿＿＿"
OWED_BACKGROUND = "#ffd6d6"
UNASSESSED_BACKGROUND = "#fff2cc"
GREY = "#808080"
MONTH_WORDS = {MonthState.EXEMPT: "免交", MonthState.OFF_ROLL: "—", MonthState.UNASSESSED: "未核定"}
STYLE = """
body { font-size: 8pt; }
p.title { font-size: 15pt; font-weight: bold; text-align: center; margin-bottom: 2pt; }
p.subtitle { text-align: center; margin-top: 0; margin-bottom: 6pt; white-space: pre-wrap; }
table.grid { border-collapse: collapse; }
table.grid th { background-color: #f2f2f2; font-weight: bold; }
table.grid td, table.grid th { border: 1px solid #444; padding: 2px; }
td.num { text-align: right; }
td.mid { text-align: center; }
tr.total td { font-weight: bold; background-color: #ededed; }
p.note { margin-top: 6pt; }
p.sign { margin-top: 14pt; font-size: 10pt; white-space: pre-wrap; }
"""
# column headings with their share of the page width (%)
LEDGER_LEAD = (("序号", 3), ("姓名", 5), ("类别", 5), ("月应交", 5))
MONTH_WIDTH = 5.2
LEDGER_TAIL = (("全年应交", 5.5), ("全年实交", 5.5), ("欠交", 4.5), ("备注", 4.1))
ASSESSMENT_HEADERS = (
    ("序号", 3),
    ("姓名", 5),
    ("类别", 5),
    ("计入项目", 15),
    ("扣除项目", 13),
    ("不计入项目", 9),
    ("计算基数", 6),
    ("比例", 5),
    ("月应交", 5),
    ("减免情况", 5),
    ("批准文号", 8),
    ("起始月份", 5),
    ("计算说明", 16),
)


def _day(text: str) -> str:
    try:
        return format_date(date.fromisoformat(text))
    except ValueError:
        return text


def _cell(text: str, css: str = "", background: str = "", colour: str = "") -> str:
    attrs = f' class="{css}"' if css else ""
    attrs += f' bgcolor="{background}"' if background else ""
    body = escape(text).replace("\n", "<br/>") if text else "&nbsp;"
    if colour:
        body = f'<span style="color:{colour};">{body}</span>'
    return f"<td{attrs}>{body}</td>"


def _page(title: str, subtitle: str, table: str, notes: Iterable[str]) -> str:
    parts = [f"<html><head><style>{STYLE}</style></head><body>"]
    parts.append(f'<p class="title">{escape(title)}</p>')
    parts.append(f'<p class="subtitle">{escape(subtitle)}</p>')
    parts.append(table)
    parts += [f'<p class="note">{escape(n)}</p>' for n in notes]
    return "".join(parts)


def signature(names: Sequence[tuple[str, str]]) -> str:
    """Return the signature line: 支部书记：＿＿＿　　组织委员：＿＿＿ …."""
    line = "　　　　".join(
        f"{escape(label)}：{escape(name) or SIGN_BLANK}" for label, name in names
    )
    return f'<p class="sign">{line}</p></body></html>'


# ---------------------------------------------------------------- 党费收缴登记表


def month_cell(month: LedgerMonth) -> str:
    """Return one month's cell: the amount paid, or 免交/—/未核定, shaded when owed."""
    background = ""
    if month.state in UNPAID_STATES:
        background = OWED_BACKGROUND
    elif month.state is MonthState.UNASSESSED:
        background = UNASSESSED_BACKGROUND
    if month.paid_fen:
        return _cell(yuan(month.paid_fen), "num", background)
    return _cell(MONTH_WORDS.get(month.state, ""), "mid", background, GREY)


def ledger_row_html(row: LedgerRow) -> str:
    """Return one member's line of the register."""
    due = "未核定" if row.monthly_due_fen is None else yuan(row.monthly_due_fen)
    cells = [
        _cell(str(row.number), "mid"),
        _cell(row.name, "mid"),
        _cell(row.category, "mid"),
        _cell(due, "num", colour=GREY if row.monthly_due_fen is None else ""),
        *(month_cell(m) for m in row.months),
        _cell(yuan(row.annual_due_fen), "num"),
        _cell(yuan(row.annual_paid_fen), "num"),
        _cell(yuan(row.arrears_fen), "num", OWED_BACKGROUND if row.arrears_fen > 0 else ""),
        _cell(row.note),
    ]
    return f"<tr>{''.join(cells)}</tr>"


def ledger_totals_html(ledger: DuesLedger) -> str:
    """Return the 合计 row: the ledger's own integer totals written as yuan."""
    amounts = [*ledger.month_totals, ledger.annual_due_fen, ledger.annual_paid_fen]
    amounts.append(ledger.arrears_fen)
    cells = "".join(_cell(yuan(fen), "num") for fen in amounts)
    return f'<tr class="total"><td colspan="4" class="mid">合计</td>{cells}<td></td></tr>'


def ledger_html(ledger: DuesLedger) -> str:
    """Return the year's 党费收缴登记表 as printable HTML."""
    lead = "".join(f'<th rowspan="2" width="{w}%">{h}</th>' for h, w in LEDGER_LEAD)
    tail = "".join(f'<th rowspan="2" width="{w}%">{h}</th>' for h, w in LEDGER_TAIL)
    months = "".join(f'<th width="{MONTH_WIDTH}%">{m}月</th>' for m in range(1, 13))
    head = f'<tr>{lead}<th colspan="12">各月实交</th>{tail}</tr><tr>{months}</tr>'
    body = "".join(ledger_row_html(r) for r in ledger.rows) + ledger_totals_html(ledger)
    table = (
        '<table class="grid" width="100%" cellspacing="0" cellpadding="2">'
        f"<thead>{head}</thead><tbody>{body}</tbody></table>"
    )
    subtitle = (
        f"党组织：{ledger.unit_name}　　统计截至：{_day(ledger.as_of)}　　"
        f"共{len(ledger.rows)}人　　金额单位：元"
    )
    notes = (
        f"本年度已上缴上级党组织党费：{yuan_grouped(ledger.remitted_fen)}元。",
        "说明：浅红底纹为欠交或未交足的月份；“免交”为经批准免交；"
        "“—”为该月组织关系不在本支部；“未核定”为尚未核定党费基数。",
    )
    title = f"{ledger.unit_name}党员党费收缴登记表（{ledger.year}年度）"
    sign = [("支部书记", ""), ("组织委员", ""), ("收缴人", ledger.collector), ("日期", "")]
    return _page(title, subtitle, table, notes) + signature(sign)


# ---------------------------------------------------------------- 党费基数核定表


def parts_text(parts: Sequence[BasePart], kind: PartKind) -> str:
    """List the pay items of one kind, one a line: '基本工资 5,000.00'."""
    return "\n".join(f"{p.label} {yuan_grouped(p.amount_fen)}" for p in parts if p.kind is kind)


def assessment_row_html(row: AssessmentRow) -> str:
    """Return one line of the 核定表."""
    start = "1月" if row.from_month == 1 else f"{row.from_month}月（年中调整）"
    cells = [
        _cell(str(row.number), "mid"),
        _cell(row.name, "mid"),
        _cell(row.category, "mid"),
        *(_cell(parts_text(row.parts, kind)) for kind in PartKind),
        _cell(yuan(row.base_fen), "num"),
        _cell(row.rate, "mid"),
        _cell(yuan(row.monthly_due_fen), "num"),
        _cell(row.reduction, "mid"),
        _cell(row.approval_ref),
        _cell(start, "mid"),
        _cell(row.explanation),
    ]
    return f"<tr>{''.join(cells)}</tr>"


def assessment_html(sheet: AssessmentSheet) -> str:
    """Return the year's 党费基数核定表 as printable HTML."""
    head = "".join(f'<th width="{w}%">{h}</th>' for h, w in ASSESSMENT_HEADERS)
    body = "".join(assessment_row_html(r) for r in sheet.rows)
    total = _cell(yuan(sheet.total_monthly_fen), "num")
    body += (
        f'<tr class="total"><td colspan="8" class="mid">合计</td>{total}<td colspan="4"></td></tr>'
    )
    table = (
        '<table class="grid" width="100%" cellspacing="0" cellpadding="2">'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )
    subtitle = (
        f"党组织：{sheet.unit_name}　　核定年度：{sheet.year}年　　"
        f"共{len(sheet.rows)}条　　金额单位：元"
    )
    notes = (
        "说明：计算基数＝计入项目之和－扣除项目之和；不计入项目仅作列示，不计入基数。"
        "比例按计算基数整体所在档次确定；月应交以1000元为上限。",
    )
    title = f"{sheet.unit_name}党员党费基数核定表（{sheet.year}年度）"
    sign = [("支部书记", ""), ("组织委员", ""), ("核定日期", "")]
    return _page(title, subtitle, table, notes) + signature(sign)


def preview_ledger(parent: QWidget, ledger: DuesLedger) -> QPrintPreviewDialog:
    """Open the print preview of the 收缴登记表 (A4 landscape)."""
    title = f"{ledger.year}年党费收缴登记表"
    return show_print_preview(parent, ledger_html(ledger), title, landscape=True)


def preview_assessment(parent: QWidget, sheet: AssessmentSheet) -> QPrintPreviewDialog:
    """Open the print preview of the 核定表 (A4 landscape)."""
    title = f"{sheet.year}年党费基数核定表"
    return show_print_preview(parent, assessment_html(sheet), title, landscape=True)
