"""The organisation: branches, their 党小组, officers and the dashboard summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select

from ...domain.errors import NotFound, Problem, UserError, ValidationFailed
from ...domain.members import PartyStatus, RosterStatus
from ...domain.org import (
    DEFAULT_TERM_YEARS,
    MAX_UNIT_NAME,
    BranchInput,
    BranchSummary,
    OfficerInput,
    OfficerRecord,
    OrgUnitKind,
    OrgUnitRecord,
)
from ...domain.text import as_typed, clean
from ...storage.database import Database
from ...storage.models import Member, Officer, OrgUnit
from ...storage.records import officer_record, unit_record
from ...storage.repositories.officers import officers_of_units
from ...storage.repositories.units import group_rows, unit_row, units_with_groups
from ..outcome import Area, Outcome, changed
from ..shared_reads import share, shared, shared_list, sharing

TOP_KINDS = (OrgUnitKind.PARTY_COMMITTEE, OrgUnitKind.GENERAL_BRANCH, OrgUnitKind.BRANCH)
EARLIEST_LEDGER_YEAR = 1949

__all__ = ["BranchInput", "OfficerInput", "OrgService"]


@dataclass(slots=True)
class _Problems:
    items: list[Problem] = field(default_factory=list)

    def error(self, name: str, label: str, message: str) -> None:
        self.items.append(Problem(name, label, message))


def _check_branch(data: BranchInput) -> list[Problem]:
    found = _Problems()
    name = clean(data.name)
    if not name:
        found.error("name", "党组织名称", "不能为空")
    elif len(name) > MAX_UNIT_NAME:
        found.error("name", "党组织名称", f"过长（最多{MAX_UNIT_NAME}个字）")
    if not 1 <= data.term_years <= 5:
        found.error("term_years", "任期", "应为1至5年")
    groups = [clean(g) for g in data.groups if clean(g)]
    dupes = sorted(g for g, n in Counter(groups).items() if n > 1)
    if dupes:
        found.error("groups", "党小组", f"名称重复：{'、'.join(dupes)}")
    if data.ledger_start is not None and data.ledger_start.year < EARLIEST_LEDGER_YEAR:
        found.error("ledger_start", "台账起始日期", f"不能早于{EARLIEST_LEDGER_YEAR}年")
    return found.items


class OrgService:
    """Create and read the organisation tree."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def top_units(self) -> list[OrgUnitRecord]:
        """Return every 党委/党总支/党支部 (not 党小组), in creation order."""
        with self.db.session() as s:
            rows = s.scalars(
                select(OrgUnit)
                .where(OrgUnit.kind.in_([k.value for k in TOP_KINDS]))
                .order_by(OrgUnit.id)
            )
            return [unit_record(r) for r in rows]

    def is_set_up(self) -> bool:
        """Tell whether a branch has been created yet."""
        return bool(self.top_units())

    def get(self, unit_id: int) -> OrgUnitRecord:
        return shared(("unit", unit_id), lambda: self._get(unit_id))

    def _get(self, unit_id: int) -> OrgUnitRecord:
        with self.db.session() as s:
            return unit_record(unit_row(s, unit_id))

    def resolve(self, name: str | None = None) -> OrgUnitRecord:
        """Find the unit named ``name``; with no name, the only branch there is."""
        units = self.top_units()
        if not units:
            raise UserError("尚未建立党支部，请先运行 init 或在程序中完成初始设置。")
        if name:
            wanted = clean(name)
            for unit in units:
                if unit.name == wanted:
                    return unit
            raise NotFound(f"找不到名为“{wanted}”的党组织。")
        branches = [u for u in units if u.kind is OrgUnitKind.BRANCH] or units
        if len(branches) > 1:
            names = "、".join(u.name for u in branches)
            raise UserError(f"数据中有多个党组织（{names}），请用 --unit 指定。")
        return branches[0]

    def create_branch(self, data: BranchInput) -> Outcome[OrgUnitRecord]:
        """Create a branch (or 党总支/党委) with its 党小组."""
        problems = _check_branch(data)
        if problems:
            raise ValidationFailed(problems)
        with self.db.session() as s:
            name = clean(data.name)
            clash = s.scalar(
                select(OrgUnit.id).where(OrgUnit.name == name, OrgUnit.kind != OrgUnitKind.GROUP)
            )
            if clash:
                raise UserError(f"已存在名为“{name}”的党组织。")
            unit = OrgUnit(
                kind=data.kind.value,
                name=name,
                parent_id=data.parent_id,
                upper_org=as_typed(data.upper_org),
                elected_on=data.elected_on,
                term_years=data.term_years,
                created_at=self.db.now(),
            )
            unit.ledger_start = data.ledger_start
            s.add(unit)
            s.flush()
            for order, group in enumerate(g for g in (clean(x) for x in data.groups) if g):
                s.add(self._new_group(unit.id, group, order))
            s.flush()
            return changed(unit_record(unit), Area.ORG)

    def update_branch(self, unit_id: int, data: BranchInput) -> Outcome[OrgUnitRecord]:
        """Change a unit's name, upper organisation, election date or term."""
        problems = _check_branch(data)
        if problems:
            raise ValidationFailed(problems)
        with self.db.session() as s:
            unit = unit_row(s, unit_id)
            unit.name = clean(data.name)
            unit.upper_org = as_typed(data.upper_org)
            unit.elected_on = data.elected_on
            unit.term_years = data.term_years
            unit.ledger_start = data.ledger_start
            s.flush()
            return changed(unit_record(unit), Area.ORG)

    def subtree(self, unit_id: int) -> list[OrgUnitRecord]:
        """Return the unit and every 党总支/党支部 below it (not 党小组), the unit first."""
        with self.db.session() as s:
            rows = list(s.scalars(select(OrgUnit).order_by(OrgUnit.id)))
        children: dict[int | None, list[OrgUnit]] = {}
        for row in rows:
            children.setdefault(row.parent_id, []).append(row)
        result, queue = [], [r for r in rows if r.id == unit_id]
        if not queue:
            raise NotFound(f"找不到编号为 {unit_id} 的党组织。")
        while queue:
            row = queue.pop(0)
            result.append(unit_record(row))
            queue.extend(c for c in children.get(row.id, []) if c.kind != OrgUnitKind.GROUP.value)
        return result

    def share_units(self, unit_ids: list[int]) -> None:
        """Inside a build, read every unit, its 党小组 and officers at once and share each."""
        if not sharing():
            return
        with self.db.session() as s:
            every, groups = units_with_groups(s)
            officers = officers_of_units(s, unit_ids)
            counts: dict[int, list[Any]] = {unit_id: [] for unit_id in unit_ids}
            for row in s.execute(_COUNTS.where(Member.unit_id.in_(unit_ids))):
                counts[row[0]].append(row[1:])
        by_id = {unit.id: unit for unit in every}
        for unit in every:
            share(("unit", unit.id), unit)
        for unit_id in unit_ids:
            share(("groups", unit_id), groups.get(unit_id, []))
            share(("officers", unit_id), officers[unit_id])
            summary = _branch_summary(
                by_id[unit_id], groups.get(unit_id, []), counts[unit_id], officers[unit_id]
            )
            share(("unit summary", unit_id), summary)

    def ledger_start(self, unit_id: int) -> date | None:
        """Return the unit's 台账起始日期 (None when not set: every period is checked)."""
        return self.get(unit_id).ledger_start

    def groups(self, unit_id: int) -> list[OrgUnitRecord]:
        """Return the unit's 党小组 in their display order."""
        return shared_list(("groups", unit_id), lambda: self._groups(unit_id))

    def _groups(self, unit_id: int) -> list[OrgUnitRecord]:
        with self.db.session() as s:
            return [unit_record(g) for g in group_rows(s, unit_id)]

    def add_group(self, unit_id: int, name: str) -> Outcome[OrgUnitRecord]:
        """Add a 党小组 to a branch."""
        name = clean(name)
        if not name:
            raise ValidationFailed([Problem("name", "党小组名称", "不能为空")])
        with self.db.session() as s:
            existing = group_rows(s, unit_id)
            if any(g.name == name for g in existing):
                raise UserError(f"党小组“{name}”已存在。")
            group = self._new_group(unit_row(s, unit_id).id, name, len(existing))
            s.add(group)
            s.flush()
            return changed(unit_record(group), Area.ORG)

    def rename_group(self, group_id: int, name: str) -> Outcome[OrgUnitRecord]:
        """Rename a 党小组."""
        name = clean(name)
        if not name:
            raise ValidationFailed([Problem("name", "党小组名称", "不能为空")])
        with self.db.session() as s:
            group = unit_row(s, group_id)
            if any(
                g.name == name and g.id != group_id for g in group_rows(s, group.parent_id or 0)
            ):
                raise UserError(f"党小组“{name}”已存在。")
            group.name = name
            s.flush()
            return changed(unit_record(group), Area.ORG, Area.MEMBERS)

    def officers(self, unit_id: int) -> list[OfficerRecord]:
        return shared_list(("officers", unit_id), lambda: self._officers(unit_id))

    def _officers(self, unit_id: int) -> list[OfficerRecord]:
        with self.db.session() as s:
            rows = s.scalars(
                select(Officer).where(Officer.unit_id == unit_id).order_by(Officer.sort_order)
            )
            return [officer_record(r) for r in rows]

    def set_officers(self, unit_id: int, items: list[OfficerInput]) -> Outcome[list[OfficerRecord]]:
        """Replace the unit's list of officers (书记, 副书记, 委员 …) with ``items``."""
        problems = [
            Problem("officers", "支委成员", f"第{i}行：姓名不能为空")
            for i, item in enumerate(items, 1)
            if not clean(item.person_name)
        ]
        problems += [
            Problem("officers", "支委成员", f"{clean(item.person_name)}：任期结束早于开始")
            for item in items
            if item.term_start and item.term_end and item.term_end < item.term_start
        ]
        if problems:
            raise ValidationFailed(problems)
        with self.db.session() as s:
            unit_row(s, unit_id)
            for row in s.scalars(select(Officer).where(Officer.unit_id == unit_id)):
                s.delete(row)
            rows = [
                Officer(
                    unit_id=unit_id,
                    role=item.role.value,
                    person_name=clean(item.person_name),
                    member_id=item.member_id,
                    term_start=item.term_start,
                    term_end=item.term_end,
                    sort_order=order,
                )
                for order, item in enumerate(items)
            ]
            s.add_all(rows)
            s.flush()
            return changed([officer_record(r) for r in rows], Area.ORG)

    def summary(self, unit_id: int) -> BranchSummary:
        """Count the unit's members by roster status, party status, category and 党小组."""
        return shared(("unit summary", unit_id), lambda: self._summary(unit_id))

    def _summary(self, unit_id: int) -> BranchSummary:
        with self.db.session() as s:
            unit = unit_record(unit_row(s, unit_id))
            groups = [unit_record(g) for g in group_rows(s, unit_id)]
            rows = [r[1:] for r in s.execute(_COUNTS.where(Member.unit_id == unit_id))]
            officers = s.scalars(
                select(Officer).where(Officer.unit_id == unit_id).order_by(Officer.sort_order)
            )
            return _branch_summary(unit, groups, rows, [officer_record(o) for o in officers])

    def _new_group(self, parent_id: int, name: str, order: int) -> OrgUnit:
        return OrgUnit(
            kind=OrgUnitKind.GROUP.value,
            name=name,
            parent_id=parent_id,
            upper_org="",
            term_years=DEFAULT_TERM_YEARS,
            sort_order=order,
            created_at=self.db.now(),
        )


