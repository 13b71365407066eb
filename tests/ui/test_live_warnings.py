"""The event editor's live warnings are the checker's record findings, word for word."""

from __future__ import annotations

from collections import Counter
from datetime import date

from pytestqt.qtbot import QtBot

from branch_desk.domain.events import AttendanceStatus, EventType, VoteKind, VoteMethod
from branch_desk.services.meetings.events import AttendanceInput, EventInput, VoteInput
from branch_desk.ui.context import UiContext
from branch_desk.ui.events.editor import EventDialog

from .event_data import MEETING_DAY, add_branch

CHECK_DAY = date(2026, 11, 20)


def _record(ctx: UiContext, kind: EventType, absent: set[str], **fields: object) -> int:
    lines = tuple(
        AttendanceInput(a.name, AttendanceStatus.ABSENT, a.member_id)
        if a.name in absent
        else AttendanceInput(a.name, a.status, a.member_id)
        for a in ctx.desk.events.expected(ctx.unit_id, kind, MEETING_DAY)
    )
    data = EventInput(kind, MEETING_DAY, attendance=lines, **fields)  # type: ignore[arg-type]
    return ctx.desk.events.add(ctx.unit_id, data).value.id


def _compare(qtbot: QtBot, ctx: UiContext, event_id: int) -> list[str]:
    findings = [f for f in ctx.desk.checks.findings(2026, CHECK_DAY) if f.event_id == event_id]
    dialog = EventDialog(ctx, ctx.desk.events.get(event_id))
    qtbot.addWidget(dialog)
    warnings = dialog.live_findings(dialog.read())
    assert Counter(w.message for w in warnings) == Counter(f.message for f in findings)
    assert all(not w.is_error for w in warnings)  # warnings never block saving
    return [f.rule for f in findings]


def test_assembly_with_many_faults_warns_exactly_what_check_finds(
    qtbot: QtBot, ctx: UiContext
) -> None:
    add_branch(ctx.desk, ctx.unit_id)
    vote = VoteInput("接收周九为预备党员", VoteKind.ADMISSION, VoteMethod.SHOW_OF_HANDS, yes=2)
    event_id = _record(
        ctx,
        EventType.BRANCH_ASSEMBLY,
        {"王五", "赵六", "孙七"},
        title="讨论接收预备党员",
        chair="李四",
        votes=(vote,),
    )
    rules = _compare(qtbot, ctx, event_id)
    assert set(rules) >= {
        "record.absence_reason",
        "record.recorder",
        "record.chair_delegation",
        "record.time",
        "record.vote_resolution",
        "record.secret_ballot",
        "quorum",
    }


def test_committee_without_quorum_warns_exactly_what_check_finds(
    qtbot: QtBot, ctx: UiContext
) -> None:
    add_branch(ctx.desk, ctx.unit_id)
    event_id = _record(
        ctx,
        EventType.COMMITTEE,
        {"张三"},
        chair="",
        recorder="李四",
        votes=(VoteInput("研究年度计划", yes=1),),
        resolutions="通过年度计划",
    )
    rules = _compare(qtbot, ctx, event_id)
    assert {"quorum", "record.chair", "record.time"} <= set(rules)


def test_a_lecture_without_times_warns_only_of_the_times(qtbot: QtBot, ctx: UiContext) -> None:
    add_branch(ctx.desk, ctx.unit_id)
    event_id = _record(
        ctx,
        EventType.PARTY_LECTURE,
        set(),
        chair="张三",
        recorder="李四",
        lecturer="张三",
        lecture_topic="党章学习",
    )
    assert _compare(qtbot, ctx, event_id) == ["record.time"]


def test_an_absent_chair_and_lecturer_warn_exactly_what_check_finds(
    qtbot: QtBot, ctx: UiContext
) -> None:
    add_branch(ctx.desk, ctx.unit_id)
    event_id = _record(
        ctx,
        EventType.PARTY_LECTURE,
        {"张三", "李四"},
        chair="张三",
        recorder="王五",
        lecturer="李四",
        lecture_topic="党章学习",
    )
    rules = _compare(qtbot, ctx, event_id)
    assert {"record.chair_absent", "record.lecturer_absent"} <= set(rules)


def test_an_assembly_without_a_majority_warns_without_a_vote(qtbot: QtBot, ctx: UiContext) -> None:
    add_branch(ctx.desk, ctx.unit_id)
    event_id = _record(
        ctx, EventType.BRANCH_ASSEMBLY, {"李四", "王五", "赵六"}, chair="张三", recorder="孙七"
    )
    rules = _compare(qtbot, ctx, event_id)
    assert rules.count("quorum") == 1


def test_votes_over_those_present_block_saving_with_the_reason_at_the_votes(
    qtbot: QtBot, ctx: UiContext
) -> None:
    add_branch(ctx.desk, ctx.unit_id)
    dialog = EventDialog(ctx, kind=EventType.BRANCH_ASSEMBLY)
    qtbot.addWidget(dialog)
    dialog.form.day.set_date(MEETING_DAY)
    dialog._day_settled()
    dialog.form.chair.setText("张三")
    dialog.votes.set_votes([VoteInput("年度计划", yes=5, no=1)])  # 6 votes, 5 full members
    problems = dialog.validate()
    (error,) = [p for p in problems if p.is_error]
    assert error.field == "votes"
    assert "合计6票，超过实到有表决权的5人" in dialog.votes_panel.problems.text()
    assert not dialog.votes_panel.problems.isHidden()
    dialog.accept()
    assert ctx.desk.events.list(ctx.unit_id) == []
    assert dialog.outcome is None
