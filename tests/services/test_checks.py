from datetime import date, time

from branch_desk.domain.events import EventType
from branch_desk.services.app import BranchDesk
from branch_desk.services.meetings.events import EventInput
from tests.services.test_events import add_members


def findings(desk: BranchDesk, year: int, as_of: date, rule: str | None = None):
    found = desk.checks.findings(year, as_of)
    return [f for f in found if rule is None or f.rule == rule]


def meeting(desk: BranchDesk, branch_id: int, kind: EventType, day: date, **extra) -> None:
    data = EventInput(
        kind, day, chair="赵一", recorder="钱二", start=time(9), end=time(10), **extra
    )
    desk.events.add(branch_id, data)


def test_past_periods_missing_current_due_future_silent(desk: BranchDesk, branch_id: int):
    add_members(desk, branch_id)
    committee = findings(desk, 2026, date(2026, 4, 1), "freq.committee")
    assert [(f.period, f.severity.value) for f in committee] == [
        ("2026-01", "error"),
        ("2026-02", "error"),
        ("2026-03", "error"),
        ("2026-04", "info"),
    ]
    assert committee[0].message == "2026年1月未召开支部委员会（要求每月至少1次）"
    assert committee[-1].due == date(2026, 4, 30)
    assembly = findings(desk, 2026, date(2026, 4, 1), "freq.branch_assembly")
    assert [(f.period, f.severity.value, f.due) for f in assembly] == [
        ("2026-Q1", "error", None),
        ("2026-Q2", "info", date(2026, 6, 30)),
    ]
    life = findings(desk, 2026, date(2026, 4, 1), "freq.life_meeting")
    assert [(f.period, f.severity.value, f.due) for f in life] == [
        ("2026", "info", date(2026, 12, 31))
    ]


def test_last_day_of_a_quarter_is_still_due_not_missing(desk: BranchDesk, branch_id: int):
    add_members(desk, branch_id)
    assembly = findings(desk, 2026, date(2026, 3, 31), "freq.branch_assembly")
    assert [(f.period, f.severity.value) for f in assembly] == [("2026-Q1", "info")]
    assembly = findings(desk, 2026, date(2026, 4, 1), "freq.branch_assembly")
    assert ("2026-Q1", "error") in [(f.period, f.severity.value) for f in assembly]


def test_meeting_on_leap_day_counts_for_february(desk: BranchDesk, branch_id: int):
    add_members(desk, branch_id)
    meeting(desk, branch_id, EventType.COMMITTEE, date(2024, 2, 29))
    periods = {f.period for f in findings(desk, 2024, date(2024, 12, 31), "freq.committee")}
    assert "2024-02" not in periods and "2024-01" in periods and "2024-03" in periods


def test_meeting_after_as_of_does_not_count(desk: BranchDesk, branch_id: int):
    add_members(desk, branch_id)
    meeting(desk, branch_id, EventType.BRANCH_ASSEMBLY, date(2026, 3, 20))
    early = findings(desk, 2026, date(2026, 3, 10), "freq.branch_assembly")
    assert [(f.period, f.severity.value) for f in early] == [("2026-Q1", "info")]
    late = findings(desk, 2026, date(2026, 3, 25), "freq.branch_assembly")
    assert late == []


def test_one_event_counts_for_every_type_it_is(desk: BranchDesk, branch_id: int):
    add_members(desk, branch_id)
    meeting(
        desk,
        branch_id,
        EventType.THEME_DAY,
        date(2026, 5, 15),
        also=(EventType.BRANCH_ASSEMBLY, EventType.PARTY_LECTURE),
        lecturer="赵一",
        lecture_topic="专题党课",
    )
    as_of = date(2026, 6, 30)
    for rule in ("freq.branch_assembly", "freq.party_lecture"):
        assert all(f.period != "2026-Q2" for f in findings(desk, 2026, as_of, rule))
    theme = {f.period for f in findings(desk, 2026, as_of, "freq.theme_day")}
    assert "2026-05" not in theme and "2026-04" in theme
    assert findings(desk, 2026, as_of, "record.lecture") == []


