"""Take the 使用说明 screenshots: ``xvfb-run -a python -m tests.ui.screenshots_guide``.

Writes small PNGs (600 px wide) into resources/guide/images/, the pictures of the in-app guide
(not a test).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from branch_desk.domain.development import Step
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.demo.branch import fill_demo
from branch_desk.ui.app import application
from branch_desk.ui.development.page import DevelopPage
from branch_desk.ui.main_window import MainWindow
from branch_desk.ui.setup_dialog import SetupDialog

from .develop_data import fill_pipeline
from .screenshots import fill_pages, settle

IMAGES = Path(__file__).resolve().parents[2] / "resources" / "guide" / "images"
WIDTH = 600


def shot(widget: QWidget, name: str, app: QApplication, width: int = WIDTH) -> None:
    """Grab ``widget`` (its pages filled) scaled to ``width`` into resources/guide/images/<name>.png."""
    fill_pages(widget)
    settle(app)
    picture = widget.grab().scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
    picture.save(str(IMAGES / f"{name}.png"))
    print(IMAGES / f"{name}.png")


def setup(app: QApplication, folder: Path) -> None:
    desk = BranchDesk.open(AppPaths.resolve(folder / "new"))
    try:
        dialog = SetupDialog(desk)
        dialog.fields.name.setText("中共某某局机关第一支部委员会")
        dialog.fields.upper_org.setText("中共某某局机关委员会")
        dialog.show()
        shot(dialog, "setup", app, 520)
        dialog.close()
    finally:
        desk.close()


def main() -> int:
    """Open a demo branch and grab the screens the guide shows."""
    IMAGES.mkdir(parents=True, exist_ok=True)
    app: QApplication = application()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        setup(app, folder)
        desk = BranchDesk.open(AppPaths.resolve(folder / "demo"))
        try:
            fill_demo(desk, count=30)
            made = fill_pipeline(desk, desk.org.resolve().id, desk.development.today())
            window = MainWindow(desk)
            window.resize(1200, 760)
            window.show()
            shot(window, "dashboard", app)
            dues = window.show_section("党费")
            dues.show_tab("本月收缴")  # type: ignore[attr-defined]
            shot(window, "dues_day", app)
            page = window.show_section("发展党员")
            assert isinstance(page, DevelopPage)
            dialog = page.open(made["赵磊"].id)
            dialog.resize(1200, 760)
            dialog.timeline.scroll_to(Step.APPLICATION)
            shot(dialog, "develop_candidate", app)
            dialog.reject()
            reports = window.show_section("报告归档")
            reports.show_tab("归档包")  # type: ignore[attr-defined]
            shot(window, "archive", app)
            settings = window.show_section("设置")
            settings.ensureWidgetVisible(settings.safety)  # type: ignore[attr-defined]
            shot(window, "backup", app)
            window.close()
        finally:
            desk.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
