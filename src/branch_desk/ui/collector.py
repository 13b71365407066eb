"""Python's cyclic garbage collection, run only on the GUI thread and never beside a task.

Left to itself, the collector runs in whichever thread happens to allocate past its threshold:
on the worker thread it may free a widget (a Qt object must die in its own thread), and on the
GUI thread while a task runs it may free Qt objects the task's thread still reaches through
Qt. Either is a crash, not an exception (a full test run once died this way, in the middle of
a collection on the GUI thread while the task thread opened a data dir).

So the automatic collector is switched off and ``GuiCollector`` asks for a collection from a
timer on the GUI thread, only while no background task runs (``tasks.jobs_running``), for the
oldest generation over its threshold, as the automatic collector would have. Reference
counting still frees everything that is not in a cycle at once; only cycles wait for the timer.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

from . import tasks

INTERVAL_MS = 500


class GuiCollector(QObject):
    """Collect cyclic garbage on the GUI thread, between tasks."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        gc.disable()
        self.collected = 0  # collections run, for tests
        self._timer = QTimer(self, interval=INTERVAL_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> None:
        """Run the collection the automatic collector would run now, unless a task is running."""
        if tasks.jobs_running():
            return
        counts, thresholds = gc.get_count(), gc.get_threshold()
        for generation in (2, 1, 0):
            if counts[generation] > thresholds[generation]:
                gc.collect(generation)
                self.collected += 1
                return


def install(owner: QObject) -> GuiCollector:
    """Take garbage collection over for the application ``owner`` (once; later calls reuse it)."""
    found = owner.findChild(GuiCollector)
    return found if isinstance(found, GuiCollector) else GuiCollector(owner)
