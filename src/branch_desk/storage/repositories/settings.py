"""A unit's own rule settings (values over the defaults of domain/rules/settings.py)."""

from __future__ import annotations

from functools import partial

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import RuleSetting
from .rows import store_or_remove


def stored_values(s: Session, unit_id: int) -> dict[str, str]:
    """The unit's stored setting values keyed by setting key."""
    rows = s.scalars(select(RuleSetting).where(RuleSetting.unit_id == unit_id))
    return {r.key: r.value for r in rows}


def stored_values_of_units(s: Session, unit_ids: list[int]) -> dict[int, dict[str, str]]:
    """``stored_values`` of several units at once, by unit."""
    found: dict[int, dict[str, str]] = {unit_id: {} for unit_id in unit_ids}
    for r in s.scalars(select(RuleSetting).where(RuleSetting.unit_id.in_(unit_ids))):
        found[r.unit_id][r.key] = r.value
    return found


def store(s: Session, unit_id: int, values: dict[str, str | None]) -> None:
    """Store each value as the unit's own; ``None`` removes the unit's own value for its key."""
    stored = {
        r.key: r for r in s.scalars(select(RuleSetting).where(RuleSetting.unit_id == unit_id))
    }
    for key, value in values.items():
        wanted = None if value is None else {"value": value}
        store_or_remove(s, stored.get(key), wanted, partial(RuleSetting, unit_id=unit_id, key=key))
