"""Sort arrows that point the way the rows run: ▼ for newest/largest first, ▲ for ascending.

Qt hands a descending column to the style as "SortUp" (its own convention), so Fusion draws
▲ over a list that runs from the newest date down. This style flips the arrow for a header.
"""

from __future__ import annotations

from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QHeaderView,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionHeader,
    QWidget,
)

FLIPPED = {
    QStyleOptionHeader.SortIndicator.SortUp: QStyleOptionHeader.SortIndicator.SortDown,
    QStyleOptionHeader.SortIndicator.SortDown: QStyleOptionHeader.SortIndicator.SortUp,
}


class SortArrowStyle(QProxyStyle):
    """The application's style, with the header sort arrow pointing the way the rows run."""

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        """Draw as the base style does, flipping the header's sort arrow."""
        if element is QStyle.PrimitiveElement.PE_IndicatorHeaderArrow and isinstance(
            option, QStyleOptionHeader
        ):
            flipped = QStyleOptionHeader(option)
            flipped.sortIndicator = FLIPPED.get(option.sortIndicator, option.sortIndicator)
            option = flipped
        super().drawPrimitive(element, option, painter, widget)


def use_row_order_arrows(header: QHeaderView) -> None:
    """Give ``header`` arrows that point the way its rows run (kept alive by the header)."""
    style = SortArrowStyle()
    style.setParent(header)  # a style set on a widget is not owned by it
    header.setStyle(style)
