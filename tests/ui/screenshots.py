"""Take the README screenshots: ``xvfb-run -a python tests/ui/screenshots.py`` (not a test)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.demo.branch import fill_demo
from branch_desk.ui.app import application
from branch_desk.ui.main_window import MainWindow

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def settle(app: QApplication) -> None:
    """Let layouts and paints finish."""
    for _ in range(5):
        app.processEvents()


def fill_pages(widget: QWidget) -> None:
    """Fill a main window's page that reads its figures on a task (工作台) before a grab."""
    for page in widget.findChildren(QWidget):
        if hasattr(page, "ensure_filled") and page.isVisible():
            page.ensure_filled()


def save(widget: QWidget, name: str, app: QApplication) -> None:
    """Grab ``widget`` (its pages filled) into docs/screenshots/<name>.png."""
    fill_pages(widget)
    settle(app)
    widget.grab().save(str(OUT / f"{name}.png"))
    print(OUT / f"{name}.png")


def check_errors(window: MainWindow, app: QApplication) -> None:
    """Grab the add dialog showing inline errors into the temp folder (for a visual check)."""
    dialog = window.roster.add_member()
    dialog.form.name.setText("王五")
    dialog.form.id_number.setText("430102198803295857")
    dialog.form.joined_on.setText("2019-13-01")
    dialog.accept()
    settle(app)
    path = Path(tempfile.gettempdir()) / "member_dialog_errors.png"
    dialog.grab().save(str(path))
    print(path)
    dialog.reject()


def main() -> int:
    """Open a demo branch and grab the dashboard, the roster and the member dialog."""
    OUT.mkdir(parents=True, exist_ok=True)
    app = application()
    with tempfile.TemporaryDirectory() as folder:
        desk = BranchDesk.open(AppPaths.resolve(Path(folder)))
        try:
            fill_demo(desk, count=16)
            window = MainWindow(desk)
            window.resize(1366, 768)
            window.show()
            save(window, "dashboard", app)
            window.show_section("党员")
            window.roster.table.selectRow(2)
            save(window, "roster", app)
            dialog = window.roster.edit_selected()
            if dialog is not None:
                save(dialog, "member_dialog", app)
                dialog.reject()
            check_errors(window, app)
            window.close()
        finally:
            desk.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
