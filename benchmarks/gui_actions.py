"""GUI action timings: the real widgets of the main window, without pytest-qt.

Every action runs the code path a click runs (the page's own slot, the dialog's own ``accept``)
on a shown ``MainWindow`` under ``QT_QPA_PLATFORM=offscreen``, and the clock stops when the
result has been painted: the event loop is run pass by pass until the passes that repaint a
window (``timed_paint``) are over. Message boxes answer at once (as in the tests), so nothing
blocks. Actions that change data (save a meeting, register a 党费日) run on a
copy of the data dir, so the data dir itself is never changed.

Used by ``run.py --only gui``; ``python benchmarks/gui_actions.py --data-dir DIR`` runs it alone.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QEventLoop, QObject
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import isValid

from branch_desk.domain.org import OrgUnitKind
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.ui import messages

TIMEOUT = 30.0  # seconds an action may take before the benchmark gives up on it
WINDOW_SIZE = (1280, 780)
PAGES = ("党员", "会议活动", "党费", "发展党员")


@dataclass
class Timing:
    """One action: its times, the same-run baseline's times and the target (seconds)."""

    name: str
    times: list[float]
    baseline: list[float]
    baseline_name: str
    limit: float
    cpu: list[float] = field(default_factory=list)  # CPU seconds of the process, all threads

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def base(self) -> float:
        return statistics.median(self.baseline)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu) if self.cpu else 0.0


CPU_LOG: list[float] = []  # the CPU time of every timed_paint, in order


# ---- waiting for the screen ----------------------------------------------------------------


class PaintWatch(QObject):
    """Counts the repaints of the application's windows (those after ``ready()`` holds, if given).

    Widgets are painted when their top-level widget handles an ``UpdateRequest`` event (or its
    window, when it is first shown, an ``Expose``): one pass of the repaint manager paints every
    widget due. The watch filters only those top-level objects' events (an application-wide filter would run Python
    for every event of every widget and slow down what is measured). A repaint counts only if
    ``ready()`` holds when it is delivered: the result is then what it draws.
    """

    WANTED = (QEvent.Type.UpdateRequest, QEvent.Type.Expose)

    def __init__(self, ready: Callable[[], bool] | None = None) -> None:
        super().__init__()
        self.ready = ready
        self.paints = 0
        self.windows: list[Any] = []
        self.watch_new_windows()

    def watch_new_windows(self) -> None:
        """Filter the events of every top-level widget and window not watched yet (a new dialog)."""
        qt = app()
        for window in [*qt.topLevelWidgets(), *qt.topLevelWindows()]:
            if window not in self.windows:
                window.installEventFilter(self)
                self.windows.append(window)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() in self.WANTED and (self.ready is None or self.ready()):
            self.paints += 1
        return False

    def remove(self) -> None:
        for window in self.windows:
            if isValid(window):
                window.removeEventFilter(self)


def app() -> QApplication:
    return QApplication.instance() or QApplication([])  # type: ignore[return-value]


def spin(until: Callable[[], bool], what: str) -> None:
    """Run the event loop until ``until()`` is true."""
    qt, deadline = app(), time.perf_counter() + TIMEOUT
    qt.processEvents()
    while not until():
        if time.perf_counter() > deadline:
            raise TimeoutError(f"gave up waiting for {what}")
        qt.processEvents()


def timed_paint(action: Callable[[], Any], ready: Callable[[], bool] | None = None) -> float:
    """Seconds from ``action()`` until what it changed is painted.

    The event loop runs pass by pass after the action (and after ``ready()``, if given); the clock stops at the end of the last
    pass that painted something, once a later pass painted nothing (timers due later, such as
    a form's delayed check, are not waited for). With ``ready`` (the action finishes on the
    worker thread), only paints delivered after ``ready()`` holds count.
    """
    qt = app()
    watch = PaintWatch(ready)
    deadline = time.perf_counter() + TIMEOUT
    try:
        start, cpu = time.perf_counter(), time.process_time()
        action()
        watch.watch_new_windows()  # a dialog the action opened
        while ready is not None and not ready():  # work on the worker thread: sleep till news
            qt.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
            if time.perf_counter() > deadline:
                raise TimeoutError("gave up waiting for the result")
        last = None
        while True:
            before = watch.paints
            qt.processEvents()
            now = time.perf_counter()
            if watch.paints > before:
                last = now
            elif last is not None:
                CPU_LOG.append(time.process_time() - cpu)
                return last - start
            if now > deadline:
                raise TimeoutError("gave up waiting for the paint")
    finally:
        watch.remove()


def quiet_messages() -> None:
    """Answer every message box at once (yes to every question), as the UI tests do."""
    messages.inform = lambda *_a, **_k: None  # type: ignore[assignment]
    messages.warn = lambda *_a, **_k: None  # type: ignore[assignment]
    messages.confirm = lambda *_a, **_k: True  # type: ignore[assignment]


