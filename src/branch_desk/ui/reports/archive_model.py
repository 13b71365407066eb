"""The completeness table of the archive: one row per category, what it holds and lacks."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ...domain.archive import EMPTY_NOTE, CategoryStatus
from ..widgets.record_table import CENTER, ROW_ROLE, Column, RecordTableModel

HEADERS = ("编号", "类别", "材料数", "缺少/提示", "状态")
COL_NUMBER, COL_LABEL, COL_FILES, COL_MISSING, COL_STATE = range(len(HEADERS))
STATUS_ROLE = ROW_ROLE
OK_MARK, WARN_MARK = "✓", "!"
OK_COLOUR, WARN_COLOUR, EMPTY_COLOUR = "#2e7d32", "#c62828", "#9e9e9e"
WARN_BACKGROUND = "#fdecea"


def missing_text(status: CategoryStatus) -> str:
    """Return what the rules still expect, joined; the empty-category note; or ''."""
    if status.missing:
        return "；".join(status.missing)
    return EMPTY_NOTE if status.files == 0 else ""


def tooltip(status: CategoryStatus) -> str:
    """Return the category's description and every missing item, one per line."""
    lines = [f"{status.category.folder}：{status.category.description}"]
    if status.missing:
        lines.append("缺少/提示：")
        lines += [f"· {item}" for item in status.missing]
    elif status.files == 0:
        lines.append(EMPTY_NOTE)
    lines.append("双击查看本类别的材料清单")
    return "\n".join(lines)


def _state_brush(status: CategoryStatus) -> QBrush:
    return QBrush(QColor(OK_COLOUR if status.complete else WARN_COLOUR))


def _missing_brush(status: CategoryStatus) -> QBrush | None:
    return QBrush(QColor(WARN_COLOUR)) if status.missing else None


def _empty_brush(status: CategoryStatus) -> QBrush | None:
    return QBrush(QColor(EMPTY_COLOUR)) if status.files == 0 and status.complete else None


COLUMNS: tuple[Column[CategoryStatus], ...] = (
    Column(
        HEADERS[COL_NUMBER], lambda s: f"{s.category.number:02d}", align=CENTER, tooltip=tooltip
    ),
    Column(HEADERS[COL_LABEL], lambda s: s.category.label, tooltip=tooltip),
    Column(HEADERS[COL_FILES], lambda s: s.files, align=CENTER, tooltip=tooltip),
    Column(HEADERS[COL_MISSING], missing_text, tooltip=tooltip, foreground=_missing_brush),
    Column(
        HEADERS[COL_STATE],
        lambda s: OK_MARK if s.complete else WARN_MARK,
        align=CENTER,
        tooltip=tooltip,
        foreground=_state_brush,
    ),
)


class CompletenessModel(RecordTableModel[CategoryStatus]):
    """The 14 categories of the archive with their file counts and missing items."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, parent, row_foreground=_empty_brush)

    @property
    def statuses(self) -> list[CategoryStatus]:
        """Return the categories shown, in order."""
        return self._records

    def set_statuses(self, statuses: list[CategoryStatus]) -> None:
        """Show a new overview."""
        self.set_records(statuses)

    def status(self, row: int) -> CategoryStatus | None:
        """Return the category of a row."""
        return self._records[row] if 0 <= row < len(self._records) else None

    def extra_data(self, record: CategoryStatus, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and column == COL_STATE:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and not record.complete:
            return QBrush(QColor(WARN_BACKGROUND))
        return None

    def incomplete(self) -> int:
        """Return how many categories lack something."""
        return sum(1 for s in self._records if not s.complete)

    def files(self) -> int:
        """Return how many files the pack would hold (目录 and manifest not counted)."""
        return sum(s.files for s in self._records)
