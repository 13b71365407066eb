"""The year snapshot: the roll, meetings, study and dues of a year as of one day."""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal

import pytest

from branch_desk.cli.main import parse, run_command
from branch_desk.domain.errors import UserError
from branch_desk.domain.events import EventType
from branch_desk.domain.members import Gender, PartyStatus, StatusChangeKind
from branch_desk.domain.year_snapshot import default_as_of
from branch_desk.services.app import BranchDesk
from branch_desk.services.dues.service import PaymentInput, RemittanceInput
from branch_desk.services.meetings.events import EventInput
from branch_desk.services.roster.members import StatusChangeInput
from tests.conftest import FIXED_NOW, member_input
from tests.services.test_dues import employed

TODAY = FIXED_NOW.date()  # 2026-11-20


def add(desk: BranchDesk, branch_id: int, name: str, **changes: object) -> int:
    fields: dict[str, object] = {"gender": Gender.MALE, "birth_date": date(1980, 1, 1)}
    fields.update(changes)
    data = member_input(name=name, id_number="", **fields)
    return desk.roster.add(branch_id, data).value.id


@pytest.fixture
def branch(desk: BranchDesk, branch_id: int) -> dict[str, int]:
    """Four members whose standing changes around the turn of 2025/2026."""
    ids = {
        "old": add(desk, branch_id, "老党员", gender=Gender.FEMALE, birth_date=date(1950, 5, 1)),
        "leaves": add(desk, branch_id, "元旦转出", birth_date=date(1990, 2, 2)),
        "late": add(
            desk,
            branch_id,
            "元旦入党",
            party_status=PartyStatus.PROBATIONARY,
            joined_on=date(2026, 1, 1),
            full_member_on=None,
            birth_date=date(1998, 3, 3),
        ),
        "new": add(
            desk,
            branch_id,
            "年中入党",
            party_status=PartyStatus.PROBATIONARY,
            joined_on=date(2025, 6, 1),
            full_member_on=None,
            birth_date=date(1999, 4, 4),
        ),
    }
    desk.roster.change_status(
        ids["leaves"],
        StatusChangeInput(StatusChangeKind.TRANSFER_OUT, date(2026, 1, 1), "某党支部", "组转1号"),
    )
    return ids


def test_default_as_of_for_past_current_and_future_years():
    assert default_as_of(2025, TODAY) == date(2025, 12, 31)
    assert default_as_of(2026, TODAY) == TODAY
    assert default_as_of(2025, TODAY, date(2025, 6, 30)) == date(2025, 6, 30)
    with pytest.raises(UserError, match="尚未开始"):
        default_as_of(2027, TODAY)
    for bad in (0, -5, 10000):
        with pytest.raises(UserError, match="年度"):
            default_as_of(bad, TODAY)
    with pytest.raises(UserError, match="早于2025年"):
        default_as_of(2025, TODAY, date(2024, 12, 31))


def test_the_roll_at_year_end_not_today(desk: BranchDesk, branch_id: int, branch: dict[str, int]):
    year_end = desk.snapshots.build(branch_id, 2025).members
    # admitted on 1 January 2026: not in 2025; transferred out on 1 January 2026: still in it
    assert year_end.total == 3
    assert (year_end.full, year_end.probationary) == (2, 1)
    assert year_end.joined == 1 and year_end.transferred_out == 0
    assert dict(year_end.by_gender) == {"男": 2, "女": 1}
    assert dict(year_end.by_age) == {
        "30岁及以下": 1,
        "31至40岁": 1,
        "41至50岁": 0,
        "51至60岁": 0,
        "61岁及以上": 1,
    }
    now = desk.snapshots.build(branch_id, 2026).members
    assert now.total == 3 and now.joined == 1 and now.transferred_out == 1
    names = {m.name for m in desk.snapshots.roll_on(branch_id, date(2025, 12, 31))}
    assert names == {"老党员", "元旦转出", "年中入党"}


def test_an_earlier_as_of_leaves_out_what_came_after(
    desk: BranchDesk, branch_id: int, branch: dict[str, int]
):
    mid = desk.snapshots.build(branch_id, 2025, date(2025, 5, 31))
    assert mid.as_of == date(2025, 5, 31)
    assert mid.members.total == 2 and mid.members.joined == 0


def meeting(day: date, hours: str = "0") -> EventInput:
    return EventInput(EventType.THEME_DAY, day, title="学习", study_hours=Decimal(hours))


