"""The year's arrears in check, `dues arrears --year` and the ledger panel (issue 14 item 1)."""

from datetime import date

from branch_desk.domain.dues import DuesCategory
from branch_desk.services.app import BranchDesk
from branch_desk.services.dues.service import AssessmentInput, PaymentInput
from tests.conftest import member_input

LI_ID = "110101198805061235"


def setup_2024(desk: BranchDesk, branch_id: int) -> tuple[int, int]:
    """张三 pays January–June 2024 only, 李四 January–September only (base 4800: 48 a month)."""
    zhang = desk.roster.add(branch_id, member_input()).value.id
    li = desk.roster.add(branch_id, member_input(name="李四", id_number=LI_ID)).value.id
    for member_id, last in ((zhang, 6), (li, 9)):
        desk.dues.assess(member_id, 2024, AssessmentInput(DuesCategory.EMPLOYED, 480_000))
        for month in range(1, last + 1):
            day = date(2024, month, 1)
            desk.dues.pay(member_id, PaymentInput(day, day, 4800, day.replace(day=5)))
    return zhang, li


def arrears_rules(desk: BranchDesk, year: int, as_of: date) -> dict[str, str]:
    found = desk.checks.findings(year, as_of)
    return {f.subject: f.rule for f in found if f.rule.startswith("dues.arrears")}


def test_the_year_check_reports_the_arrears_standing_at_its_end(desk, branch_id):
    setup_2024(desk, branch_id)
    for as_of in (date(2025, 1, 15), date(2026, 11, 20), date(2024, 12, 31)):
        assert arrears_rules(desk, 2024, as_of) == {
            "张三": "dues.arrears_6",
            "李四": "dues.arrears_3",
        }, as_of
    found = desk.checks.findings(2024, date(2025, 1, 15))
    (flag,) = [f for f in found if f.subject == "张三" and f.rule == "dues.arrears_6"]
    assert flag.period == "2024-12" and "自2024年7月起已连续6个月" in flag.message
    assert "欠交288.00元" in flag.message


def test_earlier_as_of_day_and_a_later_backpay(desk, branch_id):
    zhang, _li = setup_2024(desk, branch_id)
    assert arrears_rules(desk, 2024, date(2024, 11, 15)) == {"张三": "dues.arrears_3"}
    back = PaymentInput(date(2024, 7, 1), date(2024, 12, 1), 6 * 4800, date(2025, 2, 10))
    desk.settings.update(branch_id, {"dues.backpay_months": "12"})
    desk.dues.pay(zhang, back)
    assert arrears_rules(desk, 2024, date(2025, 1, 15))["张三"] == "dues.arrears_6"
    assert "张三" not in arrears_rules(desk, 2024, date(2025, 3, 1))


def test_arrears_for_a_year_and_for_the_current_one(desk, branch_id):
    setup_2024(desk, branch_id)
    late = desk.dues_reports.arrears(branch_id, date(2025, 1, 15), year=2024)
    assert [(a.name, a.count, a.since, a.owed_fen) for a in late] == [
        ("张三", 6, "2024年7月", 6 * 4800),
        ("李四", 3, "2024年10月", 3 * 4800),
    ]
    assert desk.dues_reports.arrears(branch_id, date(2024, 6, 1), year=2025) == []
