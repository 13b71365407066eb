"""Garbage collection runs on the GUI thread only, and never while a task runs."""

from __future__ import annotations

import gc
import threading
import weakref

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from branch_desk.ui import collector
from branch_desk.ui.tasks import TaskRunner, jobs_running


class Cycle:
    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The generations the collector asks for, with generation 0 always over its threshold."""
    generations: list[int] = []
    over = (gc.get_threshold()[0] + 1, 0, 0)
    monkeypatch.setattr(collector.gc, "get_count", lambda: over)
    monkeypatch.setattr(collector.gc, "collect", lambda g=2: generations.append(g) or 0)
    return generations


def test_the_automatic_collector_is_off_and_the_gui_one_installed_once(qapp: QApplication):
    first = collector.install(qapp)
    assert not gc.isenabled()
    assert collector.install(qapp) is first


def test_a_cycle_is_freed_by_the_collector_on_the_gui_thread(qapp: QApplication):
    gui = collector.install(qapp)
    gc.collect()
    left = Cycle()
    alive = weakref.ref(left)
    del left
    for _ in range(3 * gc.get_threshold()[0]):
        Cycle()
    assert alive() is not None  # the automatic collector did not run
    gui.check()
    assert alive() is None


def test_the_timer_asks_for_collections(qapp: QApplication, qtbot: QtBot, asked: list[int]):
    collector.install(qapp)
    qtbot.waitUntil(lambda: len(asked) >= 2, timeout=20 * collector.INTERVAL_MS)
    assert set(asked) == {0}


def test_nothing_is_collected_while_a_task_runs(qapp: QApplication, qtbot: QtBot, asked: list[int]):
    collector.install(qapp)
    runner = TaskRunner()
    started, release = threading.Event(), threading.Event()

    def work(_progress: object, _cancel: object) -> None:
        started.set()
        release.wait(10)

    ended: list[object] = []
    runner.run(work, ended.append, ended.append)
    try:
        assert started.wait(5) and jobs_running() == 1
        asked.clear()
        qtbot.wait(4 * collector.INTERVAL_MS)
        assert asked == []
    finally:
        release.set()
    qtbot.waitUntil(lambda: ended == [None], timeout=5000)
    assert jobs_running() == 0
    qtbot.waitUntil(lambda: asked != [], timeout=20 * collector.INTERVAL_MS)
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
