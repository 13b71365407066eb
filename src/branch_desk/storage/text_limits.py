"""One length limit on text for every way in (GUI, CLI, sheet importers): checked at flush.

The limits are in domain/limits.py; the exchange import checks the same numbers itself
(it inserts rows without the ORM). Column sizes in models/ are not enforced by SQLite
and are not the limit.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, Text, event, inspect
from sqlalchemy.orm import Session

from ..domain.errors import UserError
from ..domain.limits import MAX_FIELD_CHARS, MAX_LONG_TEXT_CHARS

TABLE_LABELS = {
    "members": "党员",
    "events": "会议活动",
    "candidates": "发展对象",
    "org_units": "党组织",
    "attendance": "出席记录",
}
FIELD_LABELS = {
    "name": "名称",
    "title": "主题",
    "work_unit": "工作单位及职务",
    "place": "地点",
    "notes": "备注",
    "note": "备注",
    "minutes": "会议记录",
    "agenda": "议程",
    "resolutions": "决议",
    "lecture_topic": "讲课题目",
    "explanation": "说明",
    "reason_text": "缺席原因",
    "upper_org": "上级党组织",
}


class TextTooLong(UserError):
    """A text is over the documented limit; nothing was saved."""


def text_limit(kind: Any) -> int | None:
    """Return the character limit for a column type (None: not text)."""
    if isinstance(kind, Text):
        return MAX_LONG_TEXT_CHARS
    if isinstance(kind, String):
        return MAX_FIELD_CHARS
    return None


@event.listens_for(Session, "before_flush")
def _check_lengths(session: Session, _context: object, _instances: object) -> None:
    for obj in (*session.new, *session.dirty):
        mapper = inspect(obj).mapper
        for attr in mapper.column_attrs:
            limit = text_limit(attr.columns[0].type)
            value = getattr(obj, attr.key, None)
            if limit is not None and isinstance(value, str) and len(value) > limit:
                raise TextTooLong(_message(mapper.local_table.name, attr.key, len(value), limit))


def _message(table: str, key: str, length: int, limit: int) -> str:
    owner = TABLE_LABELS.get(table, "记录")
    field = FIELD_LABELS.get(key, "文字")
    return f"{owner}的“{field}”过长（{length}个字，最多{limit}个字），未保存。"
