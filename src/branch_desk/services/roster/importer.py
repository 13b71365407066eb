"""Importing a roster workbook: preview every problem by row and column, then all or nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.errors import UserError
from ...domain.members import (
    FIELD_LABELS,
    Gender,
    MemberCategory,
    MemberInput,
    PartyStatus,
    RosterStatus,
    StatusChangeKind,
    normalise_member,
    validate_member,
)
from ...domain.org import OrgUnitKind
from ...storage.database import Database
from ...storage.models import Member, MemberStatusChange, OrgUnit
from ...storage.repositories import units
from ...storage.repositories.units import group_ids_by_name
from ..outcome import Area, Outcome, changed
from ..progress import Cancel, Progress, never_cancel, no_progress
from ..sheets.cells import (
    CellError,
    choice_cell,
    date_cell,
    free_text_cell,
    id_number_cell,
    phone_cell,
    text_cell,
)
from ..sheets.reader import CellProblem, PreviewCounts, SheetRow, SheetTable, read_table
from .members import write_fields

ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("姓名",),
    "gender": ("性别",),
    "ethnicity": ("民族",),
    "birth_date": ("出生日期", "出生年月日", "出生年月", "出生时间"),
    "id_number": ("身份证号", "身份证号码", "公民身份号码", "身份证"),
    "education": ("学历", "文化程度", "最高学历"),
    "category": ("人员类别", "人员分类"),
    "party_status": ("党员类别", "党籍状态", "党员身份", "正式/预备"),
    "joined_on": ("入党时间", "入党日期", "加入党组织日期"),
    "full_member_on": ("转正时间", "转正日期"),
    "group": ("党小组", "所在党小组"),
    "phone": ("联系电话", "手机号码", "手机", "联系方式", "电话"),
    "work_unit": ("工作单位及职务", "工作单位及职务（职称）", "工作单位", "单位及职务"),
}

GENDER_ALIASES = {"男性": Gender.MALE, "女性": Gender.FEMALE}
CATEGORY_ALIASES = {
    "在岗": MemberCategory.EMPLOYED,
    "在职职工": MemberCategory.EMPLOYED,
    "在职人员": MemberCategory.EMPLOYED,
    "职工": MemberCategory.EMPLOYED,
    "离休": MemberCategory.RETIRED,
    "退休": MemberCategory.RETIRED,
    "离退休人员": MemberCategory.RETIRED,
    "退休人员": MemberCategory.RETIRED,
    "在校学生": MemberCategory.STUDENT,
    "农牧民": MemberCategory.FARMER,
    "其它": MemberCategory.OTHER,
}
PARTY_ALIASES = {
    "正式党员": PartyStatus.FULL,
    "预备党员": PartyStatus.PROBATIONARY,
    "在册正式党员": PartyStatus.FULL,
}

CREATE, UPDATE, UNCHANGED = "新增", "更新", "无变化"
_DERIVED_FROM_ID = ("birth_date", "gender")
_READERS: dict[str, Callable[[object], Any]] = {
    "name": text_cell,
    "gender": lambda v: choice_cell(v, Gender, GENDER_ALIASES),
    "ethnicity": text_cell,
    "birth_date": date_cell,
    "id_number": id_number_cell,
    "education": text_cell,
    "category": lambda v: choice_cell(v, MemberCategory, CATEGORY_ALIASES),
    "party_status": lambda v: choice_cell(v, PartyStatus, PARTY_ALIASES),
    "joined_on": date_cell,
    "full_member_on": date_cell,
    "group": text_cell,
    "phone": phone_cell,
    "work_unit": free_text_cell,
}


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


@dataclass(frozen=True, slots=True)
class RosterImportPreview(PreviewCounts):
    """Everything the import would do, and every problem, before anything is written."""

    path: Path
    sheet_name: str
    header_row: int
    rows: tuple[ImportRow, ...]
    problems: tuple[CellProblem, ...]
    unknown_columns: tuple[str, ...]
    new_groups: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RosterImportResult:
    created: int
    updated: int
    unchanged: int


@dataclass(frozen=True, slots=True)
class _Parsed:
    row: int
    data: MemberInput
    present: frozenset[str]
    problems: tuple[CellProblem, ...]


class RosterImportService:
    """Preview and apply roster imports for one unit."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def preview(
        self,
        unit_id: int,
        path: Path,
        progress: Progress = no_progress,
        cancel: Cancel = never_cancel,
    ) -> RosterImportPreview:
        """Read ``path`` and report what an import would do; writes nothing."""
        table = read_table(Path(path), ALIASES, progress=progress, cancel=cancel)
        parsed = [_parse_row(table, row) for row in table.rows]
        progress(1.0, "正在核对")
        with self.db.session(audited=False) as s:
            units.require(s, unit_id)
            return _plan(s, unit_id, table, parsed, self.db.clock().date(), Path(path))

    def apply(self, unit_id: int, preview: RosterImportPreview) -> Outcome[RosterImportResult]:
        """Write the previewed import in one transaction; refused if any row has an error."""
        if not preview.ok:
            raise UserError(
                f"文件中有{preview.error_count}处错误，请改正后重新导入；未导入任何数据。"
            )
        with self.db.session() as s:
            groups = group_ids_by_name(s, unit_id)
            for name in preview.new_groups:
                groups[name] = self._add_group(s, unit_id, name, len(groups))
            for item in preview.rows:
                if item.action == CREATE:
                    self._create(s, unit_id, item.data, groups)
                elif item.action == UPDATE:
                    row = s.get(Member, item.member_id)
                    if row is None:
                        raise UserError("数据在预览后被修改，请重新预览后再导入。")
                    write_fields(row, item.data, groups)
                    row.updated_at = self.db.now()
            s.flush()
            result = RosterImportResult(
                preview.count(CREATE), preview.count(UPDATE), preview.count(UNCHANGED)
            )
            return changed(result, Area.MEMBERS, Area.ORG)

    def _create(self, s: Session, unit_id: int, data: MemberInput, groups: dict[str, int]) -> None:
        now = self.db.now()
        row = Member(unit_id=unit_id, created_at=now, updated_at=now)
        write_fields(row, data, groups)
        row.roster_status = RosterStatus.ACTIVE.value
        s.add(row)
        s.flush()
        s.add(
            MemberStatusChange(
                member_id=row.id,
                kind=StatusChangeKind.REGISTERED.value,
                effective_on=data.joined_on or now.date(),
                place="",
                letter_no="",
                note="名册导入",
                created_at=now,
            )
        )

    def _add_group(self, s: Session, unit_id: int, name: str, order: int) -> int:
        group = OrgUnit(
            kind=OrgUnitKind.GROUP.value,
            name=name,
            parent_id=unit_id,
            upper_org="",
            term_years=3,
            sort_order=order,
            created_at=self.db.now(),
        )
        s.add(group)
        s.flush()
        return group.id


