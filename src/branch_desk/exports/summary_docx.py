"""The year-end Party-building summary (年度党建工作总结) as a GB/T 9704 .docx.

:func:`summary_document` lays it out once; the .docx and the print preview both render that.
"""

from __future__ import annotations

from pathlib import Path

from ..domain.summary import SummaryDoc
from ..domain.text import format_date
from .document_model import Block, Document, Paragraph, Signature, Style
from .docx_render import write_docx

HEADINGS = {1: Style.HEADING1, 2: Style.HEADING2, 3: Style.HEADING3, 4: Style.HEADING4}
SIGNATURE_RIGHT_CHARS = 2  # a long organisation name ends two characters from the margin


def text_width(text: str) -> float:
    """Return the width of ``text`` in body characters (digits and Latin are half wide)."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def summary_document(doc: SummaryDoc) -> Document:
    """Lay out the summary: title, opening, numbered sections, signature and date."""
    blocks: list[Block] = [Paragraph(p.text) for p in doc.opening]
    for section in doc.sections:
        blocks.append(Paragraph(section.heading, HEADINGS[section.level]))
        blocks += [Paragraph(p.text) for p in section.paragraphs]
    blocks += _signature(doc)
    return Document(doc.title.replace("\n", ""), doc.title, tuple(blocks))


def write_summary(path: Path, doc: SummaryDoc) -> None:
    """Write ``doc`` to ``path``: title, opening, numbered sections, signature and date."""
    write_docx(Path(path), summary_document(doc))


def _signature(doc: SummaryDoc) -> list[Block]:
    """The organisation's name and, centred under it, the date (成文日期)."""
    dated = format_date(doc.date)
    name_width, date_width = text_width(doc.signature), text_width(dated)
    right = max(SIGNATURE_RIGHT_CHARS, round(4 + (date_width - name_width) / 2))
    under = right + (name_width - date_width) / 2
    return [Signature((doc.signature,), right), Paragraph(dated, Style.RIGHT, under)]
