"""工作台: the branch at a glance — members, term, what is due and overdue, the year grid."""

from __future__ import annotations

import logging
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPaintEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ..domain.org import BranchSummary, OfficerRecord, OrgUnitRecord
from ..domain.rules.structure import term_end as rules_term_end
from ..domain.text import format_date
from ..services.outcome import Area
from .context import UiContext, touches
from .dashboard_data import DashboardFigures, YearFigures, read_figures, read_year
from .widgets.form_fields import ERROR_COLOR, WARNING_COLOR

if TYPE_CHECKING:
    from .branch_dialog import BranchDialog
    from .tasks import Task
    from .year_grid import YearGridView

# The boxes, the year grid and dialogs of the filled page are imported when the page is filled
# or a dialog opened, not when the window starts (before its first frame and with the data
# open): the placeholder needs none of them.

log = logging.getLogger(__name__)

SOON_DAYS = 90
GRID_YEARS = 5
PLACEHOLDER = "正在统计…"


def term_end(unit: OrgUnitRecord) -> date | None:
    """Return the last day of the current term, if the election date is known."""
    return rules_term_end(unit.elected_on, unit.term_years)


def term_note(unit: OrgUnitRecord, today: date) -> tuple[str, str]:
    """Return a sentence about the term's end and the colour to show it in."""
    end = term_end(unit)
    if end is None:
        return "尚未填写换届日期", WARNING_COLOR
    left = (end - today).days
    if left < 0:
        return f"任期已于{format_date(end)}届满，请及时换届", ERROR_COLOR
    if left <= SOON_DAYS:
        return f"任期将于{format_date(end)}届满（还有{left}天），请准备换届", WARNING_COLOR
    return f"任期至{format_date(end)}届满", ""


def officer_line(officer: OfficerRecord) -> str:
    """Describe one officer: role, name and term."""
    term = ""
    if officer.term_start or officer.term_end:
        term = f"（{format_date(officer.term_start)}—{format_date(officer.term_end)}）"
    return f"{officer.role.value}：{officer.person_name}{term}"


