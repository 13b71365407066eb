"""Rules of each kind of record: the chair and the lecturer present, the assembly's quorum."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

from branch_desk.domain.events import AbsenceReason, AttendanceStatus, EventType
from branch_desk.domain.findings import Finding
from branch_desk.services.app import BranchDesk
from branch_desk.services.checking.rule_settings import SettingsService
from branch_desk.services.meetings.events import AttendanceInput, EventInput, VoteInput
from tests.services.test_events import add_members

DAY = date(2026, 5, 12)
AS_OF = date(2026, 11, 20)


def _lines(desk: BranchDesk, branch_id: int, away: int) -> tuple[AttendanceInput, ...]:
    """Everyone expected at an assembly, the first ``away`` of them absent (病假)."""
    lines = desk.events.expected(branch_id, EventType.BRANCH_ASSEMBLY, DAY)
    return tuple(
        replace(line, status=AttendanceStatus.ABSENT, reason=AbsenceReason.SICK)
        if index < away
        else line
        for index, line in enumerate(lines)
    )


def _assembly(desk: BranchDesk, branch_id: int, away: int, **extra: object) -> int:
    data = EventInput(
        EventType.BRANCH_ASSEMBLY,
        DAY,
        chair="王八",
        recorder="王八",
        start=time(9),
        end=time(10),
        attendance=_lines(desk, branch_id, away),
        **extra,  # type: ignore[arg-type]
    )
    return desk.events.add(branch_id, data).value.id


def _found(desk: BranchDesk, rule: str) -> list[Finding]:
    return [f for f in desk.checks.findings(2026, AS_OF) if f.rule == rule]


def test_a_chair_listed_absent_is_an_error(desk: BranchDesk, branch_id: int) -> None:
    add_members(desk, branch_id)
    lines = _lines(desk, branch_id, 1)  # 赵一 absent
    data = EventInput(
        EventType.COMMITTEE, DAY, chair=lines[0].name, recorder="钱二", attendance=lines
    )
    event_id = desk.events.add(branch_id, data).value.id
    (finding,) = _found(desk, "record.chair_absent")
    assert finding.event_id == event_id and finding.severity.value == "error"
    assert finding.message == f"主持人{lines[0].name}被列为缺席，与会议记录矛盾"
    assert finding.period == "2026-05"


def test_a_lecturer_listed_absent_is_an_error_only_for_a_lecture(
    desk: BranchDesk, branch_id: int
) -> None:
    add_members(desk, branch_id)
    lines = _lines(desk, branch_id, 2)
    lecturer = lines[1].name
    for kind, also in ((EventType.THEME_DAY, (EventType.PARTY_LECTURE,)), (EventType.STUDY, ())):
        data = EventInput(
            kind,
            DAY,
            also=also,
            chair="王八",
            lecturer=lecturer,
            lecture_topic="党章",
            attendance=lines,
        )
        desk.events.add(branch_id, data)
    (finding,) = _found(desk, "record.lecturer_absent")
    assert finding.message == f"党课授课人{lecturer}被列为缺席，与会议记录矛盾"
    assert not _found(desk, "record.chair_absent")


def test_an_assembly_without_a_majority_is_flagged_without_a_vote_and_not_counted(
    desk: BranchDesk, branch_id: int
) -> None:
    add_members(desk, branch_id)  # E = 8
    event_id = _assembly(desk, branch_id, away=4)  # 4 of 8 present: not more than half
    (finding,) = _found(desk, "quorum")
    assert finding.event_id == event_id and finding.period == "2026-05"
    assert finding.message == (
        "支部党员大会应到会有表决权的正式党员8人，实到4人，未超过半数，会议无效，"
        "不计入2026年第二季度支部党员大会召开次数"
    )
    missing = _found(desk, "freq.branch_assembly")
    assert "2026-Q2" in {f.period for f in missing}  # the quarter is still short
    grid = desk.checks.year_grid(branch_id, 2026, AS_OF)
    row = next(r for r in grid.rows if r.rule == "freq.branch_assembly")
    assert row.cells[1].count == 0


def test_a_majority_present_counts_and_is_not_flagged(desk: BranchDesk, branch_id: int) -> None:
    add_members(desk, branch_id)
    _assembly(desk, branch_id, away=3)  # 5 of 8
    assert not _found(desk, "quorum")
    assert "2026-Q2" not in {f.period for f in _found(desk, "freq.branch_assembly")}


def test_a_vote_at_an_inquorate_assembly_gives_one_quorum_finding(
    desk: BranchDesk, branch_id: int
) -> None:
    add_members(desk, branch_id)
    _assembly(desk, branch_id, away=5, votes=(VoteInput("年度计划", yes=3),), resolutions="通过")
    (finding,) = _found(desk, "quorum")
    assert "会议无效" in finding.message


def test_the_finding_names_the_period_of_the_setting(desk: BranchDesk, branch_id: int) -> None:
    add_members(desk, branch_id)
    settings: SettingsService = desk.settings
    settings.update(branch_id, {"freq.branch_assembly.period": "month"})
    _assembly(desk, branch_id, away=6)
    (finding,) = _found(desk, "quorum")
    assert finding.message.endswith("不计入2026年5月支部党员大会召开次数")


def test_saving_votes_over_those_present_is_refused(desk: BranchDesk, branch_id: int) -> None:
    import pytest

    from branch_desk.domain.errors import ValidationFailed

    add_members(desk, branch_id)
    vote = VoteInput("年度计划", yes=4, no=1, abstain=1)  # 6 votes, 5 voters present
    with pytest.raises(ValidationFailed) as caught:
        _assembly(desk, branch_id, away=3, votes=(vote,), resolutions="通过")
    (problem,) = [p for p in caught.value.problems if p.field == "votes"]
    assert "合计6票，超过实到有表决权的5人" in problem.message
    assert desk.events.list(branch_id) == []


def test_an_unknown_grade_is_refused(desk: BranchDesk, branch_id: int) -> None:
    import pytest

    from branch_desk.domain.errors import ValidationFailed

    add_members(desk, branch_id)
    lines = desk.events.expected(branch_id, EventType.EVALUATION, DAY)
    graded = (replace(lines[0], grade="良好"), *lines[1:])
    with pytest.raises(ValidationFailed) as caught:
        desk.events.add(branch_id, EventInput(EventType.EVALUATION, DAY, attendance=graded))
    assert "应为：优秀、合格、基本合格、不合格" in caught.value.problems[0].message


def test_figures_say_null_for_the_appraisal_when_none_was_held(
    desk: BranchDesk, branch_id: int
) -> None:
    add_members(desk, branch_id)
    snapshot = desk.snapshots.build(branch_id, 2026, AS_OF)
    assert snapshot.to_json()["appraisal"] is None


def test_the_figures_text_says_when_no_appraisal_was_held(desk: BranchDesk, branch_id: int) -> None:
    from branch_desk.cli.figures import describe

    add_members(desk, branch_id)
    lines = describe(desk.snapshots.build(branch_id, 2026, AS_OF))
    assert "民主评议党员：本年度未开展" in lines


def test_grades_are_stored_and_every_full_member_must_be_graded(
    desk: BranchDesk, branch_id: int
) -> None:
    add_members(desk, branch_id)
    lines = desk.events.expected(branch_id, EventType.EVALUATION, DAY)
    graded = tuple(
        replace(line, grade="优秀" if i == 0 else "合格") if i < 6 else line
        for i, line in enumerate(lines)
    )
    data = EventInput(EventType.EVALUATION, DAY, chair="赵一", recorder="钱二", attendance=graded)
    event = desk.events.add(branch_id, data).value
    assert [a.grade for a in event.attendance] == ["优秀", *["合格"] * 5, "", ""]
    (finding,) = _found(desk, "record.appraisal_ungraded")
    assert finding.event_id == event.id
    assert finding.message == "民主评议党员未评定等次的正式党员：郑七、王八"
    snapshot = desk.snapshots.build(branch_id, 2026, AS_OF)
    assert snapshot.to_json()["appraisal"] == {
        "优秀": 1,
        "合格": 5,
        "基本合格": 0,
        "不合格": 0,
        "未评定": 2,
    }
