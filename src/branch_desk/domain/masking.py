"""Hiding personal numbers (身份证号, 电话) in copies handed out.

A masked 身份证号 keeps only its first 6 digits (the region code): nothing of the birth
date, the serial or the check character, so with the 出生日期 printed beside it the number
cannot be rebuilt (about a thousand candidates remain). A masked phone keeps the first 3
(mobile) or the area code (landline) and the last 4 digits. :func:`mask_text` finds and
hides such numbers inside any free text (工作单位, 备注, minutes, topics).
"""

from __future__ import annotations

import re
from dataclasses import replace

from .idcard import mask_id_number
from .members import MemberRecord

__all__ = ["mask_id_number", "mask_member", "mask_phone", "mask_text"]

_NOT_DIGIT_BEFORE = r"(?<![0-9０-９])"
_NOT_DIGIT_AFTER = r"(?![0-9０-９])"
_ID18 = re.compile(_NOT_DIGIT_BEFORE + r"\d{17}[\dXx]" + r"(?![0-9０-９A-Za-z])")
_ID15 = re.compile(_NOT_DIGIT_BEFORE + r"\d{15}" + _NOT_DIGIT_AFTER)
_SEP = r"[ \-－—\u3000]?"
_MOBILE = re.compile(
    r"(?<![0-9０-９])(?:(?:\+|00)?86"
    + _SEP
    + r")?1[3-9]\d"
    + _SEP
    + r"\d{4}"
    + _SEP
    + r"\d{4}"
    + _NOT_DIGIT_AFTER
)
_LANDLINE = re.compile(
    _NOT_DIGIT_BEFORE
    + r"(?:[(（]0\d{2,3}[)）]|0\d{2,3})"
    + r"[ \-－—\u3000]?\d{7,8}"
    + r"(?:(?:转|-|－|ext\.?)\d{1,6})?"
    + _NOT_DIGIT_AFTER
)
_WIDE_DIGITS = str.maketrans("０１２３４５６７８９ｘＸ", "0123456789xX")


def mask_phone(value: str) -> str:
    """Hide the middle of a phone number: 13800138000 → 138****8000, 0731-84561234 → 0731-****1234."""
    digits = [i for i, ch in enumerate(value) if ch.isdigit()]
    if len(digits) <= 7:
        return value
    lead = value[digits[0]]
    keep_head = 4 if lead == "0" else max(len(digits) - 8, 3)  # +86 138…: keep 86138
    hidden = set(digits[keep_head:-4])
    return "".join("*" if i in hidden else ch for i, ch in enumerate(value))


def mask_text(text: str) -> str:
    """Hide every 身份证号 (18 or 15 digits) and phone number found in free text."""
    if not text or not any(ch.isdigit() for ch in text):
        return text
    text = text.translate(_WIDE_DIGITS) if any("０" <= ch <= "９" for ch in text) else text
    text = _ID18.sub(lambda m: mask_id_number(m.group()), text)
    text = _ID15.sub(lambda m: mask_id_number(m.group()), text)
    text = _MOBILE.sub(lambda m: mask_phone(m.group()), text)
    return _LANDLINE.sub(lambda m: mask_phone(m.group()), text)


def mask_member(member: MemberRecord) -> MemberRecord:
    """Return the member with 身份证号 and phone hidden, also inside 工作单位 and 备注."""
    return replace(
        member,
        id_number=mask_id_number(member.id_number),
        phone=mask_text(mask_phone(member.phone)),
        work_unit=mask_text(member.work_unit),
        notes=mask_text(member.notes),
    )