def _parse_row(table: SheetTable, row: SheetRow) -> _Parsed:
    values: dict[str, Any] = {}
    problems: list[CellProblem] = []
    for name, reader in _READERS.items():
        if name not in table.headers:
            continue
        try:
            values[name] = reader(row.values.get(name))
        except CellError as exc:
            problems.append(CellProblem(row.number, table.headers[name], str(exc)))
    present = frozenset(name for name, value in values.items() if value not in (None, ""))
    clean_values = {k: v for k, v in values.items() if v is not None}
    return _Parsed(row.number, MemberInput(**clean_values), present, tuple(problems))


def _plan(
    s: Session,
    unit_id: int,
    table: SheetTable,
    parsed: list[_Parsed],
    today: Any,
    path: Path,
) -> RosterImportPreview:
    groups = set(group_ids_by_name(s, unit_id))
    existing = list(s.scalars(select(Member).where(Member.unit_id == unit_id)))
    by_id = {m.id_number: m for m in existing if m.id_number}
    by_name_birth = {(m.name, m.birth_date): m for m in existing}
    other_ids = {
        number: member_id
        for number, member_id in s.execute(
            select(Member.id_number, Member.id).where(Member.unit_id != unit_id)
        )
        if number
    }
    seen_ids: dict[str, int] = {}
    seen_names: dict[tuple[str, Any], int] = {}
    new_groups: list[str] = []
    rows: list[ImportRow] = []
    if not parsed:
        file_problem = CellProblem(None, "", "表头下没有任何数据行")
        return RosterImportPreview(
            path, table.sheet_name, table.header_row, (), (file_problem,), (), ()
        )
    for item in parsed:
        problems = list(item.problems)
        column = _column_namer(table)
        data = normalise_member(item.data)
        match = by_id.get(data.id_number) if data.id_number else None
        match = match or by_name_birth.get((data.name, data.birth_date))
        if match is not None:
            data = _merge(match, data, item.present, groups_by_id(s, unit_id))
        if "party_status" not in table.headers and data.party_status is None:
            data = data.with_changes(party_status=PartyStatus.FULL if data.full_member_on else None)
        failed = {p.column for p in problems}
        if column("id_number") in failed:
            failed |= {column(name) for name in _DERIVED_FROM_ID}
        for problem in validate_member(data, today):
            col = column(problem.field)
            if col not in failed:
                problems.append(CellProblem(item.row, col, problem.message, problem.severity))
        _check_duplicates(item.row, data, seen_ids, seen_names, column, problems)
        if data.id_number and data.id_number in other_ids:
            problems.append(
                CellProblem(item.row, column("id_number"), "该身份证号已在其他党组织名册中")
            )
        if data.group and data.group not in groups:
            if data.group not in new_groups:
                new_groups.append(data.group)
            problems.append(
                CellProblem(
                    item.row,
                    column("group"),
                    f"党小组“{data.group}”不存在，导入时将新建",
                    "warning",
                )
            )
        action = CREATE if match is None else _update_action(match, data)
        rows.append(
            ImportRow(
                item.row, data.name, action, match.id if match else None, tuple(problems), data
            )
        )
    all_problems = tuple(p for r in rows for p in r.problems)
    return RosterImportPreview(
        path,
        table.sheet_name,
        table.header_row,
        tuple(rows),
        all_problems,
        tuple(table.unknown_columns),
        tuple(new_groups),
    )


