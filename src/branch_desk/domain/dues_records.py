"""Dues records and forms: assessments (核定), payments and reversals, remittances (上缴).

The forms (``…Input``) are what a secretary fills in; the records are what storage gives back.
``PaymentEntry`` is a payment as it is written, with the amount given to each month.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .dues import BasePart, DuesCategory, Reduction

# How a payment was made (缴纳方式).
PAYMENT_METHODS = ("现金", "银行转账", "微信", "支付宝", "其他")


@dataclass(frozen=True, slots=True)
class DuesMember:
    """What the dues area needs to know of a member: who, in which unit, which category."""

    id: int
    unit_id: int
    name: str
    category: str
    id_number: str | None


@dataclass(frozen=True, slots=True)
class AssessmentInput:
    """The form of the 核定: category, base (or its parts), relief with its approval."""

    category: DuesCategory
    base_fen: int = 0
    parts: tuple[BasePart, ...] = ()
    reduction: Reduction = Reduction.NONE
    reduced_fen: int = 0
    approval_ref: str = ""
    fixed_fen: int | None = None
    from_month: int = 1
    note: str = ""


@dataclass(frozen=True, slots=True)
class AssessmentRecord:
    id: int
    member_id: int
    member_name: str
    year: int
    from_month: int
    category: DuesCategory
    base_fen: int
    parts: tuple[BasePart, ...]
    rate_bp: int | None
    computed_fen: int
    monthly_due_fen: int
    reduction: Reduction
    approval_ref: str
    explanation: str
    note: str
    carried_from: int | None = None  # 沿用: the year the base was carried from, until confirmed


@dataclass(frozen=True, slots=True)
class PaymentInput:
    first_month: date
    last_month: date
    amount_fen: int
    paid_on: date
    method: str = "现金"
    collector: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class PaymentEntry:
    """A payment (or its reversal) as written: each month covered with the amount it got."""

    member_id: int
    paid_on: date
    amount_fen: int
    extra_fen: int
    months: tuple[tuple[date, int], ...]
    method: str
    collector: str
    note: str
    reversal_of_id: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class PaymentRecord(PaymentEntry):
    """A payment as stored: the entry with its id, the member's name, reversed, large."""

    id: int
    member_name: str
    reversed: bool
    large: bool

    @property
    def span(self) -> str:
        """Return e.g. '2024年1月—3月' for the months covered."""
        if not self.months:
            return ""
        first, last = self.months[0][0], self.months[-1][0]
        if first == last:
            return f"{first.year}年{first.month}月"
        if first.year == last.year:
            return f"{first.year}年{first.month}月—{last.month}月"
        return f"{first.year}年{first.month}月—{last.year}年{last.month}月"


@dataclass(frozen=True, slots=True)
class RemittanceInput:
    remitted_on: date
    amount_fen: int
    large_fen: int = 0
    covers: str = ""
    receipt_no: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class RemittanceRecord(RemittanceInput):
    """Dues handed up, as stored: the form with its id and unit."""

    id: int
    unit_id: int


@dataclass(frozen=True, slots=True)
class CarryResult:
    """What 沿用上年基数 did (or would do) for a year."""

    year: int
    carried: tuple[str, ...]  # members given last year's base
    kept: int  # members already assessed for the year (left as they are)
    missing: tuple[str, ...]  # members owing in the year with no base last year
