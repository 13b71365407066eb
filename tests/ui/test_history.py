"""修改记录: the audit-log model, its filters, and the member panel's 查看修改记录."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from branch_desk.services.app import BranchDesk
from branch_desk.ui.context import UiContext
from branch_desk.ui.history.dialog import HistoryDialog
from branch_desk.ui.history.model import HEADERS, HistoryModel, readable_value
from branch_desk.ui.main_window import MainWindow

from .conftest import add_members

LATER = datetime(2026, 12, 5, 9, 0, 0)


def _edit_phone(desk: BranchDesk, member_id: int, phone: str, actor: str, at: datetime) -> None:
    desk.db.actor, desk.db.clock = actor, (lambda: at)
    record = desk.roster.get(member_id).member
    desk.roster.update(member_id, record.to_input().with_changes(phone=phone))


def _rows(dialog: HistoryDialog) -> list[list[str]]:
    model = dialog.model
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_model_passes_the_model_tester(qtmodeltester, desk: BranchDesk, branch_id: int) -> None:  # type: ignore[no-untyped-def]
    add_members(desk, branch_id)
    model = HistoryModel()
    model.set_records(desk.audit.query())
    assert model.rowCount() > 2
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(8)] == list(HEADERS)
    qtmodeltester.check(model, force_py=True)
    model.set_records([])
    qtmodeltester.check(model, force_py=True)


def test_filters_by_actor_text_and_date(qtbot: QtBot, ctx: UiContext) -> None:
    desk = ctx.desk
    desk.db.actor = "王书记"
    zhang, li = add_members(desk, ctx.unit_id)
    _edit_phone(desk, li.id, "13912345678", "李委员", LATER)
    dialog = HistoryDialog(ctx)
    qtbot.addWidget(dialog)
    everything = dialog.model.rowCount()
    actors = [dialog.actor.itemText(i) for i in range(dialog.actor.count())]
    assert actors[0] == "全部操作人" and {"李委员", "王书记"} <= set(actors)
    dialog.actor.setCurrentIndex(dialog.actor.findData("李委员"))
    assert [row[1] for row in _rows(dialog)] == ["李委员"]
    dialog.actor.setCurrentIndex(0)
    assert dialog.model.rowCount() == everything
    dialog.search.setText("张三")
    qtbot.waitUntil(lambda: dialog.model.rowCount() < everything, timeout=2000)
    assert {row[3] for row in _rows(dialog)} == {"张三"}
    dialog.clear_filters()
    dialog.since.setText("2026-12-01")
    dialog.reload()
    assert [row[5] for row in _rows(dialog)] == ["联系电话"]
    dialog.since.clear()
    dialog.until.setText("2026-11-30")
    dialog.reload()
    assert dialog.model.rowCount() == everything - 1
    dialog.until.setText("2026-13-40")
    dialog.reload()
    assert "日期无法识别" in dialog.count.text()
    dialog.clear_filters()
    dialog.entity.setCurrentIndex(dialog.entity.findData("member_status_changes"))
    assert {row[2] for row in _rows(dialog)} == {"党籍变动"}
    assert zhang.id != li.id


def test_member_panel_shows_the_phone_change(qtbot: QtBot, window: MainWindow) -> None:
    desk = window.desk
    zhang, li = add_members(desk, window.ctx.unit_id)
    _edit_phone(desk, zhang.id, "13987654321", "王书记", LATER)
    window.roster.reload()
    window.show_section("党员")
    window.roster.table.selectRow(0)
    panel = window.roster.detail
    assert panel.member is not None and panel.member.id == zhang.id
    assert panel.history_button.isEnabled()
    dialog = panel.show_changes()
    assert dialog is not None and dialog.isVisible()
    assert "仅显示“张三”的修改记录" in dialog.scope.text()
    assert not dialog.entity.isEnabled()
    rows = _rows(dialog)
    assert {row[3] for row in rows} == {"张三"}
    changed = next(row for row in rows if row[5] == "联系电话")
    assert changed[0] == "2026-12-05 09:00:00" and changed[1] == "王书记"
    assert changed[4] == "修改" and (changed[6], changed[7]) == ("13800138000", "13987654321")
    added = next(row for row in rows if row[4] == "新增")
    assert added[5] == "整条记录" and "姓名：张三" in dialog.model.index(rows.index(added), 7).data(
        Qt.ItemDataRole.ToolTipRole
    )
    dialog.show_all()
    assert dialog.model.rowCount() > len(rows) and dialog.entity.isEnabled()
    assert window.show_history().model.rowCount() == dialog.model.rowCount()
    assert li.name == "李四"


def test_readable_value_names_the_fields() -> None:
    assert readable_value('{"name": "张三", "phone": "138"}') == "姓名：张三；联系电话：138"
    assert readable_value("2026-11-20") == "2026-11-20"
    assert readable_value("{not json") == "{not json"
