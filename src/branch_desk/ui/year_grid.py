"""The year grid of meeting obligations: rows are requirements, columns the twelve months.

A quarter's cell spans three month columns, a half-year six and a year twelve. Each cell is
coloured by its status (已完成/未完成/待召开/未到期/无需召开) and shows the count held.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.rules.frequency import GridCell, GridRow, YearGrid
from .widgets.record_table import CENTER, Column, RecordTableModel

COL_LABEL, COL_REQUIREMENT, FIRST_MONTH = 0, 1, 2
HEADERS = ("项目", "要求", *(f"{m}月" for m in range(1, 13)))
STATUS_TEXT = {
    "met": "已完成",
    "missing": "未完成",
    "due": "待召开",
    "future": "未到期",
    "exempt": "无需召开",
}
STATUS_COLOR = {
    "met": "#c8e6c9",
    "missing": "#ffcdd2",
    "due": "#ffe0b2",
    "future": "#eeeeee",
    "exempt": "#f5f5f5",
}
CELL_ROLE = Qt.ItemDataRole.UserRole + 4  # after the shared roles of record_table


def cell_text(cell: GridCell) -> str:
    """Return what a cell shows: 已开1次, 未开, 仅1次, 待开, or nothing in the future."""
    if cell.status == "met":
        return f"已开{cell.count}次"
    if cell.status == "missing":
        return f"仅{cell.count}次" if cell.count else "未开"
    if cell.status == "due":
        return f"已开{cell.count}次" if cell.count else "待开"
    if cell.status == "exempt":
        return "无需召开"
    return ""


def cell_tip(cell: GridCell) -> str:
    """Return the tooltip: period name, status and counts (or why nothing is owed)."""
    if cell.status == "exempt":
        return f"{cell.period.name}：{cell.note or STATUS_TEXT[cell.status]}"
    return (
        f"{cell.period.name}：{STATUS_TEXT[cell.status]}"
        f"（已开{cell.count}次，要求{cell.required}次）"
    )


def month_cell(row: GridRow, month: int) -> GridCell | None:
    """Return the cell of ``row`` whose period covers ``month`` (None when none does)."""
    return next((c for c in row.cells if c.period.start.month <= month <= c.period.end.month), None)


def _month_column(month: int) -> Column[GridRow]:
    def text(row: GridRow) -> str:
        cell = month_cell(row, month)
        return cell_text(cell) if cell else ""

    def tip(row: GridRow) -> str | None:
        cell = month_cell(row, month)
        return cell_tip(cell) if cell else None

    return Column(HEADERS[FIRST_MONTH + month - 1], text, align=CENTER, tooltip=tip)


class YearGridModel(RecordTableModel[GridRow]):
    """The grid of one year; read-only.

    A row is a requirement (a ``GridRow`` record); each month column shows the cell
    whose period covers that month, so a quarter answers in three columns (the view
    spans them, see :meth:`span_of`) and CELL_ROLE gives the cell itself.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        columns = [
            Column(HEADERS[COL_LABEL], lambda r: r.label),
            Column(HEADERS[COL_REQUIREMENT], lambda r: r.requirement),
            *(_month_column(m) for m in range(1, 13)),
        ]
        super().__init__(columns, parent)

    def set_grid(self, grid: YearGrid | None) -> None:
        """Replace the grid."""
        self.set_records(grid.rows if grid else ())

    def grid_row(self, row: int) -> GridRow:
        """Return one requirement row."""
        return self.record(row)

    def cell_at(self, row: int, column: int) -> GridCell | None:
        """Return the cell covering a month column (None for the first two columns)."""
        if column < FIRST_MONTH or not 0 <= row < len(self._records):
            return None
        return month_cell(self._records[row], column - FIRST_MONTH + 1)

    def span_of(self, row: int, column: int) -> int:
        """Return how many month columns the cell starting at ``column`` spans (0 if none)."""
        cell = self.cell_at(row, column)
        if cell is None or cell.period.start.month != column - FIRST_MONTH + 1:
            return 0
        return cell.period.kind.months

    def extra_data(self, record: GridRow, column: int, role: int) -> Any:
        cell = month_cell(record, column - FIRST_MONTH + 1) if column >= FIRST_MONTH else None
        if cell is None:
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(STATUS_COLOR[cell.status]))
        if role == CELL_ROLE:
            return cell
        return None


def legend() -> QHBoxLayout:
    """Return the colour legend shown under the grid."""
    row = QHBoxLayout()
    for status, text in STATUS_TEXT.items():
        swatch = QLabel(f"　{text}　")
        swatch.setStyleSheet(f"background: {STATUS_COLOR[status]}; border: 1px solid #bbb;")
        row.addWidget(swatch)
    row.addStretch(1)
    return row


class YearGridView(QWidget):
    """The grid table sized to its rows, with the legend."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = YearGridModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_LABEL, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_REQUIREMENT, QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(58)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(legend())

    def set_grid(self, grid: YearGrid | None) -> None:
        """Show a grid, merging the month columns of each longer period."""
        self.table.clearSpans()
        self.model.set_grid(grid)
        for row in range(self.model.rowCount()):
            for column in range(FIRST_MONTH, len(HEADERS)):
                span = self.model.span_of(row, column)
                if span > 1:
                    self.table.setSpan(row, column, 1, span)
        rows = self.model.rowCount()
        height = self.table.horizontalHeader().height() + 4
        height += rows * self.table.verticalHeader().defaultSectionSize()
        self.table.setFixedHeight(max(height, 80))
