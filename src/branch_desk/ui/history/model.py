"""The table model of the 修改记录 view: one audit-log change per row, newest first."""

from __future__ import annotations

import json

from PySide6.QtCore import QObject, Qt

from ...domain.members import FIELD_LABELS
from ...services.data.audit_log import EXTRA_FIELDS, AuditRecord
from ..widgets.record_table import ROW_ROLE, Column, Index, RecordTableModel

HEADERS = ("时间", "操作人", "类别", "记录", "操作", "项目", "原值", "新值")
COL_AT, COL_ACTOR, COL_ENTITY, COL_RECORD, COL_ACTION, COL_FIELD, COL_BEFORE, COL_AFTER = range(8)
RECORD_ROLE = ROW_ROLE
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


def _column(column: int) -> Column[AuditRecord]:
    def tip(record: AuditRecord) -> str | None:
        text = cell_text(record, column)
        return text if len(text) > SHORT else None

    return Column(HEADERS[column], lambda r: shortened(cell_text(r, column)), tooltip=tip)


class HistoryModel(RecordTableModel[AuditRecord]):
    """Read-only rows of AuditRecord."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__([_column(c) for c in range(len(HEADERS))], parent)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def record_at(self, row: int) -> AuditRecord | None:
        """Return the change shown in ``row``."""
        return self._records[row] if 0 <= row < len(self._records) else None
