"""Resident identity numbers (公民身份号码, GB 11643-1999)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
_SHAPE = re.compile(r"^\d{17}[\dX]$")


class IdNumberError(ValueError):
    """The text is not a valid 18-digit identity number; the message says why (Chinese)."""


@dataclass(frozen=True, slots=True)
class IdNumber:
    """A checked 18-character identity number and what it encodes."""

    value: str
    birth_date: date
    gender: str  # "男" or "女"

    @property
    def region(self) -> str:
        return self.value[:6]


def check_char(first17: str) -> str:
    """Return the GB 11643 check character for the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARS[total % 11]


def parse_id_number(text: str) -> IdNumber:
    """Validate and normalise an identity number (lowercase x accepted), or raise IdNumberError."""
    value = text.strip().upper()
    if len(value) != 18:
        raise IdNumberError(f"应为18位，实际为{len(value)}位")
    if not _SHAPE.match(value):
        raise IdNumberError("前17位应为数字，最后一位为数字或X")
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        raise IdNumberError(f"出生日期部分“{value[6:14]}”不是有效日期") from None
    if born.year < 1900:
        raise IdNumberError(f"出生日期部分“{value[6:14]}”早于1900年")
    expected = check_char(value[:17])
    if value[17] != expected:
        raise IdNumberError(f"校验位错误（末位应为{expected}）")
    gender = "男" if int(value[16]) % 2 == 1 else "女"
    return IdNumber(value=value, birth_date=born, gender=gender)


MASK_KEEP = 6  # the region code; nothing of the birth date, serial or check character


def mask_id_number(value: str) -> str:
    """Return the number with all but its first 6 characters (the region) hidden.

    Birth date, serial and check character are all hidden, so a masked number printed
    beside the 出生日期 still leaves about a thousand candidates.
    """
    if len(value) <= MASK_KEEP:
        return value
    return value[:MASK_KEEP] + "*" * (len(value) - MASK_KEEP)
