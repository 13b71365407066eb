"""Reading a sheet of dues bases (核定): 月基数 or its wage parts, category, relief, first month."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ...domain.dues import BasePart, DuesCategory, PartKind, Reduction
from ...domain.dues_records import AssessmentInput, AssessmentRecord, DuesMember
from ...domain.errors import UserError
from ...domain.members import MemberCategory
from ...domain.money import percent
from ...domain.text import squeeze
from ..sheets.cells import CellError, choice_cell, free_text_cell, text_cell
from ..sheets.reader import CellProblem, SheetRow, SheetTable, read_table
from .assessments import check_assessment
from .import_rows import (
    IDENTITY,
    DuesImportPreview,
    DuesImportRow,
    MemberFinder,
    RowCheck,
    finish_preview,
    money_cell,
    row_name,
)
from .service import DuesService

PART_COLUMNS: dict[str, PartKind] = {
    **{
        k: PartKind.INCLUDED
        for k in (
            "基本工资",
            "岗位工资",
            "薪级工资",
            "职务工资",
            "级别工资",
            "基础性绩效",
            "基础绩效",
            "绩效工资",
            "津贴",
            "工资",
        )
    },
    **{
        k: PartKind.DEDUCTED
        for k in (
            "个人所得税",
            "个税",
            "养老保险",
            "医疗保险",
            "失业保险",
            "住房公积金",
            "公积金",
            "职业年金",
            "企业年金",
            "五险一金",
        )
    },
    **{
        k: PartKind.EXCLUDED
        for k in ("住房补贴", "交通补贴", "通讯补贴", "加班费", "误餐补贴", "奖励性绩效", "年终奖")
    },
}
BASE_ALIASES = {
    **IDENTITY,
    "category": ("党费类别", "人员类别", "类别"),
    "base": ("月基数", "计算基数", "党费基数", "税后工资", "基本离退休费", "月收入"),
    "reduction": ("减免情况", "减免"),
    "approval_ref": ("批准文号", "减免文号"),
    "from_month": ("起始月份",),
    **{f"part:{label}": (label,) for label in PART_COLUMNS},
}
CATEGORY_ALIASES = {
    "在岗": DuesCategory.EMPLOYED,
    "在职职工": DuesCategory.EMPLOYED,
    "退休": DuesCategory.RETIRED,
    "离休": DuesCategory.RETIRED,
    "离退休人员": DuesCategory.RETIRED,
    "低保": DuesCategory.WELFARE,
    "抚恤": DuesCategory.WELFARE,
    "下岗": DuesCategory.UNEMPLOYED,
    "失业": DuesCategory.UNEMPLOYED,
    "在校学生": DuesCategory.STUDENT,
}
_MONTH_TEXT = re.compile(r"^(\d{1,2})月?$")
# A form field's problem shown in the column it comes from: field → (column key, fallback).
_FIELD_COLUMNS = {
    "base": ("base", "月基数"),
    "approval_ref": ("approval_ref", "批准文号"),
    "from_month": ("from_month", "起始月份"),
    "fixed": ("base", "月基数"),
    "reduced": ("reduction", "减免情况"),
}


def read_bases(path: Path) -> SheetTable:
    """The table of a bases sheet; it must name members by 姓名 or 身份证号."""
    table = read_table(Path(path), BASE_ALIASES, min_matches=2)
    if "name" not in table.headers and "id_number" not in table.headers:
        raise UserError("党费基数表须有“姓名”或“身份证号”列")
    return table


class BasesReader:
    """Turn the rows of a bases sheet into preview rows for one branch and year."""

    def __init__(
        self,
        dues: DuesService,
        unit_id: int,
        members: MemberFinder,
        existing: list[AssessmentRecord],
    ) -> None:
        self.dues = dues
        self.unit_id = unit_id
        self.members = members
        self.existing = {(a.member_id, a.from_month) for a in existing}
        self.seen: dict[tuple[int, int], int] = {}

    def preview(self, year: int, path: Path, table: SheetTable) -> DuesImportPreview:
        """The preview of every row of the sheet, with each member's due; writes nothing."""
        rows = [self._row(table, line) for line in table.rows]
        return finish_preview(Path(path), year, table, rows)

    def _row(self, table: SheetTable, line: SheetRow) -> DuesImportRow:
        values = dict(line.values)
        check = RowCheck(table, line.number, [])
        member = self.members.find(check, values)
        data = base_input(check, values, member, self.dues)
        if member is not None and data is not None:
            self._check_form(check, member, data)
        action = "新增"
        if (
            member is not None
            and data is not None
            and (member.id, data.from_month) in self.existing
        ):
            action = "更新"
        figures = {}
        if data is not None and not any(p.is_error for p in check.problems):
            figures = self._figures(data)
        return DuesImportRow(
            line.number,
            row_name(member, values),
            action,
            member.id if member else None,
            tuple(check.problems),
            data,
            **figures,  # type: ignore[arg-type]
        )

    def _check_form(self, check: RowCheck, member: DuesMember, data: AssessmentInput) -> None:
        key = (member.id, data.from_month)
        if key in self.seen:
            check.fail("name", "姓名", f"与第{self.seen[key]}行重复")
        self.seen.setdefault(key, check.number)
        for p in check_assessment(data):
            key_, fallback = _FIELD_COLUMNS.get(p.field, (p.field, p.field))
            check.problems.append(
                CellProblem(check.number, check.table.column(key_, fallback), p.message)
            )

    def _figures(self, data: AssessmentInput) -> dict[str, object]:
        calc = self.dues.calculate(self.unit_id, data)
        return {
            "category": data.category.value,
            "base_fen": calc.base_fen if data.category.has_base else None,
            "rate": percent(calc.rate_bp) if calc.rate_bp is not None else "固定标准",
            "monthly_due_fen": calc.monthly_due_fen,
        }


