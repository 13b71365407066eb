"""帮助 → 使用说明 (F1): the offline guide bundled in resources/guide, shown in a text browser."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ..paths import bundled_resource
from .dialog_guard import FittedDialog

GUIDE = "guide/guide.html"
SECTIONS = {  # heading → anchor in guide.html
    "第一次使用": "setup",
    "每月例行工作": "monthly",
    "党费日": "dues",
    "发展党员": "develop",
    "年终总结与归档": "yearend",
    "备份与换电脑": "backup",
}


def guide_path() -> Path:
    """Return the guide's HTML file among the bundled resources."""
    return bundled_resource(GUIDE)


class HelpDialog(FittedDialog):
    """The 使用说明: sections linked from the top, screenshots beside the steps; no network."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("支部工作台 — 使用说明")
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setOpenLinks(True)
        path = guide_path()
        if path.is_file():
            self.browser.setSearchPaths([str(path.parent)])
            self.browser.setSource(QUrl.fromLocalFile(str(path)))
        else:
            self.browser.setPlainText(f"找不到使用说明文件：{path}\n请重新安装支部工作台。")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(860, 620)

    def show_section(self, title: str) -> None:
        """Scroll to the section whose heading contains ``title``."""
        self.browser.scrollToAnchor(SECTIONS[title])
