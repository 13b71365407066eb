"""The background-task helper: results by signal, delayed progress dialog, cancelling."""

from __future__ import annotations

import threading
import time

from pytestqt.qtbot import QtBot

from branch_desk.ui.tasks import ProgressFn, TaskRunner


def test_result_comes_back_on_the_gui_thread(qtbot: QtBot) -> None:
    runner = TaskRunner()
    got: list[object] = []
    main = threading.get_ident()

    def work(progress: ProgressFn, _cancel: object) -> int:
        progress(0.5, "一半")
        return threading.get_ident()

    task = runner.run(work, lambda r: got.append((r, threading.get_ident())), got.append)
    qtbot.waitUntil(lambda: bool(got), timeout=3000)
    worker, caller = got[0]  # type: ignore[misc]
    assert worker != main and caller == main
    assert task.dialog is None  # short work never shows a dialog
    qtbot.waitUntil(lambda: not runner.busy(), timeout=1000)


def test_errors_come_back_to_the_error_callback(qtbot: QtBot) -> None:
    runner = TaskRunner()
    errors: list[Exception] = []

    def work(_progress: ProgressFn, _cancel: object) -> None:
        raise ValueError("坏了")

    runner.run(work, lambda _r: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=3000)
    assert str(errors[0]) == "坏了"


def test_slow_work_shows_a_dialog_that_cancels(qtbot: QtBot) -> None:
    runner = TaskRunner()
    done: list[object] = []
    stopped = threading.Event()

    def work(progress: ProgressFn, cancel: object) -> str:
        for step in range(300):
            if cancel():  # type: ignore[operator]
                stopped.set()
                raise RuntimeError("cancelled")
            progress(step / 300, f"第{step}步")
            time.sleep(0.01)
        return "完成"

    task = runner.run(work, done.append, done.append, title="测试")
    qtbot.waitUntil(lambda: task.dialog is not None and task.dialog.isVisible(), timeout=2000)
    assert task.dialog is not None
    assert task.dialog.cancel_button.text() == "取消"
    task.dialog.cancel_button.click()
    qtbot.waitUntil(lambda: not runner.busy(), timeout=3000)
    assert stopped.is_set()
    assert done == []  # a cancelled task reports nothing
    assert runner.shutdown(1000)


def test_one_thread_runs_tasks_in_order(qtbot: QtBot) -> None:
    runner = TaskRunner()
    order: list[int] = []
    assert runner.pool.maxThreadCount() == 1
    for n in range(3):
        runner.run(lambda _p, _c, n=n: (time.sleep(0.02), n)[1], order.append, order.append)
    qtbot.waitUntil(lambda: len(order) == 3, timeout=3000)
    assert order == [0, 1, 2]