def test_group_meetings_are_required_per_group(desk: BranchDesk, branch_id: int):
    add_members(desk, branch_id)
    groups = {g.name: g.id for g in desk.org.groups(branch_id)}
    meeting(
        desk, branch_id, EventType.GROUP_MEETING, date(2026, 1, 10), group_id=groups["第一党小组"]
    )
    january = [
        f
        for f in findings(desk, 2026, date(2026, 2, 15), "freq.group_meeting")
        if f.period == "2026-01"
    ]
    assert [f.message for f in january] == [
        "2026年1月未召开党小组会（第二党小组）（要求每月至少1次）",
    ]  # 第三党小组 has no member: it owes no 党小组会


def test_settings_change_the_requirement(desk: BranchDesk, branch_id: int):
    add_members(desk, branch_id)
    desk.settings.update(
        branch_id, {"freq.party_lecture.period": "half", "freq.committee.minimum": "0"}
    )
    lecture = findings(desk, 2026, date(2026, 8, 1), "freq.party_lecture")
    assert [(f.period, f.severity.value) for f in lecture] == [
        ("2026-H1", "error"),
        ("2026-H2", "info"),
    ]
    assert "每半年至少1次" in lecture[0].message
    assert findings(desk, 2026, date(2026, 8, 1), "freq.committee") == []
    grid = desk.checks.year_grid(branch_id, 2026, date(2026, 8, 1))
    lecture_row = next(r for r in grid.rows if r.rule == "freq.party_lecture")
    assert [c.status for c in lecture_row.cells] == ["missing", "due"]


def test_year_grid_shows_met_missing_due_future(desk: BranchDesk, branch_id: int):
    add_members(desk, branch_id)
    meeting(desk, branch_id, EventType.BRANCH_ASSEMBLY, date(2026, 5, 20))
    grid = desk.checks.year_grid(branch_id, 2026, date(2026, 8, 15))
    row = next(r for r in grid.rows if r.rule == "freq.branch_assembly")
    assert [(c.period.short_name, c.status, c.count) for c in row.cells] == [
        ("一季度", "missing", 0),
        ("二季度", "met", 1),
        ("三季度", "due", 0),
        ("四季度", "future", 0),
    ]
    labels = [r.label for r in grid.rows]
    assert "党小组会（第一党小组）" in labels and "支部委员会" in labels


def test_record_completeness_findings(desk: BranchDesk, branch_id: int):
    from dataclasses import replace

    from branch_desk.domain.events import AttendanceStatus

    add_members(desk, branch_id)
    lines = desk.events.expected(branch_id, EventType.BRANCH_ASSEMBLY, date(2026, 2, 5))
    lines[3] = replace(lines[3], status=AttendanceStatus.ABSENT)
    desk.events.add(
        branch_id,
        EventInput(EventType.PARTY_LECTURE, date(2026, 2, 5), attendance=tuple(lines)),
    )
    rules = {f.rule: f for f in findings(desk, 2026, date(2026, 3, 1)) if f.subject}
    assert rules["record.absence_reason"].message == "缺席人员未注明原因：李四"
    assert rules["record.absence_reason"].period == "2026-02"
    assert rules["record.recorder"].severity.value == "error"
    assert {"record.chair", "record.lecture", "record.time"} <= set(rules)
    assert rules["record.lecture"].subject == "2026-02-05 党课"


def test_structure_findings(desk: BranchDesk, branch_id: int):
    add_members(desk, branch_id, 2)
    rules = {f.rule: f for f in findings(desk, 2026, date(2026, 11, 20))}
    assert rules["struct.min_members"].message == "正式党员2名，少于成立党支部所需的3名"
    # the fixture branch was elected 2024-03-15 for 3 years: not due yet
    assert "struct.term" not in rules
    expired = {f.rule: f for f in findings(desk, 2027, date(2027, 3, 15))}
    assert expired["struct.term"].due == date(2027, 3, 15)
