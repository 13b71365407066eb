"""The text secretaries type or paste: kept as typed, or normalised only where it is matched.

Free text (主题, 议题, 发言要点, 决议, 地点, reasons, notes …) goes through :func:`as_typed`:
stored exactly as typed, only leading and trailing whitespace trimmed, so full-width Chinese
punctuation stays full-width. Names and keys that are matched against each other (姓名,
党小组, 身份证号) go through :func:`clean`, which folds full-width letters and digits and
collapses spaces but never touches punctuation. :func:`squeeze` folds everything for reading
numbers, dates and choices; what it returns is a key to compare, never text to store.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20  # ideographic space
_WIDE_ALNUM = {
    code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F) if chr(code - 0xFEE0).isalnum()
}
_WIDE_ALNUM[0x3000] = 0x20
_SPACES = re.compile(r"\s+")

_DATE_PATTERNS = (
    re.compile(r"^(\d{4})\s*[-./／]\s*(\d{1,2})\s*[-./／]\s*(\d{1,2})$"),
    re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
_MONTH_ONLY = re.compile(r"^(\d{4})\s*(?:[-./／]|年)\s*(\d{1,2})\s*月?$")
_EXCEL_EPOCH = date(1899, 12, 30)
# Serial 60 is Excel's phantom 1900-02-29; serials after it are shifted by that day already.
_MAX_SERIAL = 2958465  # 9999-12-31


class DateParseError(ValueError):
    """The value is not a date we can read; the message says why (Chinese)."""


def to_halfwidth(text: str) -> str:
    """Replace full-width ASCII characters and ideographic spaces with their ASCII forms."""
    return text.translate(_FULLWIDTH)


def as_typed(text: str) -> str:
    """Return free text exactly as typed, only leading and trailing whitespace trimmed."""
    return text.strip()


def clean(text: str) -> str:
    """Normalise a name or key: full-width letters and digits folded, spaces collapsed.

    Punctuation is kept as typed (王五（入党积极分子） stays full-width).
    """
    return _SPACES.sub(" ", text.translate(_WIDE_ALNUM)).strip()


def squeeze(text: str) -> str:
    """Return text with full-width ASCII folded and every whitespace removed."""
    return _SPACES.sub("", to_halfwidth(text))


def parse_date_text(text: str) -> date:
    """Read 2019-7-1, 2019.07.01, 2019/7/1, 2019年7月1日 or 20190701; raise DateParseError."""
    value = squeeze(text)
    for pattern in _DATE_PATTERNS:
        match = pattern.match(value)
        if match:
            year, month, day = (int(g) for g in match.groups())
            try:
                return date(year, month, day)
            except ValueError:
                raise DateParseError(f"“{text.strip()}”不是有效日期") from None
    if _MONTH_ONLY.match(value):
        raise DateParseError(f"“{text.strip()}”缺少日，请填写完整日期（如 2019-07-01）")
    raise DateParseError(f"“{text.strip()}”无法识别为日期（可用格式如 2019-07-01、2019年7月1日）")


def excel_serial_to_date(serial: float) -> date:
    """Convert an Excel (1900 system) day serial to a date; raise DateParseError."""
    if not 1 <= serial <= _MAX_SERIAL or serial != int(serial):
        raise DateParseError(f"数字“{serial:g}”不是有效的Excel日期")
    days = int(serial)
    if days < 60:
        days += 1  # before Excel's phantom 1900-02-29
    return _EXCEL_EPOCH + timedelta(days=days)


def parse_date_value(value: object) -> date | None:
    """Read a cell or field value as a date: None/blank → None; raise DateParseError otherwise."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise DateParseError("不是日期")
    if isinstance(value, int | float):
        return excel_serial_to_date(float(value))
    text = str(value)
    if not text.strip():
        return None
    folded = squeeze(text)
    if folded.isascii() and folded.isdigit() and len(folded) != 8:
        if len(folded) > 7:
            shown = folded if len(folded) <= 20 else folded[:20] + "…"
            raise DateParseError(f"“{shown}”不是有效日期")
        return excel_serial_to_date(float(folded))
    return parse_date_text(text)


def format_date(value: date | None) -> str:
    """Write a date the Chinese way without leading zeros (2024年6月5日); '' for None."""
    if value is None:
        return ""
    return f"{value.year}年{value.month}月{value.day}日"


def iso(value: date | None) -> str | None:
    """Return YYYY-MM-DD or None."""
    return value.isoformat() if value else None
