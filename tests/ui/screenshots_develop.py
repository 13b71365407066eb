"""Take the 发展党员 screenshots: ``xvfb-run -a python -m tests.ui.screenshots_develop``.

Grabs the board and the timeline of a candidate with faults into docs/screenshots/ (not a test).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from branch_desk.domain.development import Step
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.demo.branch import fill_demo
from branch_desk.ui.app import application
from branch_desk.ui.development.page import DevelopPage
from branch_desk.ui.main_window import MainWindow

from .develop_data import fill_pipeline
from .screenshots import OUT, save, settle


def _check_shots(window: MainWindow, page: DevelopPage, app: QApplication) -> None:
    """Grab the list, a step editor and the dashboard into the temp folder (visual check)."""
    temp = Path(tempfile.gettempdir())
    page.views.setCurrentIndex(1)
    settle(app)
    window.grab().save(str(temp / "develop_list.png"))
    page.views.setCurrentIndex(0)
    dialog = page.open(page.candidates[5].id)
    for step in (Step.SPONSORS, Step.ADMISSION, Step.APPROVAL, Step.PUBLICITY):
        editor = dialog.edit_step(step)
        settle(app)
        editor.grab().save(str(temp / f"develop_step_{step.code}.png"))
        editor.reject()
    for index in (1, 2):
        dialog.tabs.setCurrentIndex(index)
        settle(app)
        dialog.grab().save(str(temp / f"develop_candidate_tab{index}.png"))
    dialog.reject()
    dashboard = window.show_section("工作台")
    settle(app)
    dashboard.widget().grab().save(str(temp / "develop_dashboard.png"))  # type: ignore[attr-defined]
    settings = window.show_section("设置")
    settle(app)
    settings.widget().grab().save(str(temp / "develop_settings.png"))  # type: ignore[attr-defined]
    print(temp / "develop_*.png")


def main() -> int:
    """Open a demo branch with a development pipeline and grab the screens."""
    OUT.mkdir(parents=True, exist_ok=True)
    app: QApplication = application()
    with tempfile.TemporaryDirectory() as folder:
        desk = BranchDesk.open(AppPaths.resolve(Path(folder)))
        try:
            fill_demo(desk, count=30)
            unit_id = desk.org.resolve().id
            made = fill_pipeline(desk, unit_id, desk.development.today())
            window = MainWindow(desk)
            window.resize(1366, 800)
            window.show()
            page = window.show_section("发展党员")
            assert isinstance(page, DevelopPage)
            page.views.setCurrentIndex(0)
            page.board.set_ended_visible(True)
            page.board.select(made["赵磊"].id)
            save(window, "develop_board", app)
            dialog = page.open(made["赵磊"].id)
            dialog.resize(1300, 860)
            dialog.timeline.scroll_to(Step.APPLICATION)
            save(dialog, "develop_candidate", app)
            dialog.reject()
            _check_shots(window, page, app)
            window.close()
        finally:
            desk.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
