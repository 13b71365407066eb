"""The 报告归档 section: completeness table, narrative editing, export and the archive build."""

from __future__ import annotations

import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from branch_desk.domain.archive import EMPTY_NOTE
from branch_desk.domain.org import OrgUnitKind
from branch_desk.domain.summary import NARRATIVE_LABELS
from branch_desk.domain.text import format_date
from branch_desk.exports.document_model import compact, document_texts, normalise
from branch_desk.exports.summary_docx import summary_document
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.demo.branch import fill_demo
from branch_desk.services.org.units import BranchInput
from branch_desk.services.outcome import Area
from branch_desk.ui import qt_chinese
from branch_desk.ui.context import UiContext
from branch_desk.ui.document_preview import DocumentPreviewDialog, preview_texts
from branch_desk.ui.reports import tab_parts as common
from branch_desk.ui.reports.archive_model import (
    COL_MISSING,
    COL_STATE,
    OK_MARK,
    WARN_MARK,
    CompletenessModel,
)
from branch_desk.ui.reports.page import ReportsPage
from branch_desk.ui.reports.summary_html import MARKER_BACKGROUND, summary_html
from branch_desk.ui.reports.tab_parts import CANCELLED_TEXT, ordered_units, write_in_background
from branch_desk.ui.tasks import CancelFn, ProgressFn, TaskRunner
from tests.conftest import FIXED_NOW

from .conftest import Said

YEAR = FIXED_NOW.year


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BranchDesk]:
    """One demo branch (fill_demo, seed 1) shared by the module; the clock is fixed."""
    desk = BranchDesk.open(
        AppPaths.resolve(tmp_path_factory.mktemp("reports") / "data"), automatic_backups=False
    )
    desk.db.clock = lambda: FIXED_NOW
    fill_demo(desk, seed=1)
    yield desk
    desk.close()


@pytest.fixture
def page(qtbot: QtBot, demo: BranchDesk) -> Iterator[ReportsPage]:
    """The 报告归档 page on the demo branch, shown (so it has loaded)."""
    runner = TaskRunner()
    published: list[frozenset[Area]] = []
    ctx = UiContext(demo, demo.org.resolve().id, runner, published.append)
    widget = ReportsPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    yield widget
    runner.shutdown()
    qtbot.waitUntil(lambda: not runner.busy(), timeout=10_000)


