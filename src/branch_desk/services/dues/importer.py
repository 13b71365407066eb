"""Importing dues bases (核定) and a previous 收缴登记表 grid: per-cell problems, all or nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ...domain.dues import BasePart, DuesCategory, PartKind, Reduction
from ...domain.errors import UserError
from ...domain.idcard import IdNumberError, parse_id_number
from ...domain.members import MemberCategory
from ...domain.money import MoneyError, parse_yuan, percent, yuan
from ...domain.text import squeeze
from ...storage.models import DuesPayment, DuesPaymentMonth, Member
from ..outcome import Area, Outcome, changed
from ..roster.people import load_facts
from ..sheets.cells import CellError, choice_cell, free_text_cell, id_number_cell, text_cell
from ..sheets.reader import CellProblem, PreviewCounts, SheetTable, read_table
from .assessments import check_assessment
from .ledger import build_matrix, month_index, month_start, months_text
from .service import AssessmentInput, DuesService

IDENTITY = {"name": ("姓名",), "id_number": ("身份证号", "身份证号码", "公民身份号码")}
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
MONTH_ALIASES = {f"m{m}": (f"{m}月", f"{m}月份", f"{m}月实交") for m in range(1, 13)}
PAYMENT_ALIASES = {**IDENTITY, **MONTH_ALIASES}
SKIP_CELLS = frozenset({"免", "免交", "—", "-", "－", "/", "不在册"})
_MONTH_TEXT = re.compile(r"^(\d{1,2})月?$")
_YEAR_TEXT = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_BARE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def year_warnings(table: SheetTable, year: int) -> list[CellProblem]:
    """Warn when the sheet's title, name or a column names another year than the import's."""
    places = [("工作表名", table.sheet_name, _BARE_YEAR)]
    places += [("表格标题", text, _YEAR_TEXT) for text in table.titles]
    columns = [*table.headers.values(), *table.unknown_columns]
    places += [("列", text, _YEAR_TEXT) for text in columns]
    found = []
    for where, text, pattern in places:
        others = sorted({int(m) for m in pattern.findall(text)} - {year})
        if others:
            mentioned = "、".join(f"{y}年" for y in others)
            found.append(
                CellProblem(
                    None,
                    "",
                    f"{where}“{text}”写的是{mentioned}，而本次导入为{year}年，请确认年度是否选对",
                    "warning",
                )
            )
    return found


@dataclass(frozen=True, slots=True)
class DuesImportRow:
    """One sheet row with what it would record: a base (核定) or the months paid (fen)."""

    row: int
    name: str
    action: str
    member_id: int | None
    problems: tuple[CellProblem, ...]
    payload: Any
    category: str = ""
    base_fen: int | None = None
    rate: str = ""
    monthly_due_fen: int | None = None
    months: str = ""
    amount_fen: int = 0

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


@dataclass(frozen=True, slots=True)
class DuesImportPreview(PreviewCounts):
    path: Path
    year: int
    sheet_name: str
    header_row: int
    rows: tuple[DuesImportRow, ...]
    problems: tuple[CellProblem, ...]
    unknown_columns: tuple[str, ...]

    @property
    def total_monthly_fen(self) -> int:
        """Return the monthly dues of the rows without errors (bases)."""
        return sum(r.monthly_due_fen or 0 for r in self.rows if r.ok)

    @property
    def total_amount_fen(self) -> int:
        """Return the amounts to be recorded by the rows without errors (payments)."""
        return sum(r.amount_fen for r in self.rows if r.ok)


def _finish(
    path: Path, year: int, table: SheetTable, rows: list[DuesImportRow]
) -> DuesImportPreview:
    problems = (*year_warnings(table, year), *(p for r in rows for p in r.problems))
    if not rows:
        problems = (CellProblem(None, "", "表头下没有任何数据行"),)
    return DuesImportPreview(
        path,
        year,
        table.sheet_name,
        table.header_row,
        tuple(rows),
        problems,
        tuple(table.unknown_columns),
    )


class _Members:
    """Find the unit's members by 身份证号 or (unique) name."""

    def __init__(self, rows: list[Member]) -> None:
        self.by_id = {m.id_number: m for m in rows if m.id_number}
        self.by_name: dict[str, list[Member]] = {}
        for m in rows:
            self.by_name.setdefault(m.name, []).append(m)

    def find(
        self, table: SheetTable, number: int, values: dict[str, Any], problems: list[CellProblem]
    ) -> Member | None:
        name = squeeze(text_cell(values.get("name")))
        try:
            id_text = id_number_cell(values.get("id_number"))
        except CellError as exc:
            problems.append(CellProblem(number, table.column("id_number", "身份证号"), str(exc)))
            return None
        if id_text:
            try:
                member = self.by_id.get(parse_id_number(id_text).value)
            except IdNumberError as exc:
                problems.append(
                    CellProblem(
                        number, table.column("id_number", "身份证号"), f"“{id_text}”无效：{exc}"
                    )
                )
                return None
            if member is None:
                problems.append(
                    CellProblem(
                        number, table.column("id_number", "身份证号"), "名册中没有该身份证号的党员"
                    )
                )
            elif name and member.name != name:
                problems.append(
                    CellProblem(
                        number,
                        table.column("name", "姓名"),
                        f"与身份证号对应的党员“{member.name}”不符",
                    )
                )
            return member
        matches = self.by_name.get(name, [])
        if not name:
            problems.append(
                CellProblem(number, table.column("name", "姓名"), "姓名和身份证号不能都为空")
            )
        elif not matches:
            problems.append(
                CellProblem(number, table.column("name", "姓名"), f"名册中没有党员“{name}”")
            )
        elif len(matches) > 1:
            problems.append(
                CellProblem(
                    number,
                    table.column("name", "姓名"),
                    f"名册中有{len(matches)}名“{name}”，请填写身份证号区分",
                )
            )
        return matches[0] if len(matches) == 1 else None


