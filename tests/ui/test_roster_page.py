"""The 党员 page driven through its real widgets."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox
from pytestqt.qtbot import QtBot

from branch_desk.domain.members import (
    Gender,
    MemberCategory,
    PartyStatus,
    RosterStatus,
    StatusChangeKind,
)
from branch_desk.services.outcome import Area
from branch_desk.services.roster.members import StatusChangeInput
from branch_desk.ui.main_window import MainWindow
from branch_desk.ui.roster.member_dialog import MemberDialog
from branch_desk.ui.roster.model import COL_NAME, COL_STATUS
from branch_desk.ui.roster.status_dialog import StatusDialog

from .conftest import Said, add_members, make_id, type_text


def _choose(combo: QComboBox, value: str) -> None:
    combo.setCurrentIndex(combo.findText(value))


def _ok(dialog: MemberDialog | StatusDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def _fill_new_member(qtbot: QtBot, dialog: MemberDialog, id_number: str) -> None:
    form = dialog.form
    type_text(form.name, "王五")
    type_text(form.id_number, id_number)
    _choose(form.category, MemberCategory.EMPLOYED.value)
    _choose(form.party_status, PartyStatus.FULL.value)
    type_text(form.joined_on, "2015-07-01")
    type_text(form.full_member_on, "2016年7月1日")
    _choose(form.group, "第二党小组")
    type_text(form.phone, "13912345678")


def _table_names(window: MainWindow) -> list[str]:
    proxy = window.roster.proxy
    return [proxy.index(r, COL_NAME).data() for r in range(proxy.rowCount())]


def test_add_member_through_the_dialog(qtbot: QtBot, window: MainWindow) -> None:
    dialog = window.roster.add_member()
    _fill_new_member(qtbot, dialog, make_id(date(1988, 4, 2), 135))
    assert dialog.form.gender.currentText() == "男"  # filled from the ID
    assert dialog.form.birth_date.text() == "1988-04-02"
    _ok(dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    [saved] = window.desk.roster.list()
    assert (saved.name, saved.group, saved.gender) == ("王五", "第二党小组", Gender.MALE)
    assert saved.full_member_on == date(2016, 7, 1)
    assert _table_names(window) == ["王五"]
    assert window.roster.selected_member() == saved


def test_bad_id_number_shows_an_inline_error_and_saves_nothing(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = window.roster.add_member()
    _fill_new_member(qtbot, dialog, "110101198804021234")
    _choose(dialog.form.gender, "男")
    type_text(dialog.form.birth_date, "1988-04-02")
    _ok(dialog)
    label = dialog.form.labels["id_number"]
    assert label.isVisible()
    assert "校验位错误" in label.text()
    assert dialog.isVisible() and dialog.result() != dialog.DialogCode.Accepted
    assert window.desk.roster.list() == []


def test_inline_errors_appear_while_typing(qtbot: QtBot, window: MainWindow) -> None:
    dialog = window.roster.add_member()
    type_text(dialog.form.id_number, "12345")
    qtbot.waitUntil(lambda: dialog.form.labels["id_number"].isVisible(), timeout=2000)
    assert "应为18位" in dialog.form.labels["id_number"].text()
    assert not dialog.form.labels["name"].isVisible()  # untouched fields stay quiet
    type_text(dialog.form.joined_on, "2019-13-40")
    qtbot.waitUntil(lambda: dialog.form.labels["joined_on"].isVisible(), timeout=2000)
    assert "不是有效日期" in dialog.form.labels["joined_on"].text()


def test_transfer_in_arrival_is_recorded(qtbot: QtBot, window: MainWindow) -> None:
    dialog = window.roster.add_member()
    _fill_new_member(qtbot, dialog, make_id(date(1988, 4, 2), 135))
    assert dialog.arrival is not None
    dialog.arrival.transfer_in.setChecked(True)
    _ok(dialog)
    assert "原所在党组织" in dialog.arrival.labels["place"].text()
    type_text(dialog.arrival.place, "中共某局机关党支部")
    type_text(dialog.arrival.letter_no, "某组转〔2026〕5号")
    type_text(dialog.arrival.effective_on, "2026-03-01")
    _ok(dialog)
    [saved] = window.desk.roster.list()
    history = window.desk.roster.get(saved.id).history
    assert [h.kind for h in history] == [StatusChangeKind.TRANSFER_IN]
    assert history[0].place == "中共某局机关党支部"


def test_edit_with_enter_key_saves_changes(qtbot: QtBot, window: MainWindow) -> None:
    add_members(window.desk, window.ctx.unit_id)
    window.ctx.publish(frozenset({Area.MEMBERS}))
    roster = window.show_section("党员")
    table = window.roster.table
    table.setFocus()
    table.setCurrentIndex(window.roster.proxy.index(1, COL_NAME))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    dialog = roster.findChild(MemberDialog)
    assert dialog is not None and dialog.member is not None
    assert dialog.form.name.text() == "李四"
    dialog.form.work_unit.setText("财务科科长")
    _ok(dialog)
    assert window.desk.roster.find("李四").work_unit == "财务科科长"
    assert window.roster.detail.values["work_unit"].text() == "财务科科长"


def test_filter_box_finds_by_pinyin_initials_and_id_part(qtbot: QtBot, window: MainWindow) -> None:
    add_members(window.desk, window.ctx.unit_id)
    window.roster.reload()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.roster
    type_text(window.roster.filter, "zs")
    assert _table_names(window) == ["张三"]
    window.roster.filter.clear()
    type_text(window.roster.filter, "19950821")
    assert _table_names(window) == ["李四"]
    window.roster.filter.clear()
    assert _table_names(window) == ["张三", "李四"]


def test_the_pinyin_index_is_made_on_first_use_and_the_first_keystroke_finds(
    qtbot: QtBot, window: MainWindow
) -> None:
    add_members(window.desk, window.ctx.unit_id)
    roster = window.show_section("党员")
    assert window.stack.currentWidget() is roster
    assert not window.roster.model.search_ready  # opening the page loads no pinyin
    qtbot.keyClick(window.roster.filter, Qt.Key.Key_Z)  # one keystroke, index not made yet
    assert window.roster.model.search_ready
    assert _table_names(window) == ["张三"]  # z: 张三 (zs), not 李四 (ls)
    window.roster.reload()  # new rows while a filter is typed: the index is made again
    assert window.roster.model.search_ready and _table_names(window) == ["张三"]
    window.roster.filter.clear()
    window.roster.reload()  # no filter typed: no index
    assert not window.roster.model.search_ready and len(_table_names(window)) == 2


def test_the_filter_box_getting_the_cursor_makes_the_index(
    qtbot: QtBot, window: MainWindow
) -> None:
    add_members(window.desk, window.ctx.unit_id)
    window.show_section("党员")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    assert not window.roster.model.search_ready
    window.focus_filter()
    qtbot.waitUntil(lambda: window.roster.model.search_ready, timeout=2000)


def test_transfer_out_shows_status_and_hides_the_row(qtbot: QtBot, window: MainWindow) -> None:
    zhang, _ = add_members(window.desk, window.ctx.unit_id)
    window.roster.reload()
    window.roster.select_member(zhang.id)
    dialog = window.roster.change_status_selected()
    assert dialog is not None
    dialog.select_kind(StatusChangeKind.TRANSFER_OUT)
    assert dialog.place_label.text() == "转往党组织："
    dialog.effective_on.clear()
    type_text(dialog.effective_on, "2026-10-08")
    type_text(dialog.place, "中共某区财政局机关党支部")
    type_text(dialog.letter_no, "某组转〔2026〕9号")
    _ok(dialog)
    assert window.desk.roster.get(zhang.id).member.roster_status is RosterStatus.TRANSFERRED_OUT
    assert _table_names(window) == ["李四"]
    window.roster.show_inactive.setChecked(True)
    proxy = window.roster.proxy
    statuses = {
        proxy.index(r, COL_NAME).data(): proxy.index(r, COL_STATUS).data() for r in range(2)
    }
    assert statuses == {"张三": "转出", "李四": "在册"}


def test_transfer_out_without_letter_number_is_refused_inline(
    qtbot: QtBot, window: MainWindow
) -> None:
    zhang, _ = add_members(window.desk, window.ctx.unit_id)
    window.roster.reload()
    window.roster.select_member(zhang.id)
    dialog = window.roster.change_status_selected()
    assert dialog is not None
    dialog.select_kind(StatusChangeKind.TRANSFER_OUT)
    _ok(dialog)
    assert "介绍信编号" in dialog.labels["letter_no"].text()
    assert window.desk.roster.get(zhang.id).member.roster_status is RosterStatus.ACTIVE


def test_delete_asks_first_and_removes(window: MainWindow, said: Said) -> None:
    zhang, _ = add_members(window.desk, window.ctx.unit_id)
    window.roster.reload()
    window.roster.select_member(zhang.id)
    said.answer = False
    window.roster.delete_selected()
    assert len(window.desk.roster.list()) == 2
    said.answer = True
    window.roster.delete_selected()
    assert [m.name for m in window.desk.roster.list()] == ["李四"]
    assert _table_names(window) == ["李四"]
    assert "删除" in said.questions[0]


def test_delete_of_a_referenced_member_is_explained(window: MainWindow, said: Said) -> None:
    zhang, _ = add_members(window.desk, window.ctx.unit_id)
    death = StatusChangeInput(StatusChangeKind.DECEASE, date(2026, 2, 1))
    window.desk.roster.change_status(zhang.id, death)
    window.roster.reload()
    window.roster.show_inactive.setChecked(True)
    window.roster.select_member(zhang.id)
    window.roster.delete_selected()
    assert said.questions == []
    assert "不能删除" in said.infos[0]
    assert len(window.desk.roster.list()) == 2
    assert window.roster.change_status_selected() is None
    assert "不能再办理" in said.infos[1]


def test_detail_panel_shows_fields_and_history(window: MainWindow) -> None:
    zhang, _ = add_members(window.desk, window.ctx.unit_id)
    window.roster.reload()
    window.roster.select_member(zhang.id)
    panel = window.roster.detail
    assert panel.title.text() == "张三"
    assert panel.values["joined_on"].text() == "2012年6月18日"
    assert panel.history.item(0).text().startswith("2012年6月18日  登记在册")
