"""Print preview of an HTML document: A4, portrait or landscape, window-modal."""

from __future__ import annotations

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from ..dialog_guard import fit_on_screen

# QTextDocument.print_ adds 2 cm on every side, so these plus 20 mm give the page's margins:
PORTRAIT_MARGINS_MM = QMarginsF(8, 17, 6, 15)  # GB/T 9704: 28, 37, 26 and 35 mm
LANDSCAPE_MARGINS_MM = QMarginsF(0, 0, 0, 0)  # 20 mm all round


def page_layout(landscape: bool) -> QPageLayout:
    """Return an A4 page layout (landscape for wide tables)."""
    orientation = (
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    margins = LANDSCAPE_MARGINS_MM if landscape else PORTRAIT_MARGINS_MM
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4), orientation, margins, QPageLayout.Unit.Millimeter
    )


def html_document(html: str, parent: QWidget | None = None) -> QTextDocument:
    """Return a QTextDocument of ``html`` in the widget's font."""
    document = QTextDocument()
    if parent is not None:
        document.setDefaultFont(parent.font())
    document.setHtml(html)
    return document


def show_print_preview(
    parent: QWidget, html: str, title: str, landscape: bool = False
) -> QPrintPreviewDialog:
    """Open the print preview of ``html`` (window-modal; printing goes through Qt)."""
    document = html_document(html, parent)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout(landscape))
    printer.setDocName(title)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"打印预览 — {title}")
    dialog.paintRequested.connect(document.print_)
    dialog.document = document  # type: ignore[attr-defined]  # keep it alive with the dialog
    dialog.printer = printer  # type: ignore[attr-defined]
    dialog.resize(1100 if landscape else 900, 800)
    fit_on_screen(dialog)
    dialog.open()
    return dialog
