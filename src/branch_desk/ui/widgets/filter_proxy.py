"""The proxy every list sorts and filters through: typed terms plus a page's own tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel

from ...domain.text import clean
from .record_table import FILTER_ROLE, ROW_ROLE, SORT_ROLE

Index = QModelIndex | QPersistentModelIndex


def typed_terms(text: str) -> tuple[str, ...]:
    """Split typed filter text into lower-case terms."""
    return tuple(clean(text).lower().split())


class RecordFilterProxy(QSortFilterProxyModel):
    """Sorts by SORT_ROLE; keeps rows whose FILTER_ROLE text holds every typed term.

    Subclasses add their own tests in :meth:`accepts` (the row's record and its index
    in the source) and change what they test through :meth:`refilter`.
    """

    def __init__(self, parent: QObject | None = None, *, filter_column: int = 0) -> None:
        super().__init__(parent)
        self._terms: tuple[str, ...] = ()
        self._filter_column = filter_column
        self.setSortRole(SORT_ROLE)
        self.setFilterRole(FILTER_ROLE)

    @property
    def terms(self) -> tuple[str, ...]:
        """Return the typed terms in force."""
        return self._terms

    def terms_of(self, text: str) -> tuple[str, ...]:
        """Return the terms of typed text (override to normalise differently)."""
        return typed_terms(text)

    def set_text(self, text: str) -> None:
        """Keep rows whose search text contains every typed term."""
        terms = self.terms_of(text)
        self.refilter(lambda: setattr(self, "_terms", terms))

    def refilter(self, change: Callable[[], None]) -> None:
        """Apply ``change`` to the filter's state and filter the rows again."""
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.10
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        source = self.sourceModel()
        index = source.index(source_row, self._filter_column, source_parent)
        if not self.accepts(source.data(index, ROW_ROLE), index):
            return False
        return not self._terms or self.matches_terms(source.data(index, FILTER_ROLE) or "")

    def matches_terms(self, haystack: str) -> bool:
        """Tell whether ``haystack`` holds every typed term."""
        return all(term in haystack for term in self._terms)

    def accepts(self, record: Any, index: QModelIndex) -> bool:
        """Tell whether a row passes the page's own tests (all rows by default)."""
        return True
