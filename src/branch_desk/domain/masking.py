"""Hiding personal numbers (身份证号, 电话) in copies handed out."""

from __future__ import annotations

from dataclasses import replace

from .idcard import mask_id_number
from .members import MemberRecord

__all__ = ["mask_id_number", "mask_member", "mask_phone"]


def mask_phone(value: str) -> str:
    """Hide the middle of a phone number: 13800138000 → 138****8000, 0731-84561234 → 0731-****1234."""
    digits = [i for i, ch in enumerate(value) if ch.isdigit()]
    if len(digits) <= 7:
        return value
    keep_head = 4 if value.startswith("0") else 3
    hidden = set(digits[keep_head:-4])
    return "".join("*" if i in hidden else ch for i, ch in enumerate(value))


def mask_member(member: MemberRecord) -> MemberRecord:
    """Return the member with 身份证号 and phone hidden."""
    return replace(
        member, id_number=mask_id_number(member.id_number), phone=mask_phone(member.phone)
    )
