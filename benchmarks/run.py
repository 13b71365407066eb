"""Time Branch Desk's heavy operations against baselines measured in the same run.

    QT_QPA_PLATFORM=offscreen python benchmarks/run.py --data-dir /tmp/bench-ref \
        [--only check,ledger] [--repeat 5] [--scale 1=/tmp/bench-x1,3=/tmp/bench-x3,10=/tmp/bench-ref]

Each line: name, median of the runs, the baseline's median, the ratio, the target, PASS/MISS.
A target is a ratio (≤ 2.0×) or, where the issue sets one, an absolute time (≤ 16 ms); the
ratio is printed either way. The data dirs come from benchmarks/generate.py. Nothing here
changes the data dir's records (exports go to a temporary folder; imports go to new data dirs);
``--scale`` adds growth tables: the branch-year operations must stay flat as other branches
accumulate, the whole-党委 ones grow at most linearly (``--scale-groups startup,gui`` gives the
start-up and GUI action rows instead). ``--only gui`` times the GUI actions (switch page, open a
meeting / member / candidate, save a meeting, register a 党费日, filter) on the real widgets of
a main window over a copy of the data dir: benchmarks/gui_actions.py.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from branch_desk.domain.org import OrgUnitKind
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk

HERE = Path(__file__).resolve().parent


@dataclass
class Result:
    name: str
    median: float
    baseline: float | None
    target: str
    passed: bool | None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return self.median / self.baseline if self.baseline else None

    def line(self) -> str:
        base = _fmt(self.baseline) if self.baseline is not None else "—"
        ratio = f"{self.ratio:.2f}×" if self.ratio is not None else "—"
        verdict = {True: "PASS", False: "MISS", None: ""}[self.passed]
        return (
            f"{self.name:<34} {_fmt(self.median):>10} {base:>10} {ratio:>8} "
            f"{self.target:>10}  {verdict}"
        )

    def row(self) -> str:
        base = _fmt(self.baseline) if self.baseline is not None else "—"
        ratio = f"{self.ratio:.2f}×" if self.ratio is not None else "—"
        verdict = {True: "PASS", False: "**MISS**", None: ""}[self.passed]
        note = f" {self.note}" if self.note else ""
        base += spread(self.baseline)
        return (
            f"| {self.name} | {_fmt(self.median)}{spread(self.median)} | {base} | {ratio} | "
            f"{self.target} | "
            f"{verdict}{note} |"
        )


def _fmt(seconds: float) -> str:
    if seconds < 1:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds:.2f} s"


class Median(float):
    """A median time that also knows the fastest and slowest run (for the min–max column)."""

    lo: float
    hi: float

    @classmethod
    def of(cls, times: list[float]) -> Median:
        median = cls(statistics.median(times))
        median.lo, median.hi = min(times), max(times)
        return median


def spread(value: float | None) -> str:
    """' (min–max)' of a timed median, '' for a plain number."""
    if isinstance(value, Median) and value.hi > value.lo:
        return f" ({_fmt(value.lo)}–{_fmt(value.hi)})"
    return ""


QUICK = 0.1  # an operation faster than this is timed at least QUICK_RUNS times
QUICK_RUNS = 15


def timed(fn: Callable[[], Any], repeat: int, setup: Callable[[], Any] | None = None) -> float:
    """Return the median wall time of ``repeat`` calls (``setup`` runs untimed before each).

    An operation under QUICK is run QUICK_RUNS times at least: the median of three runs of a
    20 ms step on a shared machine swings by half.
    """
    times: list[float] = []
    while len(times) < max(repeat, 1) or (
        len(times) < QUICK_RUNS and statistics.median(times) < QUICK
    ):
        if setup is not None:
            setup()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return Median.of(times)


def ratio_result(name: str, median: float, baseline: float, limit: float) -> Result:
    return Result(name, median, baseline, f"≤ {limit:.1f}×", median / baseline <= limit)


def absolute_result(name: str, median: float, baseline: float | None, limit: float) -> Result:
    return Result(name, median, baseline, f"≤ {_fmt(limit)}", median <= limit)


# ---- the data dir --------------------------------------------------------------------------


class Bench:
    def __init__(self, data_dir: Path, repeat: int) -> None:
        self.paths = AppPaths.resolve(data_dir)
        self.desk = BranchDesk.open(self.paths, automatic_backups=False)
        self.repeat = repeat
        units = self.desk.org.top_units()
        # A single branch's data dir (e.g. ``branch-desk demo``) has no 党委: only start-up and
        # the branch operations apply there.
        self.committee = next((u for u in units if u.kind is OrgUnitKind.PARTY_COMMITTEE), units[0])
        self.branches = [u for u in units if u.kind is OrgUnitKind.BRANCH]
        self.branch = self.branches[0]
        self.today = self.desk.roster.today()
        self.year = self.today.year
        self.last_year = self.today.year - 1
        self.tmp = Path(tempfile.mkdtemp(prefix="bench-out-"))

    def close(self) -> None:
        self.desk.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def out(self, name: str) -> Path:
        path = self.tmp / name
        if path.exists():
            path.unlink()
        return path

    # ---- checks ----------------------------------------------------------------------------

    def check_branch(self) -> Result:
        desk, unit = self.desk, self.branch
        median = timed(lambda: desk.checks.findings(self.year, self.today, unit.name), self.repeat)
        baseline = timed(lambda: self._raw_year(unit.id), self.repeat)
        return absolute_result("check: one branch, one year", median, baseline, 0.050)

    def check_all(self) -> Result:
        desk = self.desk
        median = timed(lambda: desk.checks.findings(self.year, self.today), self.repeat)
        baseline = timed(lambda: [self._raw_year(u.id) for u in self.branches], self.repeat)
        result = ratio_result("check: whole 党委, one year", median, baseline, 2.0)
        result.note = "baseline: sqlite3 read of every branch-year's rows (issue #18: ≤ 2×)"
        return result

    def _raw_year(self, unit_id: int) -> int:
        """The floor: read the branch-year's events, attendance and dues rows with sqlite3."""
        conn = sqlite3.connect(f"file:{self.paths.database}?mode=ro", uri=True)
        try:
            rows = conn.execute(
                "SELECT e.*, a.* FROM events e JOIN attendance a ON a.event_id = e.id "
                "WHERE e.unit_id = ? AND e.day BETWEEN ? AND ?",
                (unit_id, f"{self.year}-01-01", f"{self.year}-12-31"),
            ).fetchall()
            rows += conn.execute(
                "SELECT p.* FROM dues_payment_months p JOIN members m ON m.id = p.member_id "
                "WHERE m.unit_id = ? AND p.month BETWEEN ? AND ?",
                (unit_id, f"{self.year - 2}-01-01", f"{self.year}-12-31"),
            ).fetchall()
            rows += conn.execute(
                "SELECT * FROM members m LEFT JOIN member_status_changes c ON c.member_id = m.id "
                "WHERE m.unit_id = ?",
                (unit_id,),
            ).fetchall()
            return len(rows)
        finally:
            conn.close()

    # ---- documents -------------------------------------------------------------------------

    def ledger(self, units: list[Any] | None = None, name: str = "") -> Result:
        """The 收缴登记表 of every branch (2,000 members × 12 months at the reference size)."""
        desk = self.desk
        units = units or self.branches
        year = self.last_year

        def product() -> None:
            for u in units:
                desk.dues_io.export_ledger(u.id, year, self.out(f"ledger-{u.id}.xlsx"))

        product()
        replays = [replay_xlsx(self.tmp / f"ledger-{u.id}.xlsx") for u in units]
        median = timed(product, self.repeat)
        baseline = timed(
            lambda: [r(self.out(f"plain-{i}.xlsx")) for i, r in enumerate(replays)], self.repeat
        )
        members = sum(len(desk.dues_reports.ledger(u.id, year, self.today).rows) for u in units)
        label = name or f"dues ledger xlsx ({members:,} members)"
        return ratio_result(label, median, baseline, 1.5)

    def summary(self, unit: Any = None, name: str = "") -> Result:
        desk = self.desk
        unit = unit or self.branch
        year = self.last_year
        path = self.out("summary.docx")
        desk.summary.export(unit.id, year, path)
        replay = replay_docx(path)
        median = timed(lambda: desk.summary.export(unit.id, year, self.out("s.docx")), self.repeat)
        baseline = timed(lambda: replay(self.out("plain.docx")), self.repeat)
        return ratio_result(name or "year-end summary docx (branch)", median, baseline, 1.5)

    def summary_parts(self, unit: Any = None, label: str = "branch") -> list[Result]:
        """The year-end summary as issue #18 states it: year snapshot + writing.

        The snapshot is timed for the unit and every branch below it (a 党委's summary adds
        theirs up), in one build; writing is the .docx alone, against the same paragraphs and
        tables written with plain python-docx; the export is the whole call, for comparison
        with the sum of the two.
        """
        from branch_desk.exports.summary_docx import write_summary
        from branch_desk.services.shared_reads import shared_reads

        desk, year = self.desk, self.last_year
        unit = unit or self.branch
        units = desk.org.subtree(unit.id)

        def snapshots() -> None:  # as the summary counts them (a 党委's branches at once)
            with shared_reads():
                desk.snapshots.build_many([u.id for u in units], year)

        doc = desk.summary.document(unit.id, year)
        path = self.out("summary.docx")
        write_summary(path, doc)
        replay = replay_docx(path)
        snapshot = timed(snapshots, self.repeat)
        writing = timed(lambda: write_summary(self.out("w.docx"), doc), self.repeat)
        baseline = timed(lambda: replay(self.out("plain.docx")), self.repeat)
        export = timed(lambda: desk.summary.export(unit.id, year, self.out("s.docx")), self.repeat)
        shared = f"{len(units)} unit{'s' if len(units) > 1 else ''}, shared with check and archive"
        return [
            Result(f"summary ({label}): year snapshot", snapshot, None, "—", None, shared),
            ratio_result(f"summary ({label}): writing the docx", writing, baseline, 1.5),
            Result(
                f"summary ({label}): export",
                export,
                snapshot + writing,
                "—",
                None,
                "baseline = snapshot + writing",
            ),
        ]

    def archive(self) -> Result:
        desk, unit, year = self.desk, self.branch, self.last_year
        path = self.out("pack.zip")
        desk.archive.build(unit.id, year, path)
        replay = replay_zip(path, self.tmp / "unpacked")
        repeat = max(self.repeat // 2, 3)
        median = timed(lambda: desk.archive.build(unit.id, year, self.out("pack2.zip")), repeat)
        baseline = timed(lambda: replay(self.out("plain.zip")), repeat)
        entries = len(zipfile.ZipFile(path).namelist())
        name = f"archive pack, branch-year ({entries} files)"
        return ratio_result(name, median, baseline, 1.3)

    # ---- imports and exchange --------------------------------------------------------------

    def roster_import(self) -> Result:
        """Import 2,000 members (the reference branch sizes summed) into a fresh branch."""
        from openpyxl import load_workbook

        source = self.out("roster.xlsx")
        from branch_desk.domain.members import RosterStatus

        members = [m for m in self.desk.roster.list() if m.roster_status is RosterStatus.ACTIVE]
        write_roster_workbook(source, members[:2000])
        dirs: list[Path] = []

        def fresh() -> None:
            target = Path(tempfile.mkdtemp(prefix="bench-import-", dir=self.tmp))
            dirs.append(target)
            with BranchDesk.open(AppPaths.resolve(target), automatic_backups=False) as d:
                from branch_desk.services.org.units import BranchInput

                d.org.create_branch(BranchInput("测试党支部", groups=("第一党小组",)))

        def run() -> None:
            with BranchDesk.open(AppPaths.resolve(dirs[-1]), automatic_backups=False) as d:
                unit = d.org.resolve()
                preview = d.roster_import.preview(unit.id, source)
                assert preview.ok, [p for r in preview.rows for p in r.problems][:3]
                d.roster_import.apply(unit.id, preview)

        def read() -> None:
            book = load_workbook(source, read_only=True)
            for _ in book.active.iter_rows(values_only=True):
                pass
            book.close()

        repeat = max(self.repeat // 2, 3)
        median = timed(run, repeat, setup=fresh)
        baseline = timed(read, repeat)
        return absolute_result(
            f"roster import ({len(members[:2000]):,} rows)", median, baseline, 2.0
        )

    def exchange(self) -> list[Result]:
        path = self.out("exchange.json")
        document = self.desk.exchange.export_document()
        repeat = max(self.repeat // 2, 2)
        median = timed(lambda: self.desk.exchange.export_data(self.out("exchange.json")), repeat)
        baseline = timed(
            lambda: self.out("plain.json").write_text(
                json.dumps(document, ensure_ascii=False), encoding="utf-8"
            ),
            repeat,
        )  # the C encoder (no indent), as issue #18 sets the target
        export = ratio_result("exchange JSON export (党委)", median, baseline, 1.5)
        dirs: list[Path] = []

        def fresh() -> None:  # an empty data dir made untimed, as the baseline's empty database
            dirs.append(Path(tempfile.mkdtemp(prefix="bench-exchange-", dir=self.tmp)))
            BranchDesk.open(AppPaths.resolve(dirs[-1]), automatic_backups=False).close()

        def run() -> None:
            with BranchDesk.open(AppPaths.resolve(dirs[-1]), automatic_backups=False) as d:
                d.exchange.import_data(path)
            shutil.rmtree(dirs[-1], ignore_errors=True)

        median = timed(run, repeat, setup=fresh)
        raw, empty = self._raw_import(path)
        baseline = timed(raw, repeat, setup=empty)
        imported = ratio_result("exchange JSON import (党委)", median, baseline, 2.0)
        imported.note = "baseline: json.loads + sqlite3 executemany"
        return [export, imported]

    def _raw_import(self, path: Path) -> tuple[Callable[[], None], Callable[[], None]]:
        """The import's floor: ``json.loads`` of the file, then each table's rows inserted with
        sqlite3's ``executemany`` into an empty database of the app's schema (no checks, no
        conversions); and the setup that copies that empty database afresh."""
        from branch_desk.storage.repositories.exchange import columns, table_names

        schema = AppPaths.resolve(self.tmp / "schema")
        BranchDesk.open(schema, automatic_backups=False).close()
        target = self.tmp / "raw-import.sqlite3"

        def empty() -> None:
            shutil.copyfile(schema.database, target)

        def run() -> None:
            document = json.loads(path.read_text(encoding="utf-8"))
            conn = sqlite3.connect(target)
            for table in table_names():
                keys = [c.key for c in columns(table)]
                marks = ", ".join("?" * len(keys))
                conn.executemany(
                    f"INSERT INTO {table} ({', '.join(keys)}) VALUES ({marks})",
                    [tuple(row.get(k) for k in keys) for row in document[table]],
                )
            conn.commit()
            conn.close()

        return run, empty

    # ---- the roster filter -----------------------------------------------------------------

    def roster_filter(self) -> Result:
        from PySide6.QtCore import QSortFilterProxyModel
        from PySide6.QtGui import QStandardItem, QStandardItemModel
        from PySide6.QtWidgets import QApplication, QTableView

        from branch_desk.ui.roster.model import MemberFilterProxy, MemberTableModel

        app = QApplication.instance() or QApplication([])
        members = self.desk.roster.list()
        model = MemberTableModel()
        model.set_members(members)
        proxy = MemberFilterProxy()
        proxy.setSourceModel(model)
        # No view is shown: with PySide6 6.12 / Python 3.11 repainting a shown table thousands of
        # times ends in "none_dealloc" (see RESULTS.md); the filtering itself is what is timed.
        view = QTableView()
        view.setModel(proxy)
        typing = _keystrokes(members)

        def per_key(set_text: Callable[[str], None]) -> float:
            times = []
            for _ in range(max(self.repeat // 2, 2)):
                for text in typing:
                    start = time.perf_counter()
                    set_text(text)
                    view.model().rowCount()
                    app.processEvents()
                    times.append(time.perf_counter() - start)
            return statistics.median(times)

        median = per_key(proxy.set_text)
        plain = QStandardItemModel(len(members), 1)
        for row, m in enumerate(members):
            plain.setItem(row, 0, QStandardItem(f"{m.name} {m.id_number}"))
        plain_proxy = QSortFilterProxyModel()
        plain_proxy.setSourceModel(plain)
        plain_proxy.setFilterCaseSensitivity(
            plain_proxy.filterCaseSensitivity().CaseInsensitive  # type: ignore[attr-defined]
        )
        view.setModel(plain_proxy)
        baseline = per_key(plain_proxy.setFilterFixedString)
        name = f"roster filter per keystroke ({len(members):,})"
        return absolute_result(name, median, baseline, 0.016)

    # ---- GUI actions -----------------------------------------------------------------------

    def gui(self) -> list[Result]:
        """The GUI actions on a copy of the data dir (benchmarks/gui_actions.py)."""
        from gui_actions import gui_timings

        results = []
        for t in gui_timings(self.paths.data_dir, self.repeat):
            result = absolute_result(t.name, t.median, t.base, t.limit)
            result.note = (
                f"{_fmt(min(t.times))}–{_fmt(max(t.times))}, CPU {_fmt(t.cpu_median)}; "
                f"baseline: {t.baseline_name}"
            )
            results.append(result)
        return results

    # ---- start-up --------------------------------------------------------------------------

    def startup(self) -> list[Result]:
        """Spawn the app and a bare window; time to the first frame, the data open, 工作台 filled.

        The app shows its window first (a shell: navigation, menus, 正在打开…) and opens the
        data dir after that frame, its integrity check in the background behind the write gate.
        """
        data_dir = str(self.paths.data_dir)
        self.desk.close()  # the app takes the data dir's lock
        try:
            startup_run(APP_CHILD, data_dir)  # warm the file cache; the day's backup is made
            runs = [startup_run(APP_CHILD, data_dir) for _ in range(self.repeat)]
            startup_run(BARE_CHILD, data_dir)
            bare = [startup_run(BARE_CHILD, data_dir)[0] for _ in range(self.repeat)]
        finally:
            self.desk = BranchDesk.open(self.paths, automatic_backups=False)
        baseline = statistics.median(bare)
        results = []
        limit = 6.0 if self.committee.kind is OrgUnitKind.PARTY_COMMITTEE else 4.0
        for index, name in enumerate(STARTUP_ROWS):
            times = [run[index] for run in runs]
            result = ratio_result(name, statistics.median(times), baseline, limit)
            result.note = (
                f"app {_fmt(min(times))}–{_fmt(max(times))}, "
                f"bare {_fmt(min(bare))}–{_fmt(max(bare))}"
            )
            if name == STARTUP_FILLED:  # issue #18 item 1: figures come after, a placeholder first
                result.target, result.passed = "—", None
                result.note += "; the 工作台's figures, read after the window is usable"
            results.append(result)
        return results


STARTUP_FILLED = "start-up to populated main window"
STARTUP_ROWS = (
    "start-up to first frame (window shell)",
    "start-up to usable main window (data open)",
    STARTUP_FILLED,
)
STARTUP_MARKS = ("SHOWN", "OPEN", "FILLED")

APP_CHILD = """
import os, sys, time
from branch_desk.paths import AppPaths
from branch_desk.services.app_log import setup_logging
from branch_desk.services.safety.instance import running_elsewhere
from branch_desk.ui.app import application
from branch_desk.ui.main_window import MainWindow
from branch_desk.ui.safety.opening import WindowOpening
paths = AppPaths.resolve(sys.argv[1])
paths.ensure()
setup_logging(paths)
app = application()
assert running_elsewhere(paths) is None
window = MainWindow(paths=paths)
opening = WindowOpening(window, paths)
marks = set()
def mark(name):
    if name not in marks:
        marks.add(name)
        print(name, time.time(), flush=True)
def finish():
    mark("FILLED")
    window.close()
    opening.close_all()
    os._exit(0)
def opened():
    mark("OPEN")
    page = window.pages.get("工作台")  # the first page; its figures come after its first paint
    if page is None or getattr(page, "is_filled", True):
        finish()
    page.filled.connect(finish)
window.first_painted.connect(lambda: mark("SHOWN"))
window.desk_opened.connect(opened)
window.show()
app.exec()
"""

BARE_CHILD = """
import os, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QTableView())
window.resize(1280, 780)
window.show()
def done():
    for name in ("SHOWN", "OPEN", "FILLED"):
        print(name, time.time(), flush=True)
    os._exit(0)
QTimer.singleShot(0, done)
app.exec()
"""


def startup_run(code: str, data_dir: str) -> tuple[float, ...]:
    """Seconds from spawning ``python -c code`` to each of its STARTUP_MARKS (a bare window
    prints them all at its first event-loop pass after show())."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code, data_dir],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=True,
    ).stdout
    marks = {line.split()[0]: float(line.split()[1]) for line in out.splitlines() if " " in line}
    return tuple(marks[name] - start for name in STARTUP_MARKS)


def _keystrokes(members: list[Any]) -> list[str]:
    """What a secretary types: a name, its pinyin initials, an ID prefix, then clears it."""
    from branch_desk.domain.search import pinyin_keys

    sample = members[len(members) // 3]
    keys = pinyin_keys(sample.name)
    spelled = keys[-1] if keys else "wang"
    texts = [sample.name[: i + 1] for i in range(len(sample.name))]
    texts += [spelled[: i + 1] for i in range(min(len(spelled), 6))]
    texts += [sample.id_number[: i + 1] for i in range(8)]
    texts += [spelled[:i] for i in range(min(len(spelled), 6), -1, -1)]
    return texts


# ---- baselines: the same content written directly --------------------------------------------


def replay_xlsx(source: Path) -> Callable[[Path], None]:
    """Return a writer producing the same cells, styles, merges and widths with openpyxl only.

    The styles are built once (as a hand-written exporter keeps them as constants).
    """
    from copy import copy

    from openpyxl import Workbook, load_workbook

    book = load_workbook(source)
    sheets = []
    styles: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for ws in book.worksheets:
        cells = []
        for row in ws.iter_rows():
            for c in row:
                if c.value is None and not c.has_style:
                    continue
                key = (
                    repr(c.font),
                    repr(c.border),
                    repr(c.alignment),
                    repr(c.fill),
                    c.number_format,
                )
                if key not in styles:
                    styles[key] = (
                        copy(c.font),
                        copy(c.border),
                        copy(c.alignment),
                        copy(c.fill),
                        c.number_format,
                    )
                cells.append((c.row, c.column, c.value, styles[key]))
        merges = [str(r) for r in ws.merged_cells.ranges]
        widths = {k: d.width for k, d in ws.column_dimensions.items()}
        heights = {k: d.height for k, d in ws.row_dimensions.items() if d.height}
        sheets.append((ws.title, cells, merges, widths, heights))

    def write(path: Path) -> None:
        out = Workbook()
        out.remove(out.active)
        for title, cells, merges, widths, heights in sheets:
            ws = out.create_sheet(title)
            for row, col, value, (font, border, alignment, fill, fmt) in cells:
                cell = ws.cell(row=row, column=col, value=value)
                cell.font, cell.border, cell.alignment, cell.fill = font, border, alignment, fill
                cell.number_format = fmt
            for ref in merges:
                ws.merge_cells(ref)
            for key, width in widths.items():
                ws.column_dimensions[key].width = width
            for key, height in heights.items():
                ws.row_dimensions[key].height = height
            ws.page_setup.orientation = "landscape"
        out.save(path)

    return write


def replay_docx(source: Path) -> Callable[[Path], None]:
    """Return a writer producing the same paragraphs (and tables) with python-docx only."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    doc = Document(str(source))
    blocks: list[tuple[str, Any]] = []
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            p = Paragraph(child, doc)
            runs = [
                (r.text, r.bold, r.font.size.pt if r.font.size else None, r.font.name)
                for r in p.runs
            ]
            blocks.append(("p", (p.alignment, runs)))
        elif child.tag == qn("w:tbl"):
            t = Table(child, doc)
            rows = [[cell.text for cell in row.cells] for row in t.rows]
            blocks.append(("t", rows))

    def write(path: Path) -> None:
        out = Document()
        for kind, data in blocks:
            if kind == "p":
                alignment, runs = data
                para = out.add_paragraph()
                para.alignment = alignment
                for text, bold, size, font in runs:
                    run = para.add_run(text)
                    run.bold = bold
                    if size:
                        run.font.size = Pt(size)
                    if font:
                        run.font.name = font
                        run._element.get_or_add_rPr().get_or_add_rFonts().set(
                            qn("w:eastAsia"), font
                        )
            else:
                rows = data
                table = out.add_table(rows=len(rows), cols=max(len(r) for r in rows) or 1)
                for r, values in enumerate(rows):
                    cells = table.rows[r].cells
                    for c, value in enumerate(values):
                        cells[c].text = value
        out.save(str(path))

    return write


def replay_zip(source: Path, folder: Path) -> Callable[[Path], None]:
    """Return a writer producing the pack's files directly (docx/xlsx rewritten) and zipping them."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    with zipfile.ZipFile(source) as pack:
        pack.extractall(folder)
        names = pack.namelist()
    writers: list[tuple[str, Callable[[Path], None]]] = []
    for name in names:
        path = folder / name
        if name.endswith(".docx"):
            writers.append((name, replay_docx(path)))
        elif name.endswith(".xlsx"):
            writers.append((name, replay_xlsx(path)))
        else:
            data = path.read_bytes()
            writers.append((name, lambda p, data=data: p.write_bytes(data)))
    work = folder.parent / (folder.name + "-plain")

    def write(target: Path) -> None:
        shutil.rmtree(work, ignore_errors=True)
        for name, writer in writers:
            path = work / name
            path.parent.mkdir(parents=True, exist_ok=True)
            writer(path)
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as pack:
            for name, _ in writers:
                pack.write(work / name, name)

    return write


def write_roster_workbook(path: Path, members: list[Any]) -> None:
    """A roster workbook in the import format (as a secretary's own spreadsheet would be)."""
    from openpyxl import Workbook

    headers = (
        "姓名",
        "性别",
        "民族",
        "出生日期",
        "身份证号",
        "学历",
        "人员类别",
        "党员类别",
        "入党时间",
        "转正时间",
        "党小组",
        "联系电话",
        "工作单位及职务",
    )
    book = Workbook()
    ws = book.active
    ws.append(["党员名册"])
    ws.append(list(headers))
    for m in members:
        ws.append(
            [
                m.name,
                m.gender.value,
                m.ethnicity,
                m.birth_date.isoformat() if m.birth_date else "",
                m.id_number,
                m.education,
                m.category.value,
                m.party_status.value,
                m.joined_on.isoformat() if m.joined_on else "",
                m.full_member_on.isoformat() if m.full_member_on else "",
                "第一党小组",
                m.phone,
                m.work_unit,
            ]
        )
    book.save(path)


# ---- the runs --------------------------------------------------------------------------------

OPERATIONS = (
    "startup",
    "gui",
    "filter",
    "check",
    "ledger",
    "summary",
    "archive",
    "import",
    "exchange",
)


def main_table(bench: Bench, only: set[str]) -> list[Result]:
    results: list[Result] = []

    def run(key: str, make: Callable[[], Result | list[Result]]) -> None:
        if key not in only:
            return
        made = make()
        for r in made if isinstance(made, list) else [made]:
            print(r.line() + (f"  {r.note}" if r.note else ""), flush=True)
            results.append(r)

    print(
        f"{'operation':<34} {'median':>10} {'baseline':>10} {'ratio':>8} {'target':>10}", flush=True
    )
    run("startup", bench.startup)
    run("gui", bench.gui)
    run("filter", bench.roster_filter)
    run("check", lambda: [bench.check_branch(), bench.check_all()])
    run("ledger", bench.ledger)
    run("summary", lambda: [*bench.summary_parts(), *bench.summary_parts(bench.committee, "党委")])
    run("archive", bench.archive)
    run("import", bench.roster_import)
    run("exchange", bench.exchange)
    return results


GROWTH = (
    ("check one branch", lambda b: b.check_branch()),
    ("check whole 党委", lambda b: b.check_all()),
    ("ledger one branch", lambda b: b.ledger([b.branch], "ledger")),
    ("summary one branch", lambda b: b.summary()),
    ("archive one branch", lambda b: b.archive()),
    ("roster filter (all members)", lambda b: b.roster_filter()),
)


# Growth rows made from a group's results (one invocation gives several rows).
GROWTH_GROUPS: dict[str, Callable[[Bench], list[Result]]] = {
    "startup": lambda b: b.startup(),
    "gui": lambda b: b.gui(),
}


def growth(scales: list[tuple[str, Path]], repeat: int, groups: set[str]) -> list[str]:
    """Each growth operation at every scale: time and the ratio to the smallest scale.

    ``groups`` chooses the rows: "ops" (the GROWTH operations), "startup" and "gui".
    """
    table: dict[str, list[tuple[str, float]]] = {}
    sizes = []
    for label, data_dir in scales:
        bench = Bench(data_dir, repeat)
        try:
            members = len(bench.desk.roster.list())
            sizes.append(f"{label}× ({len(bench.branches)} branches, {members:,} members)")
            made: list[tuple[str, Result]] = []
            if "ops" in groups:
                made += [(name, op(bench)) for name, op in GROWTH]
            for group, make in GROWTH_GROUPS.items():
                if group in groups:
                    made += [(r.name, r) for r in make(bench)]
            for name, result in made:
                table.setdefault(name, []).append((label, result.median))
                print(f"  {label}× {name:<30} {_fmt(result.median)}", flush=True)
        finally:
            bench.close()
    lines = ["| operation | " + " | ".join(sizes) + " |", "|---" * (len(sizes) + 1) + "|"]
    for name, values in table.items():
        first = values[0][1]
        cells = [f"{_fmt(v)} ({v / first:.2f}×)" for _, v in values]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", default=",".join(OPERATIONS))
    parser.add_argument("--scale", default="", help="e.g. 1=/tmp/bench-x1,3=/tmp/bench-x3,10=DIR")
    parser.add_argument(
        "--scale-groups", default="ops", help="growth rows: ops, startup, gui (comma-separated)"
    )
    parser.add_argument("--markdown", type=Path, help="also write the tables here")
    args = parser.parse_args(argv)
    only = set(args.only.split(",")) if args.only else set()
    bench = Bench(args.data_dir, args.repeat)
    try:
        results = main_table(bench, only) if only else []
    finally:
        bench.close()
    lines = [
        "| operation | median | baseline | ratio | target | |",
        "|---|---|---|---|---|---|",
        *(r.row() for r in results),
    ]
    if args.scale:
        scales = [(k, Path(v)) for k, v in (part.split("=", 1) for part in args.scale.split(","))]
        print("growth:", flush=True)
        lines += ["", *growth(scales, args.repeat, set(args.scale_groups.split(",")))]
    print("\n".join(lines))
    if args.markdown:
        stamp = f"<!-- {date.today().isoformat()} repeat={args.repeat} -->"
        args.markdown.write_text("\n".join([stamp, *lines]) + "\n", encoding="utf-8")
    return 0 if all(r.passed is not False for r in results) else 1


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # skip PySide's teardown, which can crash at interpreter exit
