"""How a user opens each dialog and print preview of the app, on the demo branch.

Used by tests/ui/test_every_dialog.py (every screen opens, fits, closes) and
tests/ui/test_unsaved_edits.py (no editor loses typed text). Not a test module.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from branch_desk.domain.development import Step
from branch_desk.domain.events import EventType
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.safety.backup import list_backups
from branch_desk.ui.development.import_export import CandidateImportDialog
from branch_desk.ui.dues.import_dialog import BASES, DuesImportDialog
from branch_desk.ui.events.import_dialog import EventImportDialog
from branch_desk.ui.main_window import MainWindow
from branch_desk.ui.roster.import_dialog import ImportDialog
from branch_desk.ui.safety.damaged_dialog import DamagedDialog
from branch_desk.ui.security import PasswordDialog
from branch_desk.ui.setup_dialog import SetupDialog
from branch_desk.ui.tasks import ProgressDialog

Open = Callable[[MainWindow, Path], QWidget | None]


def _page(window: MainWindow, title: str) -> object:
    return window.show_section(title)


def _selected_member(window: MainWindow) -> object:
    roster = window.roster
    roster.table.selectRow(0)
    return roster


def _event_page(window: MainWindow) -> object:
    page = _page(window, "会议活动")
    page.table.selectRow(0)  # type: ignore[attr-defined]
    return page


def _appraisal(window: MainWindow) -> QWidget:
    """Open a new 民主评议党员 record on its 评议结果 tab (every full member listed)."""
    dialog = _event_page(window).new_event(EventType.EVALUATION)  # type: ignore[attr-defined]
    dialog.tabs.setCurrentWidget(dialog.grades_panel)
    return dialog  # type: ignore[no-any-return]


def _committee_preview(window: MainWindow) -> QWidget | None:
    """Open the print preview of the demo's first 支委会 record."""
    page = _event_page(window)
    first = [e for e in window.desk.events.list() if e.type is EventType.COMMITTEE][-1]
    page.select_event(first.id)  # type: ignore[attr-defined]
    return page.preview_selected()  # type: ignore[attr-defined]


def _candidate(window: MainWindow) -> object:
    page = _page(window, "发展党员")
    first = window.desk.development.list(window.ctx.unit_id)[0]
    return page.open(first.id)  # type: ignore[attr-defined]


def _dossier_preview(window: MainWindow) -> QWidget | None:
    page = _page(window, "发展党员")
    page.select(window.desk.development.list(window.ctx.unit_id)[0].id)  # type: ignore[attr-defined]
    return page.preview_dossier()  # type: ignore[attr-defined]


def _end_exclusion(window: MainWindow) -> QWidget | None:
    panel = _selected_member(window).detail  # type: ignore[attr-defined]
    if panel.exclusions.count() == 0:
        adding = panel.add_exclusion()
        adding.start_on.setText("2026-01-01")
        adding.accept()
    panel.exclusions.setCurrentRow(0)
    return panel.end_exclusion()


def _sheet(folder: Path, header: list[str]) -> Path:
    path = folder / "表.xlsx"
    book = Workbook()
    book.active.append(header)
    book.save(path)
    return path


def _dues(window: MainWindow) -> object:
    page = _page(window, "党费")
    page.table.setCurrentIndex(page.proxy.index(0, 5))  # type: ignore[attr-defined]
    return page


def _assessment(window: MainWindow) -> QWidget | None:
    panel = _page(window, "党费").assessments  # type: ignore[attr-defined]
    panel.table.selectRow(0)
    return panel.edit_selected()


def _setup(_window: MainWindow, folder: Path) -> QWidget:
    return SetupDialog(BranchDesk.open(AppPaths.resolve(folder / "new")))


def _recovery_sheet(window: MainWindow, folder: Path) -> QWidget:
    setup = _setup(window, folder)
    preview = setup.encryption.print_sheet()  # type: ignore[attr-defined]
    preview.kept_setup = setup  # type: ignore[attr-defined]  # the preview's parent lives on
    return preview


