"""Finding one row by its id, for the repositories that read, change or delete it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

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


def store_or_remove(
    s: Session, row: Row | None, values: dict[str, Any] | None, make: Callable[..., Row]
) -> None:
    """Keep one optional row in step: ``values`` None removes ``row``; else it is set or added.

    ``make`` builds a new row from ``values`` (its key columns already bound, e.g. a partial).
    """
    if values is None:
        if row is not None:
            s.delete(row)
    elif row is None:
        s.add(make(**values))
    else:
        for name, value in values.items():
            setattr(row, name, value)
