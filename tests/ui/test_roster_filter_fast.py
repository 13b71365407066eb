"""The roster filter's fast path (no Qt call per row) keeps the same rows as the generic one."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex

from branch_desk.domain.members import (
    Gender,
    MemberCategory,
    MemberRecord,
    PartyStatus,
    RosterStatus,
)
from branch_desk.ui.roster.model import MemberFilterProxy, MemberTableModel


def _member(number: int, name: str, status: RosterStatus) -> MemberRecord:
    return MemberRecord(
        id=number,
        unit_id=1,
        unit_name="第一党支部",
        group_id=None,
        group="",
        name=name,
        gender=Gender.MALE,
        ethnicity="汉族",
        birth_date=None,
        id_number=f"43010219900101{number:03d}X",
        education="",
        category=MemberCategory.EMPLOYED,
        party_status=PartyStatus.FULL,
        joined_on=None,
        full_member_on=None,
        phone="",
        work_unit="",
        notes="",
        roster_status=status,
    )


def test_fast_path_matches_the_generic_one(qtbot):
    model = MemberTableModel()
    model.set_members(
        [
            _member(1, "张三", RosterStatus.ACTIVE),
            _member(2, "李四", RosterStatus.ACTIVE),
            _member(3, "王五", RosterStatus.TRANSFERRED_OUT),
        ]
    )
    fast = MemberFilterProxy()
    fast.setSourceModel(model)
    slow = MemberFilterProxy()
    slow.setSourceModel(model)
    slow._members_model = None  # force the generic path through Qt's data()
    for show in (False, True):
        for text in ("", "zhang", "zs", "李", "4301", "w", "x y", "ZHANG"):
            for proxy in (fast, slow):
                proxy.set_show_inactive(show)
                proxy.set_text(text)
            assert fast.rowCount(QModelIndex()) == slow.rowCount(QModelIndex()), (show, text)
    fast.set_text("zhang")
    assert fast.rowCount(QModelIndex()) == 1
