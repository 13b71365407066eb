"""The board: one column of cards per stage, plus a collapsed 已终止 column."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QKeySequence, QPainter, QPen, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.development import Stage
from ...services.development.views import CandidateView
from ..widgets.form_fields import ERROR_COLOR
from .model import CANDIDATE_ROLE, URGENCY_ROLE, BoardModel
from .stages import (
    BOARD_STAGES,
    ENDED_STAGES,
    ENDED_TITLE,
    deadline_text,
    error_count,
    next_text,
    urgency_color,
)

Index = QModelIndex | QPersistentModelIndex
CARD_MARGIN = 4
CARD_PADDING = 8
STAGE_COLORS = {
    Stage.APPLICANT: "#78909c",
    Stage.ACTIVIST: "#1e88e5",
    Stage.TARGET: "#8e24aa",
    Stage.PROBATIONARY: "#ef6c00",
    Stage.FULL: "#2e7d32",
}


class CardDelegate(QStyledItemDelegate):
    """Paints a candidate as a card: name, error badge, next step and its deadline."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        line = option.fontMetrics.height()
        return QSize(120, line * 3 + 8 + 2 * (CARD_MARGIN + CARD_PADDING))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        candidate: CandidateView | None = index.data(CANDIDATE_ROLE)
        if candidate is None:
            return
        level = index.data(URGENCY_ROLE) or ""
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = option.rect.adjusted(CARD_MARGIN, CARD_MARGIN, -CARD_MARGIN, -CARD_MARGIN)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setPen(QPen(QColor("#1565c0" if selected else "#c9ced6"), 2 if selected else 1))
        painter.setBrush(QColor("#eef4fc" if selected else "#ffffff"))
        painter.drawRoundedRect(card, 6, 6)
        strip = QRect(card.left(), card.top() + 1, 5, card.height() - 2)
        painter.fillRect(strip, QColor(urgency_color(level) if level else "#c9ced6"))
        inner = card.adjusted(CARD_PADDING + 4, CARD_PADDING, -CARD_PADDING, -CARD_PADDING)
        line = option.fontMetrics.height() + 3
        bold = QFont(option.font)
        bold.setBold(True)
        bold.setPointSizeF(option.font.pointSizeF() * 1.1)
        painter.setFont(bold)
        painter.setPen(QColor("#212121"))
        name_rect = QRect(inner.left(), inner.top(), inner.width() - 30, line)
        painter.drawText(name_rect, Qt.AlignmentFlag.AlignVCenter, candidate.name)
        self._badge(painter, inner, line, error_count(candidate), option.font)
        painter.setFont(option.font)
        painter.setPen(QColor("#424242"))
        step_rect = QRect(inner.left(), inner.top() + line, inner.width(), line)
        elided = option.fontMetrics.elidedText(
            next_text(candidate), Qt.TextElideMode.ElideRight, inner.width()
        )
        painter.drawText(step_rect, Qt.AlignmentFlag.AlignVCenter, elided)
        due = deadline_text(candidate)
        if due:
            painter.setPen(QColor(urgency_color(level)))
            if level == "late":
                due += "（已逾期）"
            due_rect = QRect(inner.left(), inner.top() + 2 * line, inner.width(), line)
            painter.drawText(due_rect, Qt.AlignmentFlag.AlignVCenter, due)
        painter.restore()

    def _badge(self, painter: QPainter, inner: QRect, line: int, count: int, font: QFont) -> None:
        if not count:
            return
        size = line - 2
        badge = QRect(inner.right() - size, inner.top() + 1, size, size)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(ERROR_COLOR))
        painter.drawEllipse(badge)
        small = QFont(font)
        small.setBold(True)
        small.setPointSizeF(font.pointSizeF() * 0.85)
        painter.setFont(small)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, str(count))


