"""The archive's own workbooks: 目录, 组织关系转接登记表 and 学时统计表."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from ..domain.archive_docs import Contents, ContentsLine, StudyLine, TransferLine
from ..domain.text import format_date
from .xlsx_safe import save_workbook, set_title
from .xlsx_style import a4_landscape, set_widths, write_header, write_rows, write_title

CONTENTS_HEADERS = ("序号", "类别", "标题", "日期", "路径")
TRANSFER_HEADERS = ("序号", "姓名", "类型", "日期", "转自/转往党组织", "介绍信编号", "备注")
STUDY_HEADERS = ("序号", "姓名", "党小组", "身份", "全年学时", "要求学时", "是否达到")
HEADER_ROW = 3


def _save(
    path: Path,
    title: str,
    subtitle: str,
    headers: Sequence[str],
    rows: list[tuple[object, ...]],
    widths: Sequence[float],
    centred: set[int],
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    set_title(sheet, title)
    write_title(sheet, title, subtitle, len(headers))
    write_header(sheet, HEADER_ROW, headers)
    write_rows(sheet, HEADER_ROW + 1, rows, centred)
    set_widths(sheet, widths)
    a4_landscape(sheet, HEADER_ROW)
    save_workbook(book, path)


def contents_row(line: ContentsLine) -> tuple[object, ...]:
    """Return one 目录 line as written to the sheet (dates as 2026-03-18 text)."""
    day = line.day.isoformat() if line.day else ""
    return (line.number or "—", line.category.folder, line.title, day, line.path)


def write_contents_xlsx(path: Path, contents: Contents) -> None:
    """Write the 卷内目录 workbook: every file, and a note for each empty category."""
    note = "　　身份证号、联系电话已隐藏" if contents.masked else ""
    _save(
        path,
        contents.title,
        f"党组织：{contents.unit_name}　　年度：{contents.year}"
        f"　　编制日期：{format_date(contents.made_on)}　　共{contents.files}份材料{note}",
        CONTENTS_HEADERS,
        [contents_row(line) for line in contents.lines],
        (6, 24, 44, 12, 60),
        {1, 4},
    )


def write_transfers(
    path: Path, unit_name: str, year: int, lines: Sequence[TransferLine], made_on: date
) -> None:
    """Write the year's 组织关系转接登记表 (转入 and 转出, by date), counted up to ``made_on``."""
    rows = [
        (i, t.name, t.kind, t.day.isoformat(), t.place, t.letter_no, t.note)
        for i, t in enumerate(lines, start=1)
    ]
    _save(
        path,
        f"{unit_name}{year}年度组织关系转接登记表",
        f"党组织：{unit_name}　　年度：{year}　　统计截至：{format_date(made_on)}　　共{len(rows)}人次",
        TRANSFER_HEADERS,
        rows,
        (6, 10, 8, 12, 36, 24, 24),
        {1, 2, 3, 4},
    )


def write_study_hours(
    path: Path, unit_name: str, year: int, lines: Sequence[StudyLine], made_on: date
) -> None:
    """Write the year's 党员学习学时统计表 (one line a member, against the requirement)."""
    rows = [(i, s.name, s.group, s.role, *_hours_cells(s)) for i, s in enumerate(lines, start=1)]
    if any(s.hours is None for s in lines):
        verdict = "本年度会议活动未登记学时"
    else:
        verdict = f"未达到要求{sum(1 for s in lines if not s.met)}人"
    _save(
        path,
        f"{unit_name}{year}年度党员学习学时统计表",
        f"党组织：{unit_name}　　统计截至：{format_date(made_on)}　　共{len(rows)}人，{verdict}",
        STUDY_HEADERS,
        rows,
        (6, 10, 14, 10, 10, 10, 10),
        {1, 2, 3, 4, 5, 6, 7},
    )


def _hours_cells(line: StudyLine) -> tuple[object, int, str]:
    """Return (学时, 要求, 是否达到): unknown 学时 are said in words, never printed as 0."""
    if line.hours is None:
        return "未登记学时", line.required, "—"
    return float(line.hours), line.required, "是" if line.met else "否"
