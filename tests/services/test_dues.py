from datetime import date

import pytest

from branch_desk.domain.dues import DuesCategory, MonthState, Reduction
from branch_desk.domain.errors import UserError, ValidationFailed
from branch_desk.domain.members import Gender, MemberCategory, PartyStatus, StatusChangeKind
from branch_desk.domain.money import parse_yuan
from branch_desk.services.app import BranchDesk
from branch_desk.services.dues.service import AssessmentInput, PaymentInput, RemittanceInput
from branch_desk.services.roster.members import StatusChangeInput
from tests.conftest import member_input

TODAY = date(2026, 11, 20)  # the fixtures' clock


def employed(desk: BranchDesk, member_id: int, year: int, base: str = "4800", month: int = 1):
    data = AssessmentInput(DuesCategory.EMPLOYED, parse_yuan(base), from_month=month)
    return desk.dues.assess(member_id, year, data).value


def pay(desk: BranchDesk, member_id: int, first: str, last: str, amount: str, on: date):
    start = date.fromisoformat(first + "-01")
    end = date.fromisoformat(last + "-01")
    return desk.dues.pay(member_id, PaymentInput(start, end, parse_yuan(amount), on)).value


@pytest.fixture
def zhang(desk: BranchDesk, branch_id: int):
    return desk.roster.add(branch_id, member_input()).value


def states(desk: BranchDesk, branch_id: int, member_id: int, year: int = 2026) -> list[str]:
    _, matrix = desk.dues_reports.matrix(branch_id, year, TODAY)
    return [c.state.value for c in matrix.member_cells(member_id)]


def test_assessment_is_stored_with_its_explanation(desk, branch_id, zhang):
    record = employed(desk, zhang.id, 2026)
    assert (record.rate_bp, record.monthly_due_fen) == (100, 4800)
    assert record.explanation == "税后工资 4,800.00 元，适用 1%，月应交 48.00 元"
    assert [a.member_name for a in desk.dues.assessments(branch_id, 2026)] == ["张三"]


def test_relief_without_approval_is_refused(desk, zhang):
    with pytest.raises(ValidationFailed, match="批准文号"):
        desk.dues.assess(
            zhang.id,
            2026,
            AssessmentInput(DuesCategory.RETIRED, 300_000, reduction=Reduction.EXEMPT),
        )
    with pytest.raises(ValidationFailed, match="请填写月基数"):
        desk.dues.assess(zhang.id, 2026, AssessmentInput(DuesCategory.EMPLOYED))


def test_payment_covers_months_and_extra_is_voluntary(desk, branch_id, zhang):
    employed(desk, zhang.id, 2026)
    payment = pay(desk, zhang.id, "2026-01", "2026-03", "150.00", date(2026, 3, 5))
    assert payment.span == "2026年1月—3月"
    assert [amount for _, amount in payment.months] == [4800, 4800, 5400]
    assert payment.extra_fen == 600 and not payment.large
    assert states(desk, branch_id, zhang.id)[:4] == ["已交", "已交", "已交", "欠交"]


def test_short_payment_is_refused_and_nothing_saved(desk, zhang):
    employed(desk, zhang.id, 2026)
    with pytest.raises(
        UserError, match=r"金额不足：所选月份应交合计 144\.00 元，本次只交 100\.00 元"
    ):
        pay(desk, zhang.id, "2026-01", "2026-03", "100", date(2026, 3, 5))
    assert desk.dues.payments(1) == []


def test_backpay_and_prepay_limits(desk, zhang):
    employed(desk, zhang.id, 2026)
    with pytest.raises(ValidationFailed, match="超过6个月的补交期限"):
        pay(desk, zhang.id, "2026-01", "2026-01", "48", date(2026, 8, 1))
    with pytest.raises(ValidationFailed, match="预交不能超过6个月"):
        pay(desk, zhang.id, "2026-11", "2027-06", "400", date(2026, 11, 2))
    pay(desk, zhang.id, "2026-05", "2026-05", "48", date(2026, 11, 2))  # six months back is allowed


def test_paying_a_paid_month_or_unassessed_month_is_refused(desk, zhang):
    employed(desk, zhang.id, 2026)
    pay(desk, zhang.id, "2026-10", "2026-10", "48", date(2026, 10, 5))
    with pytest.raises(UserError, match="2026年10月党费已交清"):
        pay(desk, zhang.id, "2026-10", "2026-10", "48", date(2026, 10, 6))
    with pytest.raises(UserError, match="2025年12月尚未核定党费基数"):
        pay(desk, zhang.id, "2025-12", "2025-12", "48", date(2026, 1, 6))


