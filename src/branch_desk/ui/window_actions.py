"""The main window's menus and keyboard shortcuts.

Actions that need an open data dir are disabled while the window is a shell (before the data
dir has been opened, see ui/main_window.py: MainWindow.attach). What they open is imported when
first used, so the first frame does not wait for it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from .main_window import MainWindow


class WindowActions:
    """Builds the menus and shortcuts of ``window``; enables those needing a data dir."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.needing_desk: list[QAction] = []

    def add(
        self, text: str, slot: Callable[[], object], shortcut: str = "", *, needs_desk: bool = True
    ) -> QAction:
        """Make an action of the window (its shortcut works without a menu)."""
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)
        if needs_desk:
            self.needing_desk.append(action)
        return action

    def enable(self, enabled: bool) -> None:
        """Enable (or disable) every action that works on the open data dir."""
        for action in self.needing_desk:
            action.setEnabled(enabled)

    def safety(self, name: str) -> Callable[[], None]:
        """A slot calling ``ui/safety/actions.py: <name>(window)``, imported when first used."""

        def run() -> None:
            from .safety import actions

            getattr(actions, name)(self.window)

        return run

    def build(self, titles: Sequence[str]) -> None:
        """Add the 文件, 工具 and 帮助 menus and a Ctrl+<n> shortcut per section title."""
        w = self.window
        file_menu = w.menuBar().addMenu("文件(&F)")
        file_menu.addAction(self.add("导入名册…", w.import_roster))
        file_menu.addAction(self.add("导出名册…", w.export_roster))
        file_menu.addSeparator()
        file_menu.addAction(self.add("备份…", self.safety("start_backup")))
        file_menu.addAction(self.add("从备份恢复…", self.safety("start_restore")))
        file_menu.addAction(self.add("检查数据完整性…", self.safety("start_verify")))
        file_menu.addSeparator()
        file_menu.addAction(self.add("退出", w.close, "Ctrl+Q", needs_desk=False))
        tools_menu = w.menuBar().addMenu("工具(&T)")
        tools_menu.addAction(self.add("修改记录…", w.show_history))
        help_menu = w.menuBar().addMenu("帮助(&H)")
        help_menu.addAction(self.add("使用说明", w.show_guide, "F1", needs_desk=False))
        help_menu.addSeparator()
        help_menu.addAction(self.add("关于", w.show_about))
        self.add("新增党员", w.new_member, "Ctrl+N")
        self.add("筛选党员", w.focus_filter, "Ctrl+F")
        for number, title in enumerate(titles, 1):
            self.add(f"切换到{title}", lambda t=title: w.show_section(t), f"Ctrl+{number}")
