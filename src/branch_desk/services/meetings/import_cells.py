"""Reading the cells of a meeting ledger (会议台账): types, times, 学时 and lists of people."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from ...domain.events import AbsenceReason, EventType
from ...domain.text import as_typed, squeeze
from ..sheets.cells import CellError, text_cell

# Report a problem in a row: (column key, message, severity 'error' or 'warning').
ErrorSink = Callable[..., None]

TYPE_ALIASES = {
    "党员大会": EventType.BRANCH_ASSEMBLY,
    "支部大会": EventType.BRANCH_ASSEMBLY,
    "支委会": EventType.COMMITTEE,
    "支部委员会会议": EventType.COMMITTEE,
    "党小组会议": EventType.GROUP_MEETING,
    "组织生活": EventType.LIFE_MEETING,
    "民主评议": EventType.EVALUATION,
    "学习": EventType.STUDY,
    "专题党课": EventType.PARTY_LECTURE,
}
_SPLIT = re.compile(r"[；;、，,/＋+\n]+")
_PERSON = re.compile(r"^(?P<name>[^（(）)]+?)\s*(?:[（(](?P<reason>[^）)]*)[）)]?)?$")
_OPEN, _CLOSE = "（(", "）)"
_TIME = re.compile(r"^(\d{1,2})[:：](\d{2})$")


def read_cell(
    error: ErrorSink, key: str, reader: Callable[[Any], Any], values: dict[str, Any]
) -> Any:
    """The cell ``key`` read by ``reader``; None (and a problem reported) when it cannot be read."""
    try:
        return reader(values.get(key))
    except CellError as exc:
        error(key, str(exc))
        return None


def types_cell(value: object) -> tuple[EventType, ...]:
    """Read '支部党员大会、党课' into event types, the first the event's own."""
    text = squeeze(text_cell(value))
    if not text:
        return ()
    result: list[EventType] = []
    for part in _SPLIT.split(text):
        if not part:
            continue
        kind = TYPE_ALIASES.get(part) or next((t for t in EventType if t.value == part), None)
        if kind is None:
            allowed = "、".join(t.value for t in EventType)
            raise CellError(f"“{part}”无法识别，应为：{allowed}")
        if kind not in result:
            result.append(kind)
    return tuple(result)


def time_cell(value: object) -> time | None:
    """Read a time of day (a time, a fraction of a day, or '14:30')."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, float | int) and not isinstance(value, bool) and 0 <= value < 1:
        minutes = round(float(value) * 24 * 60)
        return time(minutes // 60, minutes % 60)
    match = _TIME.match(squeeze(str(value)))
    if match and int(match.group(1)) < 24 and int(match.group(2)) < 60:
        return time(int(match.group(1)), int(match.group(2)))
    raise CellError(f"“{value}”不是有效的时间（如 14:30）")


def hours_cell(value: object) -> Decimal | None:
    """Read a 学时 cell (0 to 24, to a tenth)."""
    text = squeeze(text_cell(value))
    if not text:
        return None
    try:
        hours = Decimal(text)
    except InvalidOperation:
        raise CellError(f"“{text}”不是有效的学时数") from None
    if not Decimal(0) <= hours <= Decimal(24):
        raise CellError("学时应在0到24之间")
    return hours.quantize(Decimal("0.1"))


def _reason(raw: str) -> tuple[AbsenceReason | None, str]:
    """Read '病假', '出差,赴京培训' or '陪护家人' into a reason and its text."""
    if not raw:
        return None, ""
    parts = re.split(r"[,，:：]", raw, maxsplit=1)
    head, rest = parts[0].strip(), parts[1].strip() if len(parts) > 1 else ""
    reason = next((r for r in AbsenceReason if r.value == squeeze(head)), None)
    if reason is None:
        return AbsenceReason.OTHER, raw
    return reason, rest


def _split_people(text: str) -> list[str]:
    """Split at separators outside brackets: '李四（出差，赴京培训）；王五' → two entries."""
    parts, current, depth = [], [], 0
    for char in text:
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(depth - 1, 0)
        if char in "；;\n":
            depth = 0  # a strong separator always ends an entry, even after an unclosed bracket
        if depth == 0 and _SPLIT.match(char):
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def people(text: str) -> list[tuple[str, AbsenceReason | None, str]]:
    """Split '张三（病假）；李四（陪护家人）' into names with reasons."""
    found = []
    for part in _split_people(text):
        if part in ("无", "-", "—"):
            continue
        match = _PERSON.match(part)
        if match is None:
            found.append((squeeze(part), None, ""))
            continue
        name = squeeze(match.group("name"))
        found.append((name, *_reason(as_typed(match.group("reason") or ""))))
    return found
