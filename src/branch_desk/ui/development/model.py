"""The candidate list (table + filter proxy) and the per-stage card models of the board."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from ...domain.development import Stage
from ...domain.search import pinyin_keys
from ...services.development.views import CandidateView
from ..widgets.filter_proxy import RecordFilterProxy, typed_terms
from ..widgets.record_table import CENTER, ROW_ROLE, Column, RecordTableModel
from .stages import (
    deadline,
    error_count,
    iso,
    next_text,
    urgency,
    urgency_color,
)

Index = QModelIndex | QPersistentModelIndex

CANDIDATE_ROLE = ROW_ROLE
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


def _day_key(day: date | None) -> int:
    return day.toordinal() if day else 10**7


def _issues_text(candidate: CandidateView) -> str:
    count = error_count(candidate)
    return str(count) if count else ""


def _issues_brush(candidate: CandidateView) -> QBrush | None:
    return QBrush(QColor(urgency_color("late"))) if error_count(candidate) else None


def _columns(model: CandidateTableModel) -> list[Column[CandidateView]]:
    def earliest(c: CandidateView) -> date | None:
        return c.next.earliest if c.next else None

    def latest(c: CandidateView) -> date | None:
        return c.next.latest if c.next else None

    return [
        Column(HEADERS[COL_NAME], lambda c: c.name, tooltip=tooltip),
        Column(
            HEADERS[COL_STAGE],
            lambda c: c.stage.value,
            sort=lambda c: STAGE_ORDER[c.stage],
            tooltip=tooltip,
        ),
        Column(HEADERS[COL_NEXT], next_text, tooltip=tooltip),
        Column(
            HEADERS[COL_EARLIEST],
            lambda c: iso(earliest(c)),
            sort=lambda c: _day_key(earliest(c)),
            tooltip=tooltip,
        ),
        Column(
            HEADERS[COL_LATEST],
            lambda c: iso(latest(c)),
            sort=lambda c: _day_key(latest(c)),
            tooltip=tooltip,
            foreground=model.urgency_brush,
        ),
        Column(
            HEADERS[COL_ISSUES],
            _issues_text,
            sort=error_count,
            align=CENTER,
            tooltip=tooltip,
            foreground=_issues_brush,
        ),
    ]


class CandidateTableModel(RecordTableModel[CandidateView]):
    """One row per candidate: 姓名, 阶段, 下一步, 最早, 最迟, 问题数; read-only."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(_columns(self), parent, search=search_text)
        self.today = date.today()

    def set_candidates(self, candidates: Sequence[CandidateView], today: date) -> None:
        """Replace every row; ``today`` decides which deadlines are late."""
        self.today = today
        self.set_records(candidates)

    def candidate_at(self, row: int) -> CandidateView:
        """Return the candidate shown in ``row``."""
        return self.record(row)

    def row_of(self, candidate_id: int) -> int:
        """Return the row of a candidate, or -1."""
        return self.row_where(lambda c: c.id == candidate_id)

    def urgency_brush(self, candidate: CandidateView) -> QBrush | None:
        """Return the colour of the 最迟 cell: red when late, orange when soon."""
        level = urgency(candidate, self.today)
        return QBrush(QColor(urgency_color(level))) if level else None


class CandidateFilterProxy(RecordFilterProxy):
    """Keeps candidates whose name, pinyin, stage or next step contain every typed term."""


class BoardModel(RecordTableModel[CandidateView]):
    """The cards of one board column: candidates in ``stages`` matching the filter.

    One column, the name; the card delegate paints the row's record (CANDIDATE_ROLE)
    and its URGENCY_ROLE.  The board filters itself (every column at once), so the
    records are the matching cards, most urgent first.
    """

    def __init__(self, stages: tuple[Stage, ...], parent: QObject | None = None) -> None:
        super().__init__([Column(HEADERS[COL_NAME], lambda c: c.name, tooltip=tooltip)], parent)
        self.stages = stages
        self.today = date.today()
        self._all: list[CandidateView] = []
        self._terms: tuple[str, ...] = ()

    def set_candidates(self, candidates: Sequence[CandidateView], today: date) -> None:
        """Keep the candidates of this column, most urgent first."""
        self.today = today
        self._all = sorted(
            (c for c in candidates if c.stage in self.stages), key=lambda c: board_order(c, today)
        )
        self._refresh()

    def set_text(self, text: str) -> None:
        """Show only cards matching the typed text."""
        self._terms = typed_terms(text)
        self._refresh()

    def _refresh(self) -> None:
        terms = self._terms
        self.set_records(c for c in self._all if all(t in search_text(c) for t in terms))

    def total(self) -> int:
        """Return how many candidates the column holds before filtering."""
        return len(self._all)

    def candidate_at(self, row: int) -> CandidateView:
        """Return the candidate of a card."""
        return self.record(row)

    def row_of(self, candidate_id: int) -> int:
        """Return the card row of a candidate, or -1."""
        return self.row_where(lambda c: c.id == candidate_id)

    def index(self, row: int, column: int = 0, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        """Return the index of a card (one column, as in a list)."""
        return super().index(row, column, parent)

    def extra_data(self, record: CandidateView, column: int, role: int) -> Any:
        return urgency(record, self.today) if role == URGENCY_ROLE else None
