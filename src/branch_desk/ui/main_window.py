"""The main window: left navigation, one page per section, menus and remembered geometry."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QListWidget,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .. import app_version
from ..paths import AppPaths
from ..services.app import BranchDesk
from ..services.outcome import Area
from ..services.safety import keys as cipher
from . import messages
from .context import UiContext, current_unit_id
from .dashboard import DashboardPage, Placeholder
from .dialog_guard import fit_on_screen
from .help_dialog import HelpDialog
from .tasks import TaskRunner
from .widgets.settings import ui_settings
from .window_actions import WindowActions

if TYPE_CHECKING:
    from .history.dialog import HistoryDialog
    from .roster.page import RosterPage
    from .security import IdleLock

# What the menus open (backups, history, set-up, the idle lock) is imported when first used:
# the window's first frame must not wait for SQLAlchemy, which those modules load.

APP_TITLE = "支部工作台"
OPENING = "正在打开…"
NAV_STYLE = "QListWidget { font-size: 15px; } QListWidget::item { padding: 8px; }"


@dataclass(frozen=True)
class Section:
    """One entry of the left navigation and the page it shows."""

    title: str
    make: Callable[[UiContext], QWidget]


def deferred(module: str, name: str) -> Callable[[UiContext], QWidget]:
    """Return a maker of the page class ``name`` in ``branch_desk.ui.<module>``.

    The module is imported when the page is first built (its section first shown), so start-up
    loads only the first page's code.
    """

    def make(ctx: UiContext) -> QWidget:
        page_class = getattr(importlib.import_module(f"{__package__}.{module}"), name)
        return page_class(ctx)

    return make


# Adding a section is one line here.
SECTIONS: tuple[Section, ...] = (
    Section("工作台", lambda ctx: DashboardPage(ctx, fill_when_shown=True)),
    Section("党员", deferred("roster.page", "RosterPage")),
    Section("会议活动", deferred("events.page", "EventsPage")),
    Section("党费", deferred("dues.page", "DuesPage")),
    Section("发展党员", deferred("development.page", "DevelopPage")),
    Section("报告归档", deferred("reports.page", "ReportsPage")),
    Section("设置", deferred("settings_page", "SettingsPage")),
)
TITLES = tuple(section.title for section in SECTIONS)


class MainWindow(QMainWindow):
    """Navigation on the left, the current section on the right.

    A section's page is built the first time it is shown (``page``); until then the stack holds
    a quiet placeholder in its place. ``data_changed`` carries the areas an Outcome touched;
    every built page reloads what it shows (a page built later reads fresh data anyway).

    Made with ``paths`` and no desk, the window is a shell: navigation, menus and 正在打开…,
    painted before the data dir is opened (``first_painted``); ``attach`` then gives it the
    opened desk, which builds the current page and enables the menus.
    """

    data_changed = Signal(frozenset)
    first_painted = Signal()  # the shell's first frame is on screen (before a desk is attached)
    desk_opened = Signal()  # a desk was attached (or replaced) and the current page built

    ctx: UiContext

    def __init__(
        self,
        desk: BranchDesk | None = None,
        parent: QWidget | None = None,
        *,
        paths: AppPaths | None = None,
    ) -> None:
        super().__init__(parent)
        found = desk.paths if desk is not None else paths
        if found is None:
            raise ValueError("MainWindow needs a desk or the paths of the data dir to open")
        self.paths = found
        self._desk: BranchDesk | None = None
        self.tasks = TaskRunner(self)
        self.guide: HelpDialog | None = None
        self.idle_lock: IdleLock | None = None
        self.settings = ui_settings(self.paths.ui_settings)
        self.unit_combo = QComboBox()
        self.nav = QListWidget()
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}  # the pages built so far, by section title
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self._build_pages()
        self.nav.currentRowChanged.connect(self._show_row)
        self.nav.setCurrentRow(0)
        self._build_layout()
        self.menu_actions = WindowActions(self)
        self.menu_actions.build(TITLES)
        self.data_changed.connect(self._update_title)
        self.data_changed.connect(self._refresh_units)
        self.setWindowTitle(APP_TITLE)
        self._restore_geometry()
        if desk is not None:
            self.attach(desk)
        else:
            self.menu_actions.enable(False)

    @property
    def desk(self) -> BranchDesk:
        """The open data dir (only after ``attach``: a shell has none yet)."""
        if self._desk is None:
            raise RuntimeError("the data dir is not open yet")
        return self._desk

    @property
    def attached(self) -> bool:
        """Tell whether a data dir is open in the window (False while it is a shell)."""
        return self._desk is not None

    def attach(self, desk: BranchDesk) -> None:
        """Work on the opened ``desk``: read its units, build the current page, enable menus."""
        saved = self.settings.value("window/unit_id")
        preferred = int(saved) if saved not in (None, "") and str(saved).isdigit() else None
        self._open_pages(desk, preferred)
        self.menu_actions.enable(True)
        if cipher.key_for(desk.paths.database) is not None:  # encrypted: lock when idle
            from .security import install_idle_lock

            self.idle_lock = install_idle_lock(self, desk.paths.database, self.settings)

    def _open_pages(self, desk: BranchDesk, preferred: int | None) -> None:
        self._desk = desk
        self.ctx = UiContext(desk, current_unit_id(desk, preferred), self.tasks, self._publish)
        self.restore_state()
        self._show_row(self.nav.currentRow())
        self._fill_units()
        self._update_title(frozenset({Area.ORG}))
        self.desk_opened.emit()

    # ---- building ----------------------------------------------------------------------

    def _build_pages(self) -> None:
        """Fill the navigation and the stack with placeholders; pages come on first show."""
        for section in SECTIONS:
            placeholder = Placeholder(OPENING)
            placeholder.painted.connect(self._painted)
            self.stack.addWidget(placeholder)
            self.nav.addItem(section.title)

    def _painted(self) -> None:
        if not self.attached:
            self.first_painted.emit()

    def page(self, title: str) -> QWidget:
        """Return the page of a section, building it now if it was never shown."""
        built = self.pages.get(title)
        if built is not None:
            return built
        index = TITLES.index(title)
        page = SECTIONS[index].make(self.ctx)
        if title == "党员":
            page.restore_state(self.settings)  # type: ignore[attr-defined]
        placeholder = self.stack.widget(index)
        current = self.stack.currentIndex()
        self.stack.insertWidget(index, page)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        self.stack.setCurrentIndex(current)
        self.pages[title] = page
        self.data_changed.connect(page.on_data_changed)  # type: ignore[attr-defined]
        return page

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(SECTIONS):
            if self.attached:
                self.page(TITLES[row])
            self.stack.setCurrentIndex(row)

    def _build_layout(self) -> None:
        self.nav.setMinimumWidth(110)
        self.nav.setMaximumWidth(220)
        self.nav.setStyleSheet(NAV_STYLE)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        self.unit_combo.setToolTip("切换当前党组织（数据中有多个党组织时）")
        self.unit_combo.currentIndexChanged.connect(self._unit_chosen)
        column.addWidget(self.unit_combo)
        column.addWidget(self.nav)
        self.unit_combo.setVisible(False)  # shown by _fill_units when there are several
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([130, 1000])
        self.setCentralWidget(self.splitter)
        self.statusBar().addPermanentWidget(QLabel(f"数据目录：{self.paths.data_dir}"))
        self.resize(1280, 780)

    def _fill_units(self) -> None:
        """List the 党委/党总支/党支部 to choose from (hidden when there is only one)."""
        units = self.desk.units.top_units()
        self.unit_combo.blockSignals(True)
        self.unit_combo.clear()
        for unit in units:
            self.unit_combo.addItem(f"{unit.name}（{unit.kind.value}）", unit.id)
        self.unit_combo.setCurrentIndex(max(self.unit_combo.findData(self.ctx.unit_id), 0))
        self.unit_combo.blockSignals(False)
        self.unit_combo.setVisible(len(units) > 1)

    def _refresh_units(self, areas: frozenset[Area]) -> None:
        if Area.ORG in areas or Area.ALL in areas:
            self._fill_units()

    def _unit_chosen(self, index: int) -> None:
        unit_id = self.unit_combo.itemData(index)
        if unit_id is None or unit_id == self.ctx.unit_id:
            return
        self.ctx.unit_id = int(unit_id)
        self.settings.setValue("window/unit_id", self.ctx.unit_id)
        self._publish(frozenset({Area.ALL}))

    # ---- behaviour ---------------------------------------------------------------------

    def _publish(self, areas: frozenset[Area]) -> None:
        if areas:
            self.data_changed.emit(areas)

    def _update_title(self, areas: frozenset[Area]) -> None:
        if Area.ORG in areas or Area.ALL in areas:
            name = self.desk.units.get(self.ctx.unit_id).name
            self.setWindowTitle(f"{APP_TITLE} — {name}")

    @property
    def roster(self) -> RosterPage:
        """Return the 党员 page (built now if it was never shown)."""
        return self.page("党员")  # type: ignore[return-value]

    def dashboard(self) -> DashboardPage:
        """Return the 工作台 page with its figures read (they are read after the first paint)."""
        page = self.page("工作台")
        assert isinstance(page, DashboardPage)
        page.ensure_filled()
        return page

    def show_section(self, title: str) -> QWidget:
        """Switch to a section by its title and return its page."""
        self.nav.setCurrentRow(TITLES.index(title))
        return self.page(title)

    def new_member(self) -> None:
        """Open the add-member dialog on the 党员 page."""
        self.show_section("党员")
        self.roster.add_member()

    def focus_filter(self) -> None:
        """Go to the 党员 page and put the cursor in the filter box."""
        self.show_section("党员")
        self.roster.focus_filter()

    def import_roster(self) -> None:
        """Import a roster workbook."""
        self.show_section("党员")
        self.roster.import_excel()

    def export_roster(self) -> None:
        """Export the roster workbook."""
        self.show_section("党员")
        self.roster.export_excel()

    def show_history(self) -> HistoryDialog:
        """Open the 修改记录 window over the whole audit log."""
        from .history.dialog import open_history

        return open_history(self.ctx, self)

    def replace_desk(self, desk: BranchDesk) -> None:
        """Work on a reopened data dir (after a restore): rebuild every page from it."""
        from .setup_dialog import SetupDialog

        self.save_state()
        for dialog in self.findChildren(QDialog):
            dialog.close()
        preferred = self.ctx.unit_id if self.attached else None
        self._desk = desk
        if (
            not desk.units.is_set_up()
            and SetupDialog(desk, self, encryption=False).exec() != QDialog.DialogCode.Accepted
        ):
            self.close()
            return
        self.nav.blockSignals(True)
        self.nav.clear()
        while self.stack.count():
            widget = self.stack.widget(0)
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self.pages.clear()
        self._build_pages()
        self.nav.setCurrentRow(0)
        self.nav.blockSignals(False)
        self._open_pages(desk, preferred)
        self.menu_actions.enable(True)

    def about_text(self) -> str:
        """Return the text of the 关于 box."""
        revision = self.desk.db.schema_revision() or "未知"
        return (
            f"{APP_TITLE}\n版本：{app_version()}\n"
            f"数据目录：{self.desk.paths.data_dir}\n数据库结构版本：{revision}"
        )

    def show_guide(self) -> HelpDialog:
        """Open the 使用说明 (one window; F1 again brings it to the front)."""
        if self.guide is None:
            self.guide = HelpDialog(self)
        self.guide.show()
        self.guide.raise_()
        self.guide.activateWindow()
        return self.guide

    def show_about(self) -> None:
        """Show version, data directory and schema revision."""
        messages.inform(self, self.about_text(), "关于支部工作台")

    # ---- state -------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry:
            self.restoreGeometry(geometry)
        splitter = self.settings.value("window/splitter")
        if splitter:
            self.splitter.restoreState(splitter)

    def restore_state(self) -> None:
        """Restore geometry, splitters and the last section from the ini file."""
        self._restore_geometry()
        if "党员" in self.pages:  # otherwise the page restores its state when it is built
            self.roster.restore_state(self.settings)
        last = str(self.settings.value("window/section_title", "") or "")
        if last in TITLES:
            self.nav.setCurrentRow(TITLES.index(last))

    def save_state(self) -> None:
        """Write geometry, splitters and the current section to the ini file."""
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue("window/section_title", TITLES[self.nav.currentRow()])
        if "党员" in self.pages:  # a page never shown keeps the state saved before
            self.roster.save_state(self.settings)
        self.settings.sync()

    def showEvent(self, event: QShowEvent) -> None:
        """Never open larger than the free area of the screen (a 1280×720 laptop)."""
        fit_on_screen(self)
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Refuse to close while an import is being written; otherwise save state and close."""
        if self.tasks.busy(counting_quiet=False) and not messages.confirm(
            self, "后台任务仍在进行，确定要退出吗？", yes="退出"
        ):
            event.ignore()
            return
        self.save_state()
        self.tasks.shutdown()
        event.accept()