def test_probationary_member_owes_from_the_month_of_admission(desk, branch_id):
    member = desk.roster.add(
        branch_id,
        member_input(
            name="王芳",
            id_number="",
            gender=Gender.FEMALE,
            birth_date=date(1998, 2, 3),
            party_status=PartyStatus.PROBATIONARY,
            joined_on=date(2026, 4, 28),
            full_member_on=None,
        ),
    ).value
    employed(desk, member.id, 2026, "3000")
    assert states(desk, branch_id, member.id)[2:5] == ["不在册", "欠交", "欠交"]
    with pytest.raises(UserError, match="2026年3月该党员不在本支部名册中"):
        pay(desk, member.id, "2026-03", "2026-04", "30", date(2026, 5, 1))


def test_transferred_member_owes_only_months_on_the_roll(desk, branch_id, zhang):
    employed(desk, zhang.id, 2026)
    desk.roster.change_status(
        zhang.id,
        StatusChangeInput(StatusChangeKind.TRANSFER_OUT, date(2026, 6, 10), "某党支部", "组转1号"),
    )
    assert states(desk, branch_id, zhang.id)[4:7] == ["欠交", "不在册", "不在册"]
    ledger = desk.dues_reports.ledger(branch_id, 2026, TODAY)
    (row,) = ledger.rows
    assert row.annual_due_fen == 5 * 4800


def test_backpay_clears_arrears(desk, branch_id, zhang):
    employed(desk, zhang.id, 2026)
    pay(desk, zhang.id, "2026-01", "2026-06", "288", date(2026, 6, 1))
    (arrears,) = desk.dues_reports.arrears(branch_id, TODAY)
    assert (arrears.count, arrears.since, arrears.owed_fen) == (4, "2026年7月", 4 * 4800)
    found = {f.rule: f for f in desk.checks.findings(2026, TODAY) if f.rule.startswith("dues")}
    assert found["dues.arrears_3"].subject == "张三"
    pay(desk, zhang.id, "2026-07", "2026-10", "192", date(2026, 11, 3))
    assert desk.dues_reports.arrears(branch_id, TODAY) == []
    assert not [f for f in desk.checks.findings(2026, TODAY) if f.rule.startswith("dues.arrears")]


def test_six_months_unpaid_is_flagged_with_the_constitution(desk, branch_id, zhang):
    employed(desk, zhang.id, 2026)
    pay(desk, zhang.id, "2026-01", "2026-04", "192", date(2026, 4, 1))
    (finding,) = [f for f in desk.checks.findings(2026, TODAY) if f.rule == "dues.arrears_6"]
    assert finding.severity.value == "error"
    assert "连续6个月" in finding.message and "党章" in finding.message
    desk.settings.update(branch_id, {"dues.arrears_flag": "7"})
    rules = {f.rule for f in desk.checks.findings(2026, TODAY)}
    assert "dues.arrears_6" not in rules and "dues.arrears_3" in rules


def test_exempt_months_are_not_arrears(desk, branch_id, zhang):
    desk.dues.assess(
        zhang.id,
        2026,
        AssessmentInput(
            DuesCategory.RETIRED,
            200_000,
            reduction=Reduction.EXEMPT,
            approval_ref="党委〔2026〕3号",
        ),
    )
    assert set(states(desk, branch_id, zhang.id)) == {MonthState.EXEMPT.value}
    assert desk.dues_reports.arrears(branch_id, TODAY) == []


def test_reversal_is_a_negative_entry_and_reopens_the_months(desk, branch_id, zhang):
    employed(desk, zhang.id, 2026)
    original = pay(desk, zhang.id, "2026-10", "2026-10", "48", date(2026, 10, 5))
    with pytest.raises(ValidationFailed, match="冲销原因"):
        desk.dues.reverse(original.id, date(2026, 10, 6), " ")
    reversal = desk.dues.reverse(original.id, date(2026, 10, 6), "记错人").value
    assert (reversal.amount_fen, reversal.reversal_of_id) == (-4800, original.id)
    payments = desk.dues.payments(branch_id)
    assert [(p.amount_fen, p.reversed) for p in payments] == [(4800, True), (-4800, False)]
    assert states(desk, branch_id, zhang.id)[9] == "欠交"
    with pytest.raises(UserError, match="已冲销"):
        desk.dues.reverse(original.id, date(2026, 10, 7), "再次")


