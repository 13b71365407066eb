"""A past year on screen: the 工作台's year figures and the 报告归档 overview are the year
snapshot's, as of 31 December of that year — not today's."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtWidgets import QListWidget
from pytestqt.qtbot import QtBot

from branch_desk.domain.rules.frequency import FREQUENCY_BY_RULE
from branch_desk.domain.rules.ids import RuleId
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.demo.branch import fill_demo
from branch_desk.ui.context import UiContext
from branch_desk.ui.dashboard import DashboardPage
from branch_desk.ui.dashboard_checks import record_problems
from branch_desk.ui.reports.archive_model import STATUS_ROLE
from branch_desk.ui.reports.page import ReportsPage
from branch_desk.ui.tasks import TaskRunner
from tests.conftest import FIXED_NOW

PAST = FIXED_NOW.year - 1  # 2025, looked at on 2026-11-20
YEAR_END = date(PAST, 12, 31)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BranchDesk]:
    desk = BranchDesk.open(
        AppPaths.resolve(tmp_path_factory.mktemp("past-screens") / "data"),
        automatic_backups=False,
    )
    desk.db.clock = lambda: FIXED_NOW
    fill_demo(desk, seed=1)
    yield desk
    desk.close()


@pytest.fixture
def ctx(qtbot: QtBot, demo: BranchDesk) -> Iterator[UiContext]:
    runner = TaskRunner()
    yield UiContext(demo, demo.org.resolve().id, runner, lambda _areas: None)
    runner.shutdown()
    qtbot.waitUntil(lambda: not runner.busy(), timeout=10_000)


def choose_year(page: DashboardPage, year: int) -> None:
    page.grid_year.setCurrentIndex(page.grid_year.findData(year))
    assert page.year() == year


def test_the_dashboard_shows_a_past_year_as_of_its_end(
    qtbot: QtBot, ctx: UiContext, demo: BranchDesk
):
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    unit_id = ctx.unit_id
    snap = demo.snapshots.build(unit_id, PAST)
    assert snap.as_of == YEAR_END
    today = demo.snapshots.build(unit_id, FIXED_NOW.year).members
    assert (today.total, today.probationary) != (snap.members.total, snap.members.probationary)

    choose_year(page, PAST)
    m = snap.members
    shown = page.year_members.text()
    assert f"截至{PAST}年12月31日" in shown
    assert f"党员{m.total}名（正式党员{m.full}名、预备党员{m.probationary}名）" in shown
    assert f"本年发展{m.joined}名，转正{m.made_full}名" in shown

    # the grid counts what the snapshot counts, per type of meeting
    model = page.grid.model
    held: Counter[str] = Counter()
    for r in range(model.rowCount()):
        row = model.grid_row(r)
        kind = FREQUENCY_BY_RULE[RuleId(row.rule)].event_type.value
        held[kind] += sum(c.count for c in row.cells)
        assert all(c.status != "due" for c in row.cells)  # nothing still "due" in a closed year
    by_type = dict(snap.meetings.by_type)
    for kind, count in held.items():
        assert count == by_type.get(kind, 0), kind

    # the record problems are the year's findings as of 31 December
    expected = record_problems(demo.checks.findings(PAST, YEAR_END, snap.unit_name))
    listing = page.problems.findChild(QListWidget, "record_problems") if page.problems else None
    lines = [listing.item(i).text() for i in range(listing.count())] if listing else []
    assert lines == [f"{f.subject}：{f.message}" for f in expected]

    choose_year(page, FIXED_NOW.year)
    assert f"截至{FIXED_NOW.year}年{FIXED_NOW.month}月{FIXED_NOW.day}日" in page.year_members.text()
    assert f"党员{today.total}名" in page.year_members.text()


def test_the_archive_overview_of_a_past_year_is_as_of_its_end(
    qtbot: QtBot, ctx: UiContext, demo: BranchDesk
):
    page = ReportsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.bar.year_box.setValue(PAST)
    page.archive.reload()
    year_end = demo.archive.overview(ctx.unit_id, PAST, YEAR_END)
    model = page.archive.model
    assert [model.data(model.index(r, 0), STATUS_ROLE) for r in range(14)] == year_end
    files = sum(s.files for s in year_end)
    assert model.files() == files
    assert f"{PAST}年归档包将包含材料{files}份" in page.archive.summary.text()
