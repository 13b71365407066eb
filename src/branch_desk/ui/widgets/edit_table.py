"""A record table the user edits in place: the grids of an editor (attendance, votes …).

It is a :class:`~.record_table.RecordTableModel` (columns, standard roles, header, row
numbers) whose rows are frozen records replaced whole when a cell changes.  A subclass
says which cells are editable (:meth:`EditableRecordModel.editable`) and what a typed
value makes of a record (:meth:`EditableRecordModel.record_with`).
"""

from __future__ import annotations

from typing import Any, TypeVar

from PySide6.QtCore import QModelIndex, Qt

from .record_table import Index, RecordTableModel

T = TypeVar("T")


class EditableRecordModel(RecordTableModel[T]):
    """Records as rows that are added, removed and replaced one at a time."""

    def append_record(self, record: T) -> int:
        """Append ``record``; return its row."""
        row = len(self._records)
        self.beginInsertRows(QModelIndex(), row, row)
        self._records.append(record)
        self._search = None
        self.endInsertRows()
        return row

    def remove_record(self, row: int) -> None:
        """Remove the record of ``row`` (nothing when there is no such row)."""
        if 0 <= row < len(self._records):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._records[row]
            self._search = None
            self.endRemoveRows()

    def replace_record(self, row: int, record: T) -> None:
        """Put ``record`` in ``row`` and repaint the whole row."""
        self._records[row] = record
        self._search = None
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    # ---- what a subclass says ----------------------------------------------------------

    def editable(self, record: T, column: int) -> bool:
        """Tell whether a cell of ``record`` may be typed in (none by default)."""
        return False

    def edit_value(self, record: T, column: int) -> Any:
        """Return the value an editor starts from (the cell's text by default)."""
        return self.column(column).text(record)

    def record_with(self, record: T, column: int, value: Any) -> T | None:
        """Return ``record`` with ``value`` typed in ``column``; None refuses the value."""
        return None

    # ---- Qt ------------------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable(self._records[index.row()], index.column()):
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def extra_data(self, record: T, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.EditRole:
            return self.edit_value(record, column)
        return self.other_data(record, column, role)

    def other_data(self, record: T, column: int, role: int) -> Any:
        """Answer any role besides the shared ones and EditRole (None by default)."""
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        if not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        changed = self.record_with(self._records[index.row()], index.column(), value)
        if changed is None:
            return False
        self.replace_record(index.row(), changed)
        return True