def test_mid_year_change_applies_from_its_month(desk, branch_id, zhang):
    employed(desk, zhang.id, 2026, "4800")
    employed(desk, zhang.id, 2026, "6000", month=7)
    _, matrix = desk.dues_reports.matrix(branch_id, 2026, TODAY)
    dues = [c.due_fen for c in matrix.member_cells(zhang.id)]
    assert dues[:6] == [4800] * 6 and dues[6:] == [9000] * 6
    (row,) = desk.dues_reports.ledger(branch_id, 2026, TODAY).rows
    assert row.annual_due_fen == 6 * 4800 + 4 * 9000  # January–October have ended
    assert "年中调整基数" in row.note


def test_large_voluntary_payment_and_remittance_balance(desk, branch_id, zhang):
    employed(desk, zhang.id, 2026)
    payment = pay(desk, zhang.id, "2026-11", "2026-11", "1048", date(2026, 11, 2))
    assert payment.large and payment.extra_fen == 100_000
    assert desk.dues.balance(branch_id) == 104_800
    desk.dues.remit(branch_id, RemittanceInput(date(2026, 11, 5), 104_800, large_fen=100_000))
    assert desk.dues.balance(branch_id) == 0
    with pytest.raises(ValidationFailed, match="其中大额党费"):
        desk.dues.remit(branch_id, RemittanceInput(date(2026, 11, 5), 100, large_fen=200))


def test_ledger_adds_up_to_the_fen(desk, branch_id, zhang):
    li = desk.roster.add(
        branch_id,
        member_input(
            name="李红",
            id_number="11010519491231002X",
            gender=None,
            birth_date=None,
            category=MemberCategory.RETIRED,
            joined_on=date(1975, 7, 1),
            full_member_on=date(1976, 7, 1),
        ),
    ).value
    employed(desk, zhang.id, 2026, "5480")  # 1.5% → 82.20
    desk.dues.assess(li.id, 2026, AssessmentInput(DuesCategory.RETIRED, parse_yuan("5000.01")))
    pay(desk, zhang.id, "2026-01", "2026-03", "246.60", date(2026, 3, 1))
    pay(desk, li.id, "2026-01", "2026-02", "100.00", date(2026, 2, 1))
    ledger = desk.dues_reports.ledger(branch_id, 2026, TODAY)
    assert ledger.month_totals[:4] == (8220 + 5000, 8220 + 5000, 8220, 0)
    assert ledger.annual_paid_fen == 24660 + 10000
    assert ledger.annual_due_fen == 10 * 8220 + 10 * 5000  # owed: months ended by 20 November
    assert sum(r.arrears_fen for r in ledger.rows) == ledger.arrears_fen == 7 * 8220 + 8 * 5000


def test_unassessed_member_is_a_finding(desk, branch_id, zhang):
    found = [f for f in desk.checks.findings(2026, TODAY) if f.rule == "dues.unassessed"]
    assert [(f.subject, f.severity.value) for f in found] == [("张三", "warning")]
    assert found[0].message == "2026年有1名党员尚未核定党费基数，无法确定月应交党费：张三"
    employed(desk, zhang.id, 2026)
    assert not [f for f in desk.checks.findings(2026, TODAY) if f.rule == "dues.unassessed"]


def test_dues_day_is_all_or_nothing(desk, branch_id, zhang):
    li = desk.roster.add(
        branch_id,
        member_input(
            name="李红",
            id_number="11010519491231002X",
            gender=None,
            birth_date=None,
            joined_on=date(1975, 7, 1),
            full_member_on=date(1976, 7, 1),
        ),
    ).value
    employed(desk, zhang.id, 2026)
    employed(desk, li.id, 2026, "3000")
    month = date(2026, 11, 1)
    good = PaymentInput(month, month, 4800, TODAY)
    short = PaymentInput(month, month, 1000, TODAY)
    with pytest.raises(UserError, match="李红：金额不足"):
        desk.dues.pay_many([(zhang.id, good), (li.id, short)])
    assert desk.dues.payments(branch_id) == []
    records = desk.dues.pay_many(
        [(zhang.id, good), (li.id, PaymentInput(month, month, 1500, TODAY))]
    ).value
    assert [(r.member_name, r.amount_fen) for r in records] == [("张三", 4800), ("李红", 1500)]
