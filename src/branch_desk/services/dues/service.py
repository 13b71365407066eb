"""Party dues (党费): yearly assessment, payments and reversals, remittances, ledger, arrears."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...domain.dues import (
    BasePart,
    DuesCalculation,
    DuesCategory,
    PartKind,
    Reduction,
    base_from_parts,
    calculate,
)
from ...domain.errors import NotFound, Problem, UserError, ValidationFailed
from ...domain.members import MemberCategory
from ...domain.money import yuan
from ...domain.text import as_typed, clean
from ...storage.database import Database
from ...storage.models import (
    DuesAssessment,
    DuesPayment,
    DuesPaymentMonth,
    DuesRemittance,
    Member,
)
from ...storage.repositories import units
from ..checking.rule_settings import SettingsService
from ..outcome import Area, Outcome, changed
from ..roster.people import load_facts
from .ledger import build_matrix, month_index, month_label, month_start

# How a payment was made (缴纳方式).
PAYMENT_METHODS = ("现金", "银行转账", "微信", "支付宝", "其他")
DEFAULT_CATEGORY = {
    MemberCategory.EMPLOYED: DuesCategory.EMPLOYED,
    MemberCategory.RETIRED: DuesCategory.RETIRED,
    MemberCategory.STUDENT: DuesCategory.STUDENT,
    MemberCategory.FARMER: DuesCategory.FARMER,
    MemberCategory.OTHER: DuesCategory.OTHER,
}


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
class PaymentRecord:
    id: int
    member_id: int
    member_name: str
    paid_on: date
    amount_fen: int
    extra_fen: int
    months: tuple[tuple[date, int], ...]
    method: str
    collector: str
    reversal_of_id: int | None
    reversed: bool
    large: bool
    note: str

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


@dataclass(frozen=True, slots=True)
class RemittanceRecord:
    id: int
    unit_id: int
    remitted_on: date
    amount_fen: int
    large_fen: int
    covers: str
    receipt_no: str
    note: str


class DuesService:
    """Assess, collect and remit dues; every write is audited, nothing is edited in place."""

    def __init__(self, db: Database, settings: SettingsService) -> None:
        self.db = db
        self.settings = settings

    def today(self) -> date:
        """Return today's date (the database clock, fixed in tests)."""
        return self.db.clock().date()

    # ---- assessment ----------------------------------------------------------------------

    def calculate(self, unit_id: int, data: AssessmentInput) -> DuesCalculation:
        """Return the monthly due and its explanation under the unit's rules (no write)."""
        rules = self.settings.values(unit_id).dues_rules()
        base = base_from_parts(data.parts) if data.parts else data.base_fen
        return calculate(
            data.category,
            base,
            rules,
            reduction=data.reduction,
            reduced_fen=data.reduced_fen,
            approval_ref=as_typed(data.approval_ref),
            fixed_fen=data.fixed_fen,
        )

    def assess(self, member_id: int, year: int, data: AssessmentInput) -> Outcome[AssessmentRecord]:
        """Set a member's base and monthly due for ``year`` from ``data.from_month`` on."""
        _raise(check_assessment(data))
        with self.db.session() as s:
            member = _member(s, member_id)
            row = self._write_assessment(s, member, year, data)
            return changed(_assessment_record(row, member.name), Area.DUES)

    def assess_many(
        self,
        year: int,
        items: list[tuple[int, AssessmentInput]],
        carried_from: int | None = None,
    ) -> Outcome[int]:
        """Set several members' assessments in one transaction (all or nothing).

        With ``carried_from`` the bases are marked 沿用 (carried from that year, not yet
        confirmed); otherwise they count as assessed.
        """
        for _, data in items:
            _raise(check_assessment(data))
        with self.db.session() as s:
            for member_id, data in items:
                self._write_assessment(s, _member(s, member_id), year, data, carried_from)
        return changed(len(items), Area.DUES)

    def _write_assessment(
        self,
        s: Session,
        member: Member,
        year: int,
        data: AssessmentInput,
        carried_from: int | None = None,
    ) -> DuesAssessment:
        calc = self.calculate(member.unit_id, data)
        row = s.scalar(
            select(DuesAssessment).where(
                DuesAssessment.member_id == member.id,
                DuesAssessment.year == year,
                DuesAssessment.from_month == data.from_month,
            )
        )
        if row is None:
            row = DuesAssessment(
                member_id=member.id, year=year, from_month=data.from_month, created_at=self.db.now()
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
        return row

    def assessments(self, unit_id: int, year: int) -> list[AssessmentRecord]:
        """Return the year's assessments of the unit's members (by member, then month)."""
        with self.db.session() as s:
            rows = s.execute(
                select(DuesAssessment, Member.name)
                .join(Member, Member.id == DuesAssessment.member_id)
                .where(Member.unit_id == unit_id, DuesAssessment.year == year)
                .order_by(Member.id, DuesAssessment.from_month)
            ).all()
            return [_assessment_record(row, name) for row, name in rows]

    def remove_assessment(self, assessment_id: int) -> Outcome[None]:
        """Delete an assessment entered by mistake (the audit log keeps what it was)."""
        with self.db.session() as s:
            row = s.get(DuesAssessment, assessment_id)
            if row is None:
                raise NotFound("找不到该核定记录。")
            s.delete(row)
            return changed(None, Area.DUES)

    def default_category(self, category: MemberCategory) -> DuesCategory:
        return DEFAULT_CATEGORY[category]

    # ---- payments ------------------------------------------------------------------------

    def pay(self, member_id: int, data: PaymentInput) -> Outcome[PaymentRecord]:
        """Record a payment for one or several months; the amount must cover their dues."""
        with self.db.session() as s:
            return changed(self._pay(s, member_id, data), Area.DUES)

    def pay_many(self, items: list[tuple[int, PaymentInput]]) -> Outcome[list[PaymentRecord]]:
        """Record several payments (a 党费日) in one transaction: all of them or none.

        A problem with any one raises a UserError naming that member; nothing is saved.
        """
        with self.db.session() as s:
            records = []
            for member_id, data in items:
                try:
                    records.append(self._pay(s, member_id, data))
                except UserError as exc:
                    name = _member(s, member_id).name
                    raise UserError(f"{name}：{exc.message}（本次登记均未保存）") from None
            return changed(records, Area.DUES)

    def _pay(self, s: Session, member_id: int, data: PaymentInput) -> PaymentRecord:
        member = _member(s, member_id)
        values = self.settings.values(member.unit_id)
        first, last = month_index(data.first_month), month_index(data.last_month)
        _raise(check_payment(data, first, last, self.today(), values))
        facts = load_facts(s, member.unit_id, member_id)
        matrix = build_matrix(s, facts, first, last, month_index(self.today()))
        allocation, extra = _allocate(matrix.member_cells(member_id), data.amount_fen)
        row = DuesPayment(
            member_id=member_id,
            paid_on=data.paid_on,
            amount_fen=data.amount_fen,
            extra_fen=extra,
            method=data.method,
            collector=clean(data.collector),
            note=data.note.strip(),
            created_at=self.db.now(),
        )
        row.months = [
            DuesPaymentMonth(member_id=member_id, month=month_start(i), amount_fen=a)
            for i, a in allocation
        ]
        s.add(row)
        s.flush()
        large = extra >= values.fen("dues.large_amount")
        return _payment_record(row, member.name, False, large)

    def reverse(self, payment_id: int, on: date, note: str) -> Outcome[PaymentRecord]:
        """Cancel a wrong payment with a reversal entry (the original stays in the record)."""
        if not as_typed(note):
            raise ValidationFailed([Problem("note", "冲销原因", "请填写冲销原因")])
        with self.db.session() as s:
            original = s.get(DuesPayment, payment_id)
            if original is None:
                raise NotFound("找不到该缴费记录。")
            if original.reversal_of_id is not None:
                raise UserError("冲销记录不能再冲销；如冲销有误，请重新登记缴费。")
            if _is_reversed(s, payment_id):
                raise UserError("该缴费记录已冲销。")
            member = _member(s, original.member_id)
            row = DuesPayment(
                member_id=original.member_id,
                paid_on=on,
                amount_fen=-original.amount_fen,
                extra_fen=-original.extra_fen,
                method=original.method,
                collector=original.collector,
                reversal_of_id=original.id,
                note=as_typed(note),
                created_at=self.db.now(),
            )
            row.months = [
                DuesPaymentMonth(member_id=m.member_id, month=m.month, amount_fen=-m.amount_fen)
                for m in original.months
            ]
            s.add(row)
            s.flush()
            return changed(_payment_record(row, member.name, False, False), Area.DUES)

    def payments(self, unit_id: int, year: int | None = None) -> list[PaymentRecord]:
        """Return payments (and reversals) of the unit's members, by date."""
        with self.db.session() as s:
            query = (
                select(DuesPayment, Member.name)
                .join(Member, Member.id == DuesPayment.member_id)
                .where(Member.unit_id == unit_id)
                .order_by(DuesPayment.paid_on, DuesPayment.id)
            )
            if year is not None:
                query = query.where(func.strftime("%Y", DuesPayment.paid_on) == str(year))
            rows = s.execute(query).all()
            reversed_ids = set(
                s.scalars(
                    select(DuesPayment.reversal_of_id).where(
                        DuesPayment.reversal_of_id.is_not(None)
                    )
                )
            )
            large_floor = self.settings.values(unit_id).fen("dues.large_amount")
            return [
                _payment_record(r, name, r.id in reversed_ids, r.extra_fen >= large_floor)
                for r, name in rows
            ]

    # ---- remittances ---------------------------------------------------------------------

    def remit(self, unit_id: int, data: RemittanceInput) -> Outcome[RemittanceRecord]:
        """Record dues handed up to the upper committee."""
        problems = []
        if data.amount_fen <= 0:
            problems.append(Problem("amount", "上缴金额", "应大于0"))
        if not 0 <= data.large_fen <= data.amount_fen:
            problems.append(Problem("large", "其中大额党费", "应在0与上缴金额之间"))
        if data.remitted_on > self.today():
            problems.append(Problem("remitted_on", "上缴日期", "不能晚于今天"))
        _raise(problems)
        with self.db.session() as s:
            units.require(s, unit_id)
            row = DuesRemittance(
                unit_id=unit_id,
                remitted_on=data.remitted_on,
                amount_fen=data.amount_fen,
                large_fen=data.large_fen,
                covers=as_typed(data.covers),
                receipt_no=as_typed(data.receipt_no),
                note=data.note.strip(),
                created_at=self.db.now(),
            )
            s.add(row)
            s.flush()
            return changed(_remittance_record(row), Area.DUES)

    def remittances(self, unit_id: int, year: int | None = None) -> list[RemittanceRecord]:
        with self.db.session() as s:
            query = select(DuesRemittance).where(DuesRemittance.unit_id == unit_id)
            if year is not None:
                query = query.where(func.strftime("%Y", DuesRemittance.remitted_on) == str(year))
            return [
                _remittance_record(r) for r in s.scalars(query.order_by(DuesRemittance.remitted_on))
            ]

    def balance(self, unit_id: int) -> int:
        """Return dues collected but not yet remitted (fen)."""
        with self.db.session() as s:
            collected = s.scalar(
                select(func.coalesce(func.sum(DuesPayment.amount_fen), 0))
                .join(Member, Member.id == DuesPayment.member_id)
                .where(Member.unit_id == unit_id)
            )
            remitted = s.scalar(
                select(func.coalesce(func.sum(DuesRemittance.amount_fen), 0)).where(
                    DuesRemittance.unit_id == unit_id
                )
            )
            return int(collected or 0) - int(remitted or 0)


def _raise(problems: list[Problem]) -> None:
    if any(p.is_error for p in problems):
        raise ValidationFailed(problems)


def _member(s: Session, member_id: int) -> Member:
    row = s.get(Member, member_id)
    if row is None:
        raise NotFound(f"找不到编号为 {member_id} 的党员。")
    return row


def check_assessment(data: AssessmentInput) -> list[Problem]:
    """Return the problems with an assessment form (base, relief and its approval)."""
    problems = []
    if not 1 <= data.from_month <= 12:
        problems.append(Problem("from_month", "起始月份", "应为1至12月"))
    if data.base_fen < 0 or any(p.amount_fen < 0 for p in data.parts):
        problems.append(Problem("base", "计算基数", "金额不能为负"))
    if data.category.has_base and not data.parts and data.base_fen == 0:
        problems.append(Problem("base", data.category.base_label, "请填写月基数"))
    if (
        data.category is DuesCategory.OTHER
        and not data.fixed_fen
        and data.reduction is Reduction.NONE
    ):
        problems.append(Problem("fixed", "月应交", "“其他”类别须直接填写每月应交金额"))
    if data.reduction is not Reduction.NONE and not clean(data.approval_ref):
        problems.append(
            Problem(
                "approval_ref", "批准文号", "减交、免交须经支部研究并报上级批准，请填写批准文号"
            )
        )
    if data.reduction is Reduction.REDUCED and data.reduced_fen <= 0:
        problems.append(Problem("reduced", "减交后月应交", "应大于0（全部免交请选“免交”）"))
    return problems


def check_payment(data: PaymentInput, first: int, last: int, today: date, values) -> list[Problem]:  # type: ignore[no-untyped-def]
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


def _allocate(cells: list, amount: int) -> tuple[list[tuple[int, int]], int]:  # type: ignore[type-arg]
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


def _is_reversed(s: Session, payment_id: int) -> bool:
    return bool(
        s.scalar(
            select(func.count())
            .select_from(DuesPayment)
            .where(DuesPayment.reversal_of_id == payment_id)
        )
    )


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
    return AssessmentRecord(
        id=row.id,
        member_id=row.member_id,
        member_name=name,
        year=row.year,
        from_month=row.from_month,
        category=DuesCategory(row.category),
        base_fen=row.base_fen,
        parts=_parts(row.parts),
        rate_bp=row.rate_bp,
        computed_fen=row.computed_fen,
        monthly_due_fen=row.monthly_due_fen,
        reduction=Reduction(row.reduction),
        approval_ref=row.approval_ref,
        explanation=row.explanation,
        note=row.note,
        carried_from=row.carried_from,
    )


def _payment_record(row: DuesPayment, name: str, reversed_: bool, large: bool) -> PaymentRecord:
    return PaymentRecord(
        id=row.id,
        member_id=row.member_id,
        member_name=name,
        paid_on=row.paid_on,
        amount_fen=row.amount_fen,
        extra_fen=row.extra_fen,
        months=tuple((m.month, m.amount_fen) for m in row.months),
        method=row.method,
        collector=row.collector,
        reversal_of_id=row.reversal_of_id,
        reversed=reversed_,
        large=large,
        note=row.note,
    )


def _remittance_record(row: DuesRemittance) -> RemittanceRecord:
    return RemittanceRecord(
        row.id,
        row.unit_id,
        row.remitted_on,
        row.amount_fen,
        row.large_fen,
        row.covers,
        row.receipt_no,
        row.note,
    )
