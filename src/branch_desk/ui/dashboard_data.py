"""The figures of the 工作台, read in one go so they can be read off the GUI thread.

``read_figures`` touches no widget: the main window's first fill runs it on the task thread
(``ui/tasks.py``, a quiet task) while 正在统计… shows, and the page is built from what it returns
on the GUI thread. It only reads, so the integrity check's write gate is never involved; its
reads are shared within the call (``services/shared_reads.py``): the checks, the year grid and
the member figures of one year read the same rows once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ..services.shared_reads import shared_reads

if TYPE_CHECKING:
    from ..domain.findings import Finding
    from ..domain.org import BranchSummary
    from ..domain.rules.frequency import YearGrid
    from ..domain.year_snapshot import MemberFigures
    from ..services.app import BranchDesk
    from ..services.development.checks import Reminder
    from .context import UiContext
    from .dues.summary import DuesGlance

# The boxes' own modules (and the services they read) are imported when the figures are first
# read, not when the window starts: the placeholder needs none of them.


@dataclass(frozen=True)
class YearFigures:
    """One year of the grid box: the snapshot day, member counts, the grid and the findings."""

    year: int
    as_of: date
    members: MemberFigures
    grid: YearGrid
    findings: list[Finding]


@dataclass(frozen=True)
class DashboardFigures:
    """Everything the filled 工作台 shows, as read for one unit."""

    unit_id: int
    summary: BranchSummary
    today: date
    focus: list[str]
    findings: list[Finding]  # this year's, as of today
    dues: DuesGlance
    reminders: list[Reminder]
    year: YearFigures  # the current year's grid box


def read_year(
    desk: BranchDesk, unit_id: int, year: int, findings: list[Finding] | None = None
) -> YearFigures:
    """Read one year of the grid box, as of the year snapshot's day."""
    with shared_reads():
        as_of, members = desk.snapshots.member_figures(unit_id, year)
        grid = desk.checks.year_grid(unit_id, year, as_of)
        if findings is None:
            findings = desk.checks.findings(year, as_of, desk.org.get(unit_id).name)
    return YearFigures(year, as_of, members, grid, findings)


def read_figures(ctx: UiContext, unit_id: int) -> DashboardFigures:
    """Read every figure of the page for ``unit_id`` (safe on the task thread: no widgets)."""
    from .development.stages import SOON_DAYS
    from .dues.summary import glance

    desk = ctx.desk
    with shared_reads():
        summary = desk.org.summary(unit_id)
        today = desk.roster.today()
        focus = desk.year_records.focus(unit_id, today.year)
        findings = desk.checks.findings(today.year, today, summary.unit.name)
        dues = glance(ctx, unit_id)
        reminders = desk.development_checks.reminders(unit_id, desk.development.today(), SOON_DAYS)
        year = read_year(desk, unit_id, today.year, findings)
    return DashboardFigures(unit_id, summary, today, focus, findings, dues, reminders, year)
