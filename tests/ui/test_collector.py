"""Garbage collection runs on the GUI thread only, and never while a task runs."""

from __future__ import annotations

import gc
import threading

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from branch_desk.ui import collector
from branch_desk.ui.tasks import TaskRunner, jobs_running


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_the_automatic_collector_is_off_and_the_gui_one_installed_once(qapp: QApplication):
    first = collector.install(qapp)
    assert not gc.isenabled()
    assert collector.install(qapp) is first


def test_a_cycle_left_while_no_task_runs_is_collected_by_the_timer(
    qapp: QApplication, qtbot: QtBot
):
    gc.collect()
    gui = collector.install(qapp)
    before = gui.collected
    for _ in range(3 * gc.get_threshold()[0]):  # kept over the threshold by far
        Cycle()
    qtbot.waitUntil(lambda: gui.collected > before, timeout=20 * collector.INTERVAL_MS)


def test_nothing_is_collected_while_a_task_runs(qapp: QApplication, qtbot: QtBot):
    gui = collector.install(qapp)
    runner = TaskRunner()
    started, release = threading.Event(), threading.Event()

    def work(_progress: object, _cancel: object) -> None:
        started.set()
        release.wait(10)

    ended: list[object] = []
    runner.run(work, ended.append, ended.append)
    assert started.wait(5) and jobs_running() == 1
    before = gui.collected
    for _ in range(3 * gc.get_threshold()[0]):  # kept over the threshold by far
        Cycle()
    qtbot.wait(3 * collector.INTERVAL_MS)
    try:
        assert gui.collected == before
    finally:
        release.set()
    qtbot.waitUntil(lambda: ended == [None], timeout=5000)
    assert jobs_running() == 0
    qtbot.waitUntil(lambda: gui.collected > before, timeout=20 * collector.INTERVAL_MS)
    runner.deleteLater()


@pytest.mark.parametrize("generation", [0, 1, 2])
def test_the_oldest_generation_over_its_threshold_is_collected(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, generation: int
):
    gui = collector.install(qapp)
    counts = [0, 0, 0]
    counts[generation] = gc.get_threshold()[generation] + 1
    asked: list[int] = []
    monkeypatch.setattr(collector.gc, "get_count", lambda: tuple(counts))
    monkeypatch.setattr(collector.gc, "collect", lambda g=2: asked.append(g) or 0)
    gui.check()
    assert asked == [generation]
