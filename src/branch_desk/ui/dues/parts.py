"""The pay-slip parts table of the 核定 editor: label, amount, 计入/扣除/不计入."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ...domain.dues import BasePart, PartKind
from ...domain.money import MoneyError, parse_yuan, yuan
from ...domain.text import as_typed
from ..widgets.layouts import packed_row, stacked

TEMPLATE = (
    ("基本工资", PartKind.INCLUDED),
    ("绩效工资", PartKind.INCLUDED),
    ("个人所得税", PartKind.DEDUCTED),
    ("五险一金（个人部分）", PartKind.DEDUCTED),
    ("住房补贴", PartKind.EXCLUDED),
)
KIND_TIPS = (
    "计入：计入基数；扣除：从基数中扣除（个税、五险一金、职业年金）；不计入：补贴、奖励性绩效等"
)


class PartsTable(QWidget):
    """Edit the parts of a pay slip; ``changed`` fires on every edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["项目", "金额（元）", "计入方式"])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 110)
        self.table.setColumnWidth(2, 90)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setToolTip(KIND_TIPS)
        self.add_button = QPushButton("添加一行")
        self.remove_button = QPushButton("删除所选行")
        buttons = packed_row(self.add_button, self.remove_button)
        stacked(self, self.table, buttons, margins=False)
        self.add_button.clicked.connect(lambda: self.add_part())
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.itemChanged.connect(lambda _item: self.changed.emit())

    def add_part(
        self, label: str = "", amount_fen: int | None = None, kind: PartKind = PartKind.INCLUDED
    ) -> int:
        """Append a row and return its number."""
        row = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(label))
        self.table.setItem(row, 1, QTableWidgetItem(yuan(amount_fen) if amount_fen else ""))
        combo = QComboBox()
        for choice in PartKind:
            combo.addItem(choice.value, choice.value)
        combo.setCurrentIndex(combo.findData(kind.value))
        combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.table.setCellWidget(row, 2, combo)
        self.table.blockSignals(False)
        self.changed.emit()
        return row

    def remove_selected(self) -> None:
        """Delete the selected rows."""
        for row in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)
        self.changed.emit()

    def set_parts(self, parts: tuple[BasePart, ...]) -> None:
        """Show ``parts`` (the usual pay-slip lines when there are none)."""
        self.table.setRowCount(0)
        for part in parts:
            self.add_part(part.label, part.amount_fen, part.kind)
        if not parts:
            for label, kind in TEMPLATE:
                self.add_part(label, None, kind)

    def set_amount(self, row: int, text: str) -> None:
        """Type an amount into a row (used by tests and paste helpers)."""
        item = self.table.item(row, 1)
        if item is not None:
            item.setText(text)

    def set_kind(self, row: int, kind: PartKind) -> None:
        """Choose how a row enters the base."""
        combo = self.table.cellWidget(row, 2)
        if isinstance(combo, QComboBox):
            combo.setCurrentIndex(combo.findData(kind.value))

    def parts(self) -> tuple[BasePart, ...]:
        """Return the rows with an amount; raise MoneyError naming the row that is wrong."""
        found = []
        for row in range(self.table.rowCount()):
            label_item, amount_item = self.table.item(row, 0), self.table.item(row, 1)
            text = amount_item.text().strip() if amount_item else ""
            if not text:
                continue
            label = as_typed(label_item.text()) if label_item else ""
            try:
                amount = parse_yuan(text)
            except MoneyError as exc:
                raise MoneyError(f"第{row + 1}行“{label or '未命名'}”：{exc}") from None
            combo = self.table.cellWidget(row, 2)
            kind = (
                PartKind(combo.currentData()) if isinstance(combo, QComboBox) else PartKind.INCLUDED
            )
            found.append(BasePart(label or f"第{row + 1}项", amount, kind))
        return tuple(found)
