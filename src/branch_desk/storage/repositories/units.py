"""The organisation units (党委, 党支部, 党小组): finding, adding and changing them, their names."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.org import DEFAULT_TERM_YEARS, BranchInput, OrgUnitKind, OrgUnitRecord
from ..models import OrgUnit
from ..records import unit_record
from .rows import existing


def unit_row(s: Session, unit_id: int) -> OrgUnit:
    """The row of one unit, for the repositories that change it; NotFound when there is none."""
    return existing(s, OrgUnit, unit_id, f"找不到编号为 {unit_id} 的党组织。")


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


def all_units(s: Session) -> list[OrgUnitRecord]:
    """Every unit, 党小组 included, in creation order."""
    return [unit_record(r) for r in s.scalars(select(OrgUnit).order_by(OrgUnit.id))]


def groups(s: Session, unit_id: int) -> list[OrgUnitRecord]:
    """The branch's 党小组 in their display order."""
    return [unit_record(g) for g in group_rows(s, unit_id)]


def top_name_taken(s: Session, name: str) -> bool:
    """Tell whether a unit other than a 党小组 is named ``name``."""
    query = select(OrgUnit.id).where(OrgUnit.name == name, OrgUnit.kind != OrgUnitKind.GROUP)
    return bool(s.scalar(query))


def add_unit(s: Session, data: BranchInput, now: datetime) -> OrgUnitRecord:
    """Insert a 党委/党总支/党支部 from a cleaned input (its 党小组 are added separately)."""
    unit = OrgUnit(kind=data.kind.value, parent_id=data.parent_id, created_at=now)
    _write_unit(unit, data)
    s.add(unit)
    s.flush()
    return unit_record(unit)


def update_unit(s: Session, unit_id: int, data: BranchInput) -> OrgUnitRecord:
    """Write a cleaned input's name, upper organisation, election, term and 台账起始日期."""
    unit = unit_row(s, unit_id)
    _write_unit(unit, data)
    s.flush()
    return unit_record(unit)


def _write_unit(unit: OrgUnit, data: BranchInput) -> None:
    unit.name = data.name
    unit.upper_org = data.upper_org
    unit.elected_on = data.elected_on
    unit.term_years = data.term_years
    unit.ledger_start = data.ledger_start


def add_group(s: Session, parent_id: int, name: str, order: int, now: datetime) -> OrgUnitRecord:
    """Insert a 党小组 under ``parent_id`` at display position ``order``."""
    group = OrgUnit(
        kind=OrgUnitKind.GROUP.value,
        name=name,
        parent_id=parent_id,
        upper_org="",
        term_years=DEFAULT_TERM_YEARS,
        sort_order=order,
        created_at=now,
    )
    s.add(group)
    s.flush()
    return unit_record(group)


def rename(s: Session, unit_id: int, name: str) -> OrgUnitRecord:
    """Give a unit a new (cleaned) name."""
    unit = unit_row(s, unit_id)
    unit.name = name
    s.flush()
    return unit_record(unit)
