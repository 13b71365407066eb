"""One read-only table model over frozen records, its columns described once.

Every list in the window shows records (members, events, candidates …) as rows and a
fixed set of columns.  A :class:`Column` says what one column shows: its header, the
text of a cell, the value it sorts by, its alignment, tooltip and colour.  The model
answers the standard roles for every table the same way:

* ``SORT_ROLE``: the value the proxy sorts by (dates as day numbers, names by pinyin …);
* ``ROW_ROLE``: the record shown in the row;
* ``FILTER_ROLE``: the lower-case text the filter box searches (made once per row).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

Index = QModelIndex | QPersistentModelIndex
T = TypeVar("T")

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
FILTER_ROLE = Qt.ItemDataRole.UserRole + 3

CENTER = Qt.AlignmentFlag.AlignCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class Column(Generic[T]):
    """What one column shows of a record.

    ``display`` gives the cell's value (shown through ``str``); ``sort`` the value it
    sorts by (default: the displayed value when it is an int, else its text);
    ``tooltip`` and ``foreground`` may return None for "nothing".
    """

    header: str
    display: Callable[[T], object]
    sort: Callable[[T], Any] | None = None
    align: Qt.AlignmentFlag | None = None
    tooltip: Callable[[T], str | None] | None = None
    foreground: Callable[[T], QBrush | None] | None = None

    def text(self, record: T) -> str:
        """Return the cell's text."""
        return str(self.display(record))

    def sort_key(self, record: T) -> Any:
        """Return the value the column sorts by."""
        if self.sort is not None:
            return self.sort(record)
        value = self.display(record)
        return value if isinstance(value, int) else str(value)


def date_text(value: Any) -> str:
    """Return an ISO date, or "" for an unknown one."""
    return value.isoformat() if value else ""


def date_key(value: Any) -> int:
    """Return a date's day number (0 for an unknown one), for sorting."""
    return value.toordinal() if value else 0


class RecordTableModel(QAbstractTableModel, Generic[T]):
    """Records as rows, ``columns`` as columns; read-only.

    ``search`` makes the filter text of a record (FILTER_ROLE); ``row_foreground``
    colours a whole row (a column's own ``foreground`` wins).  Subclasses answer other
    roles in :meth:`extra_data` and keep their own per-load state in :meth:`prepare`.
    """

    def __init__(
        self,
        columns: Sequence[Column[T]],
        parent: QObject | None = None,
        *,
        search: Callable[[T], str] | None = None,
        row_foreground: Callable[[T], QBrush | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._columns: tuple[Column[T], ...] = tuple(columns)
        self._records: list[T] = []
        self._search_of = search
        self._search: list[str] | None = []
        self._row_foreground = row_foreground

    # ---- records -------------------------------------------------------------------------

    def set_records(self, records: Iterable[T]) -> None:
        """Replace every row; the filter text is made when first needed (:meth:`search_index`)."""
        self.beginResetModel()
        self._records = list(records)
        self._search = None
        self.prepare()
        self.endResetModel()

    def prepare(self) -> None:
        """Compute per-row state after new records came in (inside the model reset)."""

    def records(self) -> list[T]:
        """Return every record, in model order."""
        return list(self._records)

    def record(self, row: int) -> T:
        """Return the record shown in ``row``."""
        return self._records[row]

    @property
    def search_ready(self) -> bool:
        """Tell whether the filter text of every row (a pinyin index, say) is made."""
        return self._search is not None

    def search_index(self) -> list[str]:
        """Return each row's filter text, making it now if needed (it may load pypinyin)."""
        if self._search is None:
            search = self._search_of
            self._search = [search(r) for r in self._records] if search else []
        return self._search

    def search_text(self, row: int) -> str:
        """Return the lower-case text the filter box searches in ``row``."""
        index = self.search_index()
        return index[row] if index else ""

    def row_where(self, test: Callable[[T], bool]) -> int:
        """Return the first row whose record passes ``test``, or -1."""
        return next((i for i, r in enumerate(self._records) if test(r)), -1)

    def column(self, column: int) -> Column[T]:
        """Return the description of ``column``."""
        return self._columns[column]

    # ---- Qt ------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._columns[section].header if 0 <= section < len(self._columns) else None
        return str(section + 1) if 0 <= section < len(self._records) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        if not 0 <= index.column() < len(self._columns):
            return None
        record, column = self._records[index.row()], self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display_text(index.row(), index.column(), record)
        if role == SORT_ROLE:
            return column.sort_key(record)
        if role == ROW_ROLE:
            return record
        if role == FILTER_ROLE:
            return self.search_text(index.row())
        return self._column_data(record, index.column(), column, role)

    def display_text(self, row: int, column: int, record: T) -> str:
        """Return a cell's text (override for cells that depend on the row number)."""
        return self._columns[column].text(record)

    def _column_data(self, record: T, index: int, column: Column[T], role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align is not None:
            return int(column.align)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            tip = column.tooltip(record)
            if tip is not None:
                return tip
        if role == Qt.ItemDataRole.ForegroundRole:
            brush = column.foreground(record) if column.foreground is not None else None
            if brush is None and self._row_foreground is not None:
                brush = self._row_foreground(record)
            if brush is not None:
                return brush
        return self.extra_data(record, index, role)

    def extra_data(self, record: T, column: int, role: int) -> Any:
        """Answer any other role (None by default)."""
        return None