# Members counted by unit, roster status, party status, category and 党小组.
_COUNTS = select(
    Member.unit_id,
    Member.roster_status,
    Member.party_status,
    Member.category,
    Member.group_id,
    func.count(),
).group_by(
    Member.unit_id, Member.roster_status, Member.party_status, Member.category, Member.group_id
)


def _branch_summary(
    unit: OrgUnitRecord,
    groups: list[OrgUnitRecord],
    rows: Iterable[Any],
    officers: list[OfficerRecord],
) -> BranchSummary:
    """The summary of a unit from its member counts (roster, party, category, group, count)."""
    names = {g.id: g.name for g in groups}
    by_roster: Counter[str] = Counter()
    by_party: Counter[str] = Counter()
    by_category: Counter[str] = Counter()
    by_group: Counter[str] = Counter()
    for roster, party, category, group_id, count in rows:
        by_roster[roster] += count
        if roster != RosterStatus.ACTIVE:
            continue
        by_party[party] += count
        by_category[category] += count
        by_group[names.get(group_id, "未分党小组")] += count
    return BranchSummary(
        unit=unit,
        by_roster_status={st.value: by_roster[st.value] for st in RosterStatus},
        by_party_status={st.value: by_party[st.value] for st in PartyStatus},
        by_category=dict(by_category),
        by_group={**{g.name: by_group[g.name] for g in groups}, **_ungrouped(by_group)},
        groups=tuple(groups),
        officers=tuple(officers),
    )


def _ungrouped(counts: Counter[str]) -> dict[str, int]:
    return {"未分党小组": counts["未分党小组"]} if counts["未分党小组"] else {}
