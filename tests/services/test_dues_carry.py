"""沿用上年基数 for the whole branch, marked until confirmed (issue 14 item 3)."""

from datetime import date

import pytest

from branch_desk.domain.dues import DuesCategory, Reduction
from branch_desk.domain.errors import UserError
from branch_desk.services.app import BranchDesk
from branch_desk.services.dues.service import AssessmentInput
from tests.conftest import member_input

LI_ID = "110101198805061235"
WANG_ID = "110101198805061251"


@pytest.fixture
def people(desk: BranchDesk, branch_id: int) -> dict[str, int]:
    """张三 4,800 then 6,000 from July 2025; 李四 exempt in 2025 and assessed for 2026; 王五 new."""
    ids = {
        "张三": desk.roster.add(branch_id, member_input()).value.id,
        "李四": desk.roster.add(branch_id, member_input(name="李四", id_number=LI_ID)).value.id,
        "王五": desk.roster.add(branch_id, member_input(name="王五", id_number=WANG_ID)).value.id,
    }
    dues = desk.dues
    dues.assess(ids["张三"], 2025, AssessmentInput(DuesCategory.EMPLOYED, 480_000))
    dues.assess(ids["张三"], 2025, AssessmentInput(DuesCategory.EMPLOYED, 600_000, from_month=7))
    exempt = AssessmentInput(
        DuesCategory.RETIRED, 300_000, reduction=Reduction.EXEMPT, approval_ref="党委〔2025〕1号"
    )
    dues.assess(ids["李四"], 2025, exempt)
    dues.assess(ids["王五"], 2025, AssessmentInput(DuesCategory.STUDENT))
    dues.assess(ids["李四"], 2026, AssessmentInput(DuesCategory.EMPLOYED, 300_000))
    return ids


def test_carry_gives_last_years_latest_base_marked_until_confirmed(desk, branch_id, people):
    result = desk.dues_carry.carry(branch_id, 2026).value
    assert (result.carried, result.kept, result.missing) == (("张三", "王五"), 1, ())
    records = {a.member_name: a for a in desk.dues.assessments(branch_id, 2026)}
    zhang = records["张三"]
    assert (zhang.from_month, zhang.base_fen, zhang.monthly_due_fen) == (1, 600_000, 9000)
    assert zhang.carried_from == 2025 and records["王五"].carried_from == 2025
    assert records["李四"].carried_from is None and records["李四"].base_fen == 300_000
    with pytest.raises(UserError, match="均已核定"):
        desk.dues_carry.carry(branch_id, 2026)
    assert desk.dues_carry.confirm(branch_id, 2026, {people["张三"]}).value == 1
    records = {a.member_name: a for a in desk.dues.assessments(branch_id, 2026)}
    assert records["张三"].carried_from is None and records["王五"].carried_from == 2025
    assert desk.dues_carry.confirm(branch_id, 2026).value == 1
    with pytest.raises(UserError, match="没有待确认的沿用基数"):
        desk.dues_carry.confirm(branch_id, 2026)


def test_editing_a_carried_base_confirms_it(desk, branch_id, people):
    desk.dues_carry.carry(branch_id, 2026)
    desk.dues.assess(people["张三"], 2026, AssessmentInput(DuesCategory.EMPLOYED, 620_000))
    records = {a.member_name: a for a in desk.dues.assessments(branch_id, 2026)}
    assert records["张三"].carried_from is None and records["张三"].base_fen == 620_000


def test_nothing_to_carry_names_who_must_be_assessed(desk, branch_id, people):
    with pytest.raises(UserError, match=r"2023年没有可沿用的党费基数（未核定：张三、李四、王五）"):
        desk.dues_carry.carry(branch_id, 2024)
    assert desk.dues.assessments(branch_id, 2024) == []


def test_unassessed_finding_after_carry_names_only_the_rest(desk, branch_id, people):
    desk.roster.add(branch_id, member_input(name="赵六", id_number="110101198805061278"))
    desk.dues_carry.carry(branch_id, 2026)
    (found,) = [
        f for f in desk.checks.findings(2026, date(2026, 11, 20)) if f.rule == "dues.unassessed"
    ]
    assert found.subject == "赵六"


def test_cli_carry_and_confirm(desk, branch_id, people, capsys):
    import io
    from types import SimpleNamespace

    from branch_desk.cli.dues import cmd_assess, cmd_carry, cmd_confirm

    out = io.StringIO()
    assert cmd_carry(desk, SimpleNamespace(unit=None, year=2026, dry_run=True), out) == 0
    assert "将沿用2025年党费基数：2人（张三、王五）；已核定未改动1人。" in out.getvalue()
    assert desk.dues_carry.plan(branch_id, 2026)[1].carried == ("张三", "王五")
    out = io.StringIO()
    assert cmd_carry(desk, SimpleNamespace(unit=None, year=2026, dry_run=False), out) == 0
    assert "dues confirm --year 2026" in out.getvalue()
    out = io.StringIO()
    cmd_assess(desk, SimpleNamespace(unit=None, year=2026, json=False), out)
    assert "张三\t在职\t" in out.getvalue() and "沿用2025年（待确认）" in out.getvalue()
    out = io.StringIO()
    assert cmd_confirm(desk, SimpleNamespace(unit=None, year=2026, member="王五"), out) == 0
    assert out.getvalue().strip() == "已确认2026年沿用的党费基数1条。"
