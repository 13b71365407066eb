"""党费日 for any month or range: owed months proposed, rows checked, good rows registered."""

from datetime import date

import pytest

from branch_desk.domain.dues import DuesCategory
from branch_desk.domain.errors import UserError
from branch_desk.services.app import BranchDesk
from branch_desk.services.dues.collection_day import DayEntry
from branch_desk.services.dues.ledger import months_text
from branch_desk.services.dues.service import AssessmentInput, PaymentInput
from tests.conftest import member_input

TODAY = date(2026, 11, 20)
LI_ID = "110101198805061235"


@pytest.fixture
def people(desk: BranchDesk, branch_id: int) -> tuple[int, int]:
    """张三 (75 a month: base 5,000.01) paid January–June 2026; 李四 (48) paid to October."""
    zhang = desk.roster.add(branch_id, member_input()).value.id
    li = desk.roster.add(branch_id, member_input(name="李四", id_number=LI_ID)).value.id
    desk.dues.assess(zhang, 2026, AssessmentInput(DuesCategory.EMPLOYED, 500_001))
    desk.dues.assess(li, 2026, AssessmentInput(DuesCategory.EMPLOYED, 480_000))
    desk.dues.pay(
        zhang, PaymentInput(date(2026, 1, 1), date(2026, 6, 1), 6 * 7500, date(2026, 6, 2))
    )
    desk.dues.pay(
        li, PaymentInput(date(2026, 5, 1), date(2026, 10, 1), 6 * 4800, date(2026, 10, 2))
    )
    return zhang, li


def by_name(lines):
    return {line.name: line for line in lines}


def test_one_month_and_the_months_still_owed(desk, branch_id, people):
    nov = date(2026, 11, 1)
    plain = by_name(desk.dues_day.lines(branch_id, nov, nov, TODAY))
    assert plain["张三"].span() == "2026年11月" and plain["张三"].due_fen == 7500
    owed = by_name(desk.dues_day.lines(branch_id, nov, nov, TODAY, include_owed=True))
    assert owed["张三"].span() == "2026年7月—11月" and owed["张三"].due_fen == 5 * 7500
    # 李四 paid May–October; January–April are owed but 补交 reaches back six months only
    assert owed["李四"].span() == "2026年11月"
    assert [months_text(list(owed["李四"].too_old))] == ["2026年1月—4月"]


def test_a_range_for_backpay_and_a_past_payment_date(desk, branch_id, people):
    lines = by_name(
        desk.dues_day.lines(branch_id, date(2026, 7, 1), date(2026, 9, 1), date(2026, 10, 1))
    )
    assert lines["张三"].span() == "2026年7月—9月" and lines["张三"].due_fen == 3 * 7500
    assert lines["李四"].done and not lines["李四"].payable


def test_underpaid_row_is_named_before_registering(desk, branch_id, people):
    nov = date(2026, 11, 1)
    zhang = by_name(desk.dues_day.lines(branch_id, nov, nov, TODAY))["张三"]
    assert desk.dues_day.problem(branch_id, zhang, "70", TODAY) == (
        "少交5.00元：应交75.00元，实交70.00元"
    )
    assert desk.dues_day.problem(branch_id, zhang, "7o", TODAY).startswith("金额有误")
    assert desk.dues_day.problem(branch_id, zhang, "75", TODAY) == ""
    assert "不能晚于今天" in desk.dues_day.problem(branch_id, zhang, "75", date(2026, 11, 21))


def test_register_good_rows_splitting_runs(desk, branch_id, people):
    zhang_id, _li = people
    desk.dues.pay(
        zhang_id, PaymentInput(date(2026, 9, 1), date(2026, 9, 1), 7500, date(2026, 9, 3))
    )
    nov = date(2026, 11, 1)
    lines = by_name(desk.dues_day.lines(branch_id, nov, nov, TODAY, include_owed=True))
    zhang = lines["张三"]
    assert zhang.span() == "2026年7月—8月、2026年10月—11月"
    result = desk.dues_day.register(
        [DayEntry(zhang, 4 * 7500 + 1000), DayEntry(lines["李四"], 4800)], TODAY, "微信", "王会计"
    ).value
    assert result.saved == ["张三", "李四"] and result.total_fen == 4 * 7500 + 1000 + 4800
    new = [p for p in desk.dues.payments(branch_id) if p.paid_on == TODAY]
    assert [(p.member_name, p.span, p.amount_fen, p.collector) for p in new] == [
        ("张三", "2026年7月—8月", 15000, "王会计"),
        ("张三", "2026年10月—11月", 16000, "王会计"),
        ("李四", "2026年11月", 4800, "王会计"),
    ]
    assert desk.dues_reports.arrears(branch_id, TODAY) == []


def test_bad_range_is_refused(desk, branch_id, people):
    with pytest.raises(UserError, match="结束月份不能早于开始月份"):
        desk.dues_day.lines(branch_id, date(2026, 5, 1), date(2026, 4, 1), TODAY)
