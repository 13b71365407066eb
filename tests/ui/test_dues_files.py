"""党费 import, export, 上缴 and the 工作台 box; no English on any dues screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from branch_desk.domain.members import MemberCategory
from branch_desk.services.outcome import Area
from branch_desk.ui import qt_chinese
from branch_desk.ui.context import UiContext
from branch_desk.ui.dashboard import DashboardPage
from branch_desk.ui.dues import files
from branch_desk.ui.dues.assessment_dialog import Assessee, AssessmentDialog
from branch_desk.ui.dues.import_dialog import BASES, DuesImportDialog
from branch_desk.ui.dues.page import DuesPage
from branch_desk.ui.dues.payment_dialog import PaymentDialog
from branch_desk.ui.dues.remit_dialog import RemitDialog
from branch_desk.ui.main_window import MainWindow

from .conftest import Said
from .dues_data import YEAR, add_dues_members
from .test_chinese_only import _english, _texts


def _bases(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "党费基数"
    sheet.append(["序号", "姓名", "党费类别", "月基数"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _open(qtbot: QtBot, ctx: UiContext, path: Path) -> DuesImportDialog:
    dialog = DuesImportDialog(ctx, BASES, YEAR, path)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    return dialog


def test_import_bases_previews_then_assesses(qtbot: QtBot, ctx: UiContext, said: Said) -> None:
    add_dues_members(ctx.desk, ctx.unit_id, assess=False)
    rows: list[list[object]] = [[1, "张三", "在职", "4,800"], [2, "李四", "", 3000]]
    dialog = _open(qtbot, ctx, _bases(ctx.desk.paths.data_dir / "基数.xlsx", rows))
    assert dialog.preview is not None and dialog.preview.ok
    assert [dialog.model.index(r, 2).data() for r in range(2)] == ["新增", "新增"]
    assert "新增2行" in dialog.status.text()
    shown = [[dialog.model.index(r, c).data() for c in range(3, 7)] for r in range(2)]
    assert shown == [["在职", "4,800.00", "1%", "48.00"], ["在职", "3,000.00", "0.5%", "15.00"]]
    assert "合计：2人，月应交合计 63.00 元" in dialog.status.text()
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.imported is not None, timeout=10_000)
    dues = [
        (a.member_name, a.monthly_due_fen) for a in ctx.desk.dues.assessments(ctx.unit_id, YEAR)
    ]
    assert dues == [("张三", 4800), ("李四", 1500)]
    assert said.infos == ["导入完成：共导入2人。"]
    assert Area.DUES in ctx.published[-1]  # type: ignore[attr-defined]


def test_import_of_another_years_sheet_warns(qtbot: QtBot, ctx: UiContext) -> None:
    add_dues_members(ctx.desk, ctx.unit_id, assess=False)
    path = _bases(ctx.desk.paths.data_dir / "旧.xlsx", [[1, "张三", "在职", 4800]])
    book = load_workbook(path)
    book.active.insert_rows(1)
    book.active["A1"] = "2024年党费基数核定"
    book.save(path)
    dialog = _open(qtbot, ctx, path)
    problems = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert problems == [
        "（提示）表格标题“2024年党费基数核定”写的是2024年，而本次导入为2026年，请确认年度是否选对"
    ]
    assert "提示1处" in dialog.status.text() and dialog.import_button.isEnabled()


def test_import_bases_with_errors_names_row_and_column(qtbot: QtBot, ctx: UiContext) -> None:
    add_dues_members(ctx.desk, ctx.unit_id, assess=False)
    rows: list[list[object]] = [[1, "张三", "在职", "四千八"], [2, "赵九", "在职", 3000]]
    dialog = _open(qtbot, ctx, _bases(ctx.desk.paths.data_dir / "坏.xlsx", rows))
    assert dialog.preview is not None and not dialog.preview.ok
    assert not dialog.import_button.isEnabled()
    problems = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert any(p.startswith("第2行〔月基数〕") for p in problems)
    assert any(p.startswith("第3行〔姓名〕") for p in problems)
    dialog.accept()
    assert ctx.desk.dues.assessments(ctx.unit_id, YEAR) == []


def test_export_ledger_in_the_background(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, ctx: UiContext, said: Said
) -> None:
    add_dues_members(ctx.desk, ctx.unit_id)
    target = ctx.desk.paths.data_dir.parent / "登记表"  # outside the data dir
    asked: list[str] = []

    def save_name(_parent: object, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(target), ""

    monkeypatch.setattr(qt_chinese, "get_save_file_name", save_name)
    page = QWidget()
    qtbot.addWidget(page)
    assert files.start_export(ctx, page, files.LEDGER, YEAR)
    qtbot.waitUntil(lambda: bool(said.infos), timeout=10_000)
    assert Path(asked[0]).name == "党费收缴登记表_第一党支部_2026年.xlsx"
    written = target.with_suffix(".xlsx")
    assert said.infos == [f"已导出2026年党费收缴登记表到：\n{written}"]
    assert load_workbook(written).active is not None


def test_remit_dialog_records_the_balance(qtbot: QtBot, ctx: UiContext) -> None:
    add_dues_members(ctx.desk, ctx.unit_id)
    dialog = RemitDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.amount.text() == "438.00" and dialog.covers.text() == "2026年第四季度"
    dialog.large.setText("500")
    dialog.accept()
    assert "其中大额党费" in dialog.error.text() and dialog.outcome is None
    dialog.large.setText("0")
    dialog.receipt_no.setText("2026-04")
    dialog.accept()
    assert dialog.outcome is not None
    assert ctx.desk.dues.balance(ctx.unit_id) == 0


def test_dashboard_dues_box_counts_and_links(qtbot: QtBot, window: MainWindow) -> None:
    add_dues_members(window.desk, window.ctx.unit_id)
    window.ctx.publish(frozenset({Area.DUES}))
    dashboard = window.dashboard()
    assert isinstance(dashboard, DashboardPage)
    box = dashboard.findChild(QGroupBox, "dues_box")
    assert box is not None and box.property("warned") == 1
    texts = [label.text() for label in box.findChildren(QLabel)]
    assert texts[:3] == [
        "11月已交清：0/2 人",
        "结存（已收未缴）：438.00 元",
        "连续未交党费提醒：1 人",
    ]
    link = box.findChild(QPushButton, "open_dues")
    assert link is not None
    link.click()
    assert isinstance(window.stack.currentWidget(), DuesPage)


def test_dues_screens_show_no_english(qtbot: QtBot, window: MainWindow) -> None:
    people = add_dues_members(window.desk, window.ctx.unit_id)
    window.ctx.publish(frozenset({Area.DUES}))
    page = window.show_section("党费")
    assert isinstance(page, DuesPage)
    page.select_member(people.zhang, 8)
    who = Assessee(people.zhang, "张三", MemberCategory.EMPLOYED, YEAR)
    dialogs: list[QWidget] = [
        PaymentDialog(window.ctx, people.zhang, "张三", YEAR, 8, window),
        AssessmentDialog(window.ctx, who, parent=window),
        RemitDialog(window.ctx, window),
    ]
    texts = _texts(window)
    for title in ("党费日", "党费核定", "缴费记录"):
        texts += _texts(page.show_tab(title))
    for dialog in dialogs:
        texts += _texts(dialog)
    texts += _texts(window.show_section("工作台"))
    assert _english(texts, str(window.desk.paths.data_dir)) == set()
