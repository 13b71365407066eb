"""Party dues (党费): categories, the official rate table, and the monthly due with its reason.

RULES part D: the rate is chosen by the bracket the *whole* base falls in (flat, not marginal),
upper bounds inclusive; the monthly due is capped; some categories pay a fixed amount.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .dues_owed import MemberDues, YearDues
from .money import apply_rate, percent, yuan_grouped


class DuesCategory(StrEnum):
    """Dues categories (党费类别), which decide the base and the rate table."""

    EMPLOYED = "在职"
    ANNUAL_SALARY = "年薪制"
    RETIRED = "离退休"
    FARMER = "农民"
    STUDENT = "学生"
    UNEMPLOYED = "下岗失业"
    WELFARE = "低保/抚恤"
    OTHER = "其他"

    @property
    def base_label(self) -> str:
        return {
            "在职": "税后工资",
            "年薪制": "当月税后收入",
            "离退休": "基本离退休费",
        }.get(self.value, "")

    @property
    def has_base(self) -> bool:
        return bool(self.base_label)


class Reduction(StrEnum):
    """Hardship relief decided by the branch and approved above (须有批准文号)."""

    NONE = "无"
    REDUCED = "减交"
    EXEMPT = "免交"


@dataclass(frozen=True, slots=True)
class Bracket:
    """Bases up to and including ``limit_fen`` (None: no limit) pay ``rate_bp`` basis points."""

    limit_fen: int | None
    rate_bp: int


@dataclass(frozen=True, slots=True)
class DuesRules:
    """The rate tables and fixed amounts in force for a unit (rule settings)."""

    employed: tuple[Bracket, ...]
    retired: tuple[Bracket, ...]
    farmer_fen: int
    student_fen: int
    welfare_fen: int
    cap_fen: int
    rounding: str = "half_up"


OFFICIAL = DuesRules(
    employed=(
        Bracket(300_000, 50),
        Bracket(500_000, 100),
        Bracket(1_000_000, 150),
        Bracket(None, 200),
    ),
    retired=(Bracket(500_000, 50), Bracket(None, 100)),
    farmer_fen=50,
    student_fen=20,
    welfare_fen=20,
    cap_fen=100_000,
)


@dataclass(frozen=True, slots=True)
class DuesCalculation:
    """The monthly due and how it was reached, in words a secretary can check."""

    category: DuesCategory
    base_fen: int
    rate_bp: int | None
    computed_fen: int
    monthly_due_fen: int
    explanation: str


def bracket_rate(base_fen: int, brackets: tuple[Bracket, ...]) -> int:
    """Return the rate of the bracket the whole base falls in (upper bounds inclusive)."""
    for bracket in brackets:
        if bracket.limit_fen is None or base_fen <= bracket.limit_fen:
            return bracket.rate_bp
    raise ValueError("rate table has no open-ended bracket")


def calculate(
    category: DuesCategory,
    base_fen: int,
    rules: DuesRules = OFFICIAL,
    *,
    reduction: Reduction = Reduction.NONE,
    reduced_fen: int = 0,
    approval_ref: str = "",
    fixed_fen: int | None = None,
) -> DuesCalculation:
    """Compute a member's monthly due from the category and base (fen)."""
    rate: int | None = None
    if category in (DuesCategory.EMPLOYED, DuesCategory.ANNUAL_SALARY, DuesCategory.RETIRED):
        table = rules.retired if category is DuesCategory.RETIRED else rules.employed
        rate = bracket_rate(base_fen, table)
        computed = apply_rate(base_fen, rate, rules.rounding)
        words = f"{category.base_label} {yuan_grouped(base_fen)} 元，适用 {percent(rate)}"
        if computed > rules.cap_fen:
            words += (
                f"，计算得 {yuan_grouped(computed)} 元，按上限 {yuan_grouped(rules.cap_fen)} 元"
            )
            due = rules.cap_fen
        else:
            due = computed
    else:
        computed = due = _fixed(category, rules, fixed_fen)
        words = f"{category.value}党员按固定标准"
    if reduction is Reduction.EXEMPT:
        words += f"；经批准免交（{approval_ref}）" if approval_ref else "；免交"
        due = 0
    elif reduction is Reduction.REDUCED:
        words += f"；经批准减交为 {yuan_grouped(reduced_fen)} 元（{approval_ref}）"
        due = reduced_fen
    return DuesCalculation(
        category, base_fen, rate, computed, due, f"{words}，月应交 {yuan_grouped(due)} 元"
    )


def _fixed(category: DuesCategory, rules: DuesRules, fixed_fen: int | None) -> int:
    if category is DuesCategory.FARMER:
        return rules.farmer_fen
    if category in (DuesCategory.STUDENT, DuesCategory.UNEMPLOYED):
        return rules.student_fen
    if category is DuesCategory.WELFARE:
        return rules.welfare_fen
    return fixed_fen or 0


class PartKind(StrEnum):
    """How one line of an HR pay slip enters the dues base (2017通知)."""

    INCLUDED = "计入"
    DEDUCTED = "扣除"
    EXCLUDED = "不计入"


