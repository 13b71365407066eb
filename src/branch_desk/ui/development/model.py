"""The candidate list (table + filter proxy) and the per-stage card models of the board."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from ...domain.development import Stage
from ...domain.search import pinyin_keys
from ...domain.text import clean
from ...services.development.views import CandidateView
from .stages import (
    deadline,
    error_count,
    iso,
    next_text,
    urgency,
    urgency_color,
)

Index = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
CANDIDATE_ROLE = Qt.ItemDataRole.UserRole + 2
FILTER_ROLE = Qt.ItemDataRole.UserRole + 3
URGENCY_ROLE = Qt.ItemDataRole.UserRole + 4

COL_NAME, COL_STAGE, COL_NEXT, COL_EARLIEST, COL_LATEST, COL_ISSUES = range(6)
HEADERS = ("姓名", "阶段", "下一步", "最早", "最迟", "问题数")
STAGE_ORDER = {stage: i for i, stage in enumerate(Stage)}


def search_text(candidate: CandidateView) -> str:
    """Return what the filter box searches: name, pinyin, stage, next step, group, unit."""
    words = [candidate.name, candidate.stage.value, next_text(candidate), candidate.group]
    words += [candidate.work_unit, candidate.id_number, *pinyin_keys(candidate.name)]
    return " ".join(w for w in words if w).lower()


def tooltip(candidate: CandidateView) -> str:
    """Return the next step with its window and every issue, one per line."""
    lines = [candidate.next.describe()] if candidate.next else [next_text(candidate)]
    lines += [i.message for i in candidate.issues]
    return "\n".join(lines)


def board_order(candidate: CandidateView, today: date) -> tuple[int, int, str]:
    """Sort key of a card: late first, then by deadline, then by name."""
    latest = deadline(candidate)
    rank = {"late": 0, "soon": 1}.get(urgency(candidate, today), 2)
    return rank, latest.toordinal() if latest else 10**7, candidate.name


class CandidateTableModel(QAbstractTableModel):
    """One row per candidate: 姓名, 阶段, 下一步, 最早, 最迟, 问题数; read-only."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CandidateView] = []
        self._search: list[str] = []
        self.today = date.today()

    def set_candidates(self, candidates: Sequence[CandidateView], today: date) -> None:
        """Replace every row; ``today`` decides which deadlines are late."""
        self.beginResetModel()
        self._rows = list(candidates)
        self._search = [search_text(c) for c in self._rows]
        self.today = today
        self.endResetModel()

    def candidate_at(self, row: int) -> CandidateView:
        """Return the candidate shown in ``row``."""
        return self._rows[row]

    def row_of(self, candidate_id: int) -> int:
        """Return the row of a candidate, or -1."""
        return next((i for i, c in enumerate(self._rows) if c.id == candidate_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

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
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        candidate, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(candidate, column)
        if role == SORT_ROLE:
            return self._sort_value(candidate, column)
        if role == CANDIDATE_ROLE:
            return candidate
        if role == FILTER_ROLE:
            return self._search[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(candidate)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_ISSUES:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(candidate, column)
        return None

    def _text(self, candidate: CandidateView, column: int) -> str:
        nxt = candidate.next
        if column == COL_NAME:
            return candidate.name
        if column == COL_STAGE:
            return candidate.stage.value
        if column == COL_NEXT:
            return next_text(candidate)
        if column == COL_EARLIEST:
            return iso(nxt.earliest) if nxt else ""
        if column == COL_LATEST:
            return iso(nxt.latest) if nxt else ""
        count = error_count(candidate)
        return str(count) if count else ""

    def _sort_value(self, candidate: CandidateView, column: int) -> int | str:
        if column == COL_STAGE:
            return STAGE_ORDER[candidate.stage]
        if column in (COL_EARLIEST, COL_LATEST):
            nxt = candidate.next
            day = (nxt.earliest if column == COL_EARLIEST else nxt.latest) if nxt else None
            return day.toordinal() if day else 10**7
        if column == COL_ISSUES:
            return error_count(candidate)
        return self._text(candidate, column)

    def _foreground(self, candidate: CandidateView, column: int) -> QBrush | None:
        if column == COL_LATEST:
            level = urgency(candidate, self.today)
            return QBrush(QColor(urgency_color(level))) if level else None
        if column == COL_ISSUES and error_count(candidate):
            return QBrush(QColor(urgency_color("late")))
        return None


class CandidateFilterProxy(QSortFilterProxyModel):
    """Keeps candidates whose name, pinyin, stage or next step contain every typed term."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._terms: tuple[str, ...] = ()
        self.setSortRole(SORT_ROLE)

    def set_text(self, text: str) -> None:
        """Filter by typed text (terms separated by spaces)."""
        self._refilter(lambda: setattr(self, "_terms", tuple(clean(text).lower().split())))

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
        haystack = source.data(source.index(source_row, 0, source_parent), FILTER_ROLE) or ""
        return all(term in haystack for term in self._terms)


class BoardModel(QAbstractListModel):
    """The cards of one board column: candidates in ``stages`` matching the filter."""

    def __init__(self, stages: tuple[Stage, ...], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stages = stages
        self.today = date.today()
        self._all: list[CandidateView] = []
        self._terms: tuple[str, ...] = ()
        self._rows: list[CandidateView] = []

    def set_candidates(self, candidates: Sequence[CandidateView], today: date) -> None:
        """Keep the candidates of this column, most urgent first."""
        self.today = today
        self._all = sorted(
            (c for c in candidates if c.stage in self.stages), key=lambda c: board_order(c, today)
        )
        self._refresh()

    def set_text(self, text: str) -> None:
        """Show only cards matching the typed text."""
        self._terms = tuple(clean(text).lower().split())
        self._refresh()

    def _refresh(self) -> None:
        self.beginResetModel()
        self._rows = [c for c in self._all if all(t in search_text(c) for t in self._terms)]
        self.endResetModel()

    def total(self) -> int:
        """Return how many candidates the column holds before filtering."""
        return len(self._all)

    def candidate_at(self, row: int) -> CandidateView:
        """Return the candidate of a card."""
        return self._rows[row]

    def row_of(self, candidate_id: int) -> int:
        """Return the card row of a candidate, or -1."""
        return next((i for i, c in enumerate(self._rows) if c.id == candidate_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        candidate = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return candidate.name
        if role == CANDIDATE_ROLE:
            return candidate
        if role == URGENCY_ROLE:
            return urgency(candidate, self.today)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(candidate)
        return None
