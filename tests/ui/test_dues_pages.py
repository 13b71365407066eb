"""The 党费 section: 党费日 registering, payments, reversal, 核定 editor, arrears, dashboard."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from branch_desk.domain.dues import DuesCategory, PartKind
from branch_desk.domain.members import MemberCategory
from branch_desk.services.outcome import Area
from branch_desk.ui.context import UiContext
from branch_desk.ui.dues import fields as common
from branch_desk.ui.dues.assessment_dialog import Assessee, AssessmentDialog
from branch_desk.ui.dues.day_view import DuesDayPanel
from branch_desk.ui.dues.ledger_model import FIRST_MONTH
from branch_desk.ui.dues.page import DuesPage
from branch_desk.ui.dues.payment_dialog import PaymentDialog
from branch_desk.ui.dues.payments import PaymentsPanel
from branch_desk.ui.dues.side import DuesSidePanel
from branch_desk.ui.main_window import MainWindow
from tests.conftest import member_input

from .conftest import Said, make_id
from .dues_data import YEAR, add_dues_members


def test_dues_day_ticks_two_members_and_registers_them(
    qtbot: QtBot, ctx: UiContext, said: Said
) -> None:
    people = add_dues_members(ctx.desk, ctx.unit_id)
    panel = DuesDayPanel(ctx)
    qtbot.addWidget(panel)
    panel.method.setCurrentText("微信")
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.model.index(0, 1))
    qtbot.keyClick(panel.table, Qt.Key.Key_Space)  # 张三
    qtbot.keyClick(panel.table, Qt.Key.Key_Down)
    qtbot.keyClick(panel.table, Qt.Key.Key_Space)  # 李四
    assert len(panel.model.ticked()) == 2
    assert "合计 63.00 元" in panel.progress.text()
    assert panel.register_ticked()
    qtbot.waitUntil(lambda: panel.result is not None, timeout=10_000)
    assert said.questions and "登记2人2026年11月党费，合计 63.00 元（微信）" in said.questions[0]
    assert said.infos == ["已登记2人，合计 63.00 元。"]
    today = ctx.desk.dues.today()
    new = [p for p in ctx.desk.dues.payments(ctx.unit_id, YEAR) if p.paid_on == today]
    assert {(p.member_id, p.amount_fen, p.method) for p in new} == {
        (people.zhang, 4800, "微信"),
        (people.li, 1500, "微信"),
    }
    assert all(p.span == "2026年11月" for p in new)
    assert Area.DUES in ctx.published[-1]  # type: ignore[attr-defined]
    assert all(r.done for r in panel.model.rows) and not panel.register.isEnabled()


def test_payment_dialog_refuses_too_small_an_amount(qtbot: QtBot, ctx: UiContext) -> None:
    people = add_dues_members(ctx.desk, ctx.unit_id)
    before = len(ctx.desk.dues.payments(ctx.unit_id))
    dialog = PaymentDialog(ctx, people.zhang, "张三", YEAR, 9)
    qtbot.addWidget(dialog)
    assert dialog.span() == (YEAR * 12 + 6, YEAR * 12 + 8)  # July (first unpaid) to September
    assert dialog.amount.text() == "144.00"
    dialog.amount.setText("100")
    dialog.accept()
    assert "金额不足：所选月份应交合计 144.00 元，本次只交 100.00 元。" in dialog.error.text()
    assert len(ctx.desk.dues.payments(ctx.unit_id)) == before
    dialog.amount.setText("abc")
    dialog.accept()
    assert dialog.error.text().startswith("金额：")
    dialog.amount.setText("144")
    dialog.accept()
    assert dialog.outcome is not None and dialog.outcome.value.amount_fen == 14_400


def test_reversal_creates_a_negative_entry(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, ctx: UiContext, said: Said
) -> None:
    people = add_dues_members(ctx.desk, ctx.unit_id)
    monkeypatch.setattr(common, "ask_text", lambda *_a: "金额登记错误")
    panel = PaymentsPanel(ctx, people.zhang)
    qtbot.addWidget(panel)
    panel.reload(YEAR)
    assert panel.reverse_button.isEnabled()
    assert panel.reverse_selected()
    assert "冲销" in said.questions[0]
    amounts = [(p.amount_fen, p.reversal_of_id is not None) for p in panel.model.payments]
    assert amounts == [(28_800, False), (-28_800, True)]
    assert panel.model.index(1, 7).data() == "冲销" and panel.model.index(0, 7).data() == "已冲销"
    assert ctx.desk.dues.payments(ctx.unit_id)[-1].note == "金额登记错误"
    panel.table.selectRow(0)
    assert not panel.reverse_button.isEnabled()  # already reversed


def test_assessment_editor_with_parts_explains_live_and_saves(qtbot: QtBot, ctx: UiContext) -> None:
    people = add_dues_members(ctx.desk, ctx.unit_id, assess=False)
    who = Assessee(people.zhang, "张三", MemberCategory.EMPLOYED, YEAR)
    dialog = AssessmentDialog(ctx, who)
    qtbot.addWidget(dialog)
    assert dialog.chosen_category() is DuesCategory.EMPLOYED  # default for 在职
    dialog.by_parts.setChecked(True)
    dialog.parts.set_amount(0, "5,000")  # 基本工资 计入
    dialog.parts.set_amount(2, "150")  # 个人所得税 扣除
    row = dialog.parts.add_part("职业年金", 5_000, PartKind.DEDUCTED)
    dialog.parts.set_amount(4, "800")  # 住房补贴 不计入
    assert "适用 1%" in dialog.explanation.text()
    assert dialog.explanation.text() == "税后工资 4,800.00 元，适用 1%，月应交 48.00 元"
    assert dialog.base_total.text() == "计算基数：4,800.00 元"
    dialog.parts.set_kind(4, PartKind.INCLUDED)  # 5,600: the whole base moves up a bracket
    assert dialog.explanation.text().endswith("适用 1.5%，月应交 84.00 元")
    dialog.parts.set_kind(4, PartKind.EXCLUDED)
    assert row == 5
    dialog.accept()
    saved = ctx.desk.dues.assessments(ctx.unit_id, YEAR)
    assert [(a.base_fen, a.monthly_due_fen, len(a.parts)) for a in saved] == [(480_000, 4_800, 4)]


def test_assessment_editor_requires_an_approval_for_relief(qtbot: QtBot, ctx: UiContext) -> None:
    people = add_dues_members(ctx.desk, ctx.unit_id, assess=False)
    who = Assessee(people.wang, "王五", MemberCategory.RETIRED, YEAR)
    dialog = AssessmentDialog(ctx, who, from_month=7)
    qtbot.addWidget(dialog)
    assert dialog.chosen_category() is DuesCategory.RETIRED
    dialog.base.setText("5000.01")
    assert dialog.explanation.text().endswith("月应交 50.00 元")
    dialog.reduction.setCurrentText("免交")
    dialog.accept()
    assert "批准文号" in dialog.error.text()
    assert ctx.desk.dues.assessments(ctx.unit_id, YEAR) == []
    dialog.approval_ref.setText("机关党〔2026〕9号")
    dialog.accept()
    saved = ctx.desk.dues.assessments(ctx.unit_id, YEAR)
    assert [(a.from_month, a.monthly_due_fen) for a in saved] == [(7, 0)]


def test_arrears_panel_lists_a_member_with_four_unpaid_months(qtbot: QtBot, ctx: UiContext) -> None:
    add_dues_members(ctx.desk, ctx.unit_id)
    panel = DuesSidePanel(ctx)
    qtbot.addWidget(panel)
    panel.reload(YEAR)
    lines = [panel.arrears.item(i) for i in range(panel.arrears.count())]
    assert [i.text() for i in lines] == ["张三：连续4个月未交（自2026年7月起），欠交 192.00 元"]
    assert lines[0].foreground().color().name() == "#e67e00"  # warned at 3, flagged at 6
    assert "第九条" in lines[0].toolTip()
    assert panel.balance.text() == "结存（已收未缴）：438.00 元"


def test_page_double_click_opens_payment_for_that_month(qtbot: QtBot, window: MainWindow) -> None:
    people = add_dues_members(window.desk, window.ctx.unit_id)
    window.ctx.publish(frozenset({Area.DUES}))
    page = window.show_section("党费")
    assert isinstance(page, DuesPage)
    assert page.select_member(people.zhang, 10)
    assert page.table.currentIndex().column() == FIRST_MONTH + 9
    dialog = page.pay_at(page.table.currentIndex())
    assert isinstance(dialog, PaymentDialog)
    assert dialog.span() == (YEAR * 12 + 6, YEAR * 12 + 9) and dialog.amount.text() == "192.00"
    dialog.accept()
    assert page.model.index(page.model.row_of(people.zhang), 17).data() == ""
    assert page.side.arrears.count() == 0


def test_batch_assessment_takes_fixed_categories_only(
    qtbot: QtBot, ctx: UiContext, said: Said
) -> None:
    add_dues_members(ctx.desk, ctx.unit_id, assess=False)
    student = member_input(
        name="钱七",
        id_number=make_id(date(1990, 5, 6), 179),
        category=MemberCategory.STUDENT,
    )
    ctx.desk.roster.add(ctx.unit_id, student)
    page = DuesPage(ctx)
    qtbot.addWidget(page)
    assert page.assessments.assess_all()
    assert "须填写基数" in said.questions[0] and "张三" in said.questions[0]
    saved = ctx.desk.dues.assessments(ctx.unit_id, YEAR)
    assert [(a.member_name, a.monthly_due_fen) for a in saved] == [("钱七", 20)]


def test_ledger_grid_shows_every_amount_whole(qtbot: QtBot, ctx: UiContext) -> None:
    """Large amounts (12000.00 a column, the 合计 row in bold) are never cut to '4941.…'."""
    from PySide6.QtGui import QFont, QFontMetrics

    from branch_desk.services.dues.service import AssessmentInput, PaymentInput

    add_dues_members(ctx.desk, ctx.unit_id)
    rich = ctx.desk.roster.add(
        ctx.unit_id, member_input(name="钱多", id_number=make_id(date(1970, 3, 3), 179))
    ).value.id
    ctx.desk.dues.assess(rich, YEAR, AssessmentInput(DuesCategory.EMPLOYED, base_fen=6_000_000))
    for month in range(1, 11):  # 1000.00 a month (the cap), each paid with a 11000.00 extra
        start = date(YEAR, month, 1)
        ctx.desk.dues.pay(rich, PaymentInput(start, start, 1_200_000, date(YEAR, month, 5)))
    page = DuesPage(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    font = QFont(page.table.font())
    font.setBold(True)
    metrics = QFontMetrics(font)
    model, total = page.model, page.model.rowCount() - 1
    assert model.index(total, FIRST_MONTH).data() == "12063.00"
    for column in range(FIRST_MONTH, model.columnCount()):
        for row in (model.row_of(rich), total):
            text = str(model.index(row, column).data() or "")
            assert page.table.columnWidth(column) >= metrics.horizontalAdvance(text) + 8, text
