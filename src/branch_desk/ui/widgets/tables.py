"""The read-only list view every page shows its records in."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


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
