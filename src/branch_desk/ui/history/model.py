"""The table model of the 修改记录 view: one audit-log change per row, newest first."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from ...domain.members import FIELD_LABELS
from ...services.data.audit_log import EXTRA_FIELDS, AuditRecord

Index = QModelIndex | QPersistentModelIndex
HEADERS = ("时间", "操作人", "类别", "记录", "操作", "项目", "原值", "新值")
COL_AT, COL_ACTOR, COL_ENTITY, COL_RECORD, COL_ACTION, COL_FIELD, COL_BEFORE, COL_AFTER = range(8)
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
SHORT = 60


def field_label(name: str) -> str:
    """Return the Chinese name of a stored field (the name itself when unknown)."""
    return FIELD_LABELS.get(name) or EXTRA_FIELDS.get(name, name)


def readable_value(text: str) -> str:
    """Return a value as shown: a whole-record snapshot becomes 姓名：张三；联系电话：…."""
    if not text.startswith("{"):
        return text
    try:
        data = json.loads(text)
    except ValueError:
        return text
    if not isinstance(data, dict):
        return text
    shown = {k: v for k, v in data.items() if not str(k).endswith("_id") and v not in ("{}", "[]")}
    return "；".join(f"{field_label(str(k))}：{v}" for k, v in shown.items())


def shortened(text: str, limit: int = SHORT) -> str:
    """Cut a long value to ``limit`` characters (the tooltip shows it whole)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def cell_text(record: AuditRecord, column: int) -> str:
    """Return the full text of one cell."""
    if column == COL_AT:
        return f"{record.at:%Y-%m-%d %H:%M:%S}"
    if column == COL_BEFORE:
        return readable_value(record.before)
    if column == COL_AFTER:
        return readable_value(record.after)
    values = {
        COL_ACTOR: record.actor or "未知",
        COL_ENTITY: record.entity_label,
        COL_RECORD: record.record,
        COL_ACTION: record.action,
        COL_FIELD: record.field or ("整条记录" if record.action != "修改" else ""),
    }
    return values[column]


class HistoryModel(QAbstractTableModel):
    """Read-only rows of AuditRecord."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.records: list[AuditRecord] = []

    def set_records(self, records: list[AuditRecord]) -> None:
        """Show ``records`` (newest first, as queried)."""
        self.beginResetModel()
        self.records = list(records)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            return HEADERS[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.records):
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.records):
            return None
        record = self.records[index.row()]
        if role == RECORD_ROLE:
            return record
        if role == Qt.ItemDataRole.DisplayRole:
            return shortened(cell_text(record, index.column()))
        if role == Qt.ItemDataRole.ToolTipRole:
            text = cell_text(record, index.column())
            return text if len(text) > SHORT else None
        return None

    def record_at(self, row: int) -> AuditRecord | None:
        """Return the change shown in ``row``."""
        return self.records[row] if 0 <= row < len(self.records) else None
