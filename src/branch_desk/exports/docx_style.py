"""The shared GB/T 9704-2012 base of every .docx Branch Desk writes (公文格式).

Page: A4, margins top 37 mm, left 28 mm, bottom 35 mm, right 26 mm: a 156 × 225 mm text
block of 22 lines × 28 characters. Page numbers "— 1 —", odd pages right, even pages left.

Fonts: every run names its font for East-Asian text (``w:eastAsia``, ``w:hint="eastAsia"``)
and, so digits match, for Latin text. Primary names are the ones Party offices install:
仿宋_GB2312 (body), 方正小标宋简体 (title), 黑体 and 楷体_GB2312 (headings), 宋体 (page
numbers). A run names one font only, so the fallback is declared in ``word/fontTable.xml``:
each primary font with the GB2312 charset, a family and ``w:altName`` = the font Windows ships
(仿宋, 宋体, SimHei, 楷体, SimSun), which Word substitutes when the primary is missing; WPS
and LibreOffice fall back to an installed CJK font. No fonts are embedded.

Grid: body 16 pt (三号), line spacing exactly 579 twips (28.95 pt), so 22 lines fill 225 mm;
``docGrid`` has the same ``linePitch``. Word's own way to 28 characters a line is a character
grid (``linesAndChars``, ``charSpace`` −848), but LibreOffice then gives each 16 pt character
two cells and spreads the text to double width. So the grid is lines-only (``charSpace`` kept
for Word's page set-up dialog) and body text is condensed by 0.25 pt: 28 characters a line in
Word, WPS and LibreOffice alike. Title, tables and page numbers do not snap to the grid.
Automatic Chinese/Latin spacing is off, so dates read 2024年6月5日.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from copy import deepcopy
from functools import cache
from pathlib import Path

from docx.document import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

from .docx_page import new_document as styled_copy
from .docx_xml import (
    BODY_PT,
    FANGSONG,
    HEADING_FONTS,
    HEITI,
    KAITI,
    LINE_PITCH_TWIPS,
    MARGINS_MM,
    STYLE_IDS,
    TABLE_PT,
    TEXT_WIDTH_MM,
    TITLE_PT,
    XIAOBIAOSONG,
    child,
    paragraph_format,
    set_attrs,
    set_font,
)
from .safe_output import atomic_target

__all__ = [  # the measures the document writers and the preview read through this module
    "BODY_PT",
    "FANGSONG",
    "HEITI",
    "KAITI",
    "LINE_PITCH_TWIPS",
    "MARGINS_MM",
    "TEXT_WIDTH_MM",
    "TITLE_PT",
    "XIAOBIAOSONG",
    "set_font",
]

_DIGITS = "零一二三四五六七八九"


def new_document(title: str = "") -> Document:
    """Return an empty GB/T 9704 document: page, grid, styles, fonts and page numbers.

    Styled once per process and opened as a copy for each document (docx_page.py).
    """
    return styled_copy(title)


def chinese_number(n: int) -> str:
    """Write 1–99 in Chinese numerals (十一, 二十, 二十一)."""
    if not 1 <= n <= 99:
        raise ValueError(f"{n} is out of range 1–99")
    tens, units = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[units] if units else "")


def heading_number(level: int, n: int) -> str:
    """Return the GB/T 9704 ordinal for a heading level: 一、 （一） 1. （1）."""
    forms = {1: "{c}、", 2: "（{c}）", 3: "{n}.", 4: "（{n}）"}
    return forms[level].format(c=chinese_number(n), n=n)


def add_title(doc: Document, text: str) -> Paragraph:
    """Add the centred 二号 小标宋 title (newlines break lines) and one blank line after it."""
    paragraph = doc.add_paragraph()
    paragraph._p.style = STYLE_IDS["Title"]
    for i, line in enumerate(text.split("\n")):
        if i:
            paragraph.add_run().add_break()
        paragraph.add_run(line)
    add_blank_line(doc)
    return paragraph


def add_heading(doc: Document, level: int, text: str) -> Paragraph:
    """Add a heading (1 黑体, 2 楷体, 3–4 仿宋); ``text`` carries its own ordinal."""
    if level not in HEADING_FONTS:
        raise ValueError(f"heading level {level} is not 1–4")
    paragraph = doc.add_paragraph(text)
    paragraph._p.style = STYLE_IDS[f"Heading {level}"]
    return paragraph


def add_paragraph(doc: Document, text: str, indent: bool = True) -> Paragraph:
    """Add a body paragraph; ``indent=False`` drops the two-character first-line indent."""
    paragraph = doc.add_paragraph(text)
    if not indent:
        set_attrs(child(paragraph._p.get_or_add_pPr(), "w:ind"), firstLineChars=0, firstLine=0)
    return paragraph


def add_text(doc: Document, text: str) -> list[Paragraph]:
    """Add multi-line text as body paragraphs, one per non-blank line, indents normalised."""
    lines = (line.strip().lstrip("\u3000") for line in text.splitlines())
    return [add_paragraph(doc, line) for line in lines if line]


def add_blank_line(doc: Document) -> Paragraph:
    """Add an empty body line (one grid line high)."""
    return add_paragraph(doc, "", indent=False)


def add_signature_block(doc: Document, lines: Sequence[str], right_chars: int = 4) -> None:
    """Add a blank line, then right-aligned lines ending ``right_chars`` characters short."""
    add_blank_line(doc)
    for line in lines:
        paragraph = add_paragraph(doc, line, indent=False)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        ind = child(paragraph._p.get_or_add_pPr(), "w:ind")
        set_attrs(ind, rightChars=right_chars * 100, right=right_chars * BODY_PT * 20)


def _borders(table: Table, visible: bool) -> None:
    """Draw a 1 pt frame and ½ pt inner lines, or no lines at all."""
    kind = "single" if visible else "nil"
    edges = "".join(
        f'<w:{edge} w:val="{kind}" w:sz="{8 if edge[0] != "i" else 4}" w:space="0" '
        'w:color="000000"/>'
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    frame = child(table._tbl.tblPr, "w:tblBorders")
    frame.getparent().replace(
        frame, parse_xml(f"<w:tblBorders {nsdecls('w')}>{edges}</w:tblBorders>")
    )


def _fill_cell(cell: _Cell, text: str, align: str, font: str, size_pt: float) -> None:
    """Write text (lines split on newlines) into a cell with the table-text format.

    A new paragraph or run takes a copy of its format made once (``_cell_ppr``,
    ``_cell_rpr``): the same elements ``paragraph_format`` and ``set_font`` would add one by
    one, each parsed from text, in every cell of every table.
    """
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    for i, line in enumerate(text.split("\n")):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        if paragraph._p.pPr is None:
            paragraph._p.insert(0, deepcopy(_cell_ppr(align)))
        else:
            paragraph_format(paragraph._p.pPr, align=align, exact_line=None, snap=False)
        run = paragraph.add_run(line)
        if run._r.rPr is None:
            run._r.insert(0, deepcopy(_cell_rpr(font, size_pt)))
        else:
            set_font(run._r.rPr, font, size_pt)


@cache
def _cell_ppr(align: str) -> BaseOxmlElement:
    ppr = OxmlElement("w:pPr")
    paragraph_format(ppr, align=align, exact_line=None, snap=False)
    return ppr


@cache
def _cell_rpr(font: str, size_pt: float) -> BaseOxmlElement:
    rpr = OxmlElement("w:rPr")
    set_font(rpr, font, size_pt)
    return rpr


def add_table(
    doc: Document,
    rows: Sequence[Sequence[str | None]],
    widths_mm: Sequence[float],
    *,
    header_rows: int = 0,
    centre_cols: Collection[int] = (),
    font_pt: float = TABLE_PT,
    row_height_mm: float | None = None,
    exact_height: bool = False,
    borders: bool = True,
) -> Table:
    """Add a fixed-width table; a None cell merges into the cell on its left.

    Header rows are centred 黑体 and repeat on every page; columns in ``centre_cols``
    (0-based) are centred, the rest left-aligned. Rows never split across pages.
    """
    table = doc.add_table(rows=len(rows), cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    set_attrs(child(table._tbl.tblPr, "w:tblLayout"), type="fixed")
    _borders(table, borders)
    for col, width in zip(table._tbl.tblGrid.gridCol_lst, widths_mm, strict=True):
        col.w = Mm(width)
    for r, (row, values) in enumerate(zip(table.rows, rows, strict=True)):
        _format_row(row, r < header_rows, row_height_mm, exact_height)
        for c, (cell, width) in enumerate(zip(row.cells, widths_mm, strict=True)):
            cell.width = Mm(width)
            if values[c] is None:
                continue
            end = next((k for k in range(c + 1, len(values)) if values[k] is not None), len(values))
            target = _merge_right(cell, end - c)
            header = r < header_rows
            align = "center" if header or c in centre_cols else "left"
            _fill_cell(target, values[c] or "", align, HEITI if header else FANGSONG, font_pt)
    return table


def _merge_right(cell: _Cell, span: int) -> _Cell:
    """Merge ``cell`` with the cells on its right to span ``span`` grid columns.

    The same XML as ``cell.merge(last)`` (python-docx grows the top-left cell of a one-row
    span the same way: content and widths taken over, gridSpan set, the others removed),
    without locating the span in the whole table's grid first, which made every merge slower
    the longer the table.
    """
    if span > 1:
        cell._tc._grow_to(span, 1)
    return cell


def _format_row(row: _Row, header: bool, height_mm: float | None, exact: bool) -> None:
    """Mark a row as repeating header and unsplittable, and set its height."""
    tr_pr = row._tr.get_or_add_trPr()
    child(tr_pr, "w:cantSplit")
    if header:
        child(tr_pr, "w:tblHeader")
    if height_mm is not None:
        row.height = Mm(height_mm)
        row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY if exact else WD_ROW_HEIGHT_RULE.AT_LEAST


def save(doc: Document, path: Path) -> None:
    """Write the document atomically (a temp file renamed over ``path``)."""
    last = doc.element.body[-2] if len(doc.element.body) > 1 else None
    if last is not None and last.tag == qn("w:tbl"):  # Word needs a paragraph after a table;
        end = add_paragraph(doc, "", indent=False)._p  # keep it 1 pt so it adds no blank page
        paragraph_format(end.get_or_add_pPr(), exact_line=20, snap=False)
        set_font(child(end.get_or_add_pPr(), "w:rPr"), FANGSONG, 1)
    with atomic_target(Path(path)) as temp:
        doc.save(str(temp))
