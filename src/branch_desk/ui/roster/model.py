"""The roster table model and the proxy that filters it by typed text and roster status."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from ...domain.members import MemberRecord, RosterStatus
from ...domain.roster_columns import ROSTER_COLUMNS, ROSTER_HEADERS
from ...domain.search import member_search_text, pinyin_keys
from ..widgets.filter_proxy import RecordFilterProxy
from ..widgets.record_table import (
    CENTER,
    Column,
    RecordTableModel,
    date_key,
)

Index = QModelIndex | QPersistentModelIndex


(
    COL_SEQ,
    COL_NAME,
    COL_GENDER,
    COL_ETHNICITY,
    COL_BIRTH,
    COL_ID_NUMBER,
    COL_EDUCATION,
    COL_CATEGORY,
    COL_PARTY_STATUS,
    COL_JOINED,
    COL_FULL_MEMBER,
    COL_GROUP,
    COL_PHONE,
    COL_WORK_UNIT,
    COL_STATUS,
) = range(15)

HEADERS = ROSTER_HEADERS

_INACTIVE_BRUSH = QBrush(QColor("#888888"))

_TEXT: dict[int, Callable[[MemberRecord], str]] = {
    column: text for column, (_header, text) in enumerate(ROSTER_COLUMNS, start=COL_NAME)
}

_DATE_KEYS: dict[int, Callable[[MemberRecord], date | None]] = {
    COL_BIRTH: lambda m: m.birth_date,
    COL_JOINED: lambda m: m.joined_on,
    COL_FULL_MEMBER: lambda m: m.full_member_on,
}


def sort_key(member: MemberRecord, column: int) -> int | str:
    """Return the value a column sorts by: dates as day numbers, names by pinyin."""
    if column == COL_SEQ:
        return member.id
    if column in _DATE_KEYS:
        return date_key(_DATE_KEYS[column](member))
    if column == COL_NAME:
        keys = pinyin_keys(member.name)
        return keys[-1] if keys else member.name
    return _TEXT[column](member)


def _column(column: int) -> Column[MemberRecord]:
    return Column(
        HEADERS[column],
        _TEXT.get(column, lambda m: m.id),
        sort=lambda m: sort_key(m, column),
        align=CENTER if column == COL_SEQ else None,
    )


def _inactive(member: MemberRecord) -> QBrush | None:
    return _INACTIVE_BRUSH if member.roster_status != RosterStatus.ACTIVE else None


class MemberTableModel(RecordTableModel[MemberRecord]):
    """Members as rows, the roster's columns as columns; read-only."""

    def __init__(self, parent: QObject | None = None) -> None:
        columns = [_column(c) for c in range(len(HEADERS))]
        search = lambda m: member_search_text(m.name, m.id_number)  # noqa: E731
        super().__init__(columns, parent, search=search, row_foreground=_inactive)
        self._active: list[bool] = []

    def set_members(self, members: Sequence[MemberRecord]) -> None:
        """Replace every row; the search text (pinyin included) is made when first filtered."""
        self.set_records(members)

    def prepare(self) -> None:
        self._active = [m.roster_status == RosterStatus.ACTIVE for m in self._records]

    def matches(self, row: int, terms: tuple[str, ...], show_inactive: bool) -> bool:
        """Tell whether ``row`` passes the filter (plain Python: no Qt call per row)."""
        if not show_inactive and not self._active[row]:
            return False
        if not terms:
            return True
        haystack = self.search_index()[row]
        return all(term in haystack for term in terms)

    def member(self, row: int) -> MemberRecord:
        """Return the member shown in ``row``."""
        return self.record(row)

    def row_of(self, member_id: int) -> int:
        """Return the row of a member, or -1."""
        return self.row_where(lambda m: m.id == member_id)

    def display_text(self, row: int, column: int, record: MemberRecord) -> str:
        return str(row + 1) if column == COL_SEQ else _TEXT[column](record)


class MemberFilterProxy(RecordFilterProxy):
    """Filters by typed text (name, pinyin, ID) and hides members no longer on the roll."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._show_inactive = False
        self._members_model: MemberTableModel | None = None

    def set_show_inactive(self, show: bool) -> None:
        """Show or hide members who are 转出/停止党籍/出党/去世."""
        self.refilter(lambda: setattr(self, "_show_inactive", show))

    def setSourceModel(self, model: QAbstractItemModel) -> None:  # type: ignore[override]
        self._members_model = model if isinstance(model, MemberTableModel) else None
        super().setSourceModel(model)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._members_model is not None:
            return self._members_model.matches(source_row, self.terms, self._show_inactive)
        return super().filterAcceptsRow(source_row, source_parent)

    def accepts(self, record: Any, index: QModelIndex) -> bool:
        if self._show_inactive or record is None:
            return True
        return record.roster_status == RosterStatus.ACTIVE

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and index.isValid() and index.column() == COL_SEQ:
            return str(index.row() + 1)
        return super().data(index, role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return super().headerData(section, orientation, role)