@dataclass(frozen=True, slots=True)
class BasePart:
    """One pay item: e.g. 基本工资 计入, 个人所得税 扣除, 住房补贴 不计入."""

    label: str
    amount_fen: int
    kind: PartKind


def base_from_parts(parts: tuple[BasePart, ...]) -> int:
    """Return the base: items counted in, less deductions (never below zero)."""
    total = sum(p.amount_fen for p in parts if p.kind is PartKind.INCLUDED)
    total -= sum(p.amount_fen for p in parts if p.kind is PartKind.DEDUCTED)
    return max(total, 0)


class MonthState(StrEnum):
    """What the ledger shows for one member and month."""

    PAID = "已交"
    PARTIAL = "未交足"
    OWED = "欠交"
    CURRENT = "本月待交"
    FUTURE = "未到期"
    PREPAID = "已预交"
    EXEMPT = "免交"
    OFF_ROLL = "不在册"
    UNASSESSED = "未核定"


def month_state(
    owed: bool, due_fen: int | None, paid_fen: int, exempt: bool, month_index: int, current: int
) -> MonthState:
    """Classify a month: ``month_index`` and ``current`` count months (year*12+month)."""
    if not owed:
        return MonthState.OFF_ROLL
    if due_fen is None:
        return MonthState.UNASSESSED
    if exempt or due_fen == 0:
        return MonthState.EXEMPT
    if paid_fen >= due_fen:
        return MonthState.PREPAID if month_index > current else MonthState.PAID
    if month_index > current:
        return MonthState.FUTURE
    if month_index == current:
        return MonthState.CURRENT if paid_fen == 0 else MonthState.PARTIAL
    return MonthState.OWED if paid_fen == 0 else MonthState.PARTIAL


UNPAID_STATES = frozenset({MonthState.OWED, MonthState.PARTIAL})
# 不交纳党费: months with nothing paid at all (a short payment is 欠交, not 不交).
NOT_PAID_STATES = frozenset({MonthState.OWED})


@dataclass(frozen=True, slots=True)
class LedgerMonth:
    state: MonthState
    due_fen: int | None
    paid_fen: int
    paid_on: date | None = None  # 缴纳日期 of the latest payment for the month
    collector: str = ""  # 经手人 of that payment


class _YearFigures:
    """The figures of a member's or a unit's year, read from ``dues`` (one rule: dues_owed)."""

    __slots__ = ()
    dues: MemberDues | YearDues

    @property
    def annual_due_fen(self) -> int | None:
        """Owed for the months ended by the as-of day; None while a month is unassessed."""
        return self.dues.owed_fen

    @property
    def annual_paid_fen(self) -> int:
        return self.dues.paid_fen

    @property
    def extra_fen(self) -> int:
        return self.dues.extra_fen

    @property
    def arrears_fen(self) -> int:
        return self.dues.arrears_fen


@dataclass(frozen=True, slots=True)
class LedgerRow(_YearFigures):
    """One member's line of the 党费收缴登记表; the year's figures are ``dues`` (dues_owed)."""

    number: int
    member_id: int
    name: str
    category: str
    monthly_due_fen: int | None
    months: tuple[LedgerMonth, ...]  # January … December
    dues: MemberDues
    note: str


@dataclass(frozen=True, slots=True)
class DuesLedger(_YearFigures):
    """The year's collection register, ready to print (amounts in fen)."""

    unit_name: str
    year: int
    as_of: str
    rows: tuple[LedgerRow, ...]
    month_totals: tuple[int, ...]
    dues: YearDues
    collector: str

    @property
    def remitted_fen(self) -> int | None:
        return self.dues.remitted_fen


@dataclass(frozen=True, slots=True)
class AssessmentRow:
    """One line of the 党费核定表; a member on the roll without an assessment has no base."""

    number: int
    name: str
    category: str
    parts: tuple[BasePart, ...]
    base_fen: int | None
    rate: str
    monthly_due_fen: int | None
    reduction: str
    approval_ref: str
    from_month: int
    explanation: str


@dataclass(frozen=True, slots=True)
class AssessmentSheet:
    unit_name: str
    year: int
    rows: tuple[AssessmentRow, ...]
    total_monthly_fen: int
    as_of: str = ""  # the roll is taken on this day (ISO); the sheet is dated with it


@dataclass(frozen=True, slots=True)
class DuesNotice:
    """The yearly public notice (党费收缴情况公示); its figures are ``dues`` (dues_owed)."""

    unit_name: str
    year: int
    dues: YearDues
    issued_on: str

    @property
    def members(self) -> int:
        return self.dues.payers

    @property
    def annual_paid_fen(self) -> int:
        return self.dues.paid_fen

    @property
    def remitted_fen(self) -> int | None:
        return self.dues.remitted_fen

    @property
    def large_fen(self) -> int:
        return self.dues.large_fen

    @property
    def unpaid_names(self) -> tuple[str, ...]:
        return self.dues.in_arrears
