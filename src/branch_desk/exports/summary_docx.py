"""The year-end Party-building summary (年度党建工作总结) as a GB/T 9704 .docx."""

from __future__ import annotations

from pathlib import Path

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from ..domain.summary import SummaryDoc
from ..domain.text import format_date
from . import docx_style as gb

SIGNATURE_RIGHT_CHARS = 2  # a long organisation name ends two characters from the margin


def text_width(text: str) -> float:
    """Return the width of ``text`` in body characters (digits and Latin are half wide)."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def write_summary(path: Path, doc: SummaryDoc) -> None:
    """Write ``doc`` to ``path``: title, opening, numbered sections, signature and date."""
    document = gb.new_document(doc.title.replace("\n", ""))
    gb.add_title(document, doc.title)
    for paragraph in doc.opening:
        gb.add_paragraph(document, paragraph.text)
    for section in doc.sections:
        gb.add_heading(document, section.level, section.heading)
        for paragraph in section.paragraphs:
            gb.add_paragraph(document, paragraph.text)
    _signature(document, doc)
    gb.save(document, Path(path))


def _signature(document: Document, doc: SummaryDoc) -> None:
    """Add the organisation's name and, centred under it, the date (成文日期)."""
    dated = format_date(doc.date)
    name_width, date_width = text_width(doc.signature), text_width(dated)
    right = max(SIGNATURE_RIGHT_CHARS, round(4 + (date_width - name_width) / 2))
    gb.add_signature_block(document, [doc.signature], right_chars=right)
    line = gb.add_paragraph(document, dated, indent=False)
    line.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    under = right + (name_width - date_width) / 2
    line.paragraph_format.right_indent = Pt(gb.BODY_PT * under)
