"""The organisation units (党委, 党支部, 党小组): finding one, their names, a branch's groups."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.errors import NotFound
from ...domain.org import OrgUnitKind, OrgUnitRecord
from ..models import OrgUnit
from ..records import unit_record


def unit_row(s: Session, unit_id: int) -> OrgUnit:
    """The row of one unit, for the repositories that change it; NotFound when there is none."""
    unit = s.get(OrgUnit, unit_id)
    if unit is None:
        raise NotFound(f"找不到编号为 {unit_id} 的党组织。")
    return unit


def require(s: Session, unit_id: int) -> OrgUnitRecord:
    """The unit ``unit_id``; NotFound (in Chinese) when there is none."""
    return unit_record(unit_row(s, unit_id))


def group_rows(s: Session, unit_id: int) -> list[OrgUnit]:
    """The 党小组 rows of a branch in their display order."""
    query = (
        select(OrgUnit)
        .where(OrgUnit.parent_id == unit_id, OrgUnit.kind == OrgUnitKind.GROUP.value)
        .order_by(OrgUnit.sort_order, OrgUnit.id)
    )
    return list(s.scalars(query))


def units_with_groups(s: Session) -> tuple[list[OrgUnitRecord], dict[int, list[OrgUnitRecord]]]:
    """Every unit, and each unit's 党小组 in their display order (``group_rows``), at once."""
    query = select(OrgUnit).order_by(OrgUnit.sort_order, OrgUnit.id)
    units = [unit_record(row) for row in s.scalars(query)]
    groups: dict[int, list[OrgUnitRecord]] = {}
    for unit in units:
        if unit.kind is OrgUnitKind.GROUP and unit.parent_id is not None:
            groups.setdefault(unit.parent_id, []).append(unit)
    return units, groups


def group_ids_by_name(s: Session, unit_id: int) -> dict[str, int]:
    """The branch's 党小组 ids keyed by name."""
    return {g.name: g.id for g in group_rows(s, unit_id)}


def unit_names(s: Session) -> dict[int, str]:
    """Every unit's name keyed by id."""
    return {unit_id: name for unit_id, name in s.execute(select(OrgUnit.id, OrgUnit.name))}
