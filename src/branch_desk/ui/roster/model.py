"""The roster table model and the proxy that filters it by typed text and roster status."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from ...domain.members import MemberRecord, RosterStatus
from ...domain.search import member_search_text, pinyin_keys
from ...domain.text import clean

Index = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
FILTER_ROLE = Qt.ItemDataRole.UserRole + 3

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

HEADERS = (
    "序号",
    "姓名",
    "性别",
    "民族",
    "出生日期",
    "身份证号",
    "学历",
    "人员类别",
    "党员类别",
    "入党时间",
    "转正时间",
    "党小组",
    "联系电话",
    "工作单位及职务",
    "状态",
)

_INACTIVE_BRUSH = QBrush(QColor("#888888"))


def _date_text(value: date | None) -> str:
    return value.isoformat() if value else ""


def _date_key(value: date | None) -> int:
    return value.toordinal() if value else 0


_TEXT: dict[int, Callable[[MemberRecord], str]] = {
    COL_NAME: lambda m: m.name,
    COL_GENDER: lambda m: m.gender.value,
    COL_ETHNICITY: lambda m: m.ethnicity,
    COL_BIRTH: lambda m: _date_text(m.birth_date),
    COL_ID_NUMBER: lambda m: m.id_number,
    COL_EDUCATION: lambda m: m.education,
    COL_CATEGORY: lambda m: m.category.value,
    COL_PARTY_STATUS: lambda m: m.party_status.value,
    COL_JOINED: lambda m: _date_text(m.joined_on),
    COL_FULL_MEMBER: lambda m: _date_text(m.full_member_on),
    COL_GROUP: lambda m: m.group,
    COL_PHONE: lambda m: m.phone,
    COL_WORK_UNIT: lambda m: m.work_unit,
    COL_STATUS: lambda m: m.roster_status.value,
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
        return _date_key(_DATE_KEYS[column](member))
    if column == COL_NAME:
        keys = pinyin_keys(member.name)
        return keys[-1] if keys else member.name
    return _TEXT[column](member)


class MemberTableModel(QAbstractTableModel):
    """Members as rows, the roster's columns as columns; read-only."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._members: list[MemberRecord] = []
        self._search: list[str] | None = []
        self._active: list[bool] = []

    def set_members(self, members: Sequence[MemberRecord]) -> None:
        """Replace every row; the search text (pinyin included) is made when first filtered."""
        self.beginResetModel()
        self._members = list(members)
        self._search = None
        self._active = [m.roster_status == RosterStatus.ACTIVE for m in self._members]
        self.endResetModel()

    @property
    def search_ready(self) -> bool:
        """Tell whether the lower-case search text of every row (the pinyin index) is made."""
        return self._search is not None

    def search_index(self) -> list[str]:
        """Return each row's search text, making it now if needed (loads pypinyin once)."""
        if self._search is None:
            self._search = [member_search_text(m.name, m.id_number) for m in self._members]
        return self._search

    def matches(self, row: int, terms: tuple[str, ...], show_inactive: bool) -> bool:
        """Tell whether ``row`` passes the filter (plain Python: no Qt call per row)."""
        if not show_inactive and not self._active[row]:
            return False
        if not terms:
            return True
        haystack = (self._search if self._search is not None else self.search_index())[row]
        return all(term in haystack for term in terms)

    def member(self, row: int) -> MemberRecord:
        """Return the member shown in ``row``."""
        return self._members[row]

    def row_of(self, member_id: int) -> int:
        """Return the row of a member, or -1."""
        return next((i for i, m in enumerate(self._members) if m.id == member_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._members)

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
        if not index.isValid() or not 0 <= index.row() < len(self._members):
            return None
        member, column = self._members[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return str(index.row() + 1) if column == COL_SEQ else _TEXT[column](member)
        if role == SORT_ROLE:
            return sort_key(member, column)
        if role == ROW_ROLE:
            return member
        if role == FILTER_ROLE:
            return self.search_index()[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole and member.roster_status != RosterStatus.ACTIVE:
            return _INACTIVE_BRUSH
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_SEQ:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class MemberFilterProxy(QSortFilterProxyModel):
    """Filters by typed text (name, pinyin, ID) and hides members no longer on the roll."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._terms: tuple[str, ...] = ()
        self._show_inactive = False
        self._members_model: MemberTableModel | None = None
        self.setSortRole(SORT_ROLE)
        self.setFilterRole(FILTER_ROLE)

    def set_text(self, text: str) -> None:
        """Keep rows whose search text contains every typed term."""
        self._refilter(lambda: setattr(self, "_terms", tuple(clean(text).lower().split())))

    def set_show_inactive(self, show: bool) -> None:
        """Show or hide members who are 转出/停止党籍/出党/去世."""
        self._refilter(lambda: setattr(self, "_show_inactive", show))

    def _refilter(self, change: Callable[[], None]) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.10
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateRowsFilter()

    def setSourceModel(self, model: QAbstractItemModel) -> None:  # type: ignore[override]
        self._members_model = model if isinstance(model, MemberTableModel) else None
        super().setSourceModel(model)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._members_model is not None:
            return self._members_model.matches(source_row, self._terms, self._show_inactive)
        source = self.sourceModel()
        index = source.index(source_row, 0, source_parent)
        if not self._show_inactive:
            member = source.data(index, ROW_ROLE)
            if member is not None and member.roster_status != RosterStatus.ACTIVE:
                return False
        haystack = source.data(index, FILTER_ROLE) or ""
        return all(term in haystack for term in self._terms)

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
