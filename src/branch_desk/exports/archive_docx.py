"""The archive's own Word documents: 支部基本情况 and the 卷内目录 (GB/T 9704 style)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..domain.archive_docs import BasicInfo, Contents, ContentsLine
from ..domain.text import format_date
from . import docx_style as gb

_OFFICER_WIDTHS = (28.0, 26.0, 66.0, 36.0)
_GROUP_WIDTHS = (60.0, 50.0, 46.0)
_CONTENTS_WIDTHS = (12.0, 21.0, 45.0, 26.0, 52.0)
_TABLE_PT = 12.0
_CONTENTS_PT = 10.5
_ROW_MM = 8.0
MASK_NOTE = "（本副本中的身份证号、联系电话已作隐藏处理）"


def basic_info_title(info: BasicInfo) -> str:
    """Return the document's title ('第一党支部基本情况')."""
    return f"{info.unit_name}基本情况"


def _counts_text(info: BasicInfo) -> str:
    parts = "、".join(f"{name}{n}名" for name, n in info.by_category if n)
    text = (
        f"{info.unit_name}为{info.kind}，上级党组织为{info.upper_org or '（未填写）'}。"
        f"现有党员{info.total}名，其中正式党员{info.full_members}名、预备党员{info.probationary}名"
    )
    return text + (f"；按人员类别：{parts}。" if parts else "。")


def _election_text(info: BasicInfo) -> str:
    if info.elected_on is None:
        return "未录入最近一次换届选举日期。"
    text = f"最近一次换届选举于{format_date(info.elected_on)}，任期{info.term_years}年"
    return text + (f"，至{format_date(info.term_ends)}届满。" if info.term_ends else "。")


def _officer_rows(info: BasicInfo) -> list[list[str | None]]:
    rows: list[list[str | None]] = [["职务", "姓名", "任期", "联系电话"]]
    rows += [[o.role, o.name, o.term, o.phone] for o in info.officers]
    return rows


def _group_rows(info: BasicInfo) -> list[list[str | None]]:
    rows: list[list[str | None]] = [["党小组", "组长", "党员人数"]]
    rows += [[g.name, g.leader, str(g.members)] for g in info.groups]
    return rows


def _table_or_note(
    doc: gb.Document, rows: list[list[str | None]], widths: Sequence[float], none: str
) -> None:
    """Add a table of a header and its rows, every column centred; ``none`` when no row."""
    if len(rows) == 1:
        gb.add_paragraph(doc, none)
        return
    gb.add_table(
        doc,
        rows,
        widths,
        header_rows=1,
        centre_cols=set(range(len(widths))),
        font_pt=_TABLE_PT,
        row_height_mm=_ROW_MM,
    )


def write_basic_info(path: Path, info: BasicInfo, *, masked: bool = False) -> None:
    """Write the 支部基本情况 (unit, election and term, committee, 党小组) to ``path``."""
    title = basic_info_title(info)
    doc = gb.new_document(title)
    gb.add_title(doc, f"{info.unit_name}\n基本情况")
    gb.add_heading(doc, 1, f"{gb.heading_number(1, 1)}基本情况")
    gb.add_paragraph(doc, _counts_text(info))
    gb.add_heading(doc, 1, f"{gb.heading_number(1, 2)}换届选举")
    gb.add_paragraph(doc, _election_text(info))
    gb.add_heading(doc, 1, f"{gb.heading_number(1, 3)}支部委员会及分工")
    _table_or_note(doc, _officer_rows(info), _OFFICER_WIDTHS, "未录入支部委员会成员。")
    gb.add_heading(doc, 1, f"{gb.heading_number(1, 4)}党小组")
    _table_or_note(doc, _group_rows(info), _GROUP_WIDTHS, "未设党小组。")
    if masked:
        gb.add_paragraph(doc, MASK_NOTE, indent=False)
    gb.add_signature_block(doc, [info.unit_name, format_date(info.made_on)])
    gb.save(doc, path)


def contents_rows(lines: Sequence[ContentsLine]) -> list[list[str | None]]:
    """Return the 目录 table: header, then one row per file or empty category."""
    rows: list[list[str | None]] = [["序号", "类别", "标题", "日期", "路径"]]
    for line in lines:
        number = "—" if line.number is None else str(line.number)
        day = line.day.isoformat() if line.day else ""
        rows.append([number, line.category.label, line.title, day, line.path])
    return rows


def write_contents_docx(path: Path, contents: Contents) -> None:
    """Write the pack's 卷内目录 (every file with category, title, date and path)."""
    doc = gb.new_document(contents.title)
    gb.add_title(doc, f"{contents.unit_name}\n{contents.year}年度党建工作台账目录")
    empty = len(contents.lines) - contents.files
    gb.add_paragraph(
        doc,
        f"共{contents.files}份材料；{empty}个类别本年度无材料，已在目录中注明，未作补充。",
        indent=False,
    )
    gb.add_paragraph(doc, f"编制日期：{format_date(contents.made_on)}", indent=False)
    if contents.masked:
        gb.add_paragraph(doc, MASK_NOTE, indent=False)
    gb.add_table(
        doc,
        contents_rows(contents.lines),
        _CONTENTS_WIDTHS,
        header_rows=1,
        centre_cols={0, 3},
        font_pt=_CONTENTS_PT,
    )
    gb.save(doc, path)
