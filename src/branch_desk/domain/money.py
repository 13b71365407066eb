"""Money is integer fen (分). Parsing and writing amounts in yuan, never through floats."""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation

from .limits import MAX_AMOUNT_FEN
from .text import squeeze

_AMOUNT = re.compile(r"^-?\d+(\.\d{1,2})?$")
_GROUPING = re.compile(r"[,，]")


class MoneyError(ValueError):
    """The text is not an amount of money; the message says why (Chinese)."""


def parse_yuan(value: object) -> int:
    """Read an amount in yuan (text, int, or Decimal; '4,800.5', '４８００元') as fen."""
    if isinstance(value, bool):
        raise MoneyError("不是金额")
    if isinstance(value, int):
        return _in_range(value * 100, value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise MoneyError("不是有效金额")
        value = format(Decimal(repr(value)), "f")  # a spreadsheet number: its exact decimal text
    text = _GROUPING.sub("", squeeze(str(value))).removesuffix("元").removeprefix("¥")
    if not _AMOUNT.match(text):
        raise MoneyError(f"“{value}”不是有效金额（最多两位小数，如 4800.50）")
    try:
        return _in_range(int((Decimal(text) * 100).to_integral_value()), value)
    except InvalidOperation:
        raise MoneyError(f"“{value}”不是有效金额") from None


def _in_range(fen: int, value: object) -> int:
    if abs(fen) > MAX_AMOUNT_FEN:
        raise MoneyError(f"“{value}”金额过大（最多 {MAX_AMOUNT_FEN // 10_000_000_000} 亿元）")
    return fen


def yuan(fen: int) -> str:
    """Write fen as yuan with two decimals: 480050 → '4800.50'."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}{whole}.{cents:02d}"


def yuan_grouped(fen: int) -> str:
    """Write fen as yuan with thousands separators: 480050 → '4,800.50'."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}{whole:,}.{cents:02d}"


def apply_rate(base_fen: int, rate_bp: int, rounding: str = "half_up") -> int:
    """Return base × rate (basis points, 1% = 100) in fen, rounded to the fen."""
    exact = Decimal(base_fen) * Decimal(rate_bp) / Decimal(10_000)
    mode = ROUND_HALF_UP if rounding == "half_up" else ROUND_DOWN
    return int(exact.quantize(Decimal(1), rounding=mode))


def percent(rate_bp: int) -> str:
    """Write basis points as a percentage: 150 → '1.5%'."""
    value = Decimal(rate_bp) / 100
    return f"{value.normalize():f}%"