class Placeholder(QLabel):
    """The quiet text shown until the figures are in; says once when it has been painted."""

    painted = Signal()

    def __init__(self, text: str = PLACEHOLDER, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet("color: gray; font-size: 15px;")
        self._told = False

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._told:
            self._told = True
            self.painted.emit()


class DashboardPage(QScrollArea):
    """The 工作台 section; rebuilt from the summary whenever members or the branch change.

    With ``fill_when_shown`` (the main window's first page) the page starts with the placeholder
    正在统计… and, once the placeholder has been painted, reads its figures on the task thread
    (``fill_in_background``): the window stays responsive while they are counted, and the page
    is built when they arrive. ``filled`` is emitted after every (re)build.
    """

    filled = Signal()

    def __init__(
        self, ctx: UiContext, parent: QWidget | None = None, *, fill_when_shown: bool = False
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWidgetResizable(True)
        self.summary: BranchSummary | None = None
        self.info_button: QPushButton | None = None
        self.grid_year = QComboBox()
        self.grid: YearGridView  # made with the filled page (_meetings_section)
        self.grid_box = QGroupBox()
        self.year_members = QLabel()
        self.problems: QGroupBox | None = None
        self.focus_items: list[str] = []
        self._problems_slot = QVBoxLayout()
        self._stale = False  # changed while hidden: rebuilt when next shown
        self._reading: Task | None = None  # the background read in flight, if any
        if fill_when_shown:
            placeholder = Placeholder()
            placeholder.painted.connect(self.fill_in_background, Qt.ConnectionType.QueuedConnection)
            self.setWidget(placeholder)
        else:
            self.reload()

    @property
    def is_filled(self) -> bool:
        """Tell whether the figures have been read (False while the placeholder shows)."""
        return self.summary is not None

    @property
    def reading(self) -> bool:
        """Tell whether the figures are being read on the task thread."""
        return self._reading is not None

    def ensure_filled(self) -> None:
        """Read the figures now unless they already have been (and are current)."""
        if not self.is_filled or self._stale:
            self.reload()

    def fill_in_background(self) -> None:
        """Read the figures on the task thread, keeping what shows until they arrive (once)."""
        if self.is_filled or self._reading is not None:
            return
        ctx, unit_id = self.ctx, self.ctx.unit_id
        self._reading = ctx.tasks.run(
            lambda _progress, _cancel: read_figures(ctx, unit_id),
            self._figures_read,
            self._read_failed,
            title="正在统计",
            quiet=True,
        )

    def _figures_read(self, figures: DashboardFigures) -> None:
        if not isValid(self):
            return  # the page is gone (the data dir was replaced)
        self._reading = None
        if self.is_filled:
            return  # filled on the GUI thread meanwhile (a change, or ``ensure_filled``)
        if figures.unit_id != self.ctx.unit_id:
            self.reload()  # the window switched to another 党组织 while they were read
            return
        self._build(figures)

    def _read_failed(self, exc: Exception) -> None:
        log.warning("reading the 工作台 figures failed: %r", exc)
        if not isValid(self):
            return
        self._reading = None
        if not self.is_filled:
            self.reload()  # read again here: an error then reaches the user as usual

    def showEvent(self, event: QShowEvent) -> None:
        """Rebuild before the first paint if the data changed while another section showed."""
        if self._stale:
            self.reload()
        super().showEvent(event)

    def on_data_changed(self, areas: frozenset[Area]) -> None:
        """Rebuild when the branch, its members, meetings or rule settings changed."""
        wanted = (
            Area.ORG,
            Area.MEMBERS,
            Area.EVENTS,
            Area.SETTINGS,
            Area.DUES,
            Area.DEVELOPMENT,
            Area.REPORTS,
        )
        if not touches(areas, *wanted):
            return
        if self._reading is not None and not self.is_filled:
            self.reload()  # the figures in flight may predate the change: read them here
            return
        if not self.isVisible():
            # Behind another section: keep the counts current, rebuild the rest (checks, dues,
            # the year grid: the costly part) when the page is next shown.
            self.summary = self.ctx.desk.org.summary(self.ctx.unit_id)
            self._stale = True
            return
        self.reload()

    def reload(self) -> None:
        """Read the figures again (on the GUI thread) and rebuild the page."""
        self._build(read_figures(self.ctx, self.ctx.unit_id))

    def _build(self, figures: DashboardFigures) -> None:
        """Build the page from figures read (here or on the task thread)."""
        self.summary = figures.summary
        self._stale = False
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addLayout(self._header(self.summary.unit))
        layout.addLayout(self._first_row(figures))
        layout.addLayout(self._second_row(figures))
        layout.addLayout(self._meetings_section(figures))
        layout.addStretch(1)
        self.setWidget(body)
        self.filled.emit()

    def _header(self, unit: OrgUnitRecord) -> QHBoxLayout:
        title = QLabel(unit.name)
        title.setStyleSheet("font-size: 22px; font-weight: bold;")
        upper = unit.upper_org or "未填写"
        subtitle = QLabel(f"{unit.kind.value}　　上级党组织：{upper}")
        text = QVBoxLayout()
        text.addWidget(title)
        text.addWidget(subtitle)
        self.info_button = QPushButton("支部信息…")
        self.info_button.setToolTip("修改名称、换届日期、党小组和支委成员")
        self.info_button.clicked.connect(self.open_branch_dialog)
        row = QHBoxLayout()
        row.addLayout(text, 1)
        row.addWidget(self.info_button, 0, Qt.AlignmentFlag.AlignTop)
        return row

    def _first_row(self, figures: DashboardFigures) -> QHBoxLayout:
        from .dashboard_checks import count_box

        summary = figures.summary
        counts = {"在册党员": summary.active_total}
        counts.update({f"{k}党员": v for k, v in summary.by_party_status.items()})
        row = QHBoxLayout()
        row.addWidget(count_box("党员人数", counts, big=True), 2)
        row.addWidget(self._term_box(summary.unit, figures.today), 2)
        row.addWidget(self._officer_box(summary.officers), 3)
        return row

    def _second_row(self, figures: DashboardFigures) -> QHBoxLayout:
        from .dashboard_checks import count_box, in_category_order

        summary = figures.summary
        row = QHBoxLayout()
        row.addWidget(count_box("在册状态", summary.by_roster_status))
        row.addWidget(count_box("人员类别（在册）", in_category_order(summary.by_category)))
        row.addWidget(count_box("党小组（在册）", summary.by_group))
        row.addWidget(self._focus_box(figures.today.year, figures.focus), 2)
        return row

    def _focus_box(self, year: int, items: list[str]) -> QGroupBox:
        """The current year's 学习重点 (设置 → 学习重点与表彰…)."""
        box = QGroupBox(f"{year}年学习重点")
        layout = QVBoxLayout(box)
        if not items:
            hint = QLabel("尚未登记，可在“设置 → 学习重点与表彰…”中填写")
            hint.setWordWrap(True)
            layout.addWidget(hint)
        for number, text in enumerate(items[:6], start=1):
            label = QLabel(f"{number}. {text}")
            label.setWordWrap(True)
            layout.addWidget(label)
        if len(items) > 6:
            layout.addWidget(QLabel(f"……共{len(items)}条"))
        self.focus_items = items
        return box

    def _term_box(self, unit: OrgUnitRecord, today: date) -> QGroupBox:
        box = QGroupBox("换届")
        layout = QVBoxLayout(box)
        elected = format_date(unit.elected_on) or "未填写"
        layout.addWidget(QLabel(f"上次换届：{elected}"))
        layout.addWidget(QLabel(f"任期：{unit.term_years}年"))
        note, color = term_note(unit, today)
        label = QLabel(note)
        label.setWordWrap(True)
        if color:
            label.setStyleSheet(f"color: {color}; font-weight: bold;")
        layout.addWidget(label)
        layout.addStretch(1)
        return box

    def _officer_box(self, officers: tuple[OfficerRecord, ...]) -> QGroupBox:
        box = QGroupBox("支委成员")
        layout = QVBoxLayout(box)
        if not officers:
            layout.addWidget(QLabel("尚未填写，可点击“支部信息…”添加"))
        for officer in officers:
            layout.addWidget(QLabel(officer_line(officer)))
        layout.addStretch(1)
        return box

    def _meetings_section(self, figures: DashboardFigures) -> QVBoxLayout:
        from .dashboard_checks import overdue_box, todo_box
        from .development.reminders import reminders_box
        from .dues.summary import dues_box
        from .year_grid import YearGridView

        today, findings = figures.today, figures.findings
        section = QVBoxLayout()
        row = QHBoxLayout()
        row.addWidget(todo_box(findings, today), 1)
        row.addWidget(overdue_box(findings), 1)
        row.addWidget(dues_box(self.ctx, self.open_dues, figures.dues), 1)
        section.addLayout(row)
        section.addWidget(reminders_box(self.ctx, self.open_candidate, figures.reminders))
        self.grid_year = QComboBox()
        for year in range(today.year, today.year - GRID_YEARS, -1):
            self.grid_year.addItem(f"{year}年", year)
        self.grid_year.currentIndexChanged.connect(lambda _i: self.show_year(self.year()))
        self.grid = YearGridView()
        self.grid_box = QGroupBox()
        self.year_members = QLabel()
        grid_layout = QVBoxLayout(self.grid_box)
        choose = QHBoxLayout()
        choose.addWidget(QLabel("年份："))
        choose.addWidget(self.grid_year)
        choose.addSpacing(16)
        choose.addWidget(self.year_members)
        choose.addStretch(1)
        grid_layout.addLayout(choose)
        grid_layout.addWidget(self.grid)
        section.addWidget(self.grid_box)
        self._problems_slot = QVBoxLayout()
        section.addLayout(self._problems_slot)
        self.show_year(today.year, figures.year)
        return section

    def year(self) -> int:
        """Return the year the grid shows."""
        return int(self.grid_year.currentData())

    def show_year(self, year: int, figures: YearFigures | None = None) -> None:
        """Show the year grid, member counts and record problems of ``year``.

        All as of the year snapshot's day: 31 December for a past year, today for this one.
        """
        from .dashboard_checks import problems_box

        if figures is None:
            figures = read_year(self.ctx.desk, self.ctx.unit_id, year)
        as_of, members = figures.as_of, figures.members
        self.grid_box.setTitle(f"{year}年组织生活完成情况")
        self.year_members.setText(
            f"截至{format_date(as_of)}：党员{members.total}名"
            f"（正式党员{members.full}名、预备党员{members.probationary}名）；"
            f"本年发展{members.joined}名，转正{members.made_full}名"
        )
        self.grid.set_grid(figures.grid)
        if self.problems is not None:
            self.problems.deleteLater()
        self.problems = problems_box(figures.findings, self.open_event)
        self._problems_slot.addWidget(self.problems)

    def open_event(self, event_id: int) -> object:
        """Open the editor on a meeting record named by a finding."""
        from .events.page import open_editor

        return open_editor(self.ctx, self, event_id)

    def open_candidate(self, candidate_id: int) -> object:
        """Open a candidate named by a 发展党员提醒."""
        from .development.candidate_dialog import open_candidate

        return open_candidate(self.ctx, self, candidate_id)

    def open_dues(self) -> None:
        """Switch the window to the 党费 section."""
        show = getattr(self.window(), "show_section", None)
        if show is not None:
            show("党费")

    def open_branch_dialog(self) -> BranchDialog:
        """Open the 支部信息 dialog (window-modal)."""
        from .branch_dialog import BranchDialog

        dialog = BranchDialog(self.ctx, self)
        dialog.open()
        return dialog
