"""导入台账 on the 会议活动 page: the preview by row and column, all or nothing, 学时 explained."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from branch_desk.services.outcome import Area
from branch_desk.ui.context import UiContext
from branch_desk.ui.events import import_dialog
from branch_desk.ui.events.import_dialog import EventImportDialog
from branch_desk.ui.events.page import EventsPage
from branch_desk.ui.main_window import MainWindow
from branch_desk.ui.settings_page import SettingsPage
from tests.services.test_event_import import HEADER, add_roster, ledger, messy_rows

from .conftest import Said


def _open(qtbot: QtBot, ctx: UiContext, path: Path) -> EventImportDialog:
    dialog = EventImportDialog(ctx, path)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    return dialog


def _cells(dialog: EventImportDialog) -> list[list[str]]:
    model = dialog.model
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_ledger_preview_shows_each_row_then_imports_it_all(
    qtbot: QtBot, ctx: UiContext, said: Said, tmp_path: Path
) -> None:
    add_roster(ctx.desk, ctx.unit_id)
    dialog = _open(qtbot, ctx, ledger(tmp_path, messy_rows()))
    assert [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
        "行号", "会议", "处理", "学时", "问题"
    ]  # fmt: skip
    cells = _cells(dialog)
    assert cells[0][:4] == ["4", "2026-03-20 主题党日、支部党员大会 一季度党员大会暨主题党日",
                            "新增", "2.5（按起止时间）"]  # fmt: skip
    assert "〔列席人员〕" in cells[0][4] and "周九" in cells[0][4]  # a warning only
    assert cells[1][2:4] == ["新增", ""]  # 支委会: no 学时
    assert cells[3][3] == "2（按起止时间）"
    assert "共4行：新增4次，更新0次，无变化0次；错误0处，提示1处" in dialog.status.text()
    assert "学时：2行按起止时间折算（每学时60分钟，见设置）" in dialog.extra.text()
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=10_000)
    assert len(ctx.desk.events.list(ctx.unit_id)) == 4
    assert said.infos == ["导入完成：新增4次会议活动，更新0次，无变化0次。"]
    assert Area.EVENTS in ctx.published[-1]  # type: ignore[attr-defined]

    again = _open(qtbot, ctx, ledger(tmp_path, messy_rows()))
    assert [row[2] for row in _cells(again)] == ["无变化"] * 4


def test_a_bad_row_is_shown_by_row_and_column_and_nothing_is_imported(
    qtbot: QtBot, ctx: UiContext, tmp_path: Path
) -> None:
    add_roster(ctx.desk, ctx.unit_id)
    rows = messy_rows()
    rows[1][9] = "陈十一（病假）"
    dialog = _open(qtbot, ctx, ledger(tmp_path, rows))
    assert not dialog.import_button.isEnabled()
    assert _cells(dialog)[1][2] == "有错误"
    assert "〔缺席人员〕缺席人员“陈十一”不在该日的党员名册中" in _cells(dialog)[1][4]
    assert "不会导入任何数据" in dialog.status.text()
    dialog.accept()  # refused: nothing to write
    assert ctx.desk.events.list(ctx.unit_id) == []


def test_a_sheet_that_is_no_ledger_is_a_message_and_changes_nothing(
    qtbot: QtBot, ctx: UiContext, said: Said, tmp_path: Path
) -> None:
    add_roster(ctx.desk, ctx.unit_id)
    header = tuple(h for h in HEADER if h != "日期")
    rows = [[c for i, c in enumerate(row) if HEADER[i] != "日期"] for row in messy_rows()]
    dialog = _open(qtbot, ctx, ledger(tmp_path, rows, header))
    assert [w for w in said.warnings if "会议台账缺少必需的列：日期" in w]
    assert dialog.preview is None and not dialog.import_button.isEnabled()
    assert ctx.desk.events.list(ctx.unit_id) == []


def test_the_page_button_asks_for_a_workbook_and_opens_the_preview(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, ctx: UiContext, tmp_path: Path
) -> None:
    add_roster(ctx.desk, ctx.unit_id)
    path = ledger(tmp_path, messy_rows())
    monkeypatch.setattr(import_dialog, "ask_ledger_path", lambda _parent: str(path))
    page = EventsPage(ctx)
    qtbot.addWidget(page)
    page.buttons["导入台账"].click()
    dialog = page.findChild(EventImportDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=10_000)
    assert len(ctx.desk.events.list(ctx.unit_id)) == 4


def test_minutes_per_hour_set_in_settings_changes_the_preview(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    add_roster(window.desk, window.ctx.unit_id)
    settings = window.show_section("设置")
    assert isinstance(settings, SettingsPage)
    settings.editors["study.minutes_per_hour"].setValue(45)  # type: ignore[union-attr]
    settings.save_button.click()
    assert settings.status.text() == "已保存。"
    dialog = _open(qtbot, window.ctx, ledger(tmp_path, messy_rows()))
    assert "每学时45分钟" in dialog.extra.text()
    assert _cells(dialog)[3][3] == "2.7（按起止时间）"  # 党课 9:00—11:00, 120 ÷ 45


def test_the_ledger_preview_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: ModelTester, ctx: UiContext, tmp_path: Path
) -> None:
    add_roster(ctx.desk, ctx.unit_id)
    dialog = _open(qtbot, ctx, ledger(tmp_path, messy_rows()))
    qtmodeltester.check(dialog.model)
