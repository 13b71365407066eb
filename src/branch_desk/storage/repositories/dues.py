"""Party dues: assessments (核定), payments and their months, remittances (上缴), members' refs.

Every function takes the use case's open ``Session`` and gives back records from
``domain/dues_records.py`` or plain values (ids, sums, tuples); no ORM row leaves this module.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from ...domain.copying import field_names, record_from, values_of
from ...domain.dues import BasePart, DuesCalculation, DuesCategory, PartKind, Reduction
from ...domain.dues_records import (
    AssessmentInput,
    AssessmentRecord,
    DuesMember,
    PaymentEntry,
    PaymentRecord,
    RemittanceInput,
    RemittanceRecord,
)
from ...domain.text import as_typed
from ..models import DuesAssessment, DuesPayment, DuesPaymentMonth, DuesRemittance, Member
from .plain import Dates, plain_rows
from .rows import existing, member_missing

_CHUNK = 5000  # ids per IN (…) list, well below SQLite's variable limit

# ---- members ---------------------------------------------------------------------------------


def member(s: Session, member_id: int) -> DuesMember:
    """The member ``member_id``; NotFound (in Chinese) when there is none."""
    return _member_record(existing(s, Member, member_id, member_missing(member_id)))


def unit_members(s: Session, unit_id: int) -> list[DuesMember]:
    """Every member ever on the unit's roll, by id."""
    query = select(Member).where(Member.unit_id == unit_id).order_by(Member.id)
    return [_member_record(row) for row in s.scalars(query)]


def _member_record(row: Member) -> DuesMember:
    return DuesMember(row.id, row.unit_id, row.name, row.category, row.id_number)


# ---- assessments -----------------------------------------------------------------------------


def put_assessment(
    s: Session,
    member: DuesMember,
    year: int,
    data: AssessmentInput,
    calc: DuesCalculation,
    *,
    carried_from: int | None,
    now: datetime,
) -> AssessmentRecord:
    """Write the member's assessment for ``year`` from ``data.from_month`` (replacing one there)."""
    row = s.scalar(
        select(DuesAssessment).where(
            DuesAssessment.member_id == member.id,
            DuesAssessment.year == year,
            DuesAssessment.from_month == data.from_month,
        )
    )
    if row is None:
        row = DuesAssessment(
            member_id=member.id, year=year, from_month=data.from_month, created_at=now
        )
        s.add(row)
    row.category = data.category.value
    row.base_fen = calc.base_fen
    row.parts = _parts_json(data.parts)
    row.rate_bp = calc.rate_bp
    row.computed_fen = calc.computed_fen
    row.monthly_due_fen = calc.monthly_due_fen
    row.reduction = data.reduction.value
    row.approval_ref = as_typed(data.approval_ref)
    row.explanation = calc.explanation
    row.note = data.note.strip()
    row.carried_from = carried_from
    s.flush()
    return _assessment_record(row, member.name)


def assessments(s: Session, unit_id: int, year: int) -> list[AssessmentRecord]:
    """The year's assessments of the unit's members (by member, then month)."""
    rows = s.execute(
        select(DuesAssessment, Member.name)
        .join(Member, Member.id == DuesAssessment.member_id)
        .where(Member.unit_id == unit_id, DuesAssessment.year == year)
        .order_by(Member.id, DuesAssessment.from_month)
    ).all()
    return [_assessment_record(row, name) for row, name in rows]


def delete_assessment(s: Session, assessment_id: int) -> None:
    """Delete one assessment; NotFound when there is none."""
    s.delete(existing(s, DuesAssessment, assessment_id, "找不到该核定记录。"))


