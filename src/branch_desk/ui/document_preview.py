"""The print preview of any printable document: its model rendered as a QTextDocument.

The layout is the one the .docx/.xlsx writers use (``exports/document_model.py``); this module
only sets it in Qt: an A4 page with the document's margins, the GB/T 9704 fonts and sizes,
tables with their column widths, merges and shading. The dialog owns its printer and its
QTextDocument for as long as it lives (a collected printer or document is a segfault).
"""

from __future__ import annotations

from PySide6.QtCore import QMarginsF, QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPageLayout,
    QPageSize,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
    QTextLength,
    QTextTable,
    QTextTableCellFormat,
    QTextTableFormat,
)
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from ..exports import docx_style as gb
from ..exports.document_model import (
    BlankLine,
    Block,
    Cell,
    Document,
    PageSetup,
    Paragraph,
    Signature,
    Style,
    Table,
    Tone,
    cell_text,
)
from .fitted_preview import FittedPreviewDialog

PX_PER_MM = 96 / 25.4  # QTextDocument lays a paginated page out at 96 dpi
PX_PER_PT = 96 / 72
LANDSCAPE_MARGINS_MM = QMarginsF(15, 15, 15, 15)
LINE_FACTOR = 1.3  # a line of CJK text is about 1.3 times its point size
BLANK = "\u00a0"
INDENT = "\u3000\u3000"  # two characters, as the printed body's first-line indent
TONE_BACKGROUND = {
    Tone.OWED: "#ffd6d6",
    Tone.UNASSESSED: "#fff2cc",
    Tone.TOTAL: "#ededed",
    Tone.STAGE: "#ededed",
}
MUTED = "#808080"
_FAMILIES = {  # the printed font first, then what Windows and Linux have in its place
    gb.FANGSONG: [gb.FANGSONG, "仿宋", "FangSong", "WenQuanYi Micro Hei"],
    gb.XIAOBIAOSONG: [gb.XIAOBIAOSONG, "宋体", "SimSun", "WenQuanYi Micro Hei"],
    gb.HEITI: [gb.HEITI, "SimHei", "WenQuanYi Micro Hei"],
    gb.KAITI: [gb.KAITI, "楷体", "KaiTi", "WenQuanYi Micro Hei"],
}
_HEADING_FONTS = {
    Style.HEADING1: gb.HEITI,
    Style.HEADING2: gb.KAITI,
    Style.HEADING3: gb.FANGSONG,
    Style.HEADING4: gb.FANGSONG,
}


def page_layout(page: PageSetup) -> QPageLayout:
    """A4 with the GB/T 9704 margins (portrait) or narrow margins (landscape forms)."""
    if page.landscape:
        orientation, margins = QPageLayout.Orientation.Landscape, LANDSCAPE_MARGINS_MM
    else:
        m = gb.MARGINS_MM
        orientation = QPageLayout.Orientation.Portrait
        margins = QMarginsF(m["left"], m["top"], m["right"], m["bottom"])
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4), orientation, margins, QPageLayout.Unit.Millimeter
    )


