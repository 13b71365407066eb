"""Every print preview is the printed document: its text equals the written file's text."""

from __future__ import annotations

import gc
from datetime import date
from pathlib import Path

from PySide6.QtGui import QPageLayout
from PySide6.QtPrintSupport import QPrintPreviewWidget
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from branch_desk.domain.development import Step
from branch_desk.exports.document_model import Document, compact, document_texts
from branch_desk.exports.dossier_docx import dossier_document, write_dossier
from branch_desk.exports.dues_docx import notice_document, write_notice
from branch_desk.exports.minutes_document import minutes_document, sign_in_document
from branch_desk.exports.minutes_docx import write_minutes, write_sign_in_sheet
from branch_desk.exports.summary_docx import summary_document, write_summary
from branch_desk.services.meetings.minutes import minutes_doc
from branch_desk.ui.context import UiContext
from branch_desk.ui.development.page import DevelopPage
from branch_desk.ui.document_preview import DocumentPreviewDialog, preview_texts, text_document
from branch_desk.ui.events.actions import SignInDialog
from branch_desk.ui.events.page import EventsPage
from branch_desk.ui.main_window import MainWindow
from tests.exports.document_texts import docx_texts
from tests.exports.test_development_docs import full_procedure
from tests.exports.test_document_models import sign_in_sheet
from tests.exports.test_dues_exports import sample_notice
from tests.exports.test_summary_docx import sample_summary

from .conftest import Said
from .develop_data import add_candidate
from .event_data import add_branch, record_assembly


def shown(doc: Document) -> list[str]:
    """The text of the preview's QTextDocument, normalised as the file's is."""
    return compact(preview_texts(text_document(doc)))


def repaint_after_collecting(dialog: DocumentPreviewDialog) -> None:
    """Drop every Python name but the dialog's own, collect, and paint the pages again."""
    gc.collect()
    dialog.findChild(QPrintPreviewWidget).updatePreview()
    QApplication.processEvents()


def test_minutes_preview_text_is_the_docx_text(ctx: UiContext, tmp_path: Path) -> None:
    add_branch(ctx.desk, ctx.unit_id)
    record = minutes_doc(ctx.desk.events.get(record_assembly(ctx.desk, ctx.unit_id).id))
    write_minutes(tmp_path / "m.docx", record)
    texts = shown(minutes_document(record))
    assert texts == docx_texts(tmp_path / "m.docx")
    assert "出席人员" in texts and "王五（病假）" in texts


def test_sign_in_preview_text_is_the_docx_text(qtbot: QtBot, tmp_path: Path) -> None:
    write_sign_in_sheet(tmp_path / "s.docx", sign_in_sheet())
    assert shown(sign_in_document(sign_in_sheet())) == docx_texts(tmp_path / "s.docx")


def test_minutes_preview_from_the_events_page_survives_collection(
    qtbot: QtBot, ctx: UiContext
) -> None:
    add_branch(ctx.desk, ctx.unit_id)
    record_assembly(ctx.desk, ctx.unit_id)
    page = EventsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.table.selectRow(0)
    dialog = page.preview_selected()
    assert isinstance(dialog, DocumentPreviewDialog) and dialog.isVisible()
    layout = dialog.printer.pageLayout()
    assert layout.orientation() == QPageLayout.Orientation.Portrait
    assert round(layout.margins().top()) == 37  # GB/T 9704, as the .docx
    assert dialog.windowTitle() == "打印预览 — 第一党支部支部党员大会记录"
    screen = dialog.screen().availableGeometry()
    assert dialog.width() <= screen.width() and dialog.height() <= screen.height()
    del dialog  # only the page holds the dialog now; its printer and document must live on
    gc.collect()
    [kept] = page.findChildren(DocumentPreviewDialog)
    repaint_after_collecting(kept)
    assert document_texts(kept.model) == compact(preview_texts(kept.document))
    assert kept.printer.pageLayout().orientation() == QPageLayout.Orientation.Portrait
    kept.close()


def test_notice_preview_text_is_the_docx_text(qtbot: QtBot, tmp_path: Path) -> None:
    write_notice(tmp_path / "n.docx", sample_notice())
    assert shown(notice_document(sample_notice())) == docx_texts(tmp_path / "n.docx")


def test_summary_preview_text_is_the_docx_text(qtbot: QtBot, tmp_path: Path) -> None:
    write_summary(tmp_path / "y.docx", sample_summary())
    assert shown(summary_document(sample_summary())) == docx_texts(tmp_path / "y.docx")


def test_dossier_preview_text_is_the_docx_text(ctx: UiContext, tmp_path: Path) -> None:
    doc = ctx.desk.development_io.dossier(full_procedure(ctx.desk, ctx.unit_id, tmp_path))
    write_dossier(tmp_path / "d.docx", doc)
    model = dossier_document(doc)
    assert shown(model) == docx_texts(tmp_path / "d.docx")
    stage = text_document(model)
    assert "一、入党申请阶段" in stage.toPlainText()


def test_dossier_preview_from_the_develop_page(
    qtbot: QtBot, window: MainWindow, said: Said, tmp_path: Path
) -> None:
    steps = {Step.APPLICATION: (date(2026, 3, 2), {}), Step.TALK: (date(2026, 3, 20), {})}
    chen = add_candidate(window.desk, window.ctx.unit_id, "陈静", date(1999, 9, 12), 322, steps)
    page = window.show_section("发展党员")
    assert isinstance(page, DevelopPage)
    page.reload()
    assert page.preview_dossier() is None
    assert said.warnings[-1] == "请先在看板或列表中选择一名人员。"
    page.board.select(chen.id)
    dialog = page.preview_dossier()
    assert isinstance(dialog, DocumentPreviewDialog) and dialog.isVisible()
    window.desk.development_io.export_dossier(chen.id, tmp_path / "d.docx")
    repaint_after_collecting(dialog)
    assert compact(preview_texts(dialog.document)) == docx_texts(tmp_path / "d.docx")
    assert "陈静" in compact(preview_texts(dialog.document))
    dialog.close()


def test_sign_in_dialog_previews_the_sheet_it_exports(
    qtbot: QtBot, ctx: UiContext, tmp_path: Path
) -> None:
    add_branch(ctx.desk, ctx.unit_id)
    dialog = SignInDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.place.setText("三楼活动室")
    preview = dialog.preview_sheet()
    assert isinstance(preview, DocumentPreviewDialog) and preview.isVisible()
    day = dialog.day.date()
    assert day is not None
    kind = dialog.selected_kind()
    ctx.desk.minutes.export_sign_in(ctx.unit_id, kind, day, tmp_path / "s.docx", place="三楼活动室")
    texts = compact(preview_texts(preview.document))
    assert texts == docx_texts(tmp_path / "s.docx")
    assert any("三楼活动室" in t for t in texts)
    preview.close()