def _money(value: object) -> int | None:
    text = squeeze(text_cell(value)) if not isinstance(value, int | float) else value
    if text in (None, ""):
        return None
    try:
        return parse_yuan(text)
    except MoneyError as exc:
        raise CellError(str(exc)) from None


class DuesImportService:
    """Preview and apply the two dues imports for one branch and year."""

    def __init__(self, dues: DuesService) -> None:
        self.dues = dues
        self.db = dues.db

    def _members(self, unit_id: int) -> _Members:
        with self.db.session(audited=False) as s:
            rows = list(s.scalars(select(Member).where(Member.unit_id == unit_id)))
            s.expunge_all()
            return _Members(rows)

    # ---- bases -----------------------------------------------------------------------------

    def preview_bases(self, unit_id: int, year: int, path: Path) -> DuesImportPreview:
        """Read a bases sheet (月基数 or its parts) and compute each member's due; writes nothing."""
        table = read_table(Path(path), BASE_ALIASES, min_matches=2)
        if "name" not in table.headers and "id_number" not in table.headers:
            raise UserError("党费基数表须有“姓名”或“身份证号”列")
        members = self._members(unit_id)
        existing = {(a.member_id, a.from_month): a for a in self.dues.assessments(unit_id, year)}
        rows = []
        seen: dict[int, int] = {}
        for line in table.rows:
            problems: list[CellProblem] = []
            member = members.find(table, line.number, dict(line.values), problems)
            data = self._base_input(table, line.number, dict(line.values), member, problems)
            if member is not None and data is not None:
                key = (member.id, data.from_month)
                if key in seen:
                    problems.append(
                        CellProblem(
                            line.number, table.column("name", "姓名"), f"与第{seen[key]}行重复"
                        )
                    )
                seen.setdefault(key, line.number)
                for p in check_assessment(data):
                    problems.append(CellProblem(line.number, _column_of(table, p.field), p.message))
            name = member.name if member else squeeze(text_cell(line.values.get("name")))
            action = (
                "更新"
                if member is not None
                and data is not None
                and (member.id, data.from_month) in existing
                else "新增"
            )
            figures = {}
            if data is not None and not any(p.is_error for p in problems):
                calc = self.dues.calculate(unit_id, data)
                figures = {
                    "category": data.category.value,
                    "base_fen": calc.base_fen if data.category.has_base else None,
                    "rate": percent(calc.rate_bp) if calc.rate_bp is not None else "固定标准",
                    "monthly_due_fen": calc.monthly_due_fen,
                }
            rows.append(
                DuesImportRow(
                    line.number,
                    name,
                    action,
                    member.id if member else None,
                    tuple(problems),
                    data,
                    **figures,  # type: ignore[arg-type]
                )
            )
        return _finish(Path(path), year, table, rows)

    def _base_input(
        self,
        table: SheetTable,
        number: int,
        values: dict[str, Any],
        member: Member | None,
        problems: list[CellProblem],
    ) -> AssessmentInput | None:
        def fail(key: str, fallback: str, message: str) -> None:
            problems.append(CellProblem(number, table.column(key, fallback), message))

        try:
            category = choice_cell(values.get("category"), DuesCategory, CATEGORY_ALIASES)
        except CellError as exc:
            fail("category", "党费类别", str(exc))
            return None
        if category is None and member is not None:
            category = self.dues.default_category(MemberCategory(member.category))
        if category is None:
            fail("category", "党费类别", "不能为空")
            return None
        parts: list[BasePart] = []
        base = 0
        failed = False
        for key in ("base", *(k for k in table.headers if k.startswith("part:"))):
            try:
                amount = _money(values.get(key)) or 0
            except CellError as exc:
                fail(key, key.removeprefix("part:") if key != "base" else "月基数", str(exc))
                failed = True
                continue
            if amount < 0:
                fail(key, key.removeprefix("part:"), "金额不能为负")
                failed = True
            elif key == "base":
                base = amount
            elif amount:
                label = key.removeprefix("part:")
                parts.append(BasePart(label, amount, PART_COLUMNS[label]))
        if failed:
            return None
        reduction = Reduction.NONE
        text = squeeze(text_cell(values.get("reduction")))
        if text in ("免交", "免"):
            reduction = Reduction.EXEMPT
        elif text:
            fail(
                "reduction", "减免情况", f"“{text}”无法识别，应为“免交”或留空（减交请在程序中录入）"
            )
        from_month = 1
        month_text = squeeze(text_cell(values.get("from_month")))
        if month_text:
            match = _MONTH_TEXT.match(month_text)
            if not match or not 1 <= int(match.group(1)) <= 12:
                fail("from_month", "起始月份", f"“{month_text}”应为1至12月")
                return None
            from_month = int(match.group(1))
        return AssessmentInput(
            category=category,
            base_fen=0 if parts else base,
            parts=tuple(parts),
            reduction=reduction,
            approval_ref=free_text_cell(values.get("approval_ref")),
            from_month=from_month,
        )

    def apply_bases(self, preview: DuesImportPreview) -> Outcome[int]:
        """Write every previewed assessment in one transaction."""
        if not preview.ok:
            raise UserError(
                f"文件中有{preview.error_count}处错误，请改正后重新导入；未导入任何数据。"
            )
        items = [(r.member_id, r.payload) for r in preview.rows]
        self.dues.assess_many(preview.year, items)
        return changed(len(items), Area.DUES)

    # ---- payments grid ---------------------------------------------------------------------

    def preview_payments(self, unit_id: int, year: int, path: Path) -> DuesImportPreview:
        """Read a 收缴登记表 grid (members × 1月…12月 amounts paid); writes nothing."""
        table = read_table(Path(path), PAYMENT_ALIASES, min_matches=2)
        months = [k for k in MONTH_ALIASES if k in table.headers]
        if not months:
            raise UserError("收缴登记表须有“1月”至“12月”的列")
        members = self._members(unit_id)
        today = self.dues.today()
        with self.db.session(audited=False) as s:
            facts = {f.member_id: f for f in load_facts(s, unit_id)}
            matrix = build_matrix(
                s, list(facts.values()), year * 12, year * 12 + 11, month_index(today)
            )
        rows = []
        seen: dict[int, int] = {}
        for line in table.rows:
            problems: list[CellProblem] = []
            member = members.find(table, line.number, dict(line.values), problems)
            if member is not None:
                if member.id in seen:
                    problems.append(
                        CellProblem(
                            line.number,
                            table.column("name", "姓名"),
                            f"与第{seen[member.id]}行重复",
                        )
                    )
                seen.setdefault(member.id, line.number)
            paid: list[tuple[int, int]] = []
            for key in months:
                month = int(key[1:])
                column = table.column(key, f"{month}月")
                value = line.values.get(key)
                if isinstance(value, str) and squeeze(value) in SKIP_CELLS:
                    continue
                try:
                    amount = _money(value)
                except CellError as exc:
                    problems.append(CellProblem(line.number, column, str(exc)))
                    continue
                if amount is not None and amount < 0:
                    problems.append(
                        CellProblem(line.number, column, "金额不能为负；缴费有误请在程序中冲销")
                    )
                    continue
                if not amount or member is None:
                    continue
                index = year * 12 + month - 1
                cell = matrix.cells.get(member.id, {}).get(index)
                if month_start(index) > today:
                    problems.append(CellProblem(line.number, column, "该月尚未到，不能登记为已交"))
                elif cell is None or not cell.owed:
                    problems.append(CellProblem(line.number, column, "该党员当月不在本支部名册中"))
                elif cell.paid_fen == amount:
                    continue
                elif cell.paid_fen:
                    problems.append(
                        CellProblem(
                            line.number,
                            column,
                            f"该月已登记缴费{yuan(cell.paid_fen)}元，与表中{yuan(amount)}元不符，请先冲销原记录",
                        )
                    )
                else:
                    paid.append((index, amount))
            name = member.name if member else squeeze(text_cell(line.values.get("name")))
            action = "新增" if paid else "无变化"
            rows.append(
                DuesImportRow(
                    line.number,
                    name,
                    action,
                    member.id if member else None,
                    tuple(problems),
                    tuple(paid),
                    months=months_text([index for index, _ in paid]),
                    amount_fen=sum(amount for _, amount in paid),
                )
            )
        return _finish(Path(path), year, table, rows)

    def apply_payments(self, preview: DuesImportPreview) -> Outcome[int]:
        """Record the previewed months as paid, one payment per member and month."""
        if not preview.ok:
            raise UserError(
                f"文件中有{preview.error_count}处错误，请改正后重新导入；未导入任何数据。"
            )
        count = 0
        with self.db.session() as s:
            now = self.db.now()
            for row in preview.rows:
                for index, amount in row.payload:
                    start = month_start(index)
                    payment = DuesPayment(
                        member_id=row.member_id,
                        paid_on=min(start.replace(day=15), now.date()),
                        amount_fen=amount,
                        extra_fen=0,
                        method="其他",
                        collector="",
                        note="收缴登记表导入",
                        created_at=now,
                    )
                    payment.months = [
                        DuesPaymentMonth(member_id=row.member_id, month=start, amount_fen=amount)
                    ]
                    s.add(payment)
                    count += 1
        return changed(count, Area.DUES)


def _column_of(table: SheetTable, field: str) -> str:
    mapping = {
        "base": ("base", "月基数"),
        "approval_ref": ("approval_ref", "批准文号"),
        "from_month": ("from_month", "起始月份"),
        "fixed": ("base", "月基数"),
        "reduced": ("reduction", "减免情况"),
    }
    key, fallback = mapping.get(field, (field, field))
    return table.column(key, fallback)
