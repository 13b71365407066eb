"""Read back the text of a written .docx or .xlsx in print order, for comparing renderers."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
from docx.oxml.ns import qn
from lxml.etree import _Element

from branch_desk.exports.document_model import compact


def _paragraph(p: _Element) -> str:
    return "".join(
        "\n" if node.tag == qn("w:br") else node.text or ""
        for node in p.iter(qn("w:t"), qn("w:br"))
    )


def docx_texts(path: Path) -> list[str]:
    """Each body paragraph, then each table cell once (a merged cell once), in order."""
    texts: list[str] = []
    for child in docx.Document(str(path)).element.body.iterchildren():
        if child.tag == qn("w:p"):
            texts.append(_paragraph(child))
        elif child.tag == qn("w:tbl"):
            for tc in child.iter(qn("w:tc")):
                texts.append("\n".join(_paragraph(p) for p in tc.iter(qn("w:p"))))
    return compact(texts)


def _shown(value: object, number_format: str) -> str:
    if value is None:
        return ""
    if number_format == "0.00" and not isinstance(value, str):
        return f"{value:.2f}"
    return str(value)


def xlsx_texts(path: Path) -> list[str]:
    """Each cell's shown text row by row (a merged range once), the first sheet only."""
    sheet = openpyxl.load_workbook(path).worksheets[0]
    texts = []
    for row in sheet.iter_rows():
        for cell in row:
            if type(cell).__name__ != "MergedCell":
                texts.append(_shown(cell.value, cell.number_format))
    return compact(texts)
