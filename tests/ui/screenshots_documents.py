"""Take the print-preview screenshots: ``xvfb-run -a python -m tests.ui.screenshots_documents``.

Opens the demo branch and grabs the 会议记录 preview (rendered from the same document model as
the .docx) into docs/screenshots/minutes_preview.png at 1280×720, and the other previews into
the temp folder for a visual check (not a test).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtPrintSupport import QPrintPreviewWidget
from PySide6.QtWidgets import QApplication

from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.demo.branch import fill_demo
from branch_desk.ui.app import application
from branch_desk.ui.document_preview import DocumentPreviewDialog
from branch_desk.ui.dues.page import DuesPage
from branch_desk.ui.events.page import EventsPage
from branch_desk.ui.main_window import MainWindow

from .screenshots import OUT, settle


def _grab(dialog: DocumentPreviewDialog | None, path: Path, app: QApplication) -> None:
    """Show a preview at 1280×720, fit a whole page, grab it to ``path`` and close it."""
    assert dialog is not None
    dialog.resize(1280, 720)
    settle(app)
    widget = dialog.findChild(QPrintPreviewWidget)
    widget.fitInView()
    settle(app)
    dialog.grab().save(str(path))
    print(path)
    dialog.close()


def _voted_meeting_row(page: EventsPage) -> int:
    """The first row whose record has a vote (else the first row)."""
    desk = page.ctx.desk
    for row in range(page.proxy.rowCount()):
        page.table.selectRow(row)
        event = page.selected_event()
        if event is not None and desk.events.get(event.id).votes:
            return row
    return 0


def main() -> int:
    """Open a demo branch and grab the print previews."""
    app: QApplication = application()
    temp = Path(tempfile.gettempdir())
    with tempfile.TemporaryDirectory() as folder:
        desk = BranchDesk.open(AppPaths.resolve(Path(folder)))
        try:
            fill_demo(desk, seed=1)
            window = MainWindow(desk)
            window.resize(1280, 720)
            window.show()
            events = window.show_section("会议活动")
            assert isinstance(events, EventsPage)
            events.table.selectRow(_voted_meeting_row(events))
            _grab(events.preview_selected(), OUT / "minutes_preview.png", app)
            _grab(events.sign_in().preview_sheet(), temp / "sign_in_print.png", app)
            dues = window.show_section("党费")
            assert isinstance(dues, DuesPage)
            _grab(dues.preview_ledger(), temp / "dues_ledger_print.png", app)
            _grab(dues.preview_assessment(), temp / "dues_assessment_print.png", app)
            _grab(dues.preview_notice(), temp / "dues_notice_print.png", app)
            window.close()
        finally:
            desk.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
