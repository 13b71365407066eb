"""Take the meetings screenshots: ``xvfb-run -a python tests/ui/screenshots_events.py``.

Grabs the 会议活动 list, the editor with its attendance grid and the 工作台 with the year
grid into docs/screenshots/ (not a test).
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
from branch_desk.ui.events.editor import EventDialog
from branch_desk.ui.events.page import EventsPage
from branch_desk.ui.main_window import MainWindow
from branch_desk.ui.widgets.record_table import ROW_ROLE

from .screenshots import OUT, save, settle


def _pick_assembly(page: EventsPage) -> int:
    """Return the proxy row of the latest 支部党员大会 with absentees (else the first row)."""
    for row in range(page.proxy.rowCount()):
        event = page.proxy.index(row, 0).data(ROW_ROLE)
        if event.type is EventType.BRANCH_ASSEMBLY and event.absentees:
            return row
    return 0


def _check_shots(window: MainWindow, dialog: EventDialog, app: QApplication) -> None:
    """Grab the votes tab and the whole dashboard into the temp folder (for a visual check)."""
    temp = Path(tempfile.gettempdir())
    dialog.tabs.setCurrentWidget(dialog.votes_panel)
    dialog.votes_panel.table.selectRow(0)
    settle(app)
    dialog.grab().save(str(temp / "event_votes.png"))
    dashboard = window.show_section("工作台")
    settle(app)
    body = dashboard.widget()  # type: ignore[attr-defined]
    body.grab().save(str(temp / "dashboard_full.png"))
    print(temp / "event_votes.png", temp / "dashboard_full.png")


def main() -> int:
    """Open a demo branch and grab the meetings screens."""
    OUT.mkdir(parents=True, exist_ok=True)
    app: QApplication = application()
    with tempfile.TemporaryDirectory() as folder:
        desk = BranchDesk.open(AppPaths.resolve(Path(folder)))
        try:
            fill_demo(desk, count=30)
            window = MainWindow(desk)
            window.resize(1366, 1180)
            window.show()
            settle(app)
            save(window, "dashboard", app)
            window.resize(1366, 860)
            page = window.show_section("会议活动")
            assert isinstance(page, EventsPage)
            row = _pick_assembly(page)
            page.table.selectRow(row)
            save(window, "events", app)
            dialog = page.edit_selected()
            if dialog is not None:
                settle(app)
                save(dialog, "event_editor", app)
                _check_shots(window, dialog, app)
                dialog.reject()
            window.close()
        finally:
            desk.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
