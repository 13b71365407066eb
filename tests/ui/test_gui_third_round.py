"""Third round of GUI speed: the 工作台 filled from the task thread, the 党费 page read by tab, closed
editors deleted."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QDialog, QLabel
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from branch_desk.services.app import BranchDesk
from branch_desk.services.outcome import Area
from branch_desk.services.roster import people
from branch_desk.ui import dashboard_data
from branch_desk.ui.dashboard import PLACEHOLDER, DashboardPage
from branch_desk.ui.dues.page import DuesPage
from branch_desk.ui.dues.payments import PaymentsPanel
from branch_desk.ui.events.page import EventsPage, open_editor
from branch_desk.ui.main_window import MainWindow
from branch_desk.ui.tasks import ProgressFn, TaskRunner

from .conftest import Said, add_members
from .dues_data import add_dues_members
from .event_data import add_branch, record_assembly
from .test_gui_speed import _count_calls


def _patch_reads(monkeypatch: pytest.MonkeyPatch, off_gui: Callable[[], None]) -> list[int]:
    """Have ``read_figures`` call ``off_gui()`` first when it runs off the GUI thread.

    Returns the threads it ran on.
    """
    threads: list[int] = []
    real = dashboard_data.read_figures

    def patched(*args: Any) -> Any:
        threads.append(threading.get_ident())
        if threading.current_thread() is not threading.main_thread():
            off_gui()
        return real(*args)

    monkeypatch.setattr("branch_desk.ui.dashboard.read_figures", patched)
    return threads


def _new_window(qtbot: QtBot, desk: BranchDesk) -> tuple[MainWindow, DashboardPage]:
    win = MainWindow(desk)
    qtbot.addWidget(win)
    page = win.pages["工作台"]
    assert isinstance(page, DashboardPage)
    return win, page


def _reading_window(
    qtbot: QtBot, desk: BranchDesk, monkeypatch: pytest.MonkeyPatch, gate: threading.Event
) -> tuple[MainWindow, DashboardPage, list[int]]:
    """Show a window whose 工作台 figures are being read on the task thread until ``gate``.

    Returns the window, its 工作台 and the threads ``read_figures`` ran on.
    """

    def wait() -> None:
        gate.wait(10)

    threads = _patch_reads(monkeypatch, wait)
    win, page = _new_window(qtbot, desk)
    win.show()
    qtbot.waitUntil(lambda: page.reading, timeout=5000)
    return win, page, threads


def _labels(page: DashboardPage) -> list[str]:
    return [label.text() for label in page.findChildren(QLabel)]


def test_the_figures_are_read_on_the_task_thread_and_fill_the_page_when_they_arrive(
    qtbot: QtBot, desk: BranchDesk, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_members(desk, desk.org.resolve().id)
    gate = threading.Event()
    win, page, threads = _reading_window(qtbot, desk, monkeypatch, gate)
    qtbot.wait(50)  # the window keeps running its event loop while the figures are read
    assert not page.is_filled and PLACEHOLDER in _labels(page)
    assert not win.tasks.busy(counting_quiet=False)  # closing would not ask about it
    with qtbot.waitSignal(page.filled, timeout=10_000):
        gate.set()
    assert threads and threads[0] != threading.main_thread().ident
    assert page.summary is not None and page.summary.active_total == 2
    assert PLACEHOLDER not in _labels(page)
    assert not page.reading
    win.tasks.shutdown()


def test_a_change_while_the_figures_are_read_fills_the_page_at_once_and_only_once(
    qtbot: QtBot, desk: BranchDesk, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = threading.Event()
    win, page, threads = _reading_window(qtbot, desk, monkeypatch, gate)
    add_members(desk, win.ctx.unit_id)
    win.ctx.publish(frozenset({Area.MEMBERS}))  # the figures in flight predate this
    assert page.is_filled and page.summary is not None and page.summary.active_total == 2
    fills: list[None] = []
    page.filled.connect(lambda: fills.append(None))
    gate.set()
    qtbot.waitUntil(lambda: not page.reading, timeout=10_000)
    assert fills == []  # the older figures were dropped
    assert page.summary.active_total == 2 and len(threads) == 2
    win.tasks.shutdown()


def test_a_quiet_task_never_shows_the_progress_dialog(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, said: Said
) -> None:
    monkeypatch.setattr("branch_desk.ui.tasks.DIALOG_DELAY_MS", 10)
    runner = TaskRunner()
    done: list[object] = []

    def work(_progress: ProgressFn, _cancel: object) -> str:
        time.sleep(0.2)
        return "完成"

    task = runner.run(work, done.append, done.append, quiet=True)
    assert runner.busy() and not runner.busy(counting_quiet=False)
    qtbot.waitUntil(lambda: bool(done), timeout=3000)
    assert done == ["完成"] and task.dialog is None
    assert runner.shutdown(1000)


def _deleted_soon(qtbot: QtBot, dialog: QDialog) -> bool:
    qtbot.wait(1)  # the event loop runs the deferred deletion
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return not isValid(dialog)


def test_closed_editors_are_deleted_and_their_python_objects_stay_safe(
    qtbot: QtBot, window: MainWindow
) -> None:
    add_branch(window.desk, window.ctx.unit_id)
    event = record_assembly(window.desk, window.ctx.unit_id, day=date(2026, 3, 10))
    page = window.show_section("会议活动")
    assert isinstance(page, EventsPage)
    editor = open_editor(window.ctx, page, event.id)
    assert editor.isVisible()
    editor.reject()
    assert editor.outcome is None  # what the slots read is still there right after closing
    assert _deleted_soon(qtbot, editor)
    again = open_editor(window.ctx, page, event.id)  # the record opens in a new editor
    assert again is not editor and isValid(again) and again.isVisible()
    again.reject()
    member = window.roster.add_member()
    member.reject()
    assert _deleted_soon(qtbot, member)
    assert not [d for d in window.findChildren(QDialog) if d.isVisible()]


def test_the_dues_page_reads_the_tab_shown_and_the_others_when_used(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_dues_members(window.desk, window.ctx.unit_id)
    facts = _count_calls(monkeypatch, people, "stored_facts")
    payments = _count_calls(monkeypatch, PaymentsPanel, "reload")
    page = window.show_section("党费")
    assert isinstance(page, DuesPage)
    assert page.model.rowCount() > 0  # the 收缴登记表 on screen is read
    assert len(facts) == 1  # its grid and the arrears panel share one read of the members
    assert payments == []  # the hidden tabs wait
    rows = page.payments.model.rowCount()  # used: read now, once
    assert len(payments) == 1 and rows >= 0
    page.show_tab("缴费记录")
    assert len(payments) == 1


def test_a_failed_background_read_is_made_again_on_the_gui_thread(
    qtbot: QtBot, desk: BranchDesk, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail() -> None:
        raise OSError("disk I/O error")

    _patch_reads(monkeypatch, fail)
    win, page = _new_window(qtbot, desk)
    with qtbot.waitSignal(page.filled, timeout=10_000):
        win.show()
    assert page.is_filled and not page.reading
    win.tasks.shutdown()
