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
from io import BytesIO
from pathlib import Path

from docx import Document as new_docx
from docx.document import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph
from lxml import etree

from .safe_output import atomic_target

FANGSONG = "仿宋_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
HEITI = "黑体"
KAITI = "楷体_GB2312"
SONGTI = "宋体"
# primary font → (the font Windows ships in its place, font family for substitution)
FALLBACKS: dict[str, tuple[str, str]] = {
    FANGSONG: ("仿宋", "modern"),
    XIAOBIAOSONG: ("宋体", "roman"),
    HEITI: ("SimHei", "modern"),
    KAITI: ("楷体", "script"),
    SONGTI: ("SimSun", "roman"),
}

BODY_PT = 16  # 三号
TITLE_PT = 22  # 二号
PAGE_NUMBER_PT = 14  # 四号
TABLE_PT = 14  # 四号, the usual size inside forms
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
MARGINS_MM = {"top": 37.0, "left": 28.0, "bottom": 35.0, "right": 26.0}
PAGE_MM = (210.0, 297.0)
TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]  # 156
LINE_PITCH_TWIPS = 579  # 225 mm / 22 lines = 28.95 pt; 22 × 579 twips ≤ 225 mm
CONDENSE_TWIPS = -5  # 16 pt − 0.25 pt = 15.75 pt a character; 28 × 15.75 pt ≤ 156 mm
# Word's character grid pitch for 28 characters a line, in 1/4096 pt from 16 pt: −848
CHAR_SPACE = round((TEXT_WIDTH_MM / 25.4 * 72 / CHARS_PER_LINE - BODY_PT) * 4096)
FOOTER_DISTANCE_MM = 23.0  # puts the page number's top about 7 mm below the text block

_HEADING_FONTS = {1: HEITI, 2: KAITI, 3: FANGSONG, 4: FANGSONG}
_DIGITS = "零一二三四五六七八九"


_ORDER = {  # child order the schema requires; Word rejects files that break it
    "w:pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLine"
    "Numbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct "
    "autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing "
    "mirrorIndents suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl "
    "divId cnfStyle rPr sectPr pPrChange",
    "w:rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss "
    "imprint noProof snapToGrid vanish webHidden color spacing w kern position sz szCs "
    "highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout",
    "w:tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize "
    "tblW jc tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook",
}
_RANK = {
    qn(parent): {qn(f"w:{tag}"): i for i, tag in enumerate(tags.split())}
    for parent, tags in _ORDER.items()
}


def _child(parent: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    """Return the child ``tag`` (e.g. 'w:ind'), creating it in schema order if missing."""
    found = parent.find(qn(tag))
    if found is not None:
        return found
    found = parse_xml(f"<{tag} {nsdecls('w')}/>")
    rank = _RANK.get(parent.tag, {})
    mine = rank.get(qn(tag), len(rank))
    later = [child for child in parent if rank.get(child.tag, len(rank)) > mine]
    if later:
        later[0].addprevious(found)
    else:
        parent.append(found)
    return found


def _set(element: BaseOxmlElement, **attrs: str | int) -> None:
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), str(value))


def set_font(
    rpr: BaseOxmlElement, name: str, size_pt: float | None = None, condense: int = 0
) -> None:
    """Name ``name`` for East-Asian and Latin text in an rPr element, dropping theme fonts."""
    fonts = _child(rpr, "w:rFonts")
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    _set(fonts, ascii=name, hAnsi=name, eastAsia=name, cs=name, hint="eastAsia")
    if size_pt is not None:
        _set(_child(rpr, "w:sz"), val=round(size_pt * 2))
        _set(_child(rpr, "w:szCs"), val=round(size_pt * 2))
    _set(_child(rpr, "w:spacing"), val=condense)


def _paragraph_format(
    ppr: BaseOxmlElement,
    *,
    align: str = "both",
    first_line_chars: int = 0,
    exact_line: int | None = LINE_PITCH_TWIPS,
    snap: bool = True,
) -> None:
    """Write alignment, first-line indent (in characters), line spacing and grid snapping."""
    _set(_child(ppr, "w:autoSpaceDE"), val=0)
    _set(_child(ppr, "w:autoSpaceDN"), val=0)
    if not snap:
        _set(_child(ppr, "w:snapToGrid"), val=0)
    line, rule = (240, "auto") if exact_line is None else (exact_line, "exact")
    _set(_child(ppr, "w:spacing"), before=0, after=0, line=line, lineRule=rule)
    ind = _child(ppr, "w:ind")
    _set(ind, firstLineChars=first_line_chars * 100, firstLine=first_line_chars * BODY_PT * 20)
    _set(_child(ppr, "w:jc"), val=align)


