"""The 连续未交党费 panel follows the selected year; the dashboard counts the standing run."""

from __future__ import annotations

from datetime import date, datetime

from pytestqt.qtbot import QtBot

from branch_desk.domain.dues import DuesCategory
from branch_desk.services.dues.service import AssessmentInput, PaymentInput
from branch_desk.ui.context import UiContext
from branch_desk.ui.dues.side import DuesSidePanel
from branch_desk.ui.dues.summary import glance
from tests.conftest import member_input

from .conftest import make_id
from .dues_data import add_dues_members


def paid_2025_until(ctx: UiContext, last: int) -> int:
    """钱六 (base 4,800) assessed for 2025, paying each month January … ``last`` of 2025."""
    member = ctx.desk.roster.add(
        ctx.unit_id, member_input(name="钱六", id_number=make_id(date(1980, 1, 1), 3))
    ).value.id
    ctx.desk.dues.assess(member, 2025, AssessmentInput(DuesCategory.EMPLOYED, 480_000))
    for month in range(1, last + 1):
        day = date(2025, month, 1)
        ctx.desk.dues.pay(member, PaymentInput(day, day, 4800, day.replace(day=5)))
    return member


def test_panel_shows_the_selected_year_as_of_its_31_december(qtbot: QtBot, ctx: UiContext) -> None:
    paid_2025_until(ctx, 6)
    add_dues_members(ctx.desk, ctx.unit_id)
    panel = DuesSidePanel(ctx)
    qtbot.addWidget(panel)
    panel.reload(2025)
    assert panel.arrears_note.text() == "截至2025年12月31日：1人有连续未交月份"
    lines = [panel.arrears.item(i).text() for i in range(panel.arrears.count())]
    assert lines == ["钱六：连续6个月未交（自2025年7月起），欠交 288.00 元"]
    panel.reload(2026)
    assert panel.arrears_note.text().startswith("截至2026年11月20日：")
    lines = [panel.arrears.item(i).text() for i in range(panel.arrears.count())]
    assert "张三：连续4个月未交（自2026年7月起），欠交 192.00 元" in lines
    panel.reload(2024)
    assert panel.arrears_note.text() == "截至2024年12月31日：没有连续未交党费的党员"


def test_dashboard_in_january_counts_the_run_standing_at_the_year_end(
    qtbot: QtBot, ctx: UiContext
) -> None:
    paid_2025_until(ctx, 9)
    ctx.desk.db.clock = lambda: datetime(2026, 1, 15, 9, 0)
    figures = glance(ctx)
    assert (figures.warned, figures.flagged) == (1, 0)  # October–December 2025
