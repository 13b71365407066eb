"""Finding one row by its id, for the repositories that read, change or delete it."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy.orm import Session

from ...domain.errors import NotFound

Row = TypeVar("Row")


def existing(s: Session, model: type[Row], row_id: int, missing: str) -> Row:
    """The row ``row_id`` of ``model``; NotFound with the Chinese ``missing`` when there is none."""
    row = s.get(model, row_id)
    if row is None:
        raise NotFound(missing)
    return row


def member_missing(member_id: int) -> str:
    """What is said when there is no member ``member_id``."""
    return f"找不到编号为 {member_id} 的党员。"
