"""The year's 发展党员工作情况汇总表: counts and lists (汇总), one line per candidate (明细)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from openpyxl.worksheet.worksheet import Worksheet

from ..domain.development_docs import PipelineRow, PipelineSummary
from ..domain.text import format_date
from .xlsx_safe import put, save_workbook, set_title
from .xlsx_style import (
    CENTER,
    HEADER_FONT,
    a4_landscape,
    set_widths,
    write_header,
    write_rows,
    write_title,
)

SUMMARY_SHEET = "汇总"
DETAIL_SHEET = "明细"
HEADER_ROW = 3
DETAIL_HEADERS = (
    "序号",
    "姓名",
    "当前阶段",
    "递交申请日期",
    "确定积极分子",
    "确定发展对象",
    "支部大会接收",
    "上级党委审批",
    "转正日期",
    "下一步",
    "最迟日期",
    "问题数",
)
DETAIL_WIDTHS = (5, 10, 10, 12, 12, 12, 12, 12, 12, 22, 12, 7)
DETAIL_CENTRED = set(range(1, 13)) - {10}
SUMMARY_WIDTHS = (8, 26, 22, 30)


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def detail_row(index: int, row: PipelineRow) -> tuple[object, ...]:
    """Return one line of the 明细 sheet; dates as 2024-06-05 text so every viewer agrees."""
    return (
        index,
        row.name,
        row.stage,
        _day(row.applied),
        _day(row.activist),
        _day(row.target),
        _day(row.admitted),
        _day(row.approved),
        _day(row.full),
        row.next_step,
        _day(row.latest),
        row.errors,
    )


def _section(
    sheet: Worksheet,
    row: int,
    caption: str,
    headers: Sequence[str],
    lines: Sequence[Sequence[object]],
) -> int:
    """Write a captioned, bordered list ('无' when empty); return the next free row."""
    cell = put(sheet, row, 1, caption)
    cell.font = HEADER_FONT
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(headers))
    write_header(sheet, row + 1, headers)
    body = [[i, *line] for i, line in enumerate(lines, start=1)]
    if not body:
        body = [["", "无", *([""] * (len(headers) - 2))]]
    write_rows(sheet, row + 2, body, set(range(1, len(headers) + 1)))
    return row + 2 + len(body) + 1


def _sections(
    summary: PipelineSummary,
) -> tuple[tuple[str, tuple[str, str], list[tuple[str, str, str]]], ...]:
    """The lists below the counts: caption, the headers after 序号 and 姓名, and the lines."""
    return (
        (
            "接收预备党员",
            ("支部大会接收日期", "备注"),
            [(name, format_date(d), "") for name, d in summary.admissions],
        ),
        (
            "预备党员转正",
            ("上级党委批准转正日期", "备注"),
            [(name, format_date(d), "") for name, d in summary.full_members],
        ),
        (
            "延长预备期",
            ("延长期限", "备注"),
            [(name, f"{months}个月", "") for name, months in summary.extensions],
        ),
        (
            "终止发展程序",
            ("日期", "情形"),
            [(name, format_date(d), stage) for name, stage, d in summary.ended],
        ),
    )


def _write_summary(sheet: Worksheet, summary: PipelineSummary) -> None:
    made = f"　　统计日期：{format_date(summary.made_on)}" if summary.made_on else ""
    write_title(
        sheet,
        f"{summary.unit_name}{summary.year}年度发展党员工作情况汇总表",
        f"党组织：{summary.unit_name}{made}",
        len(SUMMARY_WIDTHS),
    )
    write_header(sheet, HEADER_ROW, ("序号", "阶段", "人数", "备注"))
    counts = [[i, stage, n, ""] for i, (stage, n) in enumerate(summary.counts.items(), start=1)]
    counts.append(["", "合计", summary.total, ""])
    write_rows(sheet, HEADER_ROW + 1, counts, {1, 2, 3})
    total_row = HEADER_ROW + len(counts)
    for col in (2, 3):
        sheet.cell(row=total_row, column=col).font = HEADER_FONT
    row = total_row + 2
    for caption, headers, lines in _sections(summary):
        row = _section(sheet, row, f"{summary.year}年{caption}", ("序号", "姓名", *headers), lines)
    set_widths(sheet, SUMMARY_WIDTHS)
    a4_landscape(sheet, HEADER_ROW)
    sheet.freeze_panes = None


def _write_detail(sheet: Worksheet, summary: PipelineSummary) -> None:
    write_title(
        sheet,
        f"{summary.unit_name}{summary.year}年度发展党员工作明细表",
        f"党组织：{summary.unit_name}　　共{len(summary.candidates)}人",
        len(DETAIL_HEADERS),
    )
    write_header(sheet, HEADER_ROW, DETAIL_HEADERS)
    rows = [detail_row(i, r) for i, r in enumerate(summary.candidates, start=1)]
    write_rows(sheet, HEADER_ROW + 1, rows, DETAIL_CENTRED)
    for r in range(HEADER_ROW + 1, HEADER_ROW + 1 + len(rows)):
        sheet.row_dimensions[r].height = 20
        sheet.cell(row=r, column=12).alignment = CENTER
    set_widths(sheet, DETAIL_WIDTHS)
    a4_landscape(sheet, HEADER_ROW)


def write_pipeline(path: Path, summary: PipelineSummary) -> None:
    """Write the year's summary workbook to ``path`` (A4, titles, repeated header rows)."""
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    set_title(first, SUMMARY_SHEET)
    _write_summary(first, summary)
    _write_detail(book.create_sheet(DETAIL_SHEET), summary)
    save_workbook(book, path)
