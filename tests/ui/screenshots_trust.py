"""Screenshots at laptop size: ``xvfb-run -a -s "-screen 0 1280x720x24" python -m
tests.ui.screenshots_trust`` grabs the whole 1280×720 screen with the meeting editor and with
the 会议记录 print preview into docs/screenshots/ (not a test).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from branch_desk.domain.events import EventType
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.demo.branch import fill_demo
from branch_desk.ui.app import application
from branch_desk.ui.events.page import EventsPage
from branch_desk.ui.main_window import MainWindow
from branch_desk.ui.widgets.record_table import ROW_ROLE

from .screenshots import OUT, settle


def _screen(app: QApplication, name: str) -> None:
    """Grab the whole screen (what a 1280×720 laptop shows) into docs/screenshots/."""
    settle(app)
    app.primaryScreen().grabWindow(0).save(str(OUT / f"{name}.png"))
    print(OUT / f"{name}.png")


def _assembly_row(page: EventsPage) -> int:
    for row in range(page.proxy.rowCount()):
        event = page.proxy.index(row, 0).data(ROW_ROLE)
        if event.type is EventType.BRANCH_ASSEMBLY and event.absentees:
            return row
    return 0


def main() -> int:
    """Open the demo branch, then the editor and the preview of a 支部党员大会."""
    OUT.mkdir(parents=True, exist_ok=True)
    app: QApplication = application()
    with tempfile.TemporaryDirectory() as folder:
        desk = BranchDesk.open(AppPaths.resolve(Path(folder)))
        try:
            fill_demo(desk, count=30)
            window = MainWindow(desk)
            window.show()
            page = window.show_section("会议活动")
            assert isinstance(page, EventsPage)
            page.table.selectRow(_assembly_row(page))
            dialog = page.edit_selected()
            assert dialog is not None
            _screen(app, "event_editor")
            dialog.reject()
            preview = page.preview_selected()
            assert preview is not None
            for _ in range(20):
                settle(app)
            _screen(app, "minutes_preview")
            preview.reject()
            window.tasks.shutdown()
            window.close()
        finally:
            desk.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
