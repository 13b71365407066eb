"""What keeps GUI actions quick: a hidden page waits until shown, a list is read once a change."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from branch_desk.services.outcome import Area
from branch_desk.ui.dashboard import DashboardPage
from branch_desk.ui.dues.day_model import COL_AMOUNT
from branch_desk.ui.dues.page import DuesPage
from branch_desk.ui.events.page import EventsPage
from branch_desk.ui.main_window import MainWindow

from .conftest import Said, add_members
from .dues_data import add_dues_members
from .event_data import add_branch, record_assembly


def _count_calls(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[Any]:
    """Record every call of ``owner.name`` (still calling it)."""
    calls: list[Any] = []
    real = getattr(owner, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


def test_a_hidden_dashboard_counts_at_once_and_rebuilds_when_shown(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    dashboard = window.dashboard()
    window.show_section("会议活动")
    checks = _count_calls(monkeypatch, window.desk.checks, "findings")
    add_members(window.desk, window.ctx.unit_id)
    window.ctx.publish(frozenset({Area.MEMBERS}))
    assert dashboard.summary is not None and dashboard.summary.active_total == 2
    assert checks == []  # the checks wait until the page is looked at
    window.show_section("工作台")
    assert len(checks) == 1
    assert isinstance(dashboard, DashboardPage) and dashboard.is_filled
    assert "2" in [label.text() for label in dashboard.findChildren(QLabel)]


def test_a_shown_dashboard_rebuilds_at_once(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.dashboard()
    checks = _count_calls(monkeypatch, window.desk.checks, "findings")
    window.ctx.publish(frozenset({Area.EVENTS}))
    assert len(checks) == 1


def test_registering_a_dues_day_reads_the_list_once_and_keeps_a_refused_row(
    qtbot: QtBot, window: MainWindow, said: Said, monkeypatch: pytest.MonkeyPatch
) -> None:
    people = add_dues_members(window.desk, window.ctx.unit_id)
    window.ctx.publish(frozenset({Area.ALL}))
    page = window.show_section("党费")
    assert isinstance(page, DuesPage)
    panel = page.day
    page.show_tab("党费日")
    rows = {row.member_id: number for number, row in enumerate(panel.model.rows)}
    panel.model.toggle(rows[people.zhang])
    short = panel.model.index(rows[people.li], COL_AMOUNT)
    panel.model.setData(short, "0.01")  # ticked, refused: less than owed
    reads = _count_calls(monkeypatch, window.desk.dues_day, "lines")
    assert panel.register_ticked()
    qtbot.waitUntil(lambda: panel.result is not None, timeout=10_000)
    assert len(reads) == 1  # the page's reload on the news; the panel does not read again
    assert said.infos and said.infos[-1].startswith("已登记1人")
    li = next(row for row in panel.model.rows if row.member_id == people.li)
    assert (li.amount, li.ticked) == ("0.01", True)  # what was typed stays for correction


def test_the_meeting_list_reads_the_chosen_year_only(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_branch(window.desk, window.ctx.unit_id)
    record_assembly(window.desk, window.ctx.unit_id, day=date(2024, 6, 5))
    record_assembly(window.desk, window.ctx.unit_id, day=date(2026, 3, 10))
    reads = _count_calls(monkeypatch, window.desk.events, "list")
    page = window.show_section("会议活动")
    assert isinstance(page, EventsPage)
    assert reads == [(window.ctx.unit_id, 2026)]
    assert page.model.rowCount() == 1 and page.count.text() == "显示 1 条，共 2 条"
    page.year.setCurrentIndex(page.year.findData(2024))
    assert reads[-1] == (window.ctx.unit_id, 2024) and page.proxy.rowCount() == 1
    page.year.setCurrentIndex(page.year.findData(0))  # 全部年份
    assert reads[-1] == (window.ctx.unit_id, None) and page.proxy.rowCount() == 2
    assert page.count.text() == "显示 2 条，共 2 条"


def test_the_dues_page_reads_a_hidden_tab_when_it_is_shown(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_dues_members(window.desk, window.ctx.unit_id)
    page = window.show_section("党费")
    assert isinstance(page, DuesPage)
    page.show_tab("党费日")
    ledgers = _count_calls(monkeypatch, window.desk.dues_reports, "ledger")
    days = _count_calls(monkeypatch, window.desk.dues_day, "lines")
    window.ctx.publish(frozenset({Area.DUES}))
    assert (len(ledgers), len(days)) == (0, 1)  # the list on screen is read at once
    page.show_tab("收缴登记表")
    assert (len(ledgers), len(days)) == (1, 1)
    page.show_tab("党费日")
    assert len(days) == 1  # read once per change
