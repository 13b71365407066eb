"""The GB/T 9704 measures (fonts, sizes, page, grid) and the WordprocessingML primitives.

The lowest layer of the documents: docx_page.py builds the styled empty document from it and
docx_style.py the paragraphs and tables. The rules behind the figures are in docx_style.py.
"""

from __future__ import annotations

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement

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

HEADING_FONTS = {1: HEITI, 2: KAITI, 3: FANGSONG, 4: FANGSONG}


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


def child(parent: BaseOxmlElement, tag: str) -> BaseOxmlElement:
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


def set_attrs(element: BaseOxmlElement, **attrs: str | int) -> None:
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), str(value))


def set_font(
    rpr: BaseOxmlElement, name: str, size_pt: float | None = None, condense: int = 0
) -> None:
    """Name ``name`` for East-Asian and Latin text in an rPr element, dropping theme fonts."""
    fonts = child(rpr, "w:rFonts")
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    set_attrs(fonts, ascii=name, hAnsi=name, eastAsia=name, cs=name, hint="eastAsia")
    if size_pt is not None:
        set_attrs(child(rpr, "w:sz"), val=round(size_pt * 2))
        set_attrs(child(rpr, "w:szCs"), val=round(size_pt * 2))
    set_attrs(child(rpr, "w:spacing"), val=condense)


def paragraph_format(
    ppr: BaseOxmlElement,
    *,
    align: str = "both",
    first_line_chars: int = 0,
    exact_line: int | None = LINE_PITCH_TWIPS,
    snap: bool = True,
) -> None:
    """Write alignment, first-line indent (in characters), line spacing and grid snapping."""
    set_attrs(child(ppr, "w:autoSpaceDE"), val=0)
    set_attrs(child(ppr, "w:autoSpaceDN"), val=0)
    if not snap:
        set_attrs(child(ppr, "w:snapToGrid"), val=0)
    line, rule = (240, "auto") if exact_line is None else (exact_line, "exact")
    set_attrs(child(ppr, "w:spacing"), before=0, after=0, line=line, lineRule=rule)
    ind = child(ppr, "w:ind")
    set_attrs(ind, firstLineChars=first_line_chars * 100, firstLine=first_line_chars * BODY_PT * 20)
    set_attrs(child(ppr, "w:jc"), val=align)


# The ids of the styles this module uses, as python-docx's template names them: a paragraph
# takes its style by id, not by a search of the style sheet for the name at every paragraph.
STYLE_IDS = {
    "Title": "Title",
    "Footer": "Footer",
    **{f"Heading {level}": f"Heading{level}" for level in range(1, 5)},
}
