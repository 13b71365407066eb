"""沿用上年基数 in the 党费核定 tab: one action for the branch, marked 沿用 until confirmed."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from branch_desk.domain.dues import DuesCategory
from branch_desk.services.dues.service import AssessmentInput
from branch_desk.ui.context import UiContext
from branch_desk.ui.dues.assessments import AssessmentPanel

from .conftest import Said
from .dues_data import add_dues_members

STATE = 9  # 核定状态


def test_carry_marks_the_bases_until_confirmed(qtbot: QtBot, ctx: UiContext, said: Said) -> None:
    people = add_dues_members(ctx.desk, ctx.unit_id, assess=False)
    ctx.desk.dues.assess(people.zhang, 2025, AssessmentInput(DuesCategory.EMPLOYED, 480_000))
    ctx.desk.dues.assess(people.li, 2025, AssessmentInput(DuesCategory.EMPLOYED, 300_000))
    panel = AssessmentPanel(ctx)
    qtbot.addWidget(panel)
    panel.reload(2026)
    assert not panel.buttons["确认沿用"].isEnabled()
    assert panel.carry_forward()
    assert "为2名党员沿用2025年的党费基数（按2026年比例重算）：张三、李四" in said.questions[0]
    assert "以下1人上年无基数，须逐一核定：王五" in said.questions[0]
    panel.reload(2026)
    states = {
        panel.model.index(r, 0).data(): panel.model.index(r, STATE).data()
        for r in range(panel.model.rowCount())
    }
    assert states == {"张三": "沿用2025年", "李四": "沿用2025年", "王五": "未核定"}
    assert panel.model.index(0, 5).data() == "48.00"
    assert "沿用上年待确认 2 条" in panel.count.text()
    assert panel.buttons["确认沿用"].isEnabled()
    assert panel.confirm_carried()
    panel.reload(2026)
    assert panel.model.index(0, STATE).data() == "已核定"
    assert not panel.buttons["确认沿用"].isEnabled()


def test_nothing_to_carry_says_why(qtbot: QtBot, ctx: UiContext, said: Said) -> None:
    add_dues_members(ctx.desk, ctx.unit_id)  # everyone assessed for 2026
    panel = AssessmentPanel(ctx)
    qtbot.addWidget(panel)
    panel.reload(2026)
    assert not panel.carry_forward()
    assert said.infos == ["2026年应核定的党员均已核定，无需沿用上年基数。"]
