"""The 党费 models: ledger grid states and colours, 党费日 ticks, and every model's contract."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from branch_desk.domain.dues import MonthState
from branch_desk.services.app import BranchDesk
from branch_desk.ui.context import UiContext
from branch_desk.ui.dues.assessments import AssessmentModel, assess_rows
from branch_desk.ui.dues.day_model import COL_AMOUNT, COL_STATE, COL_TICK, DayModel, load_day
from branch_desk.ui.dues.fields import STATE_BACKGROUND
from branch_desk.ui.dues.ledger_model import (
    COL_ARREARS,
    COL_NAME,
    FIRST_MONTH,
    STATE_ROLE,
    LedgerModel,
    LedgerProxy,
)
from branch_desk.ui.dues.payments import PaymentsModel

from .dues_data import YEAR, add_dues_members


def _ledger(desk: BranchDesk, unit_id: int) -> LedgerModel:
    model = LedgerModel()
    model.set_ledger(desk.dues_reports.ledger(unit_id, YEAR, desk.dues.today()))
    return model


def _cell(model: LedgerModel, member_id: int, month: int):  # type: ignore[no-untyped-def]
    return model.index(model.row_of(member_id), FIRST_MONTH + month - 1)


def test_ledger_models_pass_the_model_tester(
    qtmodeltester: ModelTester, desk: BranchDesk, branch_id: int
) -> None:
    add_dues_members(desk, branch_id)
    model = _ledger(desk, branch_id)
    qtmodeltester.check(model)
    proxy = LedgerProxy()
    proxy.setSourceModel(model)
    proxy.set_text("zs")
    qtmodeltester.check(proxy)
    assert proxy.rowCount() == 2  # 张三 and the 合计 row
    proxy.sort(COL_NAME, Qt.SortOrder.DescendingOrder)
    assert proxy.index(proxy.rowCount() - 1, COL_NAME).data() == "合计"


def test_ledger_cells_show_state_text_and_colour(desk: BranchDesk, branch_id: int) -> None:
    people = add_dues_members(desk, branch_id)
    model = _ledger(desk, branch_id)
    background = Qt.ItemDataRole.BackgroundRole
    paid = _cell(model, people.zhang, 3)
    assert paid.data() == "48.00" and paid.data(STATE_ROLE) == MonthState.PAID
    assert paid.data(background).color().name() == STATE_BACKGROUND[MonthState.PAID]
    owed = _cell(model, people.zhang, 8)
    assert owed.data() == "欠交" and owed.data(STATE_ROLE) == MonthState.OWED
    assert owed.data(background).color().name() == STATE_BACKGROUND[MonthState.OWED]
    assert "欠交" in owed.data(Qt.ItemDataRole.ToolTipRole)
    assert "应交：48.00 元" in owed.data(Qt.ItemDataRole.ToolTipRole)
    exempt = _cell(model, people.wang, 5)
    assert exempt.data() == "免交" and exempt.data(STATE_ROLE) == MonthState.EXEMPT
    assert exempt.data(background).color().name() == STATE_BACKGROUND[MonthState.EXEMPT]
    current = _cell(model, people.li, 11)
    assert current.data() == "待交" and current.data(STATE_ROLE) == MonthState.CURRENT
    row = model.row_of(people.zhang)
    assert model.index(row, COL_ARREARS).data() == "192.00"  # July–October
    total = model.rowCount() - 1
    assert model.index(total, COL_NAME).data() == "合计"
    assert model.index(total, FIRST_MONTH).data() == "63.00"


def test_day_model_lists_who_owes_this_month(
    qtmodeltester: ModelTester, desk: BranchDesk, branch_id: int
) -> None:
    people = add_dues_members(desk, branch_id)
    model = DayModel()
    model.set_rows(load_day(desk.dues_day, branch_id, desk.dues.today()))
    qtmodeltester.check(model)
    names = [r.name for r in model.rows]
    assert names == ["张三", "李四"]  # 王五 is exempt
    assert model.index(0, COL_AMOUNT).data() == "48.00"
    model.toggle(1)
    assert model.index(1, COL_TICK).data(Qt.ItemDataRole.CheckStateRole) == 2
    assert [r.member_id for r in model.ticked()] == [people.li]
    assert model.setData(model.index(0, COL_AMOUNT), "4八")
    assert model.index(0, COL_STATE).data().startswith("金额有误：“4八”不是有效金额")
    assert model.rows[0].ticked  # typing an amount ticks the row


def test_assessment_and_payment_models_pass_the_model_tester(
    qtmodeltester: ModelTester, ctx: UiContext
) -> None:
    add_dues_members(ctx.desk, ctx.unit_id)
    assessments = AssessmentModel()
    assessments.set_rows(assess_rows(ctx, YEAR))
    qtmodeltester.check(assessments)
    assert [assessments.index(r, 2).data() for r in range(3)] == ["在职", "在职", "离退休"]
    assert assessments.index(2, 6).data() == "免交"
    payments = PaymentsModel()
    payments.set_payments(ctx.desk.dues.payments(ctx.unit_id, YEAR))
    qtmodeltester.check(payments)
    assert payments.index(0, 2).data() == "2026年1月—6月"