def _column_namer(table: SheetTable) -> Callable[[str], str]:
    return lambda name: table.column(name, FIELD_LABELS.get(name, name))


def _check_duplicates(
    row: int,
    data: MemberInput,
    seen_ids: dict[str, int],
    seen_names: dict[tuple[str, Any], int],
    column: Callable[[str], str],
    problems: list[CellProblem],
) -> None:
    if data.id_number:
        first = seen_ids.setdefault(data.id_number, row)
        if first != row:
            problems.append(CellProblem(row, column("id_number"), f"与第{first}行的身份证号重复"))
    elif data.name and data.birth_date:
        first = seen_names.setdefault((data.name, data.birth_date), row)
        if first != row:
            problems.append(CellProblem(row, column("name"), f"与第{first}行的姓名和出生日期相同"))


def groups_by_id(s: Session, unit_id: int) -> dict[int, str]:
    return {gid: name for name, gid in group_ids_by_name(s, unit_id).items()}


def _stored_input(row: Member, group_names: dict[int, str]) -> MemberInput:
    return MemberInput(
        name=row.name,
        gender=Gender(row.gender),
        ethnicity=row.ethnicity,
        birth_date=row.birth_date,
        id_number=row.id_number or "",
        education=row.education,
        category=MemberCategory(row.category),
        party_status=PartyStatus(row.party_status),
        joined_on=row.joined_on,
        full_member_on=row.full_member_on,
        group=group_names.get(row.group_id, "") if row.group_id else "",
        phone=row.phone,
        work_unit=row.work_unit,
        notes=row.notes,
    )


def _merge(
    row: Member, data: MemberInput, present: frozenset[str], group_names: dict[int, str]
) -> MemberInput:
    """Overlay the file's non-blank cells on the stored member; blanks keep what is stored."""
    stored = _stored_input(row, group_names)
    updates = {f.name: getattr(data, f.name) for f in fields(MemberInput) if f.name in present}
    return normalise_member(stored.with_changes(**updates))


def _update_action(row: Member, data: MemberInput) -> str:
    current = (
        row.name,
        row.gender,
        row.ethnicity,
        row.birth_date,
        row.id_number or "",
        row.education,
        row.category,
        row.party_status,
        row.joined_on,
        row.full_member_on,
        row.phone,
        row.work_unit,
    )
    wanted = (
        data.name,
        data.gender,
        data.ethnicity,
        data.birth_date,
        data.id_number,
        data.education,
        data.category,
        data.party_status,
        data.joined_on,
        data.full_member_on,
        data.phone,
        data.work_unit,
    )
    group_changed = data.group != (row.group.name if row.group else "")
    return UPDATE if current != wanted or group_changed else UNCHANGED