def _char_format(family: str, size_pt: float, bold: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    font = QFont()
    font.setFamilies(_FAMILIES.get(family, [family]))
    font.setPointSizeF(size_pt)
    font.setBold(bold)
    fmt.setFont(font)
    return fmt


def _block_format(align: Qt.AlignmentFlag, right_mm: float = 0.0) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setAlignment(align)
    fmt.setRightMargin(right_mm * PX_PER_MM)
    fmt.setLineHeight(gb.LINE_PITCH_TWIPS / 20 * PX_PER_PT, 2)  # FixedHeight, px
    return fmt


class _Writer:
    """Append the blocks of a document model at a cursor."""

    def __init__(self, document: QTextDocument, landscape: bool) -> None:
        self.cursor = QTextCursor(document)
        self.fresh = True  # the cursor's block is empty and unused: the start, after a table
        self.body_pt = gb.BODY_PT if not landscape else 10.0

    def block(self, text: str, fmt: QTextBlockFormat, chars: QTextCharFormat) -> None:
        if self.fresh:
            self.cursor.setBlockFormat(fmt)
            self.fresh = False
        else:
            self.cursor.insertBlock(fmt)
        self.cursor.setBlockCharFormat(chars)
        self.cursor.insertText(text.replace("\n", "\u2028"), chars)

    def title(self, text: str, size_pt: float) -> None:
        fmt = _block_format(Qt.AlignmentFlag.AlignHCenter)
        fmt.setLineHeight(100, 1)  # proportional: the title does not snap to the grid
        self.block(text, fmt, _char_format(gb.XIAOBIAOSONG, size_pt, bold=True))

    def paragraph(self, paragraph: Paragraph) -> None:
        body = _char_format(gb.FANGSONG, self.body_pt)
        left = _block_format(Qt.AlignmentFlag.AlignJustify)
        if paragraph.style in _HEADING_FONTS:
            chars = _char_format(_HEADING_FONTS[paragraph.style], self.body_pt, bold=True)
            self.block(INDENT + paragraph.text, left, chars)
        elif paragraph.style is Style.RIGHT:
            right = paragraph.right_chars * self.body_pt / 72 * 25.4
            self.block(paragraph.text, _block_format(Qt.AlignmentFlag.AlignRight, right), body)
        elif paragraph.style is Style.PLAIN:
            self.block(paragraph.text, left, body)
        else:
            self.block(INDENT + paragraph.text, left, body)

    def signature(self, signature: Signature) -> None:
        self.blank()
        right = signature.right_chars * self.body_pt / 72 * 25.4
        for line in signature.lines:
            fmt = _block_format(Qt.AlignmentFlag.AlignRight, right)
            self.block(line, fmt, _char_format(gb.FANGSONG, self.body_pt))

    def blank(self) -> None:
        """An empty line one grid line high (a no-break space: Qt lays an empty block lower)."""
        chars = _char_format(gb.FANGSONG, self.body_pt)
        self.block(BLANK, _block_format(Qt.AlignmentFlag.AlignLeft), chars)

    def table(self, table: Table) -> None:
        if not self.fresh and self.cursor.block().text().strip():  # a table after its own block
            self.cursor.insertBlock()
        fmt = QTextTableFormat()
        fmt.setHeaderRowCount(table.header_rows)
        fmt.setCellSpacing(0)
        fmt.setCellPadding(2)
        fmt.setBorder(1)
        fmt.setBorderCollapse(True)
        fmt.setBorderBrush(QBrush(QColor("black")))
        fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        fmt.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        total = sum(table.widths_mm)
        fmt.setColumnWidthConstraints(
            [
                QTextLength(QTextLength.Type.PercentageLength, 100 * w / total)
                for w in table.widths_mm
            ]
        )
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        qt_table = self.cursor.insertTable(len(table.rows), len(table.widths_mm), fmt)
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row):
                if cell is not None:
                    self._cell(qt_table, table, r, c)
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row):
                span = 1
                while cell is not None and c + span < len(row) and row[c + span] is None:
                    span += 1
                if span > 1:
                    qt_table.mergeCells(r, c, 1, span)
        for r, c, n in table.vspan:
            qt_table.mergeCells(r, c, n, 1)
        self.cursor.movePosition(QTextCursor.MoveOperation.End)
        self.fresh = True

    def _cell(self, qt_table: QTextTable, table: Table, r: int, c: int) -> None:
        spec = table.rows[r][c]
        tone = spec.tone if isinstance(spec, Cell) else Tone.NONE
        header = r < table.header_rows
        cell = qt_table.cellAt(r, c)
        cell_format = QTextTableCellFormat()
        cell_format.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignMiddle)
        cell_format.setPadding(3)
        if table.row_height_mm:  # the printed row height: pad one line of text up to it
            line_px = table.font_pt * PX_PER_PT * LINE_FACTOR
            pad = max(3.0, (table.row_height_mm * PX_PER_MM - line_px) / 2)
            cell_format.setTopPadding(pad)
            cell_format.setBottomPadding(pad)
        if tone in TONE_BACKGROUND:
            cell_format.setBackground(QColor(TONE_BACKGROUND[tone]))
        cell.setFormat(cell_format)
        bold = header or tone in (Tone.TOTAL, Tone.STAGE)
        family = gb.HEITI if bold else gb.FANGSONG
        chars = _char_format(family, table.font_pt, bold=bold)
        if tone is Tone.MUTED:
            chars.setForeground(QColor(MUTED))
        centred = (header or c in table.centre_cols) and tone is not Tone.STAGE
        align = Qt.AlignmentFlag.AlignHCenter if centred else Qt.AlignmentFlag.AlignLeft
        block = QTextBlockFormat()
        block.setAlignment(align | Qt.AlignmentFlag.AlignVCenter)
        cursor = cell.firstCursorPosition()
        cursor.setBlockFormat(block)
        cursor.insertText(cell_text(spec).replace("\n", "\u2029"), chars)


