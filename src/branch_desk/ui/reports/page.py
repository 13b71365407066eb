"""The 报告归档 section: unit and year above two tabs, 年度总结 and 归档包."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ...services.outcome import Area
from ..context import UiContext, touches
from .archive_tab import ArchiveTab
from .summary_tab import SummaryTab
from .tab_parts import UnitYearBar


class ReportsPage(QWidget):
    """The year-end summary and the inspection archive of a unit; loaded when first shown."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.bar = UnitYearBar(ctx)
        self.summary = SummaryTab(ctx, self.bar)
        self.archive = ArchiveTab(ctx, self.bar)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.summary, "年度总结")
        self.tabs.addTab(self.archive, "归档包")
        self.stale = {self.summary: True, self.archive: True}
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.tabs, 1)
        self.bar.changed.connect(self._choice_changed)
        self.tabs.currentChanged.connect(lambda _i: self.refresh())

    def on_data_changed(self, areas: frozenset[Area]) -> None:
        """Count again when anything the summary or the archive draws on changed."""
        if self.summary.saving:  # the summary tab shows its own save already
            self.stale[self.archive] = True
            return
        if touches(areas, Area.ORG):
            self.bar.reload_units()
        for tab in self.stale:
            self.stale[tab] = True
        self.refresh()

    def _choice_changed(self) -> None:
        for tab in self.stale:
            self.stale[tab] = True
        self.refresh()

    def refresh(self) -> None:
        """Reload the visible tab if what it shows may have changed."""
        if not self.isVisible():
            return
        tab = self.tabs.currentWidget()
        if isinstance(tab, SummaryTab | ArchiveTab) and self.stale.get(tab):
            self.stale[tab] = False
            tab.reload()

    def showEvent(self, event: QShowEvent) -> None:
        """Load what is stale when the page comes into view."""
        super().showEvent(event)
        self.refresh()

    def show_tab(self, title: str) -> QWidget:
        """Switch to a tab by its title and return it."""
        for number in range(self.tabs.count()):
            if self.tabs.tabText(number) == title:
                self.tabs.setCurrentIndex(number)
        self.refresh()
        return self.tabs.currentWidget()
