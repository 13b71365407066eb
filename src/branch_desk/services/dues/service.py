"""Party dues (党费): yearly assessment, payments and reversals, remittances, the balance.

``DuesService`` is the use-case front of the area: it opens the unit of work, checks the forms
(``assessments.py``, ``payments.py``, ``remittances.py``) and writes through
``storage/repositories/dues.py``. The forms and records live in ``domain/dues_records.py``.
"""

from __future__ import annotations

from datetime import date

from ...domain.dues import DuesCalculation, DuesCategory, DuesRules
from ...domain.dues_records import (
    AssessmentInput,
    AssessmentRecord,
    PaymentInput,
    PaymentRecord,
    RemittanceInput,
    RemittanceRecord,
)
from ...domain.errors import NotFound, Problem, UserError, ValidationFailed
from ...domain.members import MemberCategory
from ...domain.text import as_typed
from ...storage.database import Database
from ...storage.repositories import Session, dues, units
from ..checking.rule_settings import SettingsService
from ..outcome import Area, Outcome, changed
from ..roster.people import load_facts
from .assessments import DEFAULT_CATEGORY, calculate, check_assessment, write_assessment
from .ledger import build_matrix, month_index
from .payments import allocate, check_payment, payment_entry, reversal_entry
from .remittances import check_remittance

# Re-exported: the forms and records are imported from here by many callers and tests.
__all__ = [
    "AssessmentInput",
    "AssessmentRecord",
    "DuesService",
    "PaymentInput",
    "PaymentRecord",
    "RemittanceInput",
    "RemittanceRecord",
]


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
        return calculate(data, self._rules(unit_id))

    def assess(self, member_id: int, year: int, data: AssessmentInput) -> Outcome[AssessmentRecord]:
        """Set a member's base and monthly due for ``year`` from ``data.from_month`` on."""
        _raise(check_assessment(data))
        with self.db.session() as s:
            member = dues.member(s, member_id)
            record = write_assessment(
                s,
                member,
                year,
                data,
                self._rules(member.unit_id),
                carried_from=None,
                now=self.db.now(),
            )
            return changed(record, Area.DUES)

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
                member = dues.member(s, member_id)
                rules = self._rules(member.unit_id)
                now = self.db.now()
                write_assessment(s, member, year, data, rules, carried_from=carried_from, now=now)
        return changed(len(items), Area.DUES)

    def assessments(self, unit_id: int, year: int) -> list[AssessmentRecord]:
        """Return the year's assessments of the unit's members (by member, then month)."""
        with self.db.session() as s:
            return dues.assessments(s, unit_id, year)

    def remove_assessment(self, assessment_id: int) -> Outcome[None]:
        """Delete an assessment entered by mistake (the audit log keeps what it was)."""
        with self.db.session() as s:
            dues.delete_assessment(s, assessment_id)
            return changed(None, Area.DUES)

    def default_category(self, category: MemberCategory) -> DuesCategory:
        return DEFAULT_CATEGORY[category]

    def _rules(self, unit_id: int) -> DuesRules:
        return self.settings.values(unit_id).dues_rules()

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
                    name = dues.member(s, member_id).name
                    raise UserError(f"{name}：{exc.message}（本次登记均未保存）") from None
            return changed(records, Area.DUES)

    def _pay(self, s: Session, member_id: int, data: PaymentInput) -> PaymentRecord:
        member = dues.member(s, member_id)
        values = self.settings.values(member.unit_id)
        first, last = month_index(data.first_month), month_index(data.last_month)
        _raise(check_payment(data, first, last, self.today(), values))
        facts = load_facts(s, member.unit_id, member_id)
        matrix = build_matrix(s, facts, first, last, month_index(self.today()))
        allocation, extra = allocate(matrix.member_cells(member_id), data.amount_fen)
        entry = payment_entry(member_id, data, allocation, extra)
        large = extra >= values.fen("dues.large_amount")
        return dues.add_payment(s, entry, now=self.db.now(), member_name=member.name, large=large)

    def reverse(self, payment_id: int, on: date, note: str) -> Outcome[PaymentRecord]:
        """Cancel a wrong payment with a reversal entry (the original stays in the record)."""
        if not as_typed(note):
            raise ValidationFailed([Problem("note", "冲销原因", "请填写冲销原因")])
        with self.db.session() as s:
            original = dues.payment(s, payment_id)
            if original is None:
                raise NotFound("找不到该缴费记录。")
            if original.reversal_of_id is not None:
                raise UserError("冲销记录不能再冲销；如冲销有误，请重新登记缴费。")
            if original.reversed:
                raise UserError("该缴费记录已冲销。")
            entry = reversal_entry(original, on, note)
            record = dues.add_payment(
                s, entry, now=self.db.now(), member_name=original.member_name, large=False
            )
            return changed(record, Area.DUES)

    def payments(self, unit_id: int, year: int | None = None) -> list[PaymentRecord]:
        """Return payments (and reversals) of the unit's members, by date."""
        with self.db.session() as s:
            large_floor = self.settings.values(unit_id).fen("dues.large_amount")
            return dues.payments(s, unit_id, year, large_floor)

    # ---- remittances ---------------------------------------------------------------------

    def remit(self, unit_id: int, data: RemittanceInput) -> Outcome[RemittanceRecord]:
        """Record dues handed up to the upper committee."""
        _raise(check_remittance(data, self.today()))
        with self.db.session() as s:
            units.require(s, unit_id)
            return changed(dues.add_remittance(s, unit_id, data, now=self.db.now()), Area.DUES)

    def remittances(self, unit_id: int, year: int | None = None) -> list[RemittanceRecord]:
        with self.db.session() as s:
            return dues.remittances(s, unit_id, year)

    def balance(self, unit_id: int) -> int:
        """Return dues collected but not yet remitted (fen)."""
        with self.db.session() as s:
            return dues.collected(s, unit_id) - dues.remitted(s, unit_id)


def _raise(problems: list[Problem]) -> None:
    if any(p.is_error for p in problems):
        raise ValidationFailed(problems)
