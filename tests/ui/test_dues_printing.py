"""Print previews of the 党费收缴登记表 and 核定表: the HTML and the landscape dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPageLayout
from pytestqt.qtbot import QtBot

from branch_desk.domain.money import yuan
from branch_desk.ui.context import UiContext
from branch_desk.ui.dues.page import DuesPage
from branch_desk.ui.dues.printing import assessment_html, ledger_html

from .dues_data import YEAR, add_dues_members


def _total_row(html: str) -> str:
    return html.split('<tr class="total">')[1].split("</tr>")[0]


def _cells(row: str) -> list[str]:
    return [c.split(">", 1)[1].split("</td>")[0] for c in row.split("<td")[1:]]


def test_ledger_html_shows_month_amounts_and_the_totals(ctx: UiContext) -> None:
    add_dues_members(ctx.desk, ctx.unit_id)
    ledger = ctx.desk.dues_reports.ledger(ctx.unit_id, YEAR, ctx.desk.dues.today())
    html = ledger_html(ledger)
    assert f"第一党支部党员党费收缴登记表（{YEAR}年度）" in html
    zhang = next(r for r in ledger.rows if r.name == "张三")
    row = html.split('<td class="mid">张三</td>')[1].split("</tr>")[0]
    assert yuan(zhang.months[0].paid_fen) == "48.00"
    assert '<td class="num">48.00</td>' in row
    totals = _cells(_total_row(html))
    assert totals[0] == "合计"
    expected = [yuan(f) for f in ledger.month_totals]
    expected += [yuan(ledger.annual_due_fen), yuan(ledger.annual_paid_fen)]
    expected.append(yuan(ledger.arrears_fen))
    assert totals[1:-1] == expected
    assert "免交" in html and "收缴人" in html and "支部书记" in html


def test_assessment_html_lists_every_member_and_the_monthly_total(ctx: UiContext) -> None:
    add_dues_members(ctx.desk, ctx.unit_id)
    sheet = ctx.desk.dues_reports.assessment_sheet(ctx.unit_id, YEAR)
    html = assessment_html(sheet)
    assert all(f'<td class="mid">{r.name}</td>' in html for r in sheet.rows)
    totals = _cells(_total_row(html))
    assert totals[:2] == ["合计", yuan(sheet.total_monthly_fen)]
    assert "核定日期" in html


def test_dues_page_opens_landscape_previews(qtbot: QtBot, ctx: UiContext) -> None:
    add_dues_members(ctx.desk, ctx.unit_id)
    page = DuesPage(ctx)
    qtbot.addWidget(page)
    page.show()
    menu = page.buttons["打印预览"].menu()
    assert [a.text() for a in menu.actions()] == ["党费收缴登记表", "党费基数核定表"]
    for dialog in (page.preview_ledger(), page.preview_assessment()):
        assert dialog.isVisible()
        assert dialog.windowModality() == Qt.WindowModality.WindowModal
        layout = dialog.printer.pageLayout()  # type: ignore[attr-defined]
        assert layout.orientation() == QPageLayout.Orientation.Landscape
        dialog.close()