class BoardColumn(QFrame):
    """A header with the stage and its count above a list of cards."""

    def __init__(self, title: str, stages: tuple[Stage, ...], parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        self.model = BoardModel(stages, self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(CardDelegate(self.view))
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setUniformItemSizes(True)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setStyleSheet("QListView { background: #f3f5f8; border: none; }")
        self.header = QLabel()
        color = STAGE_COLORS.get(stages[0], "#9e9e9e")
        self.header.setStyleSheet(
            f"font-weight: bold; font-size: 14px; padding: 6px; color: white; background: {color};"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.view, 1)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(170)

    def update_header(self) -> None:
        """Show the stage with its count (filtered / all)."""
        shown, total = self.model.rowCount(), self.model.total()
        count = f"{shown}/{total}" if shown != total else str(total)
        self.header.setText(f"{self.title}（{count}）")


class BoardView(QWidget):
    """Six columns of candidate cards; double-click or Enter opens a candidate."""

    open_requested = Signal(int)
    current_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = {stage: BoardColumn(stage.value, (stage,)) for stage in BOARD_STAGES}
        self.ended = BoardColumn(ENDED_TITLE, ENDED_STAGES)
        self.ended.header.setStyleSheet(
            "font-weight: bold; font-size: 14px; padding: 6px; color: white; background: #9e9e9e;"
        )
        self.toggle = QToolButton()
        self.toggle.setCheckable(True)
        self.toggle.setToolTip("展开或收起已终止的人员")
        self.toggle.toggled.connect(self.set_ended_visible)
        self._current: CandidateView | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for column in self.all_columns():
            layout.addWidget(column, 1)
            column.view.clicked.connect(lambda index, c=column: self._picked(c, index))
            column.view.activated.connect(lambda index, c=column: self._open(c, index))
            column.view.doubleClicked.connect(lambda index, c=column: self._open(c, index))
            enter = QShortcut(QKeySequence(Qt.Key.Key_Return), column.view)
            enter.setContext(Qt.ShortcutContext.WidgetShortcut)
            enter.activated.connect(lambda c=column: self._open(c, c.view.currentIndex()))
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignTop)
        self.set_ended_visible(False)

    def all_columns(self) -> list[BoardColumn]:
        """Return the stage columns and the 已终止 column."""
        return [*self.columns.values(), self.ended]

    def column_of(self, stage: Stage) -> BoardColumn:
        """Return the column that shows a stage."""
        return self.columns.get(stage, self.ended)

    def set_candidates(self, candidates: Sequence[CandidateView], today: date) -> None:
        """Distribute the candidates over the columns."""
        for column in self.all_columns():
            column.model.set_candidates(candidates, today)
        self._update_headers()

    def set_text(self, text: str) -> None:
        """Filter every column by typed text."""
        for column in self.all_columns():
            column.model.set_text(text)
        self._update_headers()

    def set_ended_visible(self, visible: bool) -> None:
        """Expand or collapse the 已终止 column."""
        self.ended.setVisible(visible)
        self.toggle.blockSignals(True)
        self.toggle.setChecked(visible)
        self.toggle.blockSignals(False)
        self._update_headers()

    def _update_headers(self) -> None:
        for column in self.all_columns():
            column.update_header()
        arrow = "◂" if self.ended.isVisibleTo(self) else "▸"
        self.toggle.setText(f"{ENDED_TITLE}\n（{self.ended.model.total()}）\n{arrow}")

    def _picked(self, column: BoardColumn, index: QModelIndex) -> None:
        for other in self.all_columns():
            if other is not column:
                other.view.clearSelection()
        self._current = column.model.candidate_at(index.row()) if index.isValid() else None
        self.current_changed.emit()

    def _open(self, column: BoardColumn, index: QModelIndex) -> None:
        if index.isValid():
            self._picked(column, index)
            self.open_requested.emit(column.model.candidate_at(index.row()).id)

    def current(self) -> CandidateView | None:
        """Return the candidate of the last card clicked."""
        return self._current

    def select(self, candidate_id: int) -> bool:
        """Select a candidate's card; return whether it is shown."""
        for column in self.all_columns():
            row = column.model.row_of(candidate_id)
            if row >= 0:
                index = column.model.index(row, 0)
                column.view.setCurrentIndex(index)
                self._picked(column, index)
                return True
        return False
