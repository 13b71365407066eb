"""Write a :class:`~.document_model.Document` as a GB/T 9704 .docx (through docx_style)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt
from docx.table import Table as DocxTable

from . import docx_style as gb
from .document_model import (
    BlankLine,
    Block,
    Cell,
    CellSpec,
    Document,
    Paragraph,
    Signature,
    Style,
    Table,
    Tone,
    cell_text,
)

_HEADINGS = {Style.HEADING1: 1, Style.HEADING2: 2, Style.HEADING3: 3, Style.HEADING4: 4}
_CELL_MARGIN_TWIPS = 57  # 1 mm left and right (Word's default is 1.9 mm)
_SHADE = "EDEDED"


def render_docx(doc: Document) -> DocxDocument:
    """Return the python-docx document of ``doc`` (page, styles, title and every block)."""
    document = gb.new_document(doc.name)
    if doc.title:
        gb.add_title(document, doc.title)
    for block in doc.blocks:
        _add_block(document, block)
    return document


def write_docx(path: Path, doc: Document) -> None:
    """Write ``doc`` to ``path`` as .docx (atomically)."""
    gb.save(render_docx(doc), Path(path))


def _add_block(document: DocxDocument, block: Block) -> None:
    if isinstance(block, Paragraph):
        _add_paragraph(document, block)
    elif isinstance(block, BlankLine):
        gb.add_blank_line(document)
    elif isinstance(block, Signature):
        gb.add_signature_block(document, block.lines, right_chars=block.right_chars)
    elif isinstance(block, Table):
        _add_table(document, block)


def _add_paragraph(document: DocxDocument, paragraph: Paragraph) -> None:
    if paragraph.style in _HEADINGS:
        gb.add_heading(document, _HEADINGS[paragraph.style], paragraph.text)
    elif paragraph.style is Style.RIGHT:
        line = gb.add_paragraph(document, paragraph.text, indent=False)
        line.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        line.paragraph_format.right_indent = Pt(gb.BODY_PT * paragraph.right_chars)
    else:
        gb.add_paragraph(document, paragraph.text, indent=paragraph.style is Style.BODY)


def _add_table(document: DocxDocument, table: Table) -> None:
    if table.vspan:
        raise ValueError("a .docx table merges cells across columns only")
    rows = [[None if c is None else cell_text(c) for c in row] for row in table.rows]
    added = gb.add_table(
        document,
        rows,
        table.widths_mm,
        header_rows=table.header_rows,
        centre_cols=table.centre_cols,
        font_pt=table.font_pt,
        row_height_mm=table.row_height_mm,
        exact_height=table.exact_height,
    )
    if table.narrow_margins:
        _narrow_cell_margins(added)
    stages = [r for r, row in enumerate(table.rows) if _tone(row) is Tone.STAGE]
    _emphasise_rows(added, stages, table.font_pt)
    if table.keep_together:
        _keep_together(added)


def _tone(row: Sequence[CellSpec]) -> Tone:
    first = row[0] if row else None
    return first.tone if isinstance(first, Cell) else Tone.NONE


def _narrow_cell_margins(table: DocxTable) -> None:
    """Use 1 mm cell margins left and right, so a date fits its column on one line."""
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


def _emphasise_rows(table: DocxTable, indices: Sequence[int], size_pt: float) -> None:
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


def _keep_together(table: DocxTable) -> None:
    """Keep a short table on one page: every row but the last stays with the next."""
    for row in table.rows[:-1]:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True
