"""Planning a roster import row by row: match it with a stored member, check it, say what to do.

A row matches a member of the unit by 身份证号, else by name and birth date; its filled cells
overlay the stored member (a blank cell keeps the stored value), and it is checked with the
same validator as the member form, against the rows above it and against other units' rosters.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from ...domain.members import (
    FIELD_LABELS,
    MemberInput,
    MemberRecord,
    PartyStatus,
    normalise_member,
    validate_member,
)
from ...storage.repositories import Session, members, units
from ..sheets.importing import CREATE, UNCHANGED, UPDATE
from ..sheets.reader import CellProblem, SheetRow, SheetTable
from .import_columns import ParsedRow, parse_row

_DERIVED_FROM_ID = ("birth_date", "gender")


@dataclass(frozen=True, slots=True)
class ImportRow:
    """What will happen to one sheet row, and what is wrong with it."""

    row: int
    name: str
    action: str
    member_id: int | None
    problems: tuple[CellProblem, ...]
    data: MemberInput

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


class RowReader:
    """What every row is checked against; ``row`` plans one sheet row, in sheet order."""

    def __init__(self, s: Session, unit_id: int, today: date, table: SheetTable) -> None:
        self.today = today
        self.table = table
        self.groups = set(units.group_ids_by_name(s, unit_id))
        stored = members.list_members(s, unit_id)
        self.by_id = {m.id_number: m for m in stored if m.id_number}
        self.by_name_birth = {(m.name, m.birth_date): m for m in stored}
        self.elsewhere = members.id_numbers_elsewhere(s, unit_id)
        self.seen_ids: dict[str, int] = {}
        self.seen_names: dict[tuple[str, date], int] = {}
        self.new_groups: list[str] = []

    def column(self, name: str) -> str:
        """The header the file uses for a field (its label when the file has no such column)."""
        return self.table.column(name, FIELD_LABELS.get(name, name))

    def row(self, sheet_row: SheetRow) -> ImportRow:
        """What importing ``sheet_row`` would do, with every problem of the row."""
        item = parse_row(self.table, sheet_row)
        data = normalise_member(item.data)
        match = self.by_id.get(data.id_number) if data.id_number else None
        match = match or self.by_name_birth.get((data.name, data.birth_date))
        if match is not None:
            data = _merge(match, data, item.present)
        if "party_status" not in self.table.headers and data.party_status is None:
            data = data.with_changes(party_status=PartyStatus.FULL if data.full_member_on else None)
        problems = [*item.problems, *self._invalid(item, data)]
        problems += self._duplicates(item.row, data)
        if data.id_number and data.id_number in self.elsewhere:
            problems.append(
                CellProblem(item.row, self.column("id_number"), "该身份证号已在其他党组织名册中")
            )
        if data.group and data.group not in self.groups:
            if data.group not in self.new_groups:
                self.new_groups.append(data.group)
            message = f"党小组“{data.group}”不存在，导入时将新建"
            problems.append(CellProblem(item.row, self.column("group"), message, "warning"))
        action = CREATE if match is None else _update_action(match, data)
        member_id = match.id if match else None
        return ImportRow(item.row, data.name, action, member_id, tuple(problems), data)

    def _invalid(self, item: ParsedRow, data: MemberInput) -> list[CellProblem]:
        """The validator's problems, except in columns whose cells could not be read."""
        failed = {p.column for p in item.problems}
        if self.column("id_number") in failed:
            failed |= {self.column(name) for name in _DERIVED_FROM_ID}
        found = []
        for problem in validate_member(data, self.today):
            column = self.column(problem.field)
            if column not in failed:
                found.append(CellProblem(item.row, column, problem.message, problem.severity))
        return found

    def _duplicates(self, row: int, data: MemberInput) -> list[CellProblem]:
        """The row repeats the 身份证号 (or, without one, the name and birth date) of a row above."""
        if data.id_number:
            first = self.seen_ids.setdefault(data.id_number, row)
            if first != row:
                return [CellProblem(row, self.column("id_number"), f"与第{first}行的身份证号重复")]
        elif data.name and data.birth_date:
            first = self.seen_names.setdefault((data.name, data.birth_date), row)
            if first != row:
                message = f"与第{first}行的姓名和出生日期相同"
                return [CellProblem(row, self.column("name"), message)]
        return []


def _merge(stored: MemberRecord, data: MemberInput, present: frozenset[str]) -> MemberInput:
    """Overlay the file's non-blank cells on the stored member; blanks keep what is stored."""
    updates = {f.name: getattr(data, f.name) for f in fields(MemberInput) if f.name in present}
    return normalise_member(stored.to_input().with_changes(**updates))


def _update_action(stored: MemberRecord, data: MemberInput) -> str:
    """UPDATE when an imported field differs from the stored member (备注 is not imported)."""
    current = stored.to_input().with_changes(notes=data.notes)
    return UPDATE if current != data else UNCHANGED
