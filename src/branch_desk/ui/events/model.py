"""The event list model (one row per meeting) and its year/type/text filter proxy."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
)
from PySide6.QtGui import QBrush, QColor

from ...domain.events import EventRecord, EventType
from ...domain.findings import Finding, Severity
from ...domain.search import pinyin_keys
from ...domain.text import clean, to_halfwidth
from ..widgets.filter_proxy import RecordFilterProxy
from ..widgets.record_table import CENTER, Column, RecordTableModel

Index = QModelIndex | QPersistentModelIndex


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


def _column(column: int, model: EventTableModel) -> Column[EventRecord]:
    if column == COL_PROBLEMS:
        return Column(
            HEADERS[column],
            model.problem_count,
            align=CENTER,
            tooltip=model.problem_tooltip,
            foreground=model.problem_brush,
        )
    sort = (lambda e: e.day.toordinal() * 10_000 + e.id) if column == COL_DAY else None
    text = _TEXT[column]
    return Column(
        HEADERS[column],
        text,
        sort=sort,
        align=CENTER if column in NUMBER_COLUMNS else None,
        tooltip=(lambda e: str(text(e))) if column in (COL_TYPE, COL_TOPIC) else None,
    )


class EventTableModel(RecordTableModel[EventRecord]):
    """Events as rows with their counts and the number of record problems; read-only."""

    def __init__(self, parent: QObject | None = None) -> None:
        columns = [_column(c, self) for c in range(len(HEADERS))]
        super().__init__(columns, parent, search=search_text)
        self._problems: dict[int, list[Finding]] = {}

    def set_events(
        self, events: Sequence[EventRecord], problems: dict[int, list[Finding]] | None = None
    ) -> None:
        """Replace every row; ``problems`` maps event ids to their record findings."""
        self._problems = dict(problems or {})
        self.set_records(events)

    def event_at(self, row: int) -> EventRecord:
        """Return the event shown in ``row``."""
        return self.record(row)

    def problems_of(self, event_id: int) -> list[Finding]:
        """Return the record findings of an event."""
        return self._problems.get(event_id, [])

    def row_of(self, event_id: int) -> int:
        """Return the row of an event, or -1."""
        return self.row_where(lambda e: e.id == event_id)

    def problem_count(self, event: EventRecord) -> int | str:
        """Return how many record problems an event has ("" for none)."""
        count = len(self.problems_of(event.id))
        return count if count else ""

    def problem_tooltip(self, event: EventRecord) -> str | None:
        """Return an event's record problems, one a line (None for none)."""
        found = self.problems_of(event.id)
        return "\n".join(f.message for f in found) if found else None

    def problem_brush(self, event: EventRecord) -> QBrush | None:
        """Return red for an event with errors, orange for one with warnings only."""
        found = self.problems_of(event.id)
        if not found:
            return None
        errors = any(f.severity is Severity.ERROR for f in found)
        return _ERROR_BRUSH if errors else _WARNING_BRUSH


class EventFilterProxy(RecordFilterProxy):
    """Keeps events of one year (or all), of one type (own or 同时计为) and matching typed text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._year: int | None = None
        self._kind: EventType | None = None

    def set_year(self, year: int | None) -> None:
        """Show one year's events (None: every year)."""
        self.refilter(lambda: setattr(self, "_year", year))

    def set_kind(self, kind: EventType | None) -> None:
        """Show events counting as ``kind`` (None: every type)."""
        self.refilter(lambda: setattr(self, "_kind", kind))

    def terms_of(self, text: str) -> tuple[str, ...]:
        return tuple(to_halfwidth(clean(text)).lower().split())  # “，” finds “,” and back

    def accepts(self, record: Any, index: QModelIndex) -> bool:
        if record is None:
            return False
        if self._year is not None and record.day.year != self._year:
            return False
        return self._kind is None or record.counts_as(self._kind)
