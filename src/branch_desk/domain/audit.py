"""The audit log's entries (修改记录) as stored: one field of one change, by whom and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class AuditEntryRecord:
    """One changed field (修改), or a whole row as a JSON snapshot (新增, 删除) when ``field`` is None."""

    id: int
    at: datetime
    actor: str
    entity: str  # the table
    entity_id: int
    action: str
    field: str | None
    before: str | None
    after: str | None
