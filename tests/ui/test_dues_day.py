"""党费日 panel: any month or range, 缴纳日期 picker, owed months, bad rows never silently refused."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from branch_desk.ui.context import UiContext
from branch_desk.ui.dues.day_model import COL_AMOUNT, COL_DUE, COL_MONTHS, COL_STATE
from branch_desk.ui.dues.day_view import DuesDayPanel
from branch_desk.ui.widgets.form_fields import ERROR_COLOR

from .conftest import Said
from .dues_data import YEAR, add_dues_members


def panel_for(qtbot: QtBot, ctx: UiContext) -> DuesDayPanel:
    panel = DuesDayPanel(ctx)
    qtbot.addWidget(panel)
    return panel


def row_of(panel: DuesDayPanel, name: str) -> int:
    return next(i for i, r in enumerate(panel.model.rows) if r.name == name)


def cell(panel: DuesDayPanel, name: str, column: int) -> str:
    return panel.model.index(row_of(panel, name), column).data()


def test_owed_months_are_proposed_and_the_date_is_chosen(
    qtbot: QtBot, ctx: UiContext, said: Said
) -> None:
    people = add_dues_members(ctx.desk, ctx.unit_id)  # 张三 paid January–June only
    panel = panel_for(qtbot, ctx)
    assert panel.paid_on.date() == QDate(YEAR, 11, 20) and panel.paid_on.calendarPopup()
    assert panel.title.text() == "2026年11月党费收缴"
    assert cell(panel, "张三", COL_MONTHS) == "2026年11月"
    panel.include_owed.setChecked(True)
    assert cell(panel, "张三", COL_MONTHS) == "2026年7月—11月"
    assert cell(panel, "张三", COL_DUE) == "240.00"
    assert cell(panel, "李四", COL_MONTHS) == "2026年11月"
    panel.paid_on.setDate(QDate(YEAR, 11, 18))
    panel.model.toggle(row_of(panel, "张三"))
    assert panel.register_ticked()
    qtbot.waitUntil(lambda: panel.result is not None, timeout=10_000)
    assert "登记1人2026年11月（含以往欠交）党费，合计 240.00 元" in said.questions[0]
    (new,) = [p for p in ctx.desk.dues.payments(ctx.unit_id) if p.paid_on == date(YEAR, 11, 18)]
    assert (new.member_id, new.span, new.amount_fen) == (people.zhang, "2026年7月—11月", 24000)


def test_a_range_for_catch_up_collection(qtbot: QtBot, ctx: UiContext) -> None:
    add_dues_members(ctx.desk, ctx.unit_id)
    panel = panel_for(qtbot, ctx)
    panel.set_span(date(YEAR, 7, 1), date(YEAR, 9, 1))
    assert panel.title.text() == "2026年7月—9月党费收缴"
    assert cell(panel, "张三", COL_MONTHS) == "2026年7月—9月"
    assert cell(panel, "李四", COL_STATE) == "已交清"


def test_underpaid_row_is_marked_before_registering(qtbot: QtBot, ctx: UiContext) -> None:
    add_dues_members(ctx.desk, ctx.unit_id)
    panel = panel_for(qtbot, ctx)
    row = row_of(panel, "张三")
    panel.model.setData(panel.model.index(row, COL_AMOUNT), "40")
    assert cell(panel, "张三", COL_STATE) == "少交8.00元：应交48.00元，实交40.00元"
    color = panel.model.index(row, COL_STATE).data(Qt.ItemDataRole.ForegroundRole).color()
    assert color.name() == ERROR_COLOR
    assert "（1人有误，标红）" in panel.progress.text()


def test_batch_with_a_bad_row_registers_the_good_rows_after_confirming(
    qtbot: QtBot, ctx: UiContext, said: Said
) -> None:
    people = add_dues_members(ctx.desk, ctx.unit_id)
    panel = panel_for(qtbot, ctx)
    panel.model.setData(panel.model.index(row_of(panel, "张三"), COL_AMOUNT), "40")
    panel.model.toggle(row_of(panel, "李四"))
    said.answer = False
    assert not panel.register_ticked()
    assert "张三：少交8.00元" in said.questions[0] and "只登记其余1人" in said.questions[0]
    assert [p for p in ctx.desk.dues.payments(ctx.unit_id) if p.paid_on.month == 11] == []
    said.answer = True
    assert panel.register_ticked()
    qtbot.waitUntil(lambda: panel.result is not None, timeout=10_000)
    new = [p for p in ctx.desk.dues.payments(ctx.unit_id) if p.paid_on.month == 11]
    assert [(p.member_id, p.amount_fen) for p in new] == [(people.li, 1500)]
    assert said.infos == ["已登记1人，合计 15.00 元。"]
    zhang = panel.model.rows[row_of(panel, "张三")]
    assert zhang.ticked and zhang.amount == "40" and zhang.problem.startswith("少交8.00元")
    assert cell(panel, "李四", COL_STATE) == "已交清"


def test_only_bad_rows_are_named_and_nothing_is_saved(
    qtbot: QtBot, ctx: UiContext, said: Said
) -> None:
    add_dues_members(ctx.desk, ctx.unit_id)
    panel = panel_for(qtbot, ctx)
    panel.model.setData(panel.model.index(row_of(panel, "张三"), COL_AMOUNT), "4八")
    assert not panel.register_ticked()
    assert said.warnings and "张三：金额有误" in said.warnings[0] and not said.questions
