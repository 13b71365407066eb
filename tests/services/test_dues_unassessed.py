"""dues.unassessed: one finding per branch and year, after the usual assessment month."""

from datetime import date

from branch_desk.domain.dues import DuesCategory
from branch_desk.domain.rules.dues import unassessed_finding
from branch_desk.services.app import BranchDesk
from branch_desk.services.dues.service import AssessmentInput
from tests.conftest import member_input

NAMES = [f"党员{i}" for i in range(48)]
GIVEN = "甲乙丙丁戊"


def add_members(desk: BranchDesk, branch_id: int, count: int) -> list[int]:
    """Add ``count`` members with valid ID numbers (all born 1980, odd serials: male)."""
    from tests.ui.conftest import make_id

    ids = []
    for i in range(count):
        number = make_id(date(1980, 1, 1 + i % 28), 101 + 2 * i)
        ids.append(desk.roster.add(branch_id, member_input(name=f"王{GIVEN[i]}", id_number=number)))
    return [r.value.id for r in ids]


def unassessed(desk: BranchDesk, year: int, as_of: date):
    return [f for f in desk.checks.findings(year, as_of) if f.rule == "dues.unassessed"]


def test_rule_waits_for_the_assessment_month_then_names_everyone():
    assert unassessed_finding("第一党支部", 2025, date(2025, 1, 1), NAMES, 3) is None
    assert unassessed_finding("第一党支部", 2025, date(2025, 3, 31), NAMES, 3) is None
    found = unassessed_finding("第一党支部", 2025, date(2025, 4, 1), NAMES, 3)
    assert found is not None and found.severity.value == "warning"
    assert found.message.startswith("2025年有48名党员尚未核定党费基数")
    assert found.message.endswith("党员0、党员1、党员2、" + "、".join(NAMES[3:]))
    assert found.subject == "党员0、党员1、党员2等48人" and found.period == "2025"
    past = unassessed_finding("第一党支部", 2025, date(2026, 1, 2), NAMES, 3)
    assert past is not None and past.severity.value == "error"
    assert unassessed_finding("第一党支部", 2025, date(2025, 12, 1), [], 3) is None


def test_check_gives_one_finding_for_the_branch(desk, branch_id):
    members = add_members(desk, branch_id, 5)
    for member_id in members[:2]:
        desk.dues.assess(member_id, 2026, AssessmentInput(DuesCategory.EMPLOYED, 480_000))
    assert unassessed(desk, 2026, date(2026, 1, 1)) == []
    assert unassessed(desk, 2026, date(2026, 3, 20)) == []
    (found,) = unassessed(desk, 2026, date(2026, 4, 2))
    assert found.message.startswith("2026年有3名党员尚未核定党费基数")
    assert found.message.endswith("王丙、王丁、王戊") and found.subject == "王丙、王丁、王戊"
    desk.settings.update(branch_id, {"dues.assessment_month": "5"})
    assert unassessed(desk, 2026, date(2026, 4, 2)) == []
    (past,) = unassessed(desk, 2025, date(2026, 1, 2))  # 2025 never assessed: all five
    assert past.severity.value == "error" and "2025年有5名党员" in past.message
