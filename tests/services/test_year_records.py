"""Honours (表彰) and the year's 学习重点: kept per unit, carried by the snapshot and the summary."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest

from branch_desk.domain.errors import UserError, ValidationFailed
from branch_desk.domain.events import EventType
from branch_desk.domain.honours import HonourInput
from branch_desk.services.app import BranchDesk
from branch_desk.services.meetings.events import EventInput
from branch_desk.services.outcome import Area
from tests.conftest import member_input


def test_focus_is_kept_per_year_in_order(desk: BranchDesk, branch_id: int):
    records = desk.year_records
    outcome = records.set_focus(
        branch_id, 2026, ["  学习贯彻党的二十届三中全会精神 ", "", "党纪学习教育", "党纪学习教育"]
    )
    assert outcome.value == ["学习贯彻党的二十届三中全会精神", "党纪学习教育"]
    assert outcome.areas == frozenset({Area.REPORTS})
    records.set_focus(branch_id, 2025, ["主题教育"])
    assert records.focus(branch_id, 2026) == ["学习贯彻党的二十届三中全会精神", "党纪学习教育"]
    assert records.focus(branch_id, 2025) == ["主题教育"]
    with pytest.raises(UserError, match="过长"):
        records.set_focus(branch_id, 2026, ["很" * 101])
    assert records.focus(branch_id, 2026)[1] == "党纪学习教育"  # nothing changed
    records.set_focus(branch_id, 2026, [])
    assert records.focus(branch_id, 2026) == []


def test_honours_add_edit_delete_and_a_members_name_from_the_roll(desk: BranchDesk, branch_id: int):
    records = desk.year_records
    zhang = desk.roster.add(branch_id, member_input()).value
    branch = records.add_honour(
        branch_id,
        HonourInput("先进基层党组织", date(2026, 6, 28), "第一党支部", None, "市厅级", "机关党委"),
    ).value
    member = records.add_honour(
        branch_id, HonourInput("优秀共产党员", date(2026, 7, 1), "别的名字", zhang.id, "校级")
    ).value
    assert member.recipient == "张三" and member.of_member and not branch.of_member
    assert [h.title for h in records.honours(branch_id, 2026)] == ["先进基层党组织", "优秀共产党员"]
    records.edit_honour(
        member.id, HonourInput("优秀党务工作者", date(2026, 7, 1), "", zhang.id, "校级")
    )
    assert records.honours(branch_id)[1].title == "优秀党务工作者"
    with pytest.raises(ValidationFailed) as caught:
        records.add_honour(branch_id, HonourInput("", None))
    assert {p.field for p in caught.value.problems} >= {"title", "awarded_on", "recipient"}
    records.delete_honour(branch.id)
    assert [h.title for h in records.honours(branch_id)] == ["优秀党务工作者"]
    assert records.honours(branch_id, 2025) == []


def test_snapshot_and_summary_carry_focus_honours_and_activity_kinds(
    desk: BranchDesk, branch_id: int
):
    desk.roster.add(branch_id, member_input())
    desk.year_records.set_focus(branch_id, 2026, ["学习贯彻党的二十届三中全会精神"])
    desk.year_records.add_honour(
        branch_id,
        HonourInput("先进基层党组织", date(2026, 6, 28), "第一党支部", None, "市厅级", "机关党委"),
    )
    for day, kind, title in (
        (date(2026, 3, 5), "志愿服务", "社区义务清扫"),
        (date(2026, 5, 9), "结对共建", "与城东社区党委结对共建"),
        (date(2026, 9, 9), "志愿服务", "重阳敬老志愿服务"),
    ):
        desk.events.add(
            branch_id,
            EventInput(
                EventType.THEME_DAY,
                day,
                start=time(9),
                end=time(10),
                title=title,
                study_hours=Decimal(1),
                activity_kind=kind,
            ),
        )
    snap = desk.snapshots.build(branch_id, 2026)
    assert snap.records.study_focus == ("学习贯彻党的二十届三中全会精神",)
    assert [h.title for h in snap.records.honours] == ["先进基层党组织"]
    assert dict(snap.records.activities) == {"志愿服务": 2, "结对共建": 1}
    data = snap.to_json()["records"]
    assert data["activities"] == {"志愿服务": 2, "结对共建": 1}
    assert data["honours"][0]["awarded_on"] == "2026-06-28"
    doc = desk.summary.document(branch_id, 2026)
    text = doc.text()
    assert "“学习贯彻党的二十届三中全会精神”" in doc.opening[0].text
    assert "第一党支部被机关党委评为“先进基层党组织”（市厅级，6月28日）" in text
    assert "开展志愿服务2次、结对共建1次" in text
    assert "“重阳敬老志愿服务”" in text and "“与城东社区党委结对共建”" in text
    assert "【请填写：本年度支部和党员获得的表彰" not in text
    assert "【请填写：年度学习重点" not in text
