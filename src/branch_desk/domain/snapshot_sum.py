"""Adding up year snapshots: a 党总支's figures are its own plus those of every branch below."""

from __future__ import annotations

import dataclasses
from collections import Counter
from decimal import Decimal
from typing import Any, TypeVar

from .year_snapshot import YearSnapshot

T = TypeVar("T")


def _pairs(a: tuple[tuple[str, int], ...], b: tuple[tuple[str, int], ...]) -> tuple:
    """Add two label → count lists, keeping the first one's order, new labels after."""
    totals: Counter[str] = Counter(dict(a))
    totals.update(dict(b))
    order = list(dict.fromkeys([k for k, _ in a] + [k for k, _ in b]))
    return tuple((k, totals[k]) for k in order)


def _add(a: Any, b: Any) -> Any:
    if dataclasses.is_dataclass(a) and not isinstance(a, type):
        return _add_records(a, b)
    if a is None or b is None:
        return None  # unknown in one part makes the total unknown
    if isinstance(a, bool):
        return a or b
    if isinstance(a, dict):
        return dict(Counter(a) + Counter(b)) | {
            k: 0 for k in (*a, *b) if not a.get(k, 0) + b.get(k, 0)
        }
    if isinstance(a, int | Decimal):
        return a + b
    if isinstance(a, tuple):
        if all(isinstance(x, tuple) and len(x) == 2 for x in (*a, *b)):
            return _pairs(a, b)
        return a + b
    return a  # names, days: the first part's


# None here means "none recorded" (not "unknown"): the total is what the parts recorded.
RECORDED_ONLY = frozenset({"remitted_fen", "appraisal"})


def _add_records(a: T, b: T) -> T:
    values = {}
    for f in dataclasses.fields(a):  # type: ignore[arg-type]
        x, y = getattr(a, f.name), getattr(b, f.name)
        if f.name in RECORDED_ONLY and (x is None or y is None):
            values[f.name] = y if x is None else x
        else:
            values[f.name] = _add(x, y)
    return type(a)(**values)


def add_snapshots(own: YearSnapshot, parts: list[YearSnapshot]) -> YearSnapshot:
    """Return the unit's snapshot with the branches' figures added (name and days its own)."""
    total = own
    for part in parts:
        total = _add_records(total, part)
    return total
