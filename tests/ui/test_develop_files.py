"""发展党员 files from the GUI: ledger import preview, 纪实表 and 汇总表 exports; Chinese only."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from branch_desk.domain.development import Stage, Step
from branch_desk.services.app import BranchDesk
from branch_desk.ui import qt_chinese
from branch_desk.ui.development.import_export import CandidateImportDialog, PipelineDialog
from branch_desk.ui.development.page import DevelopPage
from branch_desk.ui.development.step_fields import StepFields
from branch_desk.ui.main_window import MainWindow
from tests.xlsx_helpers import write_sheet

from .conftest import Said
from .develop_data import add_candidate, fill_pipeline, id_for
from .event_data import add_branch
from .test_chinese_only import _english, _texts

HEADER = ("序号", "姓名", "身份证号", "入党申请时间", "谈话时间", "党小组")


def plain(text: str) -> str:
    """Return the visible text of a label that may hold rich text."""
    return re.sub(r"<[^>]+>|&[a-z]+;", "", text)


def _page(window: MainWindow) -> DevelopPage:
    page = window.show_section("发展党员")
    assert isinstance(page, DevelopPage)
    return page


def _exports(desk: BranchDesk) -> None:
    """Make sure the export service is reachable as desk.development_io."""
    if not hasattr(desk, "development_io"):
        from branch_desk.services.development.documents import DevelopmentExportService

        desk.development_io = DevelopmentExportService(desk.development)  # type: ignore[attr-defined]


def _save_to(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(qt_chinese, "get_save_file_name", lambda *_a, **_k: (str(path), ""))


def test_import_preview_lists_problems_and_imports(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, said: Said
) -> None:
    rows = [
        [1, "刘一", id_for(date(1999, 5, 6), 312), "2026-08-01", "2026-08-20", "第一党小组"],
        [2, "陈二", "123", "2026-13-01", None, None],
    ]
    bad = write_sheet(tmp_path / "台账.xlsx", HEADER, rows)
    dialog = CandidateImportDialog(window.ctx, bad, window)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    problems = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert any(p.startswith("第3行〔") for p in problems)
    assert not dialog.import_button.isEnabled()
    assert "不会导入任何数据" in dialog.status.text()
    dialog.reject()
    good = write_sheet(tmp_path / "台账2.xlsx", HEADER, rows[:1])
    dialog = CandidateImportDialog(window.ctx, good, window)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    assert dialog.import_button.isEnabled()
    assert dialog.model.index(0, 1).data() == "刘一"
    dialog.accept()
    qtbot.waitUntil(lambda: not dialog.applying, timeout=10_000)
    assert said.infos[-1].startswith("导入完成：新增1人")
    [made] = window.desk.development.list(window.ctx.unit_id)
    assert made.name == "刘一" and made.steps[Step.TALK].day == date(2026, 8, 20)
    assert _page(window).board.column_of(Stage.APPLICANT).model.rowCount() == 1


def test_dossier_and_pipeline_exports(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    said: Said,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _exports(window.desk)
    steps = {Step.APPLICATION: (date(2026, 3, 2), {}), Step.TALK: (date(2026, 3, 20), {})}
    chen = add_candidate(window.desk, window.ctx.unit_id, "陈静", date(1999, 9, 12), 322, steps)
    page = _page(window)
    page.reload()
    page.export_dossier()
    assert said.warnings[-1] == "请先在看板或列表中选择一名人员。"
    page.board.select(chen.id)
    docx = tmp_path / "纪实表"
    _save_to(monkeypatch, docx)
    page.export_dossier()
    qtbot.waitUntil(lambda: not window.tasks.busy(), timeout=10_000)
    assert docx.with_suffix(".docx").is_file()
    assert "陈静的纪实表已导出到" in said.infos[-1]
    xlsx = tmp_path / "汇总表.xlsx"
    _save_to(monkeypatch, xlsx)
    dialog = page.export_pipeline()
    assert isinstance(dialog, PipelineDialog) and dialog.year.value() == 2026
    dialog.accept()
    qtbot.waitUntil(lambda: not window.tasks.busy(), timeout=10_000)
    assert xlsx.is_file() and "2026年度汇总表已导出到" in said.infos[-1]


def test_development_screens_show_no_english(qtbot: QtBot, window: MainWindow) -> None:
    add_branch(window.desk, window.ctx.unit_id)
    made = fill_pipeline(window.desk, window.ctx.unit_id, date(2026, 11, 20))
    page = _page(window)
    page.reload()
    dialog = page.open(made["赵磊"].id)
    members = window.desk.roster.list(window.ctx.unit_id)
    widgets: list[QWidget] = [page, dialog, page.add_candidate(), dialog.end_procedure()]
    widgets += [dialog.edit_step(Step.APPROVAL), page.export_pipeline()]
    widgets += [StepFields(step, members) for step in Step]
    widgets.append(window.show_section("设置"))
    texts: list[str] = []
    for widget in widgets:
        texts += [plain(t) for t in _texts(widget)]
    assert _english(texts, str(window.desk.paths.data_dir)) == set()
