"""The 发展党员全程纪实表 of one candidate (一人一档) as a GB/T 9704 .docx form."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.table import Table

from ..domain.development_docs import PHASE_OF, PHASES, DossierDoc, DossierRow
from ..domain.text import format_date
from . import docx_style as gb

FORM_NAME = "发展党员全程纪实表"
INFO_PT = 12.0  # 小四
STEP_PT = 10.0  # just under 五号, so six columns fit 156 mm and a step name fits a line
_INFO_WIDTHS = (28.0, 50.0, 28.0, 50.0)
_STEP_WIDTHS = (8.0, 32.0, 35.0, 21.0, 32.0, 28.0)
_OTHER_WIDTHS = (28.0, 128.0)
_CHECK_WIDTHS = (10.0, 46.0, 22.0) * 2
_INFO_ROW_MM = 9.0
_STEP_ROW_MM = 7.5
_CELL_MARGIN_TWIPS = 57  # 1 mm left and right, so a date fits its column on one line
_BLANK = "____________"
_SHADE = "EDEDED"
_PRESENT, _MISSING = "✓", "缺"
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def month_text(day: date | None) -> str:
    """Write a 出生年月 as '1998年3月' ('' for None)."""
    return f"{day.year}年{day.month}月" if day else ""


def chinese_dates(text: str) -> str:
    """Rewrite ISO dates in a message the GB/T 9704 way (2024-06-05 → 2024年6月5日)."""
    return _ISO_DAY.sub(lambda m: format_date(date(*map(int, m.groups()))), text)


def _info_rows(doc: DossierDoc) -> list[list[str | None]]:
    return [
        ["姓　　名", doc.name, "性　　别", doc.gender],
        ["出生年月", month_text(doc.birth_date), "民　　族", doc.ethnicity],
        ["学　　历", doc.education, "所在党小组", doc.group],
        ["身份证号", doc.id_number, None, None],
        ["工作单位\n及职务", doc.work_unit, None, None],
        ["当前阶段", doc.stage, None, None],
    ]


def _step_cells(row: DossierRow) -> list[str | None]:
    return [
        row.number,
        row.step_name,
        format_date(row.day),
        row.people,
        row.result,
        row.documents,
    ]


def step_table_rows(doc: DossierDoc) -> tuple[list[list[str | None]], list[int]]:
    """Return the rows of the steps table and the indices of its stage rows."""
    rows: list[list[str | None]] = [["序号", "步骤", "日期", "相关人员", "结果/情况", "形成材料"]]
    stage_rows: list[int] = []
    by_phase: dict[int, list[DossierRow]] = {}
    loose: list[DossierRow] = []
    for row in doc.rows:
        phase = PHASE_OF.get(row.step) if row.step is not None else None
        (by_phase.setdefault(phase, []) if phase is not None else loose).append(row)
    for i, (name, _steps) in enumerate(PHASES):
        stage_rows.append(len(rows))
        rows.append([f"{gb.heading_number(1, i + 1)}{name}", None, None, None, None, None])
        rows += [_step_cells(r) for r in by_phase.get(i, [])]
    rows += [_step_cells(r) for r in loose]
    return rows, stage_rows


def _dates(days: Sequence[date]) -> str:
    if not days:
        return "无记录"
    return f"共{len(days)}次：" + "、".join(format_date(d) for d in days)


def _other_rows(doc: DossierDoc) -> list[list[str | None]]:
    if doc.probation_ends:
        start = format_date(doc.admitted_on) if doc.admitted_on else ""
        probation = f"{start}至{format_date(doc.probation_ends)}" if start else ""
        probation = probation or f"至{format_date(doc.probation_ends)}"
    else:
        probation = "—"
    issues = (
        "\n".join(f"{n}. {chinese_dates(text)}" for n, text in enumerate(doc.issues, start=1))
        if doc.issues
        else "无"
    )
    return [
        ["思想汇报", _dates(doc.thought_reports)],
        ["培养考察", _dates(doc.assessments)],
        ["预 备 期", probation],
        ["党龄起算", format_date(doc.party_age_from) or "—"],
        ["存在问题", issues],
    ]


def checklist_rows(doc: DossierDoc) -> list[list[str | None]]:
    """Return the documents checklist two to a row: 序号 材料名称 是否齐全, twice."""
    items = [
        [str(n), name, _PRESENT if present else _MISSING]
        for n, (name, present) in enumerate(doc.documents_checklist, start=1)
    ]
    half = (len(items) + 1) // 2
    left, right = items[:half], items[half:]
    rows: list[list[str | None]] = [
        ["发展党员档案材料（一人一档）", None, None, None, None, None],
        ["序号", "材料名称", "是否齐全"] * 2,
    ]
    for i, cells in enumerate(left):
        rows.append(cells + (right[i] if i < len(right) else ["", "", ""]))
    return rows


def _narrow_cell_margins(table: Table) -> None:
    """Use 1 mm cell margins left and right (Word's default is 1.9 mm)."""
    pr = table._tbl.tblPr
    old = pr.find(qn("w:tblCellMar"))
    if old is not None:
        pr.remove(old)
    mar = parse_xml(
        f"<w:tblCellMar {nsdecls('w')}>"
        f'<w:left w:w="{_CELL_MARGIN_TWIPS}" w:type="dxa"/>'
        f'<w:right w:w="{_CELL_MARGIN_TWIPS}" w:type="dxa"/>'
        "</w:tblCellMar>"
    )
    look = pr.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(mar)
    else:
        pr.append(mar)


def _emphasise_rows(table: Table, indices: Sequence[int], size_pt: float) -> None:
    """Write stage rows in 黑体 on light grey, left-aligned, kept with the row below."""
    for index in indices:
        cell = table.rows[index].cells[0]
        cell._tc.get_or_add_tcPr().append(
            parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{_SHADE}"/>')
        )
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
            for run in paragraph.runs:
                gb.set_font(run._r.get_or_add_rPr(), gb.HEITI, size_pt)


def _keep_together(table: Table) -> None:
    """Keep a short table on one page: every row but the last stays with the next."""
    for row in table.rows[:-1]:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True


def _add_info(document: Document, doc: DossierDoc) -> None:
    gb.add_table(
        document,
        _info_rows(doc),
        _INFO_WIDTHS,
        centre_cols={0, 2},
        font_pt=INFO_PT,
        row_height_mm=_INFO_ROW_MM,
    )


def _add_steps(document: Document, doc: DossierDoc) -> None:
    rows, stage_rows = step_table_rows(doc)
    table = gb.add_table(
        document,
        rows,
        _STEP_WIDTHS,
        header_rows=1,
        centre_cols={0, 2},
        font_pt=STEP_PT,
        row_height_mm=_STEP_ROW_MM,
    )
    _narrow_cell_margins(table)
    _emphasise_rows(table, stage_rows, STEP_PT)


def _add_others(document: Document, doc: DossierDoc) -> None:
    table = gb.add_table(
        document,
        _other_rows(doc),
        _OTHER_WIDTHS,
        centre_cols={0},
        font_pt=INFO_PT,
        row_height_mm=_INFO_ROW_MM,
    )
    _narrow_cell_margins(table)
    _keep_together(table)


def _add_checklist(document: Document, doc: DossierDoc) -> None:
    table = gb.add_table(
        document,
        checklist_rows(doc),
        _CHECK_WIDTHS,
        header_rows=2,
        centre_cols={0, 2, 3, 5},
        font_pt=STEP_PT,
        row_height_mm=_STEP_ROW_MM,
    )
    _narrow_cell_margins(table)
    _keep_together(table)


def write_dossier(path: Path, doc: DossierDoc) -> None:
    """Write the 发展党员全程纪实表 of one candidate to ``path`` (atomically)."""
    title = f"{doc.unit_name}\n{FORM_NAME}" if doc.unit_name else FORM_NAME
    document = gb.new_document(f"{doc.name}{FORM_NAME}")
    gb.add_title(document, title)
    _add_info(document, doc)
    gb.add_blank_line(document)
    _add_steps(document, doc)
    gb.add_blank_line(document)
    _add_others(document, doc)
    gb.add_blank_line(document)
    _add_checklist(document, doc)
    gb.add_signature_block(
        document,
        [
            f"支部书记（签字）：{_BLANK}",
            f"组织委员（签字）：{_BLANK}",
            format_date(doc.made_on) or "　　年　　月　　日",
        ],
    )
    gb.save(document, path)
