"""The organisation's units read through SQLAlchemy Core alone: the window's first read.

Opening a data dir in the GUI lists the 党委/党总支/党支部 (the unit chooser, the window's
title) before anything else is read. These two reads go through the engine with plain SQL, so
that the window is usable without SQLAlchemy's ORM, the models and their mapper set-up
(≈ 130 ms): those load behind it, with the first page's figures (benchmarks/RESULTS.md, "Sixth
round: start-up"). The rows are the ones storage/repositories/units.py reads as models.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Engine

from ..domain.errors import NotFound
from ..domain.org import OrgUnitKind, OrgUnitRecord

COLUMNS = "id, kind, name, parent_id, upper_org, elected_on, term_years, ledger_start"


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def _record(row: Any) -> OrgUnitRecord:
    unit_id, kind, name, parent_id, upper_org, elected_on, term_years, ledger_start = row
    return OrgUnitRecord(
        id=unit_id,
        kind=OrgUnitKind(kind),
        name=name,
        parent_id=parent_id,
        upper_org=upper_org,
        elected_on=_day(elected_on),
        term_years=term_years,
        ledger_start=_day(ledger_start),
    )


def units_of_kinds(engine: Engine, kinds: tuple[OrgUnitKind, ...]) -> list[OrgUnitRecord]:
    """Every unit of one of ``kinds``, in creation order."""
    marks = ", ".join("?" for _ in kinds)
    sql = f"SELECT {COLUMNS} FROM org_units WHERE kind IN ({marks}) ORDER BY id"
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(sql, tuple(k.value for k in kinds)).fetchall()
    return [_record(row) for row in rows]


def unit(engine: Engine, unit_id: int) -> OrgUnitRecord:
    """The unit ``unit_id``; NotFound (in Chinese) when there is none."""
    sql = f"SELECT {COLUMNS} FROM org_units WHERE id = ?"
    with engine.connect() as conn:
        row = conn.exec_driver_sql(sql, (unit_id,)).fetchone()
    if row is None:
        raise NotFound(f"找不到编号为 {unit_id} 的党组织。")
    return _record(row)
