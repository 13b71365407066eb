"""The event list model (one row per meeting) and its year/type/text filter proxy."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from ...domain.events import EventRecord, EventType
from ...domain.findings import Finding, Severity
from ...domain.search import pinyin_keys
from ...domain.text import clean, to_halfwidth

Index = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
FILTER_ROLE = Qt.ItemDataRole.UserRole + 3

(
    COL_DAY,
    COL_TYPE,
    COL_TOPIC,
    COL_GROUP,
    COL_EXPECTED,
    COL_PRESENT,
    COL_ABSENT,
    COL_FILES,
    COL_PROBLEMS,
) = range(9)
HEADERS = ("日期", "类型", "主题", "党小组", "应到", "实到", "缺席", "附件", "记录问题")
NUMBER_COLUMNS = frozenset({COL_EXPECTED, COL_PRESENT, COL_ABSENT, COL_FILES, COL_PROBLEMS})
_ERROR_BRUSH = QBrush(QColor("#c62828"))
_WARNING_BRUSH = QBrush(QColor("#e67e00"))


def type_text(event: EventRecord) -> str:
    """Return the type with what it also counts as: 支部党员大会（同时计为党课）."""
    if not event.also:
        return event.type.value
    return f"{event.type.value}（同时计为{'、'.join(t.value for t in event.also)}）"


_TEXT: dict[int, Callable[[EventRecord], object]] = {
    COL_DAY: lambda e: e.day.isoformat(),
    COL_TYPE: type_text,
    COL_TOPIC: lambda e: e.topic,
    COL_GROUP: lambda e: e.group_name,
    COL_EXPECTED: lambda e: e.expected,
    COL_PRESENT: lambda e: e.present,
    COL_ABSENT: lambda e: len(e.absentees),
    COL_FILES: lambda e: e.attachment_count,
}


def search_text(event: EventRecord) -> str:
    """Return what the filter box searches: type, topic, place, people, with pinyin keys."""
    words = [type_text(event), event.topic, event.place, event.group_name, event.chair]
    words += [event.recorder, event.lecturer, *event.agenda]
    text = " ".join(w for w in words if w)
    return to_halfwidth(f"{text} {' '.join(pinyin_keys(event.topic))}").lower()  # a key only


class EventTableModel(QAbstractTableModel):
    """Events as rows with their counts and the number of record problems; read-only."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._events: list[EventRecord] = []
        self._problems: dict[int, list[Finding]] = {}
        self._search: list[str] = []

    def set_events(
        self, events: Sequence[EventRecord], problems: dict[int, list[Finding]] | None = None
    ) -> None:
        """Replace every row; ``problems`` maps event ids to their record findings."""
        self.beginResetModel()
        self._events = list(events)
        self._problems = dict(problems or {})
        self._search = [search_text(e) for e in self._events]
        self.endResetModel()

    def event_at(self, row: int) -> EventRecord:
        """Return the event shown in ``row``."""
        return self._events[row]

    def problems_of(self, event_id: int) -> list[Finding]:
        """Return the record findings of an event."""
        return self._problems.get(event_id, [])

    def row_of(self, event_id: int) -> int:
        """Return the row of an event, or -1."""
        return next((i for i, e in enumerate(self._events) if e.id == event_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or not 0 <= section < len(HEADERS):
            return None
        if orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return str(section + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._events):
            return None
        event, column = self._events[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return str(self._value(event, column))
        if role == SORT_ROLE:
            return self._sort_value(event, column)
        if role == ROW_ROLE:
            return event
        if role == FILTER_ROLE:
            return self._search[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole and column in (COL_TYPE, COL_TOPIC):
            return str(self._value(event, column))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMBER_COLUMNS:
            return int(Qt.AlignmentFlag.AlignCenter)
        if column == COL_PROBLEMS:
            return self._problem_data(event, role)
        return None

    def _value(self, event: EventRecord, column: int) -> object:
        if column == COL_PROBLEMS:
            count = len(self.problems_of(event.id))
            return count if count else ""
        return _TEXT[column](event)

    def _sort_value(self, event: EventRecord, column: int) -> int | str:
        if column == COL_DAY:
            return event.day.toordinal() * 10_000 + event.id
        value = self._value(event, column)
        return value if isinstance(value, int) else str(value)

    def _problem_data(self, event: EventRecord, role: int) -> Any:
        found = self.problems_of(event.id)
        if not found:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(f.message for f in found)
        if role == Qt.ItemDataRole.ForegroundRole:
            errors = any(f.severity is Severity.ERROR for f in found)
            return _ERROR_BRUSH if errors else _WARNING_BRUSH
        return None


class EventFilterProxy(QSortFilterProxyModel):
    """Keeps events of one year (or all), of one type (own or 同时计为) and matching typed text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._year: int | None = None
        self._kind: EventType | None = None
        self._terms: tuple[str, ...] = ()
        self.setSortRole(SORT_ROLE)

    def set_year(self, year: int | None) -> None:
        """Show one year's events (None: every year)."""
        self._refilter(lambda: setattr(self, "_year", year))

    def set_kind(self, kind: EventType | None) -> None:
        """Show events counting as ``kind`` (None: every type)."""
        self._refilter(lambda: setattr(self, "_kind", kind))

    def set_text(self, text: str) -> None:
        """Keep rows whose search text contains every typed term."""
        terms = tuple(to_halfwidth(clean(text)).lower().split())  # “，” finds “,” and back
        self._refilter(lambda: setattr(self, "_terms", terms))

    def _refilter(self, change: Callable[[], None]) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.10
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        source = self.sourceModel()
        index = source.index(source_row, 0, source_parent)
        event = source.data(index, ROW_ROLE)
        if event is None:
            return False
        if self._year is not None and event.day.year != self._year:
            return False
        if self._kind is not None and not event.counts_as(self._kind):
            return False
        haystack = source.data(index, FILTER_ROLE) or ""
        return all(term in haystack for term in self._terms)
