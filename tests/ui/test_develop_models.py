"""The development models: candidate list and its filter proxy, the board's card columns."""

from __future__ import annotations

from datetime import date

from pytestqt.modeltest import ModelTester

from branch_desk.domain.development import Stage, Step
from branch_desk.services.app import BranchDesk
from branch_desk.ui.development.model import (
    CANDIDATE_ROLE,
    COL_ISSUES,
    COL_LATEST,
    COL_NAME,
    COL_STAGE,
    BoardModel,
    CandidateFilterProxy,
    CandidateTableModel,
)
from branch_desk.ui.development.stages import step_summary, urgency

from .develop_data import fill_pipeline
from .event_data import add_branch

TODAY = date(2026, 11, 20)


def _pipeline(desk: BranchDesk, unit_id: int) -> list:
    add_branch(desk, unit_id)
    fill_pipeline(desk, unit_id, TODAY)
    return desk.development.list(unit_id, TODAY)


def test_list_model_and_proxy_pass_the_model_tester(
    qtmodeltester: ModelTester, desk: BranchDesk, branch_id: int
) -> None:
    qtmodeltester.check(CandidateTableModel())
    model = CandidateTableModel()
    model.set_candidates(_pipeline(desk, branch_id), TODAY)
    qtmodeltester.check(model)
    proxy = CandidateFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(COL_LATEST)
    qtmodeltester.check(proxy)
    proxy.set_text("zl")  # 赵磊 by pinyin initials
    qtmodeltester.check(proxy)
    assert [proxy.index(r, COL_NAME).data() for r in range(proxy.rowCount())] == ["赵磊"]


def test_board_models_pass_the_model_tester(
    qtmodeltester: ModelTester, desk: BranchDesk, branch_id: int
) -> None:
    candidates = _pipeline(desk, branch_id)
    qtmodeltester.check(BoardModel((Stage.APPLICANT,)))
    for stage in (Stage.APPLICANT, Stage.TARGET, Stage.FULL):
        board = BoardModel((stage,))
        board.set_candidates(candidates, TODAY)
        qtmodeltester.check(board)
        assert board.rowCount() >= 1
        assert all(board.candidate_at(r).stage is stage for r in range(board.rowCount()))
    ended = BoardModel((Stage.REJECTED, Stage.CANCELLED, Stage.WITHDRAWN))
    ended.set_candidates(candidates, TODAY)
    assert [ended.index(r).data() for r in range(ended.rowCount())] == ["郑凯"]
    ended.set_text("nobody")
    assert ended.rowCount() == 0 and ended.total() == 1


def test_rows_show_stage_deadline_and_error_count(desk: BranchDesk, branch_id: int) -> None:
    model = CandidateTableModel()
    model.set_candidates(_pipeline(desk, branch_id), TODAY)
    zhao = model.row_of(next(c.id for c in model.records() if c.name == "赵磊"))
    assert model.index(zhao, COL_STAGE).data() == "发展对象"
    assert int(model.index(zhao, COL_ISSUES).data()) >= 2
    ma = model.candidate_at(model.row_of(next(c.id for c in model.records() if c.name == "马超")))
    assert urgency(ma, TODAY) == "late"
    wang = next(c for c in model.records() if c.name == "王小明")
    assert urgency(wang, TODAY) == "soon"
    assert model.index(0, 0).data(CANDIDATE_ROLE) is model.candidate_at(0)


def test_board_puts_late_cards_first(desk: BranchDesk, branch_id: int) -> None:
    candidates = _pipeline(desk, branch_id)
    board = BoardModel((Stage.TARGET,))
    board.set_candidates(candidates, TODAY)
    assert board.index(0).data() == "马超"


def test_step_summaries(desk: BranchDesk, branch_id: int) -> None:
    made = {c.name: c for c in _pipeline(desk, branch_id)}
    zhou = made["周婷"]
    assert "赞成18" in step_summary(zhou.steps[Step.ADMISSION])
    assert "通过" in step_summary(zhou.steps[Step.ADMISSION])
    assert step_summary(zhou.steps[Step.APPROVAL]).startswith("机关党委（基层党委）")
    assert step_summary(zhou.steps[Step.REVIEW]) == "结论：合格"
    assert step_summary(zhou.steps[Step.TRAINING]) == "3天、24学时"
