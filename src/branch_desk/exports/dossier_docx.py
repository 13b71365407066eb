"""The 发展党员全程纪实表 of one candidate (一人一档) as a GB/T 9704 .docx form.

:func:`dossier_document` lays it out once; the .docx and the print preview both render that.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from ..domain.development_docs import PHASE_OF, PHASES, DossierDoc, DossierRow
from ..domain.text import format_date
from . import docx_style as gb
from .document_model import BlankLine, Block, Cell, Document, Signature, Table, Tone
from .docx_render import write_docx

FORM_NAME = "发展党员全程纪实表"
INFO_PT = 12.0  # 小四
STEP_PT = 10.0  # just under 五号, so six columns fit 156 mm and a step name fits a line
_INFO_WIDTHS = (28.0, 50.0, 28.0, 50.0)
_STEP_WIDTHS = (8.0, 32.0, 35.0, 21.0, 32.0, 28.0)
_OTHER_WIDTHS = (28.0, 128.0)
_CHECK_WIDTHS = (10.0, 46.0, 22.0) * 2
_INFO_ROW_MM = 9.0
_STEP_ROW_MM = 7.5
_BLANK = "____________"
_LABEL_COLS = frozenset({0, 2})
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


def dossier_document(doc: DossierDoc) -> Document:
    """Lay out the 发展党员全程纪实表 of one candidate."""
    title = f"{doc.unit_name}\n{FORM_NAME}" if doc.unit_name else FORM_NAME
    rows, stage_rows = step_table_rows(doc)
    steps = tuple(
        (Cell(str(row[0]), tone=Tone.STAGE), *row[1:]) if r in stage_rows else tuple(row)
        for r, row in enumerate(rows)
    )
    blocks: list[Block] = [
        Table(tuple(map(tuple, _info_rows(doc))), _INFO_WIDTHS, centre_cols=_LABEL_COLS,
              font_pt=INFO_PT, row_height_mm=_INFO_ROW_MM),
        BlankLine(),
        Table(steps, _STEP_WIDTHS, header_rows=1, centre_cols=_LABEL_COLS,
              font_pt=STEP_PT, row_height_mm=_STEP_ROW_MM, narrow_margins=True),
        BlankLine(),
        Table(tuple(map(tuple, _other_rows(doc))), _OTHER_WIDTHS, centre_cols=frozenset({0}),
              font_pt=INFO_PT, row_height_mm=_INFO_ROW_MM, narrow_margins=True,
              keep_together=True),
        BlankLine(),
        Table(tuple(map(tuple, checklist_rows(doc))), _CHECK_WIDTHS, header_rows=2,
              centre_cols=frozenset({0, 2, 3, 5}), font_pt=STEP_PT, row_height_mm=_STEP_ROW_MM,
              narrow_margins=True, keep_together=True),
        Signature((
            f"支部书记（签字）：{_BLANK}",
            f"组织委员（签字）：{_BLANK}",
            format_date(doc.made_on) or "　　年　　月　　日",
        )),
    ]  # fmt: skip
    return Document(f"{doc.name}{FORM_NAME}", title, tuple(blocks))


def write_dossier(path: Path, doc: DossierDoc) -> None:
    """Write the 发展党员全程纪实表 of one candidate to ``path`` (atomically)."""
    write_docx(Path(path), dossier_document(doc))
