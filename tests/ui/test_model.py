"""The roster table model and its filtering proxy."""

from __future__ import annotations

from datetime import date

from pytestqt.modeltest import ModelTester

from branch_desk.domain.members import MemberRecord, RosterStatus, StatusChangeKind
from branch_desk.services.app import BranchDesk
from branch_desk.services.roster.members import StatusChangeInput
from branch_desk.ui.roster.model import (
    COL_JOINED,
    COL_NAME,
    COL_SEQ,
    COL_STATUS,
    HEADERS,
    MemberFilterProxy,
    MemberTableModel,
)
from branch_desk.ui.widgets.record_table import FILTER_ROLE, ROW_ROLE, SORT_ROLE

from .conftest import add_members


def _proxy(members: list[MemberRecord]) -> tuple[MemberTableModel, MemberFilterProxy]:
    model = MemberTableModel()
    model.set_members(members)
    proxy = MemberFilterProxy()
    proxy.setSourceModel(model)
    return model, proxy


def _names(proxy: MemberFilterProxy) -> list[str]:
    return [proxy.index(r, COL_NAME).data() for r in range(proxy.rowCount())]


def test_empty_model_and_proxy_pass_the_model_tester(qtmodeltester: ModelTester) -> None:
    model, proxy = _proxy([])
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)


def test_populated_model_and_proxy_pass_the_model_tester(
    qtmodeltester: ModelTester, desk: BranchDesk, branch_id: int
) -> None:
    add_members(desk, branch_id)
    model, proxy = _proxy(desk.roster.list(branch_id))
    qtmodeltester.check(model)
    proxy.sort(COL_JOINED)
    proxy.set_text("zs")
    qtmodeltester.check(proxy)


def test_headers_are_the_roster_columns(desk: BranchDesk, branch_id: int) -> None:
    model, _ = _proxy([])
    assert model.columnCount() == len(HEADERS) == 15
    assert HEADERS[COL_SEQ] == "序号" and HEADERS[COL_STATUS] == "状态"


def test_roles_give_row_search_text_and_date_keys(desk: BranchDesk, branch_id: int) -> None:
    zhang, _li = add_members(desk, branch_id)
    model, _ = _proxy(desk.roster.list(branch_id))
    assert model.index(0, COL_NAME).data(ROW_ROLE) == zhang
    assert "zs" in model.index(0, COL_NAME).data(FILTER_ROLE)
    assert model.index(0, COL_JOINED).data() == "2012-06-18"
    assert model.index(0, COL_JOINED).data(SORT_ROLE) == date(2012, 6, 18).toordinal()


def test_dates_sort_as_dates(desk: BranchDesk, branch_id: int) -> None:
    add_members(desk, branch_id)
    _, proxy = _proxy(desk.roster.list(branch_id))
    proxy.sort(COL_JOINED)
    assert _names(proxy) == ["张三", "李四"]
    proxy.sort(COL_JOINED, proxy.sortOrder().DescendingOrder)
    assert _names(proxy) == ["李四", "张三"]


def test_filter_by_pinyin_initials_name_and_id_part(desk: BranchDesk, branch_id: int) -> None:
    add_members(desk, branch_id)
    _, proxy = _proxy(desk.roster.list(branch_id))
    proxy.set_text("zs")
    assert _names(proxy) == ["张三"]
    proxy.set_text("李")
    assert _names(proxy) == ["李四"]
    proxy.set_text("19900307")
    assert _names(proxy) == ["张三"]
    proxy.set_text("")
    assert _names(proxy) == ["张三", "李四"]


def test_members_off_the_roll_are_hidden_unless_asked(desk: BranchDesk, branch_id: int) -> None:
    zhang, _ = add_members(desk, branch_id)
    change = StatusChangeInput(StatusChangeKind.DECEASE, date(2026, 1, 5))
    desk.roster.change_status(zhang.id, change)
    model, proxy = _proxy(desk.roster.list(branch_id))
    assert model.rowCount() == 2
    assert _names(proxy) == ["李四"]
    proxy.set_show_inactive(True)
    assert _names(proxy) == ["张三", "李四"]
    assert proxy.index(0, COL_STATUS).data() == RosterStatus.DECEASED.value


def test_sequence_numbers_follow_the_visible_order(desk: BranchDesk, branch_id: int) -> None:
    add_members(desk, branch_id)
    _, proxy = _proxy(desk.roster.list(branch_id))
    proxy.set_text("ls")
    assert proxy.index(0, COL_SEQ).data() == "1"
