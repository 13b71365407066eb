"""One layout per printable document: a small model both renderers read.

Every printed document (会议记录, 签到表, 党费收缴登记表, 党费基数核定表, 党费收缴情况公示,
发展党员全程纪实表, 年度党建工作总结) is built once from the records as a :class:`Document`:
a title, then blocks in print order — paragraphs (body, headings, right-aligned lines), tables
with their column specs, signature blocks. ``exports/docx_render.py`` writes it as .docx in
GB/T 9704 form, ``exports/xlsx_render.py`` writes a table document as a workbook, and the
print preview (``ui/document_preview.py``) turns the same model into a QTextDocument. So
what the preview shows is what prints; :func:`document_texts` gives the text a test compares.
No Qt and no python-docx here.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum


class Style(Enum):
    """How a paragraph is set (GB/T 9704: 黑体 / 楷体 / 仿宋 headings, indented body)."""

    BODY = "body"  # first line indented two characters
    PLAIN = "plain"  # no indent
    HEADING1 = "heading1"
    HEADING2 = "heading2"
    HEADING3 = "heading3"
    HEADING4 = "heading4"
    RIGHT = "right"  # right-aligned, ``right_chars`` characters from the margin


class Tone(Enum):
    """A cell's emphasis: shaded or greyed the same way on paper and in the preview."""

    NONE = "none"
    OWED = "owed"  # light red: owed or short
    UNASSESSED = "unassessed"  # light yellow: no base assessed
    MUTED = "muted"  # grey text: a state word, not an amount
    TOTAL = "total"  # bold on light grey
    STAGE = "stage"  # 黑体 on light grey, left-aligned, kept with the next row


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell whose printed text comes with a value (an exact number) or a tone."""

    text: str
    value: object = None  # what a workbook stores (Decimal yuan, int); None: the text
    tone: Tone = Tone.NONE
    number_format: str = ""


CellSpec = str | Cell | None  # None merges into the cell on its left


def cell_text(cell: CellSpec) -> str:
    """Return the printed text of a cell ('' for a merged one)."""
    if cell is None:
        return ""
    return cell.text if isinstance(cell, Cell) else cell


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    style: Style = Style.BODY
    right_chars: float = 0.0  # for Style.RIGHT: distance from the right margin in characters


@dataclass(frozen=True, slots=True)
class BlankLine:
    """One empty body line."""


@dataclass(frozen=True, slots=True)
class Table:
    """A fixed-width table: column widths in mm and how the rows are set."""

    rows: tuple[tuple[CellSpec, ...], ...]
    widths_mm: tuple[float, ...]
    header_rows: int = 0
    centre_cols: frozenset[int] = frozenset()  # 0-based
    font_pt: float = 14.0
    row_height_mm: float | None = None
    exact_height: bool = False
    narrow_margins: bool = False  # 1 mm cell margins left and right
    keep_together: bool = False  # a short table stays on one page
    vspan: tuple[tuple[int, int, int], ...] = ()  # (row, col, rows) spanning downwards

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row) != len(self.widths_mm):
                raise ValueError(f"row of {len(row)} cells in a table of {len(self.widths_mm)}")


@dataclass(frozen=True, slots=True)
class Signature:
    """A blank line, then right-aligned lines ending ``right_chars`` characters short."""

    lines: tuple[str, ...]
    right_chars: int = 4


Block = Paragraph | BlankLine | Table | Signature


@dataclass(frozen=True, slots=True)
class PageSetup:
    """A4 portrait with the GB/T 9704 margins, or A4 landscape for wide forms."""

    landscape: bool = False


@dataclass(frozen=True, slots=True)
class Document:
    """A printable document: its name, its title (newlines break lines) and its blocks."""

    name: str  # the file's title property and the preview window's
    title: str
    blocks: tuple[Block, ...]
    page: PageSetup = field(default_factory=PageSetup)
    blank_after_title: bool = True


def amount_cell(fen: int, tone: Tone = Tone.NONE) -> Cell:
    """An amount in yuan with two decimals: the exact Decimal and its printed text."""
    value = Decimal(fen).scaleb(-2)
    return Cell(f"{value:.2f}", value, tone, "0.00")


def table_texts(table: Table) -> Iterator[str]:
    """Yield the text of each cell that is not merged into another, row by row."""
    covered = {(r + k, c) for r, c, n in table.vspan for k in range(1, n)}
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row):
            if cell is not None and (r, c) not in covered:
                yield cell_text(cell)


def normalise(text: str) -> str:
    """Fold every run of whitespace (line breaks, full-width spaces) to one space."""
    return " ".join(text.replace("\u3000", " ").split())


def document_texts(doc: Document) -> list[str]:
    """The document's text in print order: title, paragraphs and cells, blanks left out."""
    texts = [doc.title]
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            texts.append(block.text)
        elif isinstance(block, Signature):
            texts += block.lines
        elif isinstance(block, Table):
            texts += table_texts(block)
    return compact(texts)


def compact(texts: Sequence[str]) -> list[str]:
    """Normalise each text and drop the empty ones."""
    return [t for t in (normalise(text) for text in texts) if t]
