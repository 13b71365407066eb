"""Importing and exporting the roster workbook through the GUI, work done in the background."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from pytestqt.qtbot import QtBot

from branch_desk.services.outcome import Area
from branch_desk.ui import qt_chinese
from branch_desk.ui.context import UiContext
from branch_desk.ui.main_window import MainWindow
from branch_desk.ui.roster.excel import default_export_name
from branch_desk.ui.roster.import_dialog import ImportDialog

from .conftest import Said, add_members

HEADER = ["序号", "姓名", "性别", "身份证号", "人员类别", "党员类别", "入党时间", "转正时间"]
HEADER += ["党小组", "联系电话", "籍贯"]
ROWS = [
    [1, "张三", "男", "110101199003071233", "在职", "正式党员", "2012.6.18", "2013-06-18"],
    [2, "李红", "女", "11010519491231002x", "退休", "正式", "1975-07-01", "1976-07-01"],
]
EXTRAS = [["第一党小组", "13800138000", "湖南"], ["第五党小组", "", "湖北"]]


def _workbook(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "党员名册"
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _good_rows() -> list[list[object]]:
    return [row + extra for row, extra in zip(ROWS, EXTRAS, strict=True)]


def _open(qtbot: QtBot, ctx: UiContext, path: Path) -> ImportDialog:
    dialog = ImportDialog(ctx, path)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    return dialog


def test_import_previews_then_creates_members(qtbot: QtBot, ctx: UiContext, said: Said) -> None:
    dialog = _open(qtbot, ctx, _workbook(ctx.desk.paths.data_dir / "名册.xlsx", _good_rows()))
    assert dialog.preview is not None and dialog.preview.ok
    assert dialog.import_button.isEnabled()
    cells = [[dialog.model.index(r, c).data() for c in range(4)] for r in range(2)]
    assert cells[0] == ["2", "张三", "新增", ""]
    assert cells[1][:3] == ["3", "李红", "新增"] and "将新建" in cells[1][3]  # a warning only
    assert "籍贯" in dialog.extra.text() and "第五党小组" in dialog.extra.text()
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=10_000)
    assert sorted(m.name for m in ctx.desk.roster.list(ctx.unit_id)) == ["张三", "李红"]
    assert said.infos == ["导入完成：新增2人，更新0人，无变化0人。"]
    assert Area.MEMBERS in ctx.published[-1]  # type: ignore[attr-defined]


def test_import_with_errors_lists_them_and_refuses(qtbot: QtBot, ctx: UiContext) -> None:
    rows = _good_rows()
    rows[1][3] = "110105194912310021"
    dialog = _open(qtbot, ctx, _workbook(ctx.desk.paths.data_dir / "坏.xlsx", rows))
    assert dialog.preview is not None and not dialog.preview.ok
    assert not dialog.import_button.isEnabled()
    problems = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert any(p.startswith("第3行〔身份证号〕") for p in problems)
    assert dialog.model.index(1, 2).data() == "有错误"
    dialog.accept()  # refused: nothing happens
    assert ctx.desk.roster.list() == []


def test_unreadable_file_is_reported(qtbot: QtBot, ctx: UiContext, said: Said) -> None:
    path = ctx.desk.paths.data_dir / "不是表格.xlsx"
    path.write_text("这不是Excel文件", encoding="utf-8")
    dialog = _open(qtbot, ctx, path)
    assert dialog.preview is None and not dialog.import_button.isEnabled()
    assert said.warnings and "Traceback" not in said.warnings[0]


def test_import_menu_opens_the_dialog_for_the_chosen_file(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, window: MainWindow
) -> None:
    path = _workbook(window.desk.paths.data_dir / "名册.xlsx", _good_rows())
    monkeypatch.setattr(qt_chinese, "get_open_file_name", lambda *a, **k: (str(path), ""))
    window.import_roster()
    dialog = window.roster.findChild(ImportDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: window.roster.model.rowCount() == 2, timeout=10_000)


def test_export_writes_the_workbook_in_the_background(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, window: MainWindow, said: Said
) -> None:
    add_members(window.desk, window.ctx.unit_id)
    target = window.desk.paths.data_dir.parent / "导出"  # outside the data dir
    asked: list[str] = []

    def save_name(_parent: object, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(target), ""

    monkeypatch.setattr(qt_chinese, "get_save_file_name", save_name)
    window.export_roster()
    qtbot.waitUntil(lambda: bool(said.infos), timeout=10_000)
    assert Path(asked[0]).name == "党员名册_第一党支部_20261120.xlsx"
    assert said.infos == [f"已导出2名党员到：\n{target.with_suffix('.xlsx')}"]
    assert load_workbook(target.with_suffix(".xlsx")).active is not None


def test_default_export_name() -> None:

    assert (
        default_export_name("第一党支部", date(2026, 1, 5)) == "党员名册_第一党支部_20260105.xlsx"
    )


def test_export_into_the_data_dir_is_refused_with_a_message(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, window: MainWindow, said: Said
) -> None:
    add_members(window.desk, window.ctx.unit_id)
    database = window.desk.paths.database
    before = database.stat().st_size
    target = str(database.with_suffix(".xlsx"))
    monkeypatch.setattr(qt_chinese, "get_save_file_name", lambda *_a: (target, ""))
    window.export_roster()
    qtbot.waitUntil(lambda: bool(said.warnings), timeout=10_000)
    assert "不能保存到数据文件夹内" in said.warnings[0]
    assert not Path(target).exists() and database.stat().st_size == before
