"""Screenshots at laptop size: ``xvfb-run -a -s "-screen 0 1280x720x24" python -m
tests.ui.screenshots_meeting_text`` grabs the whole 1280×720 screen with the meeting editor
holding typed text (its 议题 tab with the usual 议题 as a hint), the print preview of that
record, and the 导入台账 preview into docs/screenshots/ (not a test).
"""

from __future__ import annotations

import sys
import tempfile
from datetime import time, timedelta
from pathlib import Path

from openpyxl import Workbook
from PySide6.QtWidgets import QApplication

from branch_desk.domain.events import EventType
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.demo.branch import fill_demo
from branch_desk.ui.app import application
from branch_desk.ui.events.import_dialog import EventImportDialog
from branch_desk.ui.events.page import EventsPage
from branch_desk.ui.main_window import MainWindow

from .screenshots import OUT, settle

TYPED = "传达学习上级精神，研究年度评议工作：第一项"
MINUTES = "书记传达了上级会议精神（要点三条）：一、……；二、……。\n与会党员结合本职工作谈了体会。"
HEADER = ("会议类型", "日期", "主题/议题", "开始时间", "结束时间", "地点", "主持人", "记录人",
          "缺席人员", "列席人员", "决议")  # fmt: skip


def _screen(app: QApplication, name: str) -> None:
    for _ in range(20):
        settle(app)
    app.primaryScreen().grabWindow(0).save(str(OUT / f"{name}.png"))
    print(OUT / f"{name}.png")


def _ledger(desk: BranchDesk, unit_id: int, folder: Path) -> Path:
    """Write a small 会议台账 with the demo branch's names: study rows with and without times."""
    names = [m.name for m in desk.roster.list(unit_id)]
    chair, recorder, absent = names[0], names[1], names[2]
    day = desk.roster.today() - timedelta(days=3)
    book = Workbook()
    sheet = book.active
    sheet.append(["第一党支部会议台账"])
    sheet.append(HEADER)
    sheet.append(
        [
            "主题党日",
            day,
            "重温入党誓词，集中学习：新修订条例",
            time(14, 30),
            time(17, 0),
            "党员活动室",
            chair,
            recorder,
            f"{absent}（出差，赴外地培训）",
            "",
            "",
        ]
    )
    sheet.append(
        [
            "支委会",
            day - timedelta(days=2),
            "研究发展党员工作",
            time(9, 0),
            time(10, 0),
            "会议室",
            chair,
            recorder,
            "",
            "",
            "同意列为发展对象。",
        ]
    )
    sheet.append(["党课", day - timedelta(days=5), "严守纪律规矩（专题党课）", None, None,
                  "会议室", chair, recorder, "", "孙某（入党积极分子）", ""])  # fmt: skip
    path = folder / "会议台账.xlsx"
    book.save(path)
    return path


def main() -> int:
    """Open the demo branch: the editor with typed text, its preview, the ledger preview."""
    OUT.mkdir(parents=True, exist_ok=True)
    app: QApplication = application()
    with tempfile.TemporaryDirectory() as folder:
        desk = BranchDesk.open(AppPaths.resolve(Path(folder)))
        try:
            fill_demo(desk, count=30)
            window = MainWindow(desk)
            window.show()
            page = window.show_section("会议活动")
            assert isinstance(page, EventsPage)
            dialog = page.new_event(EventType.BRANCH_ASSEMBLY)
            dialog.form.title.setText(TYPED)
            dialog.record.minutes.setPlainText(MINUTES)
            dialog.tabs.setCurrentWidget(dialog.record)
            dialog.validate()
            _screen(app, "event_editor_typed")
            dialog.accept()
            settle(app)
            preview = page.preview_selected()
            assert preview is not None
            _screen(app, "minutes_preview_typed")
            preview.reject()
            ledger = _ledger(desk, window.ctx.unit_id, Path(folder))
            importer = EventImportDialog(window.ctx, ledger, window)
            importer.open()
            while importer.busy:
                settle(app)
            _screen(app, "ledger_import")
            importer.reject()
            window.tasks.shutdown()
            window.close()
        finally:
            desk.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