def test_a_meeting_entered_later_but_dated_in_the_year_counts(
    desk: BranchDesk, branch_id: int, branch: dict[str, int]
):
    desk.db.clock = lambda: FIXED_NOW  # entered "next year" relative to 2025
    desk.events.add(branch_id, meeting(date(2025, 12, 28), "2"))
    desk.events.add(branch_id, meeting(date(2026, 1, 2), "2"))
    snap = desk.snapshots.build(branch_id, 2025)
    assert snap.meetings.total == 1
    assert dict(snap.meetings.by_type) == {"主题党日": 1}
    assert snap.study.total_hours == Decimal(4)  # 2 members on the roll all year × 2 学时


def test_unknown_study_hours_and_remittance_are_none_not_zero(
    desk: BranchDesk, branch_id: int, branch: dict[str, int]
):
    desk.events.add(branch_id, meeting(date(2025, 3, 1)))
    snap = desk.snapshots.build(branch_id, 2025)
    assert snap.study.total_hours is None and snap.study.members_met is None
    assert snap.dues.remitted_fen is None
    figures = snap.to_json()
    assert figures["study"]["total_hours"] is None
    assert figures["dues"]["remitted"] is None


def test_dues_owed_are_ended_months_and_late_payments_do_not_count(
    desk: BranchDesk, branch_id: int
):
    zhang = add(desk, branch_id, "张缴费")
    employed(desk, zhang, 2025)  # 4800 → 48.00 a month
    pay = desk.dues.pay
    pay(zhang, PaymentInput(date(2025, 1, 1), date(2025, 6, 1), 28800, date(2025, 6, 20)))
    pay(zhang, PaymentInput(date(2025, 7, 1), date(2025, 10, 1), 19200, date(2025, 10, 9)))
    pay(zhang, PaymentInput(date(2025, 11, 1), date(2025, 12, 1), 9600, date(2026, 1, 5)))
    at_year_end = desk.snapshots.build(branch_id, 2025).dues
    assert at_year_end.months_owed == 12
    assert (at_year_end.owed_fen, at_year_end.paid_fen) == (57600, 48000)
    assert at_year_end.arrears_fen == 9600 and at_year_end.members_in_arrears == 1
    assert at_year_end.rate == Decimal("83.3")
    later = desk.snapshots.build(branch_id, 2025, date(2026, 1, 31)).dues
    assert later.paid_fen == 57600 and later.rate == Decimal("100.0")
    mid = desk.snapshots.build(branch_id, 2025, date(2025, 10, 15)).dues
    assert mid.months_owed == 9 and mid.paid_fen == 43200 and mid.extra_fen == 4800
    desk.dues.remit(branch_id, RemittanceInput(date(2025, 12, 20), 40000))
    assert desk.snapshots.build(branch_id, 2025).dues.remitted_fen == 40000


def test_an_unassessed_member_makes_owed_unknown(desk: BranchDesk, branch_id: int):
    zhang = add(desk, branch_id, "张缴费")
    add(desk, branch_id, "未核定")
    employed(desk, zhang, 2025)
    dues = desk.snapshots.build(branch_id, 2025).dues
    assert dues.owed_fen is None and dues.rate is None
    assert dues.unassessed == ("未核定",)
    assert dues.assessed_owed_fen == 57600
    assert desk.snapshots.build(branch_id, 2025).to_json()["dues"]["owed"] is None


def test_the_summary_says_unknown_in_words_and_is_dated_at_the_years_end(
    desk: BranchDesk, branch_id: int, branch: dict[str, int]
):
    desk.events.add(branch_id, meeting(date(2025, 3, 1)))  # no 学时 recorded
    doc = desk.summary.document(branch_id, 2025)
    assert doc.date == date(2025, 12, 31)
    text = doc.text()
    assert "未登记学时" in text and "人均学习0" not in text
    assert "上缴党费【请填写" in text and "上缴党费0.00元" not in text


def test_check_of_a_past_year_counts_the_roll_at_its_end(
    desk: BranchDesk, branch_id: int, branch: dict[str, int], capsys: pytest.CaptureFixture[str]
):
    _, args = parse(["check", "--year", "2025", "--json"])
    out = io.StringIO()
    assert run_command(desk, args, out) == 0
    findings = json.loads(out.getvalue())
    sizes = [f for f in findings if f["rule"] == "struct.min_members"]
    assert sizes and "正式党员2名" in sizes[0]["message"]  # 2 full members on 2025-12-31
