"""Party dues (党费): categories, the official rate table, and the monthly due with its reason.

RULES part D: the rate is chosen by the bracket the *whole* base falls in (flat, not marginal),
upper bounds inclusive; the monthly due is capped; some categories pay a fixed amount.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

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
