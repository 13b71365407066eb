"""台账起始日期 in the set-up form and 支部信息, the year grid of a new branch, the 党费 box."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGroupBox, QLabel
from pytestqt.qtbot import QtBot

from branch_desk.domain.findings import Severity
from branch_desk.domain.ledger_start import period_end
from branch_desk.services.app import BranchDesk
from branch_desk.services.outcome import Area
from branch_desk.ui.branch_dialog import BranchDialog
from branch_desk.ui.context import UiContext
from branch_desk.ui.dashboard import DashboardPage
from branch_desk.ui.main_window import MainWindow
from branch_desk.ui.setup_dialog import SetupDialog
from branch_desk.ui.year_grid import FIRST_MONTH

from .conftest import add_members, type_text


def _ok(dialog: QDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()  # type: ignore[attr-defined]


def _statuses(dashboard: DashboardPage) -> dict[str, list[str]]:
    model = dashboard.grid.model
    return {
        model.grid_row(r).label: [c.status for c in model.grid_row(r).cells]
        for r in range(model.rowCount())
    }


def test_new_branch_has_no_red_month_before_its_start(qtbot: QtBot, empty_desk: BranchDesk) -> None:
    """Set up on 2026-11-20: start 2026-11-01 by default; January–October owe nothing."""
    dialog = SetupDialog(empty_desk)
    qtbot.addWidget(dialog)
    assert dialog.fields.ledger_start.text() == "2026-11-01"
    type_text(dialog.fields.name, "中共某局机关第二支部委员会")
    _ok(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    unit = empty_desk.org.resolve()
    assert unit.ledger_start == date(2026, 11, 1)
    window = MainWindow(empty_desk)
    qtbot.addWidget(window)
    dashboard = window.dashboard()
    assert isinstance(dashboard, DashboardPage)
    statuses = _statuses(dashboard)
    assert not [label for label, cells in statuses.items() if "missing" in cells]
    assert statuses["支部委员会"][:10] == ["exempt"] * 10
    assert statuses["支部委员会"][10] == "due"
    assert set(statuses["党小组会（第一党小组）"]) == {"exempt"}  # no members at all
    january = dashboard.grid.model.index(0, FIRST_MONTH)
    assert january.data(Qt.ItemDataRole.DisplayRole) == "无需召开"
    found = empty_desk.checks.findings(2026, date(2026, 11, 20))
    assert not [f for f in found if f.severity is Severity.ERROR and str(f.rule).startswith("freq")]
    starts = [period_end(f.period) for f in found if period_end(f.period)]
    assert all(end >= date(2026, 11, 1) for end in starts)  # type: ignore[operator]
    window.tasks.shutdown()


def test_branch_dialog_sets_the_start(qtbot: QtBot, ctx: UiContext) -> None:
    assert ctx.desk.checks.findings(2026, date(2026, 11, 20))  # no start yet: months owed
    dialog = BranchDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.fields.ledger_start.text() == ""
    dialog.fields.ledger_start.setText("2026-32-01")
    _ok(dialog)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "台账起始日期" in dialog.error.text()
    dialog.fields.ledger_start.setText("2026-11-01")
    _ok(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert ctx.desk.org.ledger_start(ctx.unit_id) == date(2026, 11, 1)
    found = ctx.desk.checks.findings(2026, date(2026, 11, 20))
    assert all(f.period is None or f.period >= "2026-11" or f.period.startswith("2026-Q4")
               or f.period in ("2026", "2026-H2") for f in found)  # fmt: skip


def test_dues_box_counts_members_without_an_assessment(qtbot: QtBot, window: MainWindow) -> None:
    """After a roster import nobody is assessed yet: 0/2, not 0/0."""
    add_members(window.desk, window.ctx.unit_id)
    window.ctx.publish(frozenset({Area.DUES, Area.MEMBERS}))
    box = window.pages["工作台"].findChild(QGroupBox, "dues_box")
    assert box is not None
    texts = [label.text() for label in box.findChildren(QLabel)]
    assert texts[0] == "11月已交清：0/2 人（2人未核定）"
