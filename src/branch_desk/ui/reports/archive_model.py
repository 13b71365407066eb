"""The completeness table of the archive: one row per category, what it holds and lacks."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ...domain.archive import EMPTY_NOTE, CategoryStatus

HEADERS = ("编号", "类别", "材料数", "缺少/提示", "状态")
COL_NUMBER, COL_LABEL, COL_FILES, COL_MISSING, COL_STATE = range(len(HEADERS))
STATUS_ROLE = Qt.ItemDataRole.UserRole
OK_MARK, WARN_MARK = "✓", "!"
OK_COLOUR, WARN_COLOUR, EMPTY_COLOUR = "#2e7d32", "#c62828", "#9e9e9e"
WARN_BACKGROUND = "#fdecea"
Index = QModelIndex | QPersistentModelIndex


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


class CompletenessModel(QAbstractTableModel):
    """The 14 categories of the archive with their file counts and missing items."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.statuses: list[CategoryStatus] = []

    def set_statuses(self, statuses: list[CategoryStatus]) -> None:
        """Show a new overview."""
        self.beginResetModel()
        self.statuses = list(statuses)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Return the number of categories (none below a row)."""
        return 0 if parent.isValid() else len(self.statuses)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Return the number of columns."""
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Return the column titles."""
        if (
            orientation is Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None

    def status(self, row: int) -> CategoryStatus | None:
        """Return the category of a row."""
        return self.statuses[row] if 0 <= row < len(self.statuses) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Return a cell's text, colour, alignment and tooltip."""
        status = self.status(index.row()) if index.isValid() else None
        if status is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(status, column)
        if role == STATUS_ROLE:
            return status
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(status)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            COL_NUMBER,
            COL_FILES,
            COL_STATE,
        ):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(status, column)
        if role == Qt.ItemDataRole.FontRole and column == COL_STATE:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and not status.complete:
            return QBrush(QColor(WARN_BACKGROUND))
        return None

    @staticmethod
    def _text(status: CategoryStatus, column: int) -> str:
        if column == COL_NUMBER:
            return f"{status.category.number:02d}"
        if column == COL_LABEL:
            return status.category.label
        if column == COL_FILES:
            return str(status.files)
        if column == COL_MISSING:
            return missing_text(status)
        return OK_MARK if status.complete else WARN_MARK

    @staticmethod
    def _foreground(status: CategoryStatus, column: int) -> QBrush | None:
        if column == COL_STATE:
            return QBrush(QColor(OK_COLOUR if status.complete else WARN_COLOUR))
        if column == COL_MISSING and status.missing:
            return QBrush(QColor(WARN_COLOUR))
        if status.files == 0 and status.complete:
            return QBrush(QColor(EMPTY_COLOUR))
        return None

    def incomplete(self) -> int:
        """Return how many categories lack something."""
        return sum(1 for s in self.statuses if not s.complete)

    def files(self) -> int:
        """Return how many files the pack would hold (目录 and manifest not counted)."""
        return sum(s.files for s in self.statuses)
