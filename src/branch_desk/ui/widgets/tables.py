"""The read-only list view every page shows its records in."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView


def make_table(
    model: QAbstractItemModel,
    *,
    sort_column: int | None = None,
    order: Qt.SortOrder = Qt.SortOrder.AscendingOrder,
    widths: Sequence[int] = (),
    single: bool = True,
    compact_rows: bool = True,
    stretch_last: bool = True,
    table: QTableView | None = None,
) -> QTableView:
    """Return a read-only table of whole-row selection over ``model``.

    With ``sort_column`` the user sorts by clicking headers and the table starts sorted
    by that column in ``order``; ``widths`` are the first columns' widths in pixels;
    ``single`` is one row chosen at a time (else several, with Ctrl/Shift);
    ``compact_rows`` sets rows one line of text high; ``stretch_last`` fills the width
    with the last column; ``table`` is a view of one's own (a subclass) to set up.
    """
    table = QTableView() if table is None else table
    table.setModel(model)
    if sort_column is not None:
        table.setSortingEnabled(True)
        table.sortByColumn(sort_column, order)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    mode = QAbstractItemView.SelectionMode
    table.setSelectionMode(mode.SingleSelection if single else mode.ExtendedSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    if compact_rows:
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(stretch_last)
    for column, width in enumerate(widths):
        table.setColumnWidth(column, width)
    return table


def fit_columns(table: QTableView, text: Callable[[int, int], str]) -> None:
    """Size every column to its widest cell text and its header, as ``resizeColumnsToContents``.

    ``text(row, column)`` gives the text of a row of the table's model. Measuring the texts
    here costs one call a cell; Qt's own sizing asks the model for many roles of every cell
    (each a call into Python for a model written in Python).
    """
    model, header, metrics = table.model(), table.horizontalHeader(), table.fontMetrics()
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    grid = 1 if table.showGrid() else 0
    rows = range(model.rowCount())
    for column in range(model.columnCount()):
        if table.isColumnHidden(column):
            continue
        widest = max((metrics.horizontalAdvance(text(row, column)) for row in rows), default=0)
        cells = widest + 2 * margin + grid
        table.setColumnWidth(column, max(cells, header.sectionSizeHint(column)))