def _reset_style(doc: Document, name: str) -> tuple[BaseOxmlElement, BaseOxmlElement]:
    """Empty a paragraph style's pPr and rPr (keeping its name and links) and return them."""
    style = doc.styles[name].element
    for tag in ("w:pPr", "w:rPr"):
        style.remove(_child(style, tag))
        style.append(parse_xml(f"<{tag} {nsdecls('w')}/>"))
    return style[-2], style[-1]


def _define_styles(doc: Document) -> None:
    """Set document defaults and the Normal, Title, Heading 1–4, Footer and table styles."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_font(rpr, FANGSONG, BODY_PT)
    _set(_child(rpr, "w:lang"), val="en-US", eastAsia="zh-CN", bidi="ar-SA")
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    _set(_child(ppr, "w:spacing"), after=0, line=240, lineRule="auto")
    ppr, rpr = _reset_style(doc, "Normal")
    _paragraph_format(ppr, first_line_chars=2)
    set_font(rpr, FANGSONG, BODY_PT, CONDENSE_TWIPS)
    ppr, rpr = _reset_style(doc, "Title")
    _paragraph_format(ppr, align="center", snap=False)
    set_font(rpr, XIAOBIAOSONG, TITLE_PT)
    for level, font in _HEADING_FONTS.items():
        ppr, rpr = _reset_style(doc, f"Heading {level}")
        _child(ppr, "w:keepNext")
        _paragraph_format(ppr, first_line_chars=2)
        _set(_child(ppr, "w:outlineLvl"), val=level - 1)
        set_font(rpr, font, BODY_PT, CONDENSE_TWIPS)
    ppr, rpr = _reset_style(doc, "Footer")
    _paragraph_format(ppr, exact_line=None, snap=False)
    set_font(rpr, SONGTI, PAGE_NUMBER_PT)


def _declare_fallback_fonts(doc: Document) -> None:
    """Add each primary font to the font table with its Windows stand-in as ``altName``."""
    part = doc.part.part_related_by(RT.FONT_TABLE)
    root = parse_xml(part.blob)
    for name, (alt, family) in FALLBACKS.items():
        root.append(parse_xml(f'<w:font {nsdecls("w")} w:name="{name}"/>'))
        for tag, value in (("altName", alt), ("charset", "86"), ("family", family)):
            _set(_child(root[-1], f"w:{tag}"), val=value)
        _set(_child(root[-1], "w:pitch"), val="variable")
    # a plain Part: python-docx has no API for it
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _set_page(doc: Document) -> None:
    """Set A4, the GB/T 9704 margins and the 22 × 28 document grid."""
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    for side, mm in MARGINS_MM.items():
        setattr(section, f"{side}_margin", Mm(mm))
    section.header_distance = Mm(15)
    section.footer_distance = Mm(FOOTER_DISTANCE_MM)
    grid = _child(section._sectPr, "w:docGrid")
    _set(grid, type="lines", linePitch=LINE_PITCH_TWIPS, charSpace=CHAR_SPACE)


def _add_page_number(paragraph: Paragraph, align: WD_ALIGN_PARAGRAPH) -> None:
    """Write '— N —' with a PAGE field, indented one character from the aligned side."""
    paragraph._p.style = _STYLE_IDS["Footer"]
    paragraph.alignment = align
    side = "right" if align == WD_ALIGN_PARAGRAPH.RIGHT else "left"
    ind = _child(paragraph._p.get_or_add_pPr(), "w:ind")
    _set(ind, **{side: PAGE_NUMBER_PT * 20, f"{side}Chars": 100})
    paragraph.add_run("— ")
    for xml in (
        '<w:fldChar {} w:fldCharType="begin"/>',
        '<w:instrText {} xml:space="preserve"> PAGE </w:instrText>',
        '<w:fldChar {} w:fldCharType="separate"/>',
        "<w:t {}>1</w:t>",
        '<w:fldChar {} w:fldCharType="end"/>',
    ):
        paragraph.add_run()._r.append(parse_xml(xml.format(nsdecls("w"))))
    paragraph.add_run(" —")


# The ids of the styles this module uses, as python-docx's template names them: a paragraph
# takes its style by id, not by a search of the style sheet for the name at every paragraph.
_STYLE_IDS = {
    "Title": "Title",
    "Footer": "Footer",
    **{f"Heading {level}": f"Heading{level}" for level in range(1, 5)},
}
_EMPTY: list[bytes] = []  # the styled empty document, made once per process


def new_document(title: str = "") -> Document:
    """Return an empty GB/T 9704 document: page, grid, styles, fonts and page numbers.

    The empty document is styled once and kept as a file in memory; each call opens a copy
    (styling it afresh for every document took longer than writing most of them).
    """
    if not _EMPTY:
        buffer = BytesIO()
        _styled_document().save(buffer)
        _EMPTY.append(buffer.getvalue())
    doc = new_docx(BytesIO(_EMPTY[0]))
    props = doc.core_properties  # no "python-docx" author, comment or template thumbnail
    props.author = props.last_modified_by = props.comments = ""
    props.title = title
    return doc


def _styled_document() -> Document:
    doc = new_docx()
    for name, style_id in _STYLE_IDS.items():  # the ids above are the template's own
        assert doc.styles[name].style_id == style_id, name
    _define_styles(doc)
    _declare_fallback_fonts(doc)
    _set_page(doc)
    doc.settings.odd_and_even_pages_header_footer = True  # odd pages right, even pages left
    _add_page_number(doc.sections[0].footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _add_page_number(doc.sections[0].even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)
    lang = doc.settings.element.find(qn("w:themeFontLang"))
    if lang is not None:
        _set(lang, eastAsia="zh-CN")
    for rel_id, rel in list(doc.part.package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            doc.part.package.rels.pop(rel_id)
    body = doc.element.body
    for p in body.findall(qn("w:p")):
        body.remove(p)
    return doc


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
    paragraph._p.style = _STYLE_IDS["Title"]
    for i, line in enumerate(text.split("\n")):
        if i:
            paragraph.add_run().add_break()
        paragraph.add_run(line)
    add_blank_line(doc)
    return paragraph


def add_heading(doc: Document, level: int, text: str) -> Paragraph:
    """Add a heading (1 黑体, 2 楷体, 3–4 仿宋); ``text`` carries its own ordinal."""
    if level not in _HEADING_FONTS:
        raise ValueError(f"heading level {level} is not 1–4")
    paragraph = doc.add_paragraph(text)
    paragraph._p.style = _STYLE_IDS[f"Heading {level}"]
    return paragraph


def add_paragraph(doc: Document, text: str, indent: bool = True) -> Paragraph:
    """Add a body paragraph; ``indent=False`` drops the two-character first-line indent."""
    paragraph = doc.add_paragraph(text)
    if not indent:
        _set(_child(paragraph._p.get_or_add_pPr(), "w:ind"), firstLineChars=0, firstLine=0)
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
        ind = _child(paragraph._p.get_or_add_pPr(), "w:ind")
        _set(ind, rightChars=right_chars * 100, right=right_chars * BODY_PT * 20)


def _borders(table: Table, visible: bool) -> None:
    """Draw a 1 pt frame and ½ pt inner lines, or no lines at all."""
    kind = "single" if visible else "nil"
    edges = "".join(
        f'<w:{edge} w:val="{kind}" w:sz="{8 if edge[0] != "i" else 4}" w:space="0" '
        'w:color="000000"/>'
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    frame = _child(table._tbl.tblPr, "w:tblBorders")
    frame.getparent().replace(
        frame, parse_xml(f"<w:tblBorders {nsdecls('w')}>{edges}</w:tblBorders>")
    )


def _fill_cell(cell: _Cell, text: str, align: str, font: str, size_pt: float) -> None:
    """Write text (lines split on newlines) into a cell with the table-text format."""
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    for i, line in enumerate(text.split("\n")):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        _paragraph_format(paragraph._p.get_or_add_pPr(), align=align, exact_line=None, snap=False)
        run = paragraph.add_run(line)
        set_font(run._r.get_or_add_rPr(), font, size_pt)


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
    _set(_child(table._tbl.tblPr, "w:tblLayout"), type="fixed")
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
    _child(tr_pr, "w:cantSplit")
    if header:
        _child(tr_pr, "w:tblHeader")
    if height_mm is not None:
        row.height = Mm(height_mm)
        row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY if exact else WD_ROW_HEIGHT_RULE.AT_LEAST


def save(doc: Document, path: Path) -> None:
    """Write the document atomically (a temp file renamed over ``path``)."""
    last = doc.element.body[-2] if len(doc.element.body) > 1 else None
    if last is not None and last.tag == qn("w:tbl"):  # Word needs a paragraph after a table;
        end = add_paragraph(doc, "", indent=False)._p  # keep it 1 pt so it adds no blank page
        _paragraph_format(end.get_or_add_pPr(), exact_line=20, snap=False)
        set_font(_child(end.get_or_add_pPr(), "w:rPr"), FANGSONG, 1)
    with atomic_target(Path(path)) as temp:
        doc.save(str(temp))
