"""Typed reading of single cells; each reader raises CellError with a Chinese message."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from typing import TypeVar

from ...domain.text import DateParseError, as_typed, clean, parse_date_value, squeeze

E = TypeVar("E", bound=StrEnum)


class CellError(ValueError):
    """The cell's value cannot be read as the column requires."""


def _cell_string(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def text_cell(value: object) -> str:
    """Read a name or key cell, normalised for matching; whole numbers lose their '.0'."""
    return clean(_cell_string(value))


def free_text_cell(value: object) -> str:
    """Read a free-text cell (主题, 决议, 地点, 备注 …) as typed, only its ends trimmed."""
    return as_typed(_cell_string(value))


def date_cell(value: object) -> date | None:
    """Read a date from a date cell, an Excel serial or text like 2019年7月1日."""
    try:
        return parse_date_value(value)
    except DateParseError as exc:
        raise CellError(str(exc)) from None


def id_number_cell(value: object) -> str:
    """Read a 身份证号; a number cell is refused because Excel keeps only 15 digits."""
    if isinstance(value, bool):
        raise CellError("不是身份证号")
    if isinstance(value, int | float):
        raise CellError(
            "身份证号被保存为数字，Excel 只保留15位有效数字，后几位可能已丢失；"
            "请把该列设为“文本”格式后重新录入"
        )
    return squeeze(text_cell(value)).upper()


def phone_cell(value: object) -> str:
    """Read a phone number; whole-number cells are fine (11 digits fit)."""
    return squeeze(text_cell(value))


def choice_cell(value: object, kind: type[E], aliases: Mapping[str, E] | None = None) -> E | None:
    """Read one of an enum's Chinese values (or an alias); blank → None."""
    text = squeeze(text_cell(value))
    if not text:
        return None
    for member in kind:
        if text == member.value:
            return member
    if aliases and text in aliases:
        return aliases[text]
    allowed = "、".join(m.value for m in kind)
    raise CellError(f"“{text}”无法识别，应为：{allowed}")