def confirm_carried(s: Session, unit_id: int, year: int, member_ids: set[int] | None) -> int:
    """Clear the 沿用 mark of the year's carried bases (of some members); return how many."""
    members = select(Member.id).where(Member.unit_id == unit_id)
    if member_ids is not None:
        members = members.where(Member.id.in_(sorted(member_ids)))
    result = s.execute(
        update(DuesAssessment)
        .where(
            DuesAssessment.year == year,
            DuesAssessment.carried_from.is_not(None),
            DuesAssessment.member_id.in_(members),
        )
        .values(carried_from=None)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def month_plans(
    s: Session, member_ids: list[int], years: range
) -> list[tuple[int, int, int, int, bool]]:
    """(member, year, from_month, monthly due, exempt) of the members' assessments in ``years``.

    Ordered by year, then from_month (sorted here: an ORDER BY makes SQLite walk the year
    index over every member's assessments instead of the member index, 7× slower).
    """
    found: list[tuple[int, int, int, int, bool]] = []
    for start in range(0, len(member_ids), _CHUNK):
        chunk = member_ids[start : start + _CHUNK]
        for member_id, year, from_month, due, reduction in s.execute(
            select(
                DuesAssessment.member_id,
                DuesAssessment.year,
                DuesAssessment.from_month,
                DuesAssessment.monthly_due_fen,
                DuesAssessment.reduction,
            ).where(DuesAssessment.member_id.in_(chunk), DuesAssessment.year.in_(list(years)))
        ):
            found.append((member_id, year, from_month, due, reduction == Reduction.EXEMPT.value))
    return sorted(found, key=lambda plan: (plan[1], plan[2]))


def _parts_json(parts: tuple[BasePart, ...]) -> str:
    if not parts:
        return ""
    return json.dumps(
        [
            {"label": as_typed(p.label), "amount_fen": p.amount_fen, "kind": p.kind.value}
            for p in parts
        ],
        ensure_ascii=False,
    )


def _parts(text: str) -> tuple[BasePart, ...]:
    if not text:
        return ()
    return tuple(
        BasePart(p["label"], int(p["amount_fen"]), PartKind(p["kind"])) for p in json.loads(text)
    )


def _assessment_record(row: DuesAssessment, name: str) -> AssessmentRecord:
    return record_from(
        AssessmentRecord,
        row,
        member_name=name,
        category=DuesCategory(row.category),
        parts=_parts(row.parts),
        reduction=Reduction(row.reduction),
    )


# ---- payments --------------------------------------------------------------------------------


def add_payment(
    s: Session, entry: PaymentEntry, *, now: datetime, member_name: str, large: bool
) -> PaymentRecord:
    """Write one payment (or reversal) with its months and return it."""
    row = _payment_row(entry, now)
    s.add(row)
    s.flush()
    return _payment_record(row, member_name, False, large)


def add_payments(s: Session, entries: list[PaymentEntry], *, now: datetime) -> int:
    """Write many payments at once (an import); return how many."""
    s.add_all(_payment_row(entry, now) for entry in entries)
    return len(entries)


def payment(s: Session, payment_id: int) -> PaymentRecord | None:
    """One payment with its months and member's name (``large`` left False), or None."""
    found = s.execute(
        select(DuesPayment, Member.name)
        .join(Member, Member.id == DuesPayment.member_id)
        .where(DuesPayment.id == payment_id)
    ).first()
    if found is None:
        return None
    row, name = found
    return _payment_record(row, name, is_reversed(s, payment_id), False)


def is_reversed(s: Session, payment_id: int) -> bool:
    """Whether a reversal entry cancels the payment."""
    return bool(
        s.scalar(
            select(func.count())
            .select_from(DuesPayment)
            .where(DuesPayment.reversal_of_id == payment_id)
        )
    )


def payments(s: Session, unit_id: int, year: int | None, large_floor: int) -> list[PaymentRecord]:
    """Payments (and reversals) of the unit's members, by date; large from ``large_floor`` up."""
    where = [Member.unit_id == unit_id]
    if year is not None:
        where.append(DuesPayment.paid_on.between(date(year, 1, 1), date(year, 12, 31)))
    query = select(DuesPayment.__table__, Member.name).join(Member).where(*where)  # columns
    rows = s.execute(query.order_by(DuesPayment.paid_on, DuesPayment.id)).all()
    months: dict[int, list[tuple[date, int]]] = {r.id: [] for r in rows}
    shares = select(
        DuesPaymentMonth.payment_id, DuesPaymentMonth.month, DuesPaymentMonth.amount_fen
    )
    shares = shares.join(DuesPayment).join(Member, Member.id == DuesPayment.member_id).where(*where)
    for payment_id, month, amount in s.execute(shares.order_by(DuesPaymentMonth.month)):
        months[payment_id].append((month, amount))
    reversed_ids = set(
        s.scalars(select(DuesPayment.reversal_of_id).where(DuesPayment.reversal_of_id.is_not(None)))
    )
    return [
        _payment_record(r, r.name, r.id in reversed_ids, r.extra_fen >= large_floor, months[r.id])
        for r in rows
    ]


def month_payments(
    s: Session, member_ids: list[int], first: date, last: date, paid_by: date | None
) -> list[tuple[int, date, int, date, str]]:
    """(member, month, amount, paid on, collector) of the month shares between two months.

    With ``paid_by``, only payments (and reversals) dated up to that day.
    """
    found: list[tuple[int, date, int, date, str]] = []
    as_date = Dates()
    for start in range(0, len(member_ids), _CHUNK):
        query = (
            select(
                DuesPaymentMonth.member_id,
                DuesPaymentMonth.month,
                DuesPaymentMonth.amount_fen,
                DuesPayment.paid_on,
                DuesPayment.collector,
            )
            .join(DuesPayment, DuesPayment.id == DuesPaymentMonth.payment_id)
            .where(
                DuesPaymentMonth.member_id.in_(member_ids[start : start + _CHUNK]),
                DuesPaymentMonth.month >= first,
                DuesPaymentMonth.month <= last,
            )
        )
        if paid_by is not None:
            query = query.where(DuesPayment.paid_on <= paid_by)
        found.extend(
            (member_id, as_date(month), amount, as_date(paid_on), collector or "")
            for member_id, month, amount, paid_on, collector in plain_rows(s, query)
        )
    return found


def collected(s: Session, unit_id: int) -> int:
    """All dues paid by the unit's members, net of reversals (fen)."""
    total = s.scalar(
        select(func.coalesce(func.sum(DuesPayment.amount_fen), 0))
        .join(Member, Member.id == DuesPayment.member_id)
        .where(Member.unit_id == unit_id)
    )
    return int(total or 0)


# Every field of a payment as written is a column of its row, but the months (rows of their own).
_PAYMENT_COLUMNS = tuple(name for name in field_names(PaymentEntry) if name != "months")


def _payment_row(entry: PaymentEntry, now: datetime) -> DuesPayment:
    row = DuesPayment(**values_of(entry, _PAYMENT_COLUMNS), created_at=now)
    row.months = [
        DuesPaymentMonth(member_id=entry.member_id, month=month, amount_fen=amount)
        for month, amount in entry.months
    ]
    return row


def _payment_record(
    row: Any, name: str, reversed_: bool, large: bool, months: list[tuple[date, int]] | None = None
) -> PaymentRecord:
    """A payment from its row (an ORM object, or its columns with ``months`` read apart)."""
    return record_from(
        PaymentRecord,
        row,
        member_name=name,
        months=tuple(
            months if months is not None else ((m.month, m.amount_fen) for m in row.months)
        ),
        reversed=reversed_,
        large=large,
    )


# ---- remittances -----------------------------------------------------------------------------


def add_remittance(
    s: Session, unit_id: int, data: RemittanceInput, *, now: datetime
) -> RemittanceRecord:
    """Write dues handed up to the upper committee (text as typed, note stripped)."""
    row = DuesRemittance(
        unit_id=unit_id,
        remitted_on=data.remitted_on,
        amount_fen=data.amount_fen,
        large_fen=data.large_fen,
        covers=as_typed(data.covers),
        receipt_no=as_typed(data.receipt_no),
        note=data.note.strip(),
        created_at=now,
    )
    s.add(row)
    s.flush()
    return _remittance_record(row)


def remittances(s: Session, unit_id: int, year: int | None) -> list[RemittanceRecord]:
    """The unit's remittances (of one year), by date."""
    query = select(DuesRemittance).where(DuesRemittance.unit_id == unit_id)
    if year is not None:
        query = query.where(func.strftime("%Y", DuesRemittance.remitted_on) == str(year))
    return [_remittance_record(r) for r in s.scalars(query.order_by(DuesRemittance.remitted_on))]


def remitted(s: Session, unit_id: int) -> int:
    """All dues the unit has handed up (fen)."""
    total = s.scalar(
        select(func.coalesce(func.sum(DuesRemittance.amount_fen), 0)).where(
            DuesRemittance.unit_id == unit_id
        )
    )
    return int(total or 0)


def _remittance_record(row: DuesRemittance) -> RemittanceRecord:
    return record_from(RemittanceRecord, row)
