"""Take the record-kind screenshots at 1280×720: ``xvfb-run -a python -m tests.ui.screenshots_kinds``.

Grabs the 谈心谈话 editor (its 谈话 tab), the 民主评议党员 editor's 评议结果 tab (when present)
and the print preview of a 支委会 record into docs/screenshots/ (not a test).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from branch_desk.domain.events import EventType
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.demo.branch import fill_demo
from branch_desk.ui.app import application
from branch_desk.ui.events.editor import EventDialog
from branch_desk.ui.events.page import EventsPage
from branch_desk.ui.main_window import MainWindow

from .screenshots import OUT, save, settle

LAPTOP = (1280, 720)


def _shot(widget: QWidget, name: str, app: QApplication) -> None:
    widget.resize(min(widget.width(), LAPTOP[0]), min(widget.height(), LAPTOP[1] - 40))
    widget.show()
    settle(app)
    save(widget, name, app)


def _talk(window: MainWindow, app: QApplication) -> None:
    talk = next(e for e in reversed(window.desk.events.list()) if e.type is EventType.HEART_TALK)
    dialog = EventDialog(window.ctx, window.desk.events.get(talk.id), parent=window)
    if not dialog.talk.content.toPlainText():
        dialog.talk.content.setPlainText(
            "了解近期思想、工作和生活情况；对照党员标准谈了自身不足；"
            "就支部工作提出两点建议。书记肯定了成绩，提出今后努力方向。"
        )
    _shot(dialog, "talk_editor", app)
    dialog.done(0)


def _appraisal(window: MainWindow, app: QApplication) -> None:
    evaluation = next(
        (e for e in reversed(window.desk.events.list()) if e.type is EventType.EVALUATION), None
    )
    if evaluation is None:
        return
    dialog = EventDialog(window.ctx, window.desk.events.get(evaluation.id), parent=window)
    panel = getattr(dialog, "grades_panel", None)
    if panel is None:
        dialog.done(0)
        return
    dialog.tabs.setCurrentWidget(panel)
    if not any(panel.grades().values()):  # show a graded appraisal
        first = next(iter(panel.combos.values()))
        first.setCurrentIndex(first.findData("优秀"))
        panel.all_pass.click()
    _shot(dialog, "appraisal_grades", app)
    dialog.done(0)


def _committee_preview(window: MainWindow, app: QApplication) -> None:
    page = window.show_section("会议活动")
    assert isinstance(page, EventsPage)
    committee = [e for e in window.desk.events.list() if e.type is EventType.COMMITTEE][-1]
    page.select_event(committee.id)
    preview = page.preview_selected()
    assert preview is not None
    _shot(preview, "committee_preview", app)
    preview.done(0)


def main() -> int:
    """Open a demo branch and grab the record-kind screens."""
    OUT.mkdir(parents=True, exist_ok=True)
    app: QApplication = application()
    with tempfile.TemporaryDirectory() as folder:
        desk = BranchDesk.open(AppPaths.resolve(Path(folder)))
        try:
            fill_demo(desk, count=30)
            window = MainWindow(desk)
            window.resize(*LAPTOP)
            window.show()
            settle(app)
            _talk(window, app)
            _appraisal(window, app)
            _committee_preview(window, app)
            window.close()
        finally:
            desk.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
