"""The organisation: branches, their 党小组, officers and the dashboard summary."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date

from ...domain.errors import NotFound, Problem, UserError, ValidationFailed
from ...domain.members import MemberCategory, PartyStatus, RosterStatus
from ...domain.org import (
    MAX_UNIT_NAME,
    BranchInput,
    BranchSummary,
    OfficerInput,
    OfficerRecord,
    OrgUnitKind,
    OrgUnitRecord,
)
from ...domain.text import as_typed, clean
from ...storage.repositories import members, units
from ...storage.repositories import officers as stored_officers
from ..outcome import Area, Outcome, changed
from ..shared_reads import share, shared, shared_list, sharing
from .unit_list import UnitList

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


class OrgService(UnitList):
    """Create and read the organisation tree (its unit reads are UnitList's)."""

    def resolve(self, name: str | None = None) -> OrgUnitRecord:
        """Find the unit named ``name``; with no name, the only branch there is."""
        found = self.top_units()
        if not found:
            raise UserError("尚未建立党支部，请先运行 init 或在程序中完成初始设置。")
        if name:
            wanted = clean(name)
            for unit in found:
                if unit.name == wanted:
                    return unit
            raise NotFound(f"找不到名为“{wanted}”的党组织。")
        branches = [u for u in found if u.kind is OrgUnitKind.BRANCH] or found
        if len(branches) > 1:
            names = "、".join(u.name for u in branches)
            raise UserError(f"数据中有多个党组织（{names}），请用 --unit 指定。")
        return branches[0]

    def create_branch(self, data: BranchInput) -> Outcome[OrgUnitRecord]:
        """Create a branch (or 党总支/党委) with its 党小组."""
        data = _cleaned(data)
        with self.db.session() as s:
            if units.top_name_taken(s, data.name):
                raise UserError(f"已存在名为“{data.name}”的党组织。")
            unit = units.add_unit(s, data, self.db.now())
            for order, group in enumerate(data.groups):
                units.add_group(s, unit.id, group, order, self.db.now())
            return changed(unit, Area.ORG)

    def update_branch(self, unit_id: int, data: BranchInput) -> Outcome[OrgUnitRecord]:
        """Change a unit's name, upper organisation, election date or term."""
        data = _cleaned(data)
        with self.db.session() as s:
            return changed(units.update_unit(s, unit_id, data), Area.ORG)

    def subtree(self, unit_id: int) -> list[OrgUnitRecord]:
        """Return the unit and every 党总支/党支部 below it (not 党小组), the unit first."""
        with self.db.session() as s:
            every = units.all_units(s)
        children: dict[int | None, list[OrgUnitRecord]] = {}
        for unit in every:
            children.setdefault(unit.parent_id, []).append(unit)
        result, queue = [], [u for u in every if u.id == unit_id]
        if not queue:
            raise NotFound(f"找不到编号为 {unit_id} 的党组织。")
        while queue:
            unit = queue.pop(0)
            result.append(unit)
            queue.extend(c for c in children.get(unit.id, []) if c.kind is not OrgUnitKind.GROUP)
        return result

    def share_units(self, unit_ids: list[int]) -> None:
        """Inside a build, read every unit, its 党小组 and officers at once and share each."""
        if not sharing():
            return
        with self.db.session() as s:
            every, groups = units.units_with_groups(s)
            officers = stored_officers.officers_of_units(s, unit_ids)
            counts = members.roll_counts_of_units(s, unit_ids)
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
            return units.groups(s, unit_id)

    def add_group(self, unit_id: int, name: str) -> Outcome[OrgUnitRecord]:
        """Add a 党小组 to a branch."""
        name = _group_name(name)
        with self.db.session() as s:
            existing = units.groups(s, unit_id)
            if any(g.name == name for g in existing):
                raise UserError(f"党小组“{name}”已存在。")
            parent = units.require(s, unit_id)
            group = units.add_group(s, parent.id, name, len(existing), self.db.now())
            return changed(group, Area.ORG)

    def rename_group(self, group_id: int, name: str) -> Outcome[OrgUnitRecord]:
        """Rename a 党小组."""
        name = _group_name(name)
        with self.db.session() as s:
            group = units.require(s, group_id)
            siblings = units.groups(s, group.parent_id or 0)
            if any(g.name == name and g.id != group_id for g in siblings):
                raise UserError(f"党小组“{name}”已存在。")
            return changed(units.rename(s, group_id, name), Area.ORG, Area.MEMBERS)

    def officers(self, unit_id: int) -> list[OfficerRecord]:
        return shared_list(("officers", unit_id), lambda: self._officers(unit_id))

    def _officers(self, unit_id: int) -> list[OfficerRecord]:
        with self.db.session() as s:
            return stored_officers.officers(s, unit_id)

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
        cleaned = [replace(item, person_name=clean(item.person_name)) for item in items]
        with self.db.session() as s:
            units.require(s, unit_id)
            return changed(stored_officers.replace(s, unit_id, cleaned), Area.ORG)

    def summary(self, unit_id: int) -> BranchSummary:
        """Count the unit's members by roster status, party status, category and 党小组."""
        return shared(("unit summary", unit_id), lambda: self._summary(unit_id))

    def _summary(self, unit_id: int) -> BranchSummary:
        with self.db.session() as s:
            unit = units.require(s, unit_id)
            groups = units.groups(s, unit_id)
            counts = members.roll_counts(s, unit_id)
            unit_officers = stored_officers.officers(s, unit_id)
        return _branch_summary(unit, groups, counts, unit_officers)


def _branch_summary(
    unit: OrgUnitRecord,
    groups: list[OrgUnitRecord],
    counts: list[tuple[RosterStatus, PartyStatus, MemberCategory, int | None, int]],
    officers: list[OfficerRecord],
) -> BranchSummary:
    """The summary of a unit from its member counts (roster, party, category, group, count)."""
    names = {g.id: g.name for g in groups}
    by_roster: Counter[str] = Counter()
    by_party: Counter[str] = Counter()
    by_category: Counter[str] = Counter()
    by_group: Counter[str] = Counter()
    for roster, party, category, group_id, count in counts:
        by_roster[roster.value] += count
        if roster is not RosterStatus.ACTIVE:
            continue
        by_party[party.value] += count
        by_category[category.value] += count
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


def _cleaned(data: BranchInput) -> BranchInput:
    """The input checked, with the names cleaned and blank 党小组 dropped; ValidationFailed."""
    problems = _check_branch(data)
    if problems:
        raise ValidationFailed(problems)
    groups = tuple(g for g in (clean(x) for x in data.groups) if g)
    return replace(data, name=clean(data.name), upper_org=as_typed(data.upper_org), groups=groups)


def _group_name(name: str) -> str:
    name = clean(name)
    if not name:
        raise ValidationFailed([Problem("name", "党小组名称", "不能为空")])
    return name


def _ungrouped(counts: Counter[str]) -> dict[str, int]:
    return {"未分党小组": counts["未分党小组"]} if counts["未分党小组"] else {}
