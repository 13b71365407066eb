"""Take the 报告归档 screenshots: ``xvfb-run -a python -m tests.ui.screenshots_reports``.

Grabs the 年度总结 and 归档包 tabs into docs/screenshots/, and the print previews and the
材料清单 dialog into the temp folder for a visual check (not a test).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.demo.branch import fill_demo
from branch_desk.ui.app import application
from branch_desk.ui.dues.page import DuesPage
from branch_desk.ui.main_window import MainWindow
from branch_desk.ui.reports.page import ReportsPage

from .screenshots import OUT, save, settle


def _grab(widget: QWidget, name: str, app: QApplication) -> None:
    """Grab a dialog into the temp folder and close it."""
    settle(app)
    path = Path(tempfile.gettempdir()) / f"{name}.png"
    widget.grab().save(str(path))
    print(path)
    widget.close()


def _check_shots(window: MainWindow, page: ReportsPage, app: QApplication) -> None:
    """Grab the previews and the titles dialog into the temp folder."""
    _grab(page.summary.print_preview(), "reports_print", app)  # type: ignore[arg-type]
    page.show_tab("归档包")
    dialog = page.archive.show_titles(page.archive.model.index(3, 0))
    if dialog is not None:
        _grab(dialog, "archive_titles", app)
    dues = window.show_section("党费")
    assert isinstance(dues, DuesPage)
    _grab(dues.preview_ledger(), "dues_ledger_print", app)
    _grab(dues.preview_assessment(), "dues_assessment_print", app)


def main() -> int:
    """Open a demo branch and grab the 报告归档 tabs."""
    OUT.mkdir(parents=True, exist_ok=True)
    app: QApplication = application()
    with tempfile.TemporaryDirectory() as folder:
        desk = BranchDesk.open(AppPaths.resolve(Path(folder)))
        try:
            fill_demo(desk, seed=1)
            window = MainWindow(desk)
            window.resize(1366, 860)
            window.show()
            page = window.show_section("报告归档")
            assert isinstance(page, ReportsPage)
            page.show_tab("年度总结")
            save(window, "reports", app)
            page.show_tab("归档包")
            page.archive.table.selectRow(3)
            save(window, "archive", app)
            page.show_tab("年度总结")
            _check_shots(window, page, app)
            window.close()
        finally:
            desk.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