def base_input(
    check: RowCheck, values: dict[str, Any], member: DuesMember | None, dues: DuesService
) -> AssessmentInput | None:
    """The 核定 form a row fills in, or None when a cell cannot be read (noted in ``check``)."""
    category = _category(check, values, member, dues)
    if category is None:
        return None
    amounts = _amounts(check, values)
    if amounts is None:
        return None
    base, parts = amounts
    reduction = _reduction(check, values)
    from_month = _from_month(check, values)
    if from_month is None:
        return None
    return AssessmentInput(
        category=category,
        base_fen=0 if parts else base,
        parts=tuple(parts),
        reduction=reduction,
        approval_ref=free_text_cell(values.get("approval_ref")),
        from_month=from_month,
    )


def _category(
    check: RowCheck, values: dict[str, Any], member: DuesMember | None, dues: DuesService
) -> DuesCategory | None:
    try:
        category = choice_cell(values.get("category"), DuesCategory, CATEGORY_ALIASES)
    except CellError as exc:
        check.fail("category", "党费类别", str(exc))
        return None
    if category is None and member is not None:
        category = dues.default_category(MemberCategory(member.category))
    if category is None:
        check.fail("category", "党费类别", "不能为空")
    return category


def _amounts(check: RowCheck, values: dict[str, Any]) -> tuple[int, list[BasePart]] | None:
    """The 月基数 and the wage parts of a row (None when an amount is wrong)."""
    parts: list[BasePart] = []
    base = 0
    failed = False
    for key in ("base", *(k for k in check.table.headers if k.startswith("part:"))):
        try:
            amount = money_cell(values.get(key)) or 0
        except CellError as exc:
            check.fail(key, key.removeprefix("part:") if key != "base" else "月基数", str(exc))
            failed = True
            continue
        if amount < 0:
            check.fail(key, key.removeprefix("part:"), "金额不能为负")
            failed = True
        elif key == "base":
            base = amount
        elif amount:
            label = key.removeprefix("part:")
            parts.append(BasePart(label, amount, PART_COLUMNS[label]))
    return None if failed else (base, parts)


def _reduction(check: RowCheck, values: dict[str, Any]) -> Reduction:
    text = squeeze(text_cell(values.get("reduction")))
    if text in ("免交", "免"):
        return Reduction.EXEMPT
    if text:
        check.fail(
            "reduction", "减免情况", f"“{text}”无法识别，应为“免交”或留空（减交请在程序中录入）"
        )
    return Reduction.NONE


def _from_month(check: RowCheck, values: dict[str, Any]) -> int | None:
    month_text = squeeze(text_cell(values.get("from_month")))
    if not month_text:
        return 1
    match = _MONTH_TEXT.match(month_text)
    if not match or not 1 <= int(match.group(1)) <= 12:
        check.fail("from_month", "起始月份", f"“{month_text}”应为1至12月")
        return None
    return int(match.group(1))
