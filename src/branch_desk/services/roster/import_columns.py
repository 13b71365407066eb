"""The columns of a roster workbook (党员名册) and how each cell of a row reads.

The columns of a person (姓名, 性别 … 工作单位) read the same in the development ledger, which
takes them from here (``PERSON_FIELDS``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ...domain.members import Gender, MemberCategory, MemberInput, PartyStatus
from ..sheets.cells import (
    CellError,
    choice_cell,
    date_cell,
    free_text_cell,
    id_number_cell,
    phone_cell,
    text_cell,
)
from ..sheets.reader import CellProblem, SheetRow, SheetTable

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
# A person's columns, shared with the development ledger (services/development/import_columns.py).
PERSON_FIELDS = frozenset(ALIASES) - {"party_status", "joined_on", "full_member_on"}

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

READERS: dict[str, Callable[[object], Any]] = {
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
class ParsedRow:
    """One sheet row read into an input: which cells were filled, which could not be read."""

    row: int
    data: MemberInput
    present: frozenset[str]
    problems: tuple[CellProblem, ...]


def parse_row(table: SheetTable, row: SheetRow) -> ParsedRow:
    """Read every known cell of ``row``; a cell that cannot be read is a problem, not a value."""
    values: dict[str, Any] = {}
    problems: list[CellProblem] = []
    for name, reader in READERS.items():
        if name not in table.headers:
            continue
        try:
            values[name] = reader(row.values.get(name))
        except CellError as exc:
            problems.append(CellProblem(row.number, table.headers[name], str(exc)))
    present = frozenset(name for name, value in values.items() if value not in (None, ""))
    clean_values = {k: v for k, v in values.items() if v is not None}
    return ParsedRow(row.number, MemberInput(**clean_values), present, tuple(problems))
