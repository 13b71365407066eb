"""Take the dues screenshots: ``xvfb-run -a python -m tests.ui.screenshots_dues``.

Grabs the 党费 ledger grid and the 党费日 (党费日) list into docs/screenshots/, and the
payment and 核定 dialogs into the temp folder for a visual check (not a test).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from branch_desk.domain.money import yuan
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.demo.branch import fill_demo
from branch_desk.ui.app import application
from branch_desk.ui.dues.day_model import COL_AMOUNT
from branch_desk.ui.dues.page import DuesPage
from branch_desk.ui.dues.side import MEMBER_ROLE
from branch_desk.ui.main_window import MainWindow

from .screenshots import OUT, save, settle


def _check_shots(page: DuesPage, app: QApplication) -> None:
    """Grab the payment dialog, the 核定 editor and the other tabs into the temp folder."""
    temp = Path(tempfile.gettempdir())
    late = page.side.arrears.item(0)
    member_id = late.data(MEMBER_ROLE) if late is not None else None
    if member_id is not None:
        page.select_member(member_id, 11)
    dialog = page.pay_at(page.table.currentIndex())
    if dialog is not None:
        settle(app)
        dialog.grab().save(str(temp / "dues_payment.png"))
        dialog.reject()
    page.show_tab("党费核定")
    page.assessments.table.selectRow(0)
    editor = page.assessments.edit_selected()
    if editor is not None:
        editor.by_parts.setChecked(True)
        settle(app)
        editor.grab().save(str(temp / "dues_assessment.png"))
        editor.reject()
    for title, name in (("党费核定", "dues_assessments"), ("缴费记录", "dues_payments")):
        page.show_tab(title)
        settle(app)
        page.window().grab().save(str(temp / f"{name}.png"))
    print(temp / "dues_payment.png", temp / "dues_assessment.png")


def _carried_shot(desk: BranchDesk, page: DuesPage, window: MainWindow, app: QApplication) -> None:
    """Carry this year's bases into next year and grab the 核定 list showing 沿用."""
    unit_id = page.ctx.unit_id
    year = desk.dues.today().year + 1
    desk.dues_carry.carry(unit_id, year)
    page.year_box.setCurrentIndex(page.year_box.findData(year))
    page.show_tab("党费核定")
    page.assessments.table.selectRow(0)
    save(window, "dues_carried", app)


def main() -> int:
    """Open a demo branch and grab the dues screens."""
    OUT.mkdir(parents=True, exist_ok=True)
    app: QApplication = application()
    with tempfile.TemporaryDirectory() as folder:
        desk = BranchDesk.open(AppPaths.resolve(Path(folder)))
        try:
            fill_demo(desk, count=30)
            window = MainWindow(desk)
            window.resize(1366, 900)
            window.show()
            page = window.show_section("党费")
            assert isinstance(page, DuesPage)
            page.show_tab("收缴登记表")
            page.table.setCurrentIndex(page.proxy.index(0, 0))
            save(window, "dues", app)
            page.show_tab("党费日")
            page.day.include_owed.setChecked(True)
            model = page.day.model
            payable = [r for r in range(model.rowCount()) if model.rows[r].payable]
            for row in payable[:1]:
                model.toggle(row)
            for row in payable[1:2]:  # an underpaid row, marked before 登记
                due = model.rows[row].line.due_fen
                model.setData(model.index(row, COL_AMOUNT), yuan(max(due - 500, 100)))
            window.resize(1280, 720)
            save(window, "dues_day", app)
            _carried_shot(desk, page, window, app)
            _check_shots(page, app)
            dashboard = window.show_section("工作台")
            settle(app)
            dashboard.grab().save(str(Path(tempfile.gettempdir()) / "dues_dashboard.png"))
            window.close()
        finally:
            desk.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