def copy_data_dir(source: Path, target: Path) -> None:
    """Copy a data dir (the database through SQLite's backup API; no backups or logs)."""
    skip = shutil.ignore_patterns("backups", "logs", "*.lock", "*.sqlite3*")
    shutil.copytree(source, target, ignore=skip)
    name = AppPaths.resolve(source).database.name
    src = sqlite3.connect(f"file:{source / name}?mode=ro", uri=True)
    dst = sqlite3.connect(target / name)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


# ---- baselines -----------------------------------------------------------------------------


def plain_table(rows: int, columns: int, owner: QObject) -> Any:
    """A QTableView over a QStandardItemModel of ``rows`` × ``columns`` short texts."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    model = QStandardItemModel(rows, columns, owner)
    for row in range(rows):
        for column in range(columns):
            model.setItem(row, column, QStandardItem(f"{row}-{column}"))
    table = QTableView()
    table.setModel(model)
    return table


def bare_dialog_times(repeat: int, parent: QWidget) -> list[float]:
    """Open a plain QDialog holding a 20-row QTableView and two buttons, until painted."""
    from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout

    times = []
    for _ in range(repeat):
        holder: list[QDialog] = []

        def make(holder: list[QDialog] = holder) -> None:
            dialog = QDialog(parent)
            table = plain_table(20, 5, dialog)
            layout = QVBoxLayout(dialog)
            layout.addWidget(table)
            buttons = QDialogButtonBox(
                QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
            )
            layout.addWidget(buttons)
            dialog.resize(800, 600)
            dialog.open()
            holder.append(dialog)

        times.append(timed_paint(make))
        holder[0].done(0)
        holder[0].deleteLater()
        app().processEvents()
    return times


def bare_switch_times(repeat: int) -> list[float]:
    """Switch a QStackedWidget between two shown 100-row tables, until painted."""
    from PySide6.QtWidgets import QMainWindow, QStackedWidget

    window = QMainWindow()
    stack = QStackedWidget()
    tables = []
    for _ in range(2):
        table = plain_table(100, 8, window)
        stack.addWidget(table)
        tables.append(table)
    window.setCentralWidget(stack)
    window.resize(*WINDOW_SIZE)
    window.show()
    spin(lambda: True, "the window")
    times = []
    for i in range(repeat * 2):
        table = tables[(i + 1) % 2]
        times.append(timed_paint(lambda t=table: stack.setCurrentWidget(t)))
    window.close()
    window.deleteLater()
    return times


# ---- the app -------------------------------------------------------------------------------


class GuiBench:
    """A main window on a copy of a data dir, and the actions timed on it."""

    def __init__(self, data_dir: Path, repeat: int) -> None:
        from branch_desk.ui.main_window import MainWindow

        app()
        quiet_messages()
        self.repeat = repeat
        self.folder = Path(tempfile.mkdtemp(prefix="bench-gui-"))
        copy_data_dir(data_dir, self.folder / "data")
        self.desk = BranchDesk.open(AppPaths.resolve(self.folder / "data"), automatic_backups=False)
        units = self.desk.org.top_units()
        self.committee = any(u.kind is OrgUnitKind.PARTY_COMMITTEE for u in units)
        self.limit = 0.300 if self.committee else 0.100
        self.make_window: Callable[[], Any] = lambda: MainWindow(self.desk)
        self.window: Any = None
        self.new_window()

    def new_window(self) -> None:
        """Show a fresh main window and wait until its 工作台 is filled."""
        if self.window is not None:
            self.window.tasks.shutdown()
            self.window.close()
            self.window.deleteLater()
            app().processEvents()
        from branch_desk.ui.widgets.settings import ui_settings

        settings = ui_settings(self.desk)  # open on 工作台, not the section left last
        settings.setValue("window/section_title", "工作台")
        settings.sync()
        self.window = self.make_window()
        self.window.resize(*WINDOW_SIZE)
        self.window.show()
        dashboard = self.window.page("工作台")
        spin(lambda: getattr(dashboard, "is_filled", True), "the 工作台")

    def close(self) -> None:
        if self.window is not None:
            self.window.tasks.shutdown()
            self.window.close()
        self.desk.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def goto(self, title: str) -> Any:
        """Show a section (untimed) and return its page."""
        from branch_desk.ui.main_window import TITLES

        row = TITLES.index(title)
        if self.window.nav.currentRow() != row:
            self.window.nav.setCurrentRow(row)
            spin(lambda: True, "the page")
        return self.window.page(title)

    # ---- actions ---------------------------------------------------------------------------

    def switch_first(self) -> dict[str, list[float]]:
        """First visit of each section (the page is built and filled), fresh window per run."""
        from branch_desk.ui.main_window import TITLES

        times: dict[str, list[float]] = {title: [] for title in PAGES}
        for run in range(self.repeat):
            if run:
                self.new_window()
            for title in PAGES:
                row = TITLES.index(title)
                times[title].append(timed_paint(lambda r=row: self.window.nav.setCurrentRow(r)))
        return times

    def switch_back(self) -> list[float]:
        """Switch between two built sections (党员 ↔ 会议活动)."""
        from branch_desk.ui.main_window import TITLES

        for title in PAGES[:2]:
            self.goto(title)
        times = []
        for i in range(self.repeat * 2):
            title = PAGES[i % 2]
            row = TITLES.index(title)
            times.append(timed_paint(lambda r=row: self.window.nav.setCurrentRow(r)))
        return times

    def open_meeting(self) -> list[float]:
        """会议活动: open the newest record of the year in the editor (edit_selected)."""
        page = self.goto("会议活动")
        page.table.setCurrentIndex(page.proxy.index(0, 1))
        times = []
        for _ in range(self.repeat):
            holder: list[Any] = []
            times.append(timed_paint(lambda h=holder: h.append(page.edit_selected())))
            holder[0].reject()
            spin(lambda: True, "closing")
        return times

    def save_meeting(self) -> list[float]:
        """会议活动: change the place of the newest record and 保存 (accept) until the list shows it."""
        page = self.goto("会议活动")
        times = []
        for run in range(self.repeat):
            page.table.setCurrentIndex(page.proxy.index(0, 1))
            dialog = page.edit_selected()
            spin(dialog.isVisible, "the editor")
            place = dialog.form.place.text().removesuffix("（改）")
            dialog.form.place.setText(place + ("（改）" if run % 2 == 0 else ""))
            times.append(timed_paint(dialog.accept))
        return times

    def open_member(self) -> tuple[list[float], list[float]]:
        """党员: select a row (the detail panel fills), and open the edit dialog (edit_selected)."""
        page = self.goto("党员")
        detail, edit = [], []
        rows = page.proxy.rowCount()
        for run in range(self.repeat):
            index = page.proxy.index((run * 7 + 3) % max(rows, 1), 1)
            detail.append(timed_paint(lambda i=index: page.table.setCurrentIndex(i)))
            holder: list[Any] = []
            edit.append(timed_paint(lambda h=holder: h.append(page.edit_selected())))
            holder[0].reject()
            spin(lambda: True, "closing")
        return detail, edit

    def open_candidate(self) -> list[float]:
        """发展党员: open a candidate's page (the board's double click, ``open``)."""
        page = self.goto("发展党员")
        ids = [c.id for c in page.candidates] or [0]
        times = []
        for run in range(self.repeat):
            holder: list[Any] = []
            candidate = ids[run % len(ids)]
            times.append(timed_paint(lambda c=candidate, h=holder: h.append(page.open(c))))
            holder[0].reject()
            spin(lambda: True, "closing")
        return times

    def register_day(self) -> list[float]:
        """党费 → 党费日: tick five open rows of this month and 登记 until the list shows them."""
        self.open_month(self.repeat * 5)
        page = self.goto("党费")
        panel = page.show_tab("党费日")
        spin(lambda: True, "the tab")
        times = []
        for _ in range(self.repeat):
            open_rows = [i for i, r in enumerate(panel.model.rows) if r.payable]
            for i in open_rows[:5]:
                panel.model.toggle(i)
            panel.result = None
            times.append(
                timed_paint(
                    panel.register_ticked, lambda: panel.result is not None and not panel.busy
                )
            )
        return times

    def open_month(self, needed: int) -> None:
        """Make sure ``needed`` members still owe this month (untimed; reverses payments if not).

        The demo branch has collected every month up to today; a 党费日 needs people who owe.
        """
        desk, unit = self.desk, self.window.ctx.unit_id
        today = desk.dues.today()
        month = today.replace(day=1)
        lines = desk.dues_day.lines(unit, month, month, today)
        missing = needed - sum(1 for line in lines if line.payable and not line.unassessed)
        for payment in desk.dues.payments(unit, today.year):
            if missing <= 0:
                break
            covered = any(day == month for day, _fen in payment.months)
            if covered and payment.reversal_of_id is None and not payment.reversed:
                desk.dues.reverse(payment.id, today, "基准测试：重新收缴")
                missing -= 1

    def filter_roster(self) -> tuple[list[float], list[str]]:
        """党员: type into the filter box key by key, each until the table is painted."""
        page = self.goto("党员")
        members = page.model.records()
        texts = keystrokes(members)
        page.filter.setFocus()
        times = []
        for _ in range(max(self.repeat // 2, 1)):
            for text in texts:
                times.append(timed_paint(lambda t=text: page.filter.setText(t)))
        return times, texts

    def bare_filter(self, texts: list[str]) -> list[float]:
        """The same keystrokes into a QLineEdit over a plain QSortFilterProxyModel.

        Each row holds the roster's own search text (name, pinyin, ID number), so the same rows
        match.
        """
        from PySide6.QtCore import QSortFilterProxyModel, Qt
        from PySide6.QtGui import QStandardItem, QStandardItemModel
        from PySide6.QtWidgets import QLineEdit, QTableView, QVBoxLayout

        page = self.goto("党员")
        search = page.model.search_index()
        plain = QStandardItemModel(len(search), 1)
        for row, text in enumerate(search):
            plain.setItem(row, 0, QStandardItem(text))
        proxy = QSortFilterProxyModel()
        proxy.setSourceModel(plain)
        proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        holder = QWidget()
        line = QLineEdit()
        table = QTableView()
        table.setModel(proxy)
        layout = QVBoxLayout(holder)
        layout.addWidget(line)
        layout.addWidget(table)
        line.textChanged.connect(proxy.setFilterFixedString)
        holder.resize(900, 600)
        holder.show()
        spin(lambda: True, "the table")
        times = []
        for _ in range(max(self.repeat // 2, 1)):
            for text in texts:
                times.append(timed_paint(lambda t=text: line.setText(t)))
        holder.close()
        return times


def keystrokes(members: list[Any]) -> list[str]:
    """What a secretary types: a name, its pinyin initials, then clears them."""
    from branch_desk.domain.search import pinyin_keys

    if not members:
        return ["张", ""]
    sample = members[len(members) // 3]
    keys = pinyin_keys(sample.name)
    spelled = keys[-1] if keys else "wang"
    texts = [sample.name[: i + 1] for i in range(len(sample.name))]
    texts += [spelled[: i + 1] for i in range(min(len(spelled), 6))]
    texts += [spelled[:i] for i in range(min(len(spelled), 6) - 1, -1, -1)]
    return texts


def gui_timings(data_dir: Path, repeat: int) -> list[Timing]:
    """Time every GUI action on ``data_dir`` (a copy of it), with same-run baselines."""
    bench = GuiBench(data_dir, repeat)
    try:
        dialog = bare_dialog_times(repeat, bench.window)
        switch = bare_switch_times(repeat)
        bases = {
            "dialog": (dialog, "bare QDialog + table"),
            "switch": (switch, "bare QStackedWidget switch"),
        }
        results: list[Timing] = []

        def add(name: str, times: list[float], base: str, cpu: list[float]) -> None:
            results.append(Timing(name, times, *bases[base], bench.limit, cpu))

        mark = len(CPU_LOG)
        first = bench.switch_first()
        for i, (title, times) in enumerate(first.items()):
            add(
                f"switch to {title} (first visit)", times, "switch", CPU_LOG[mark + i :: len(PAGES)]
            )
        actions = (
            ("switch page (already built)", bench.switch_back, "switch"),
            ("open a meeting", bench.open_meeting, "dialog"),
            ("save a meeting", bench.save_meeting, "switch"),
        )
        for name, run, base in actions:
            mark = len(CPU_LOG)
            add(name, run(), base, CPU_LOG[mark:])
        mark = len(CPU_LOG)
        detail, edit = bench.open_member()
        add("open a member (detail)", detail, "switch", CPU_LOG[mark::2])
        add("open a member (edit dialog)", edit, "dialog", CPU_LOG[mark + 1 :: 2])
        for name, run, base in (
            ("open a candidate", bench.open_candidate, "dialog"),
            ("register a 党费日 (5 members)", bench.register_day, "switch"),
        ):
            mark = len(CPU_LOG)
            add(name, run(), base, CPU_LOG[mark:])
        mark = len(CPU_LOG)
        typed, texts = bench.filter_roster()
        cpu = CPU_LOG[mark:]
        bases["filter"] = (bench.bare_filter(texts), "QSortFilterProxyModel")
        add("roster filter keystroke", typed, "filter", cpu)
        return results
    finally:
        bench.close()


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser(description="GUI action timings")
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    for t in gui_timings(args.data_dir, args.repeat):
        print(
            f"{t.name:<34} {t.median * 1000:8.1f} ms ({min(t.times) * 1000:.1f}–"
            f"{max(t.times) * 1000:.1f})  cpu {t.cpu_median * 1000:6.1f} ms  "
            f"base {t.base * 1000:6.1f} ms  "
            f"{'PASS' if t.median <= t.limit else 'MISS'}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    code = main()
    os._exit(code)