CASES: dict[str, Open] = {
    "MemberDialog": lambda w, _f: _selected_member(w).edit_selected(),  # type: ignore[attr-defined]
    "StatusDialog": lambda w, _f: _selected_member(w).change_status_selected(),  # type: ignore[attr-defined]
    "ExclusionDialog": lambda w, _f: _selected_member(w).detail.add_exclusion(),  # type: ignore[attr-defined]
    "EndExclusionDialog": lambda w, _f: _end_exclusion(w),
    "HistoryDialog": lambda w, _f: w.show_history(),
    "ImportDialog": lambda w, f: ImportDialog(w.ctx, _sheet(f, ["姓名", "身份证号"]), w),
    "EventDialog": lambda w, _f: _event_page(w).edit_selected(),  # type: ignore[attr-defined]
    "EventDialog.talk": lambda w, _f: _event_page(w).new_event(EventType.HEART_TALK),  # type: ignore[attr-defined]
    "EventDialog.appraisal": lambda w, _f: _appraisal(w),
    "EventDialog.committee_preview": lambda w, _f: _committee_preview(w),
    "ObserverDialog": lambda w, _f: _event_page(w).new_event().attendance_panel.ask_observer(),  # type: ignore[attr-defined]
    "SignInDialog": lambda w, _f: _event_page(w).sign_in(),  # type: ignore[attr-defined]
    "EventImportDialog": lambda w, f: EventImportDialog(w.ctx, _sheet(f, ["日期", "会议类型"]), w),
    "CandidateDialog": lambda w, _f: _candidate(w),  # type: ignore[return-value]
    "StepDialog": lambda w, _f: _candidate(w).edit_step(Step.TALK),  # type: ignore[attr-defined]
    "EndDialog": lambda w, _f: _candidate(w).end_procedure(),  # type: ignore[attr-defined]
    "NewCandidateDialog": lambda w, _f: _page(w, "发展党员").add_candidate(),  # type: ignore[attr-defined]
    "PipelineDialog": lambda w, _f: _page(w, "发展党员").export_pipeline(),  # type: ignore[attr-defined]
    "CandidateImportDialog": lambda w, f: CandidateImportDialog(w.ctx, _sheet(f, ["姓名"]), w),
    "PaymentDialog": lambda w, _f: _dues(w).pay_at(_dues(w).table.currentIndex()),  # type: ignore[attr-defined]
    "RemitDialog": lambda w, _f: _page(w, "党费").side.open_remit(),  # type: ignore[attr-defined]
    "AssessmentDialog": lambda w, _f: _assessment(w),
    "DuesImportDialog": lambda w, f: DuesImportDialog(w.ctx, BASES, 2026, _sheet(f, ["姓名"]), w),
    "BranchDialog": lambda w, _f: _page(w, "工作台").open_branch_dialog(),  # type: ignore[attr-defined]
    "TitlesDialog": lambda w, _f: _titles(w),
    "SetupDialog": _setup,
    "PasswordDialog": lambda w, _f: PasswordDialog(lambda _p: None, "数据已加密，请输入密码：", w),
    "EncryptionBox.print_sheet": _recovery_sheet,
    "DamagedDialog": lambda w, _f: DamagedDialog(
        w.desk.paths, "数据库文件已损坏", list_backups(w.desk.paths)
    ),
    "ProgressDialog": lambda w, _f: ProgressDialog("导入名册", w),
    "HelpDialog": lambda w, _f: w.show_guide(),
    "RecordsDialog": lambda w, _f: _page(w, "设置").open_records(),  # type: ignore[attr-defined]
    # print previews
    "EventsPage.preview_selected": lambda w, _f: _event_page(w).preview_selected(),  # type: ignore[attr-defined]
    "DuesPage.preview_ledger": lambda w, _f: _page(w, "党费").preview_ledger(),  # type: ignore[attr-defined]
    "DuesPage.preview_assessment": lambda w, _f: _page(w, "党费").preview_assessment(),  # type: ignore[attr-defined]
    "SummaryTab.print_preview": lambda w, _f: _reports(w).summary.print_preview(),  # type: ignore[attr-defined]
    "DuesPage.preview_notice": lambda w, _f: _page(w, "党费").preview_notice(),  # type: ignore[attr-defined]
    "SignInDialog.preview_sheet": lambda w, _f: _event_page(w).sign_in().preview_sheet(),  # type: ignore[attr-defined]
    "DevelopPage.preview_dossier": lambda w, _f: _dossier_preview(w),
    "DocumentPreviewDialog": lambda w, _f: _event_page(w).preview_selected(),  # type: ignore[attr-defined]
}

# Helpers that open a preview only for the page-level cases above.
PREVIEW_HELPERS = {
    "branch_desk.ui.document_preview:show_document_preview": "EventsPage.preview_selected",
}


def _reports(window: MainWindow) -> object:
    return _page(window, "报告归档")


def _titles(window: MainWindow) -> QWidget | None:
    archive = _reports(window).show_tab("归档包")  # type: ignore[attr-defined]
    deadline = time.monotonic() + 20
    while archive.model.rowCount() == 0 and time.monotonic() < deadline:
        QTest.qWait(20)
    return archive.show_titles(archive.model.index(1, 0))
