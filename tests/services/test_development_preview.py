"""A proposed step checked by the checker's own rules before it is saved."""

from __future__ import annotations

from datetime import date

from branch_desk.domain.development import Stage, Step
from branch_desk.domain.rules.ids import RuleId
from branch_desk.services.app import BranchDesk
from branch_desk.services.development.preview import preview_step
from branch_desk.services.development.service import CandidateInput
from tests.ui.develop_data import id_for


def _activist(desk: BranchDesk, unit_id: int) -> int:
    """周敏: 积极分子 since 2023-05-10, so a 发展对象 on 2024-05-10 at the earliest."""
    data = CandidateInput("周敏", id_number=id_for(date(1998, 4, 2), 222))
    view = desk.development.add(unit_id, data).value
    for step, day in (
        (Step.APPLICATION, date(2022, 12, 1)),
        (Step.TALK, date(2022, 12, 10)),
        (Step.ACTIVIST, date(2023, 5, 10)),
    ):
        desk.development.record_step(view.id, step, day, {})
    return view.id


def test_target_before_a_year_of_cultivation_is_named(desk: BranchDesk, branch_id: int):
    cid = _activist(desk, branch_id)
    preview = preview_step(desk.development, cid, Step.TARGET, date(2024, 3, 1), {})
    rules = [i.rule for i in preview.errors]
    assert rules == [RuleId.DEVELOP_ACTIVIST_YEAR]
    assert "最早 2024-05-10" in preview.errors[0].message
    question = preview.question(Step.TARGET)
    assert question.startswith("“确定发展对象”按此日期保存将违反以下规则：")
    assert "培养考察一年" in question and question.endswith("仍要保存吗？")
    # nothing was written: the candidate is still an activist with no target date
    stored = desk.development.get(cid)
    assert stored.stage is Stage.ACTIVIST and Step.TARGET not in stored.steps


def test_the_same_findings_as_the_checker_after_saving(desk: BranchDesk, branch_id: int):
    cid = _activist(desk, branch_id)
    preview = preview_step(desk.development, cid, Step.TARGET, date(2024, 3, 1), {})
    saved = desk.development.record_step(cid, Step.TARGET, date(2024, 3, 1), {}).value
    on_step = [i for i in saved.issues if i.step is Step.TARGET]
    assert on_step and set(on_step) <= set(preview.issues)


def test_a_date_after_the_earliest_breaks_nothing(desk: BranchDesk, branch_id: int):
    cid = _activist(desk, branch_id)
    preview = preview_step(desk.development, cid, Step.TARGET, date(2024, 6, 1), {})
    assert preview.errors == () and preview.question(Step.TARGET) == ""
    # skipping 备案 and 培养联系人 is told as 提示, not as a rule broken
    assert {i.step for i in preview.warnings} >= {Step.ACTIVIST_FILED, Step.MENTORS}


def test_an_earlier_date_than_the_previous_step_is_an_order_fault(desk: BranchDesk, branch_id: int):
    cid = _activist(desk, branch_id)
    preview = preview_step(desk.development, cid, Step.TALK, date(2022, 11, 20), {})
    assert RuleId.DEVELOP_ORDER in {i.rule for i in preview.errors}