def _save_to(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    """Answer every save dialog with ``path``; return the names it suggested."""
    suggested: list[str] = []

    def choose(_parent: object, _title: str, start: str, _filter: str) -> tuple[str, str]:
        suggested.append(Path(start).name)
        return str(path), ""

    monkeypatch.setattr(qt_chinese, "get_save_file_name", choose)
    return suggested


def _offered(widget: object) -> QMessageBox:
    boxes = [b for b in widget.findChildren(QMessageBox) if b.isVisible()]  # type: ignore[attr-defined]
    assert boxes, "no finished message shown"
    return boxes[-1]


def test_completeness_model_shows_gaps_and_empty_categories(
    qtmodeltester: ModelTester, demo: BranchDesk
) -> None:
    statuses = demo.archive.overview(demo.org.resolve().id, YEAR, FIXED_NOW.date())
    model = CompletenessModel()
    model.set_statuses(statuses)
    qtmodeltester.check(model)
    assert model.rowCount() == 14 and model.columnCount() == 5
    texts = [model.index(r, COL_MISSING).data() for r in range(14)]
    marks = [model.index(r, COL_STATE).data() for r in range(14)]
    for status, text, mark in zip(statuses, texts, marks, strict=True):
        if status.missing:
            assert text == "；".join(status.missing) and mark == WARN_MARK
        elif status.files == 0:
            assert text == EMPTY_NOTE and mark == OK_MARK
    assert EMPTY_NOTE in texts and WARN_MARK in marks
    assert model.index(0, 0).data() == "01" and model.index(1, 1).data() == "党员名册"


def test_archive_tab_lists_the_overview_and_titles(qtbot: QtBot, page: ReportsPage) -> None:
    tab = page.show_tab("归档包")
    assert tab is page.archive and page.archive.model.rowCount() == 14
    assert "个类别有缺项" in page.archive.short.text()
    dialog = page.archive.show_titles(page.archive.model.index(1, 0))
    assert dialog is not None and dialog.isVisible()
    assert [dialog.titles.item(i).text() for i in range(dialog.titles.count())] == ["党员名册"]
    dialog.close()


def test_editing_a_narrative_saves_and_refreshes_the_preview(
    page: ReportsPage, demo: BranchDesk
) -> None:
    summary = page.summary
    text = "全年围绕党的二十届四中全会精神开展集中学习十二次，测试段落甲。"
    assert not summary.save_button.isEnabled()
    summary.editor.edits["study"].setPlainText(text + "\n\n")
    assert summary.save_button.isEnabled()
    assert "未保存" in summary.editor.states["study"].text()
    summary.save_button.click()
    unit_id = demo.org.resolve().id
    assert demo.summary.stored(unit_id, YEAR)["study"] == text
    assert text in summary.preview_text()
    assert "已修改" in summary.editor.states["study"].text()
    assert not summary.save_button.isEnabled()


def test_restore_draft_brings_back_the_default(
    page: ReportsPage, demo: BranchDesk, said: Said
) -> None:
    summary = page.summary
    unit_id = demo.org.resolve().id
    summary.editor.edits["plans"].setPlainText("明年的打算，测试段落乙。")
    summary.save()
    assert "plans" in demo.summary.stored(unit_id, YEAR)
    summary.editor.restore_buttons["plans"].click()
    assert said.questions and "下一步打算" in said.questions[-1]
    draft = demo.summary.drafts(unit_id, YEAR, FIXED_NOW.date())["plans"]
    assert "plans" not in demo.summary.stored(unit_id, YEAR)
    assert summary.editor.edits["plans"].toPlainText() == draft
    assert draft.splitlines()[0] in summary.preview_text()
    assert "测试段落乙" not in summary.preview_text()
    assert not summary.editor.restore_buttons["plans"].isEnabled()


def test_changing_the_year_offers_to_save_to_the_year_edited(
    page: ReportsPage, demo: BranchDesk, said: Said
) -> None:
    unit_id = demo.org.resolve().id
    page.summary.editor.edits["opening"].setPlainText("开头语，测试段落丙。")
    page.bar.year_box.setValue(YEAR - 1)
    assert "开头语" in said.questions[-1]
    assert demo.summary.stored(unit_id, YEAR)["opening"] == "开头语，测试段落丙。"
    assert page.summary.shown == (unit_id, YEAR - 1)
    assert "测试段落丙" not in page.summary.editor.text("opening")
    demo.summary.save_narrative(unit_id, YEAR, "opening", "")


def test_preview_colours_figures_and_marks_what_to_fill_in(page: ReportsPage) -> None:
    doc = page.summary.doc
    assert doc is not None
    html = summary_html(doc)
    assert "#1f5fa8" in html  # the figures' colour
    assert MARKER_BACKGROUND in html and "【请填写" in html
    dialog = page.summary.print_preview()
    assert isinstance(dialog, DocumentPreviewDialog) and dialog.isVisible()
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    printed = compact(preview_texts(dialog.document))
    assert printed[0] == normalise(doc.title) and printed[-1] == format_date(doc.date)
    assert printed == document_texts(summary_document(doc))
    dialog.close()


def test_export_writes_the_docx_in_the_background(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, page: ReportsPage, tmp_path: Path
) -> None:
    target = tmp_path / "总结.docx"
    suggested = _save_to(monkeypatch, target)
    task = page.summary.export()
    assert task is not None
    qtbot.waitUntil(lambda: target.exists() and page.summary.task is None, timeout=15_000)
    assert suggested == ["中共城南区住房和城乡建设局机关第一党支部2026年度党建工作总结.docx"]
    assert zipfile.is_zipfile(target)
    assert [p.name for p in tmp_path.iterdir()] == ["总结.docx"]  # no temp file left
    assert str(target) in _offered(page.summary).text()


def test_archive_build_writes_the_zip_and_offers_the_folder(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, page: ReportsPage, tmp_path: Path
) -> None:
    target = tmp_path / "归档包.zip"
    suggested = _save_to(monkeypatch, target)
    opened: list[Path] = []
    monkeypatch.setattr(common, "open_folder", opened.append)
    archive = page.show_tab("归档包")
    assert archive is page.archive
    page.archive.mask.setChecked(True)
    assert page.archive.build() is not None
    assert not page.archive.build_button.isEnabled()
    qtbot.waitUntil(lambda: page.archive.built is not None, timeout=60_000)
    assert suggested == ["城南区住房和城乡建设局机关第一党支部_2026年度台账归档包.zip"]
    index = page.archive.built
    assert index is not None and index.masked
    with zipfile.ZipFile(target) as pack:
        names = pack.namelist()
    assert "manifest.json" in names and len(names) >= len(index.entries) + 3
    assert [p.name for p in tmp_path.iterdir()] == ["归档包.zip"]
    box = _offered(page.archive)
    assert f"共{len(index.entries) + len(index.extra_files)}个文件" in box.text()
    opener = next(b for b in box.findChildren(QPushButton) if b.text() == "打开所在文件夹")
    opener.click()
    assert opened == [target]
    assert page.archive.build_button.isEnabled()


def test_cancelling_the_build_leaves_nothing(
    qtbot: QtBot, page: ReportsPage, tmp_path: Path, said: Said
) -> None:
    target = tmp_path / "归档包.zip"
    task = page.archive.build_to(target)
    qtbot.waitUntil(lambda: task.dialog is not None and task.dialog.isVisible(), timeout=10_000)
    page.archive.cancel()
    qtbot.waitUntil(lambda: CANCELLED_TEXT in said.infos, timeout=30_000)
    assert page.archive.built is None and page.archive.task is None
    assert list(tmp_path.iterdir()) == []


def test_a_cancel_after_the_work_finished_still_leaves_nothing(
    qtbot: QtBot, page: ReportsPage, tmp_path: Path, said: Said
) -> None:
    target = tmp_path / "报告.docx"
    written = threading.Event()
    release = threading.Event()
    done: list[Path] = []

    def write(temp: Path, _progress: ProgressFn, _cancel: CancelFn) -> str:
        temp.write_text("内容", encoding="utf-8")
        written.set()
        release.wait(10)
        return "完成"

    task = write_in_background(page.ctx, page, target, write, "测试", lambda p, _r: done.append(p))
    qtbot.waitUntil(written.is_set, timeout=5000)
    task.cancel()  # 取消 arrives while the work is returning successfully
    release.set()
    qtbot.waitUntil(lambda: CANCELLED_TEXT in said.infos, timeout=5000)
    assert done == [] and list(tmp_path.iterdir()) == []


def test_units_list_a_general_branch_above_its_branches(empty_desk: BranchDesk) -> None:
    desk = empty_desk
    top = desk.org.create_branch(
        BranchInput("机关党总支", kind=OrgUnitKind.GENERAL_BRANCH, upper_org="机关党委")
    ).value
    for name in ("机关第一党支部", "机关第二党支部"):
        desk.org.create_branch(BranchInput(name, parent_id=top.id, groups=("第一党小组",)))
    assert [(u.name, depth) for u, depth in ordered_units(desk)] == [
        ("机关党总支", 0),
        ("机关第一党支部", 1),
        ("机关第二党支部", 1),
    ]


def test_narrative_editor_lists_every_paragraph_with_its_draft(page: ReportsPage) -> None:
    assert list(page.summary.editor.edits) == list(NARRATIVE_LABELS)
    shown = {k: e.toPlainText() for k, e in page.summary.editor.edits.items()}
    assert shown["opening"] and shown["study"] and shown["problems"] and shown["plans"]
    # 表彰 has nothing to add when the honours are on record; 原因分析 is optional
    assert all(shown[k] for k in NARRATIVE_LABELS if k not in ("honours", "causes"))
