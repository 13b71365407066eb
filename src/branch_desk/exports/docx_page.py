"""The empty GB/T 9704 document every .docx starts from: styles, page, fonts, page numbers.

Setting these up took longer than writing most documents, so the styled empty document is made
once per process, kept as a file in memory, and each ``new_document`` opens a copy of it. The
rules it applies are described in docx_style.py.
"""

from __future__ import annotations

from io import BytesIO

from docx import Document as new_docx
from docx.document import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm
from docx.text.paragraph import Paragraph
from lxml import etree

from .docx_xml import (
    BODY_PT,
    CHAR_SPACE,
    CONDENSE_TWIPS,
    FALLBACKS,
    FANGSONG,
    FOOTER_DISTANCE_MM,
    HEADING_FONTS,
    LINE_PITCH_TWIPS,
    MARGINS_MM,
    PAGE_MM,
    PAGE_NUMBER_PT,
    SONGTI,
    STYLE_IDS,
    TITLE_PT,
    XIAOBIAOSONG,
    child,
    paragraph_format,
    set_attrs,
    set_font,
)


def _reset_style(doc: Document, name: str) -> tuple[BaseOxmlElement, BaseOxmlElement]:
    """Empty a paragraph style's pPr and rPr (keeping its name and links) and return them."""
    style = doc.styles[name].element
    for tag in ("w:pPr", "w:rPr"):
        style.remove(child(style, tag))
        style.append(parse_xml(f"<{tag} {nsdecls('w')}/>"))
    return style[-2], style[-1]


def _define_styles(doc: Document) -> None:
    """Set document defaults and the Normal, Title, Heading 1–4, Footer and table styles."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_font(rpr, FANGSONG, BODY_PT)
    set_attrs(child(rpr, "w:lang"), val="en-US", eastAsia="zh-CN", bidi="ar-SA")
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    set_attrs(child(ppr, "w:spacing"), after=0, line=240, lineRule="auto")
    ppr, rpr = _reset_style(doc, "Normal")
    paragraph_format(ppr, first_line_chars=2)
    set_font(rpr, FANGSONG, BODY_PT, CONDENSE_TWIPS)
    ppr, rpr = _reset_style(doc, "Title")
    paragraph_format(ppr, align="center", snap=False)
    set_font(rpr, XIAOBIAOSONG, TITLE_PT)
    for level, font in HEADING_FONTS.items():
        ppr, rpr = _reset_style(doc, f"Heading {level}")
        child(ppr, "w:keepNext")
        paragraph_format(ppr, first_line_chars=2)
        set_attrs(child(ppr, "w:outlineLvl"), val=level - 1)
        set_font(rpr, font, BODY_PT, CONDENSE_TWIPS)
    ppr, rpr = _reset_style(doc, "Footer")
    paragraph_format(ppr, exact_line=None, snap=False)
    set_font(rpr, SONGTI, PAGE_NUMBER_PT)


def _declare_fallback_fonts(doc: Document) -> None:
    """Add each primary font to the font table with its Windows stand-in as ``altName``."""
    part = doc.part.part_related_by(RT.FONT_TABLE)
    root = parse_xml(part.blob)
    for name, (alt, family) in FALLBACKS.items():
        root.append(parse_xml(f'<w:font {nsdecls("w")} w:name="{name}"/>'))
        for tag, value in (("altName", alt), ("charset", "86"), ("family", family)):
            set_attrs(child(root[-1], f"w:{tag}"), val=value)
        set_attrs(child(root[-1], "w:pitch"), val="variable")
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
    grid = child(section._sectPr, "w:docGrid")
    set_attrs(grid, type="lines", linePitch=LINE_PITCH_TWIPS, charSpace=CHAR_SPACE)


def _add_page_number(paragraph: Paragraph, align: WD_ALIGN_PARAGRAPH) -> None:
    """Write '— N —' with a PAGE field, indented one character from the aligned side."""
    paragraph._p.style = STYLE_IDS["Footer"]
    paragraph.alignment = align
    side = "right" if align == WD_ALIGN_PARAGRAPH.RIGHT else "left"
    ind = child(paragraph._p.get_or_add_pPr(), "w:ind")
    set_attrs(ind, **{side: PAGE_NUMBER_PT * 20, f"{side}Chars": 100})
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
    for name, style_id in STYLE_IDS.items():  # the ids above are the template's own
        assert doc.styles[name].style_id == style_id, name
    _define_styles(doc)
    _declare_fallback_fonts(doc)
    _set_page(doc)
    doc.settings.odd_and_even_pages_header_footer = True  # odd pages right, even pages left
    _add_page_number(doc.sections[0].footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _add_page_number(doc.sections[0].even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)
    lang = doc.settings.element.find(qn("w:themeFontLang"))
    if lang is not None:
        set_attrs(lang, eastAsia="zh-CN")
    for rel_id, rel in list(doc.part.package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            doc.part.package.rels.pop(rel_id)
    body = doc.element.body
    for p in body.findall(qn("w:p")):
        body.remove(p)
    return doc
