"""学时 of an imported ledger: the 学时 column, else start and end time, and a notice saying which."""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal
from pathlib import Path

from branch_desk.domain.rules.study import hours_from_times
from branch_desk.services.app import BranchDesk

from .test_event_import import HEADER, add_roster, ledger, messy_rows


def _hours(desk: BranchDesk, unit_id: int) -> dict[str, Decimal]:
    return {e.day.isoformat(): e.study_hours for e in desk.events.list(unit_id)}


def test_hours_from_times_follow_the_minutes_per_hour_setting() -> None:
    assert hours_from_times(time(9, 0), time(11, 0), 60) == Decimal("2.0")
    assert hours_from_times(time(14, 30), time(17, 0), 45) == Decimal("3.3")
    assert hours_from_times(time(11, 0), time(9, 0), 60) is None


def test_without_a_hours_column_study_events_get_hours_from_their_times(
    desk: BranchDesk, branch_id: int, tmp_path: Path
) -> None:
    add_roster(desk, branch_id)
    preview = desk.event_import.preview(branch_id, ledger(tmp_path, messy_rows()))
    assert preview.ok
    assert preview.hours_notice == (
        "学时：2行按起止时间折算（每学时60分钟，见设置）；"
        "2行不是学习类活动（党课、主题党日、集中学习）且未填学时，不计学时。"
    )
    desk.event_import.apply(branch_id, preview)
    hours = _hours(desk, branch_id)
    assert hours["2026-03-20"] == Decimal("2.5")  # 主题党日 14:30—17:00
    assert hours["2026-06-18"] == Decimal("2.0")  # 党课 9:00—11:00
    assert hours["2026-04-08"] == hours["2026-05-12"] == Decimal(0)  # 支委会, 党小组会


def test_the_setting_changes_the_computed_hours(
    desk: BranchDesk, branch_id: int, tmp_path: Path
) -> None:
    add_roster(desk, branch_id)
    desk.settings.update(branch_id, {"study.minutes_per_hour": "45"})
    preview = desk.event_import.preview(branch_id, ledger(tmp_path, messy_rows()))
    assert "每学时45分钟" in preview.hours_notice
    desk.event_import.apply(branch_id, preview)
    assert _hours(desk, branch_id)["2026-06-18"] == Decimal("2.7")  # 120 / 45


def test_a_hours_column_wins_and_a_study_event_without_hours_is_flagged(
    desk: BranchDesk, branch_id: int, tmp_path: Path
) -> None:
    add_roster(desk, branch_id)
    header = (*HEADER, "学时")
    rows = [[*row, None] for row in messy_rows()]
    rows[0][-1] = 3  # 主题党日: the sheet says 3 学时
    rows[3][4] = rows[3][5] = None  # 党课 without times and without 学时
    rows.append([5, "集中学习", datetime(2026, 7, 1), "学习新修订条例", time(8, 30), time(10, 0),
                 "会议室", "张三", "李四", None, None, None, None, None, ""])  # fmt: skip
    preview = desk.event_import.preview(branch_id, ledger(tmp_path, rows, header))
    assert preview.ok
    [warning] = [p for p in preview.problems if "0学时" in p.message]
    assert (warning.row, warning.column, warning.is_error) == (7, "学时", False)
    assert preview.hours_notice == (
        "学时：1行取自“学时”列；1行按起止时间折算（每学时60分钟，见设置）；"
        "1行为学习类活动但既无学时也无完整起止时间，记为0学时；"
        "2行不是学习类活动（党课、主题党日、集中学习）且未填学时，不计学时。"
    )
    desk.event_import.apply(branch_id, preview)
    hours = _hours(desk, branch_id)
    assert hours["2026-03-20"] == Decimal(3)
    assert hours["2026-07-01"] == Decimal("1.5")
    assert hours["2026-06-18"] == Decimal(0)