def _add(writer: _Writer, block: Block) -> None:
    if isinstance(block, Paragraph):
        writer.paragraph(block)
    elif isinstance(block, BlankLine):
        writer.blank()
    elif isinstance(block, Signature):
        writer.signature(block)
    elif isinstance(block, Table):
        writer.table(block)


def text_document(doc: Document) -> QTextDocument:
    """Return the QTextDocument of ``doc``, paginated for its A4 page."""
    document = QTextDocument()
    document.setDocumentMargin(0)
    rect = page_layout(doc.page).paintRect(QPageLayout.Unit.Millimeter)
    document.setPageSize(QSizeF(rect.width() * PX_PER_MM, rect.height() * PX_PER_MM))
    writer = _Writer(document, doc.page.landscape)
    if doc.title:
        writer.title(doc.title, gb.TITLE_PT if not doc.page.landscape else 16.0)
        if doc.blank_after_title:
            writer.blank()
    for block in doc.blocks:
        _add(writer, block)
    return document


class DocumentPreviewDialog(FittedPreviewDialog):
    """The print preview of a document model; it owns its printer and its QTextDocument."""

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.printer.setPageLayout(page_layout(doc.page))
        self.printer.setDocName(doc.name)
        super().__init__(self.printer, parent)
        self.model = doc
        self.document = text_document(doc)
        self.document.setParent(self)
        self.setWindowTitle(f"打印预览 — {doc.name}")
        self.paintRequested.connect(self._paint)
        self._fit_screen(1100 if doc.page.landscape else 900, 800)

    def _fit_screen(self, width: int, height: int) -> None:
        """Take the wanted size, or 90 % of a smaller screen (a 1280×720 laptop)."""
        available = self.screen().availableGeometry()
        self.resize(
            min(width, int(available.width() * 0.9)), min(height, int(available.height() * 0.9))
        )

    def _paint(self, printer: QPrinter) -> None:
        self.document.print_(printer)


def show_document_preview(parent: QWidget, doc: Document) -> DocumentPreviewDialog:
    """Open the print preview of ``doc`` (window-modal; printing goes through Qt)."""
    dialog = DocumentPreviewDialog(doc, parent)
    dialog.open()
    return dialog


def preview_texts(document: QTextDocument) -> list[str]:
    """The document's text in order: each paragraph, and each table cell once."""
    texts: list[str] = []
    seen: set[int] = set()
    block = document.begin()
    while block.isValid():
        table = QTextCursor(block).currentTable()
        if table is None:
            texts.append(block.text().replace("\u2028", "\n"))
        elif table.firstPosition() not in seen:
            seen.add(table.firstPosition())
            texts += _cell_texts(table)
        block = block.next()
    return texts


def _cell_texts(table: QTextTable) -> list[str]:
    texts = []
    for r in range(table.rows()):
        for c in range(table.columns()):
            cell = table.cellAt(r, c)
            if cell.row() != r or cell.column() != c:
                continue  # merged into another cell
            cursor = cell.firstCursorPosition()
            cursor.setPosition(
                cell.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor
            )
            texts.append(cursor.selectedText().replace("\u2029", "\n"))
    return texts
