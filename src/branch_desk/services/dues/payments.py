"""Payments of dues: checking the form, giving each month its due, reversals."""

from __future__ import annotations

from datetime import date

from ...domain.copying import record_from
from ...domain.dues_records import PAYMENT_METHODS, PaymentEntry, PaymentInput, PaymentRecord
from ...domain.errors import Problem, UserError
from ...domain.money import yuan
from ...domain.rules.settings import RuleValues
from ...domain.text import as_typed, clean
from .ledger import MonthCell, month_index, month_label, month_start


def check_payment(
    data: PaymentInput, first: int, last: int, today: date, values: RuleValues
) -> list[Problem]:
    """Return the problems with a payment of months ``first``…``last`` (month indexes)."""
    problems = []
    paid_month = month_index(data.paid_on)
    if data.amount_fen <= 0:
        problems.append(Problem("amount", "金额", "应大于0"))
    if last < first:
        problems.append(Problem("months", "所交月份", "结束月份不能早于开始月份"))
    if data.paid_on > today:
        problems.append(Problem("paid_on", "缴纳日期", "不能晚于今天"))
    if data.method not in PAYMENT_METHODS:
        problems.append(Problem("method", "缴纳方式", f"应为：{'、'.join(PAYMENT_METHODS)}"))
    backpay = values.number("dues.backpay_months")
    prepay = values.number("dues.prepay_months")
    if paid_month - first > backpay:
        problems.append(
            Problem(
                "months",
                "所交月份",
                f"补交{month_label(first)}党费已超过{backpay}个月的补交期限，须经支部研究后按有关规定处理",
            )
        )
    if last - paid_month > prepay:
        problems.append(
            Problem(
                "months",
                "所交月份",
                f"预交不能超过{prepay}个月（至{month_label(paid_month + prepay)}）",
            )
        )
    return problems


def allocate(cells: list[MonthCell], amount: int) -> tuple[list[tuple[int, int]], int]:
    """Give each month its unpaid due; the rest is a voluntary extra on the last month."""
    allocation: list[tuple[int, int]] = []
    remaining = amount
    for cell in cells:
        if not cell.owed:
            raise UserError(f"{month_label(cell.index)}该党员不在本支部名册中，无需在此交纳党费。")
        if cell.due_fen is None:
            raise UserError(f"{month_label(cell.index)}尚未核定党费基数，请先核定。")
        open_due = max(cell.due_fen - cell.paid_fen, 0)
        if cell.due_fen > 0 and open_due == 0:
            raise UserError(f"{month_label(cell.index)}党费已交清。")
        allocation.append((cell.index, open_due))
        remaining -= open_due
    if remaining < 0:
        need = amount - remaining
        raise UserError(f"金额不足：所选月份应交合计 {yuan(need)} 元，本次只交 {yuan(amount)} 元。")
    if remaining:
        index, part = allocation[-1]
        allocation[-1] = (index, part + remaining)
    return allocation, remaining


def payment_entry(
    member_id: int, data: PaymentInput, allocation: list[tuple[int, int]], extra: int
) -> PaymentEntry:
    """The payment to write for a form whose amount was allocated to months."""
    return PaymentEntry(
        member_id=member_id,
        paid_on=data.paid_on,
        amount_fen=data.amount_fen,
        extra_fen=extra,
        months=tuple((month_start(i), a) for i, a in allocation),
        method=data.method,
        collector=clean(data.collector),
        note=data.note.strip(),
    )


def reversal_entry(original: PaymentRecord, on: date, note: str) -> PaymentEntry:
    """The entry that cancels ``original``: the same months and amounts, negated."""
    return record_from(
        PaymentEntry,
        original,
        paid_on=on,
        amount_fen=-original.amount_fen,
        extra_fen=-original.extra_fen,
        months=tuple((month, -amount) for month, amount in original.months),
        note=as_typed(note),
        reversal_of_id=original.id,
    )
