"""Print previews of the 党费收缴登记表, 核定表 and 公示: the files' layout, landscape forms."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPageLayout
from pytestqt.qtbot import QtBot

from branch_desk.domain.money import yuan
from branch_desk.exports.document_model import compact
from branch_desk.ui.context import UiContext
from branch_desk.ui.document_preview import preview_texts
from branch_desk.ui.dues.page import DuesPage
from tests.exports.document_texts import docx_texts, xlsx_texts

from .dues_data import YEAR, add_dues_members


def test_dues_page_previews_show_what_the_files_say(
    qtbot: QtBot, ctx: UiContext, tmp_path: Path
) -> None:
    add_dues_members(ctx.desk, ctx.unit_id)
    page = DuesPage(ctx)
    qtbot.addWidget(page)
    page.show()
    menu = page.buttons["打印预览"].menu()
    names = ["党费收缴登记表", "党费基数核定表", "党费收缴情况公示"]
    assert [a.text() for a in menu.actions()] == names
    exports = ctx.desk.dues_io
    exports.export_ledger(ctx.unit_id, YEAR, tmp_path / "l.xlsx")
    exports.export_assessment(ctx.unit_id, YEAR, tmp_path / "a.xlsx")
    exports.export_notice(ctx.unit_id, YEAR, tmp_path / "n.docx")
    files = [
        xlsx_texts(tmp_path / "l.xlsx"),
        xlsx_texts(tmp_path / "a.xlsx"),
        docx_texts(tmp_path / "n.docx"),
    ]
    dialogs = (page.preview_ledger(), page.preview_assessment(), page.preview_notice())
    for dialog, written, landscape in zip(dialogs, files, (True, True, False), strict=True):
        assert dialog.isVisible()
        assert dialog.windowModality() == Qt.WindowModality.WindowModal
        layout = dialog.printer.pageLayout()
        portrait = QPageLayout.Orientation.Portrait
        assert (layout.orientation() != portrait) == landscape
        assert compact(preview_texts(dialog.document)) == written
        dialog.close()
    ledger = ctx.desk.dues_reports.ledger(ctx.unit_id, YEAR, ctx.desk.dues.today())
    assert f"第一党支部党员党费收缴登记表（{YEAR}年度）" == files[0][0]
    assert yuan(ledger.annual_paid_fen) in files[0]
