"""`develop.vote_meeting`: the 支部党员大会 behind an admission or a 转正 is in the meeting records."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest

from branch_desk.domain.development import Step
from branch_desk.domain.events import AttendanceStatus, EventType, VoteKind, VoteMethod
from branch_desk.domain.findings import Finding
from branch_desk.domain.members import Gender
from branch_desk.domain.rules.catalogue import spec_of
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.development.service import CandidateInput
from branch_desk.services.meetings.events import AttendanceInput, EventInput, VoteInput
from branch_desk.storage import database
from tests.cli.test_cli import FrozenDatetime, run
from tests.conftest import FIXED_NOW
from tests.services.test_candidate_import import HEADER, ledger
from tests.services.test_events import add_members

RULE = "develop.vote_meeting"
TODAY = FIXED_NOW.date()  # 2026-11-20
ADMITTED = date(2025, 6, 10)


def vote_findings(desk: BranchDesk, year: int, as_of: date = TODAY) -> list[Finding]:
    return [f for f in desk.checks.findings(year, as_of) if f.rule == RULE]


def candidate(desk: BranchDesk, branch_id: int, name: str = "孙小梅") -> int:
    data = CandidateInput(name, Gender.FEMALE, date(1998, 4, 2))
    return desk.development.add(branch_id, data).value.id


def admit_by_hand(desk: BranchDesk, cid: int, day: date = ADMITTED) -> None:
    desk.development.record_step(cid, Step.ADMISSION, day, {"method": "无记名投票", "passed": True})


def assembly(
    desk: BranchDesk,
    branch_id: int,
    day: date,
    kind: EventType = EventType.BRANCH_ASSEMBLY,
    also: tuple[EventType, ...] = (),
    votes: tuple[VoteInput, ...] = (),
) -> int:
    lines = tuple(
        AttendanceInput(m.name, AttendanceStatus.PRESENT, m.id) for m in desk.roster.list(branch_id)
    )
    data = EventInput(
        kind,
        day,
        also=also,
        title="支部党员大会",
        chair="赵一",
        recorder="钱二",
        start=time(15),
        end=time(16),
        resolutions="同意。",
        attendance=lines,
        votes=votes,
    )
    return desk.events.add(branch_id, data).value.id


@pytest.fixture
def members(desk: BranchDesk, branch_id: int) -> list[Any]:
    return add_members(desk, branch_id, 8)


def test_the_rule_is_catalogued_as_an_error_from_the_xize() -> None:
    spec = spec_of(RULE)
    assert spec is not None and spec.severity.value == "error"
    assert "《中国共产党发展党员工作细则》" in spec.source
    assert spec.checker_name == "rules.development_votes.vote_meeting_issues"


def test_admission_entered_by_hand_without_a_meeting_is_a_finding(
    desk: BranchDesk, branch_id: int, members: list[Any]
) -> None:
    cid = candidate(desk, branch_id)
    admit_by_hand(desk, cid)
    (found,) = vote_findings(desk, 2025)
    assert (found.severity.value, found.period, found.subject) == ("error", "2025", "孙小梅")
    assert found.message.startswith("支部大会讨论接收：2025-06-10的会议记录中没有支部党员大会")
    assert "请补录当天讨论该事项的支部党员大会" in found.message


def test_a_meeting_on_the_day_settles_it(
    desk: BranchDesk, branch_id: int, members: list[Any]
) -> None:
    cid = candidate(desk, branch_id)
    admit_by_hand(desk, cid)
    assembly(desk, branch_id, ADMITTED)
    assert vote_findings(desk, 2025) == []


def test_a_meeting_a_day_off_does_not(desk: BranchDesk, branch_id: int, members: list[Any]) -> None:
    cid = candidate(desk, branch_id)
    admit_by_hand(desk, cid)
    assembly(desk, branch_id, date(2025, 6, 11))
    (found,) = vote_findings(desk, 2025)
    assert "2025-06-10的会议记录中没有支部党员大会（最近一次为2025-06-11）" in found.message


def test_a_meeting_that_also_counts_as_a_branch_assembly_settles_it(
    desk: BranchDesk, branch_id: int, members: list[Any]
) -> None:
    cid = candidate(desk, branch_id)
    admit_by_hand(desk, cid)
    assembly(desk, branch_id, ADMITTED, EventType.THEME_DAY)  # a 主题党日 only: not enough
    assert len(vote_findings(desk, 2025)) == 1
    assembly(desk, branch_id, ADMITTED, EventType.THEME_DAY, also=(EventType.BRANCH_ASSEMBLY,))
    assert vote_findings(desk, 2025) == []


def test_a_group_meeting_of_the_day_is_not_a_branch_assembly(
    desk: BranchDesk, branch_id: int, members: list[Any]
) -> None:
    cid = candidate(desk, branch_id)
    admit_by_hand(desk, cid)
    assembly(desk, branch_id, ADMITTED, EventType.COMMITTEE)
    assert len(vote_findings(desk, 2025)) == 1


def test_full_vote_needs_its_own_meeting(
    desk: BranchDesk, branch_id: int, members: list[Any]
) -> None:
    cid = candidate(desk, branch_id)
    admit_by_hand(desk, cid)
    assembly(desk, branch_id, ADMITTED)
    desk.development.record_step(cid, Step.FULL_VOTE, date(2026, 6, 12), {"outcome": "同意转正"})
    assert vote_findings(desk, 2025) == []
    (found,) = vote_findings(desk, 2026)
    assert found.period == "2026"
    assert found.message.startswith("支部大会讨论转正：2026-06-12的会议记录中没有支部党员大会")


def test_a_step_taken_from_a_vote_follows_the_meeting_day(
    desk: BranchDesk, branch_id: int, members: list[Any]
) -> None:
    """Entered from a vote, the step is fine; moving the meeting later leaves the step alone."""
    cid = candidate(desk, branch_id)
    vote = VoteInput("接收孙小梅同志为预备党员", VoteKind.ADMISSION, VoteMethod.SECRET_BALLOT, 8)
    event_id = assembly(desk, branch_id, ADMITTED, votes=(vote,))
    desk.development.record_step(cid, Step.ADMISSION, date(2025, 1, 1), {}, event_id=event_id)
    assert desk.development.get(cid).steps[Step.ADMISSION].day == ADMITTED
    assert vote_findings(desk, 2025) == []

    moved = replace(_input_of(desk, event_id), day=date(2025, 6, 17))
    desk.events.update(event_id, moved)
    (found,) = vote_findings(desk, 2025)
    assert "2025-06-10的会议记录中没有支部党员大会（最近一次为2025-06-17）" in found.message


def _input_of(desk: BranchDesk, event_id: int) -> EventInput:
    e = desk.events.get(event_id)
    return EventInput(
        e.type,
        e.day,
        also=e.also,
        title=e.title,
        chair=e.chair,
        recorder=e.recorder,
        start=e.start,
        end=e.end,
        resolutions=e.resolutions,
        attendance=tuple(AttendanceInput(a.name, a.status, a.member_id) for a in e.attendance),
        votes=tuple(
            VoteInput(v.subject, v.kind, v.method, v.yes, v.no, v.abstain) for v in e.votes
        ),
    )


def test_a_candidate_from_the_development_import(
    desk: BranchDesk, branch_id: int, members: list[Any], tmp_path: Path
) -> None:
    """支部大会时间 and 转正时间 of an imported ledger are checked like steps typed in."""
    row: list[Any] = [None] * len(HEADER)
    row[HEADER.index("序号")] = 1
    row[HEADER.index("姓名")] = "冯晓军"
    row[HEADER.index("性别")] = "男"
    row[HEADER.index("出生日期")] = "1996-05-04"
    row[HEADER.index("入党申请时间")] = "2023-03-01"
    row[HEADER.index("支部大会时间")] = "2025-03-14"
    row[HEADER.index("转正时间")] = "2026-03-20"
    plan = desk.candidate_import.preview(branch_id, ledger(tmp_path, [row]))
    assert not [p for p in plan.problems if p.severity == "error"], plan.problems
    desk.candidate_import.apply(branch_id, plan)

    admission = vote_findings(desk, 2025)
    assert [(f.subject, f.period) for f in admission] == [("冯晓军", "2025")]
    assert "2025-03-14" in admission[0].message and "支部大会讨论接收" in admission[0].message
    full = vote_findings(desk, 2026)
    assert [(f.subject, f.period) for f in full] == [("冯晓军", "2026")]
    assert "2026-03-20" in full[0].message and "支部大会讨论转正" in full[0].message

    assembly(desk, branch_id, date(2025, 3, 14))
    assembly(desk, branch_id, date(2026, 3, 20))
    assert vote_findings(desk, 2025) == vote_findings(desk, 2026) == []


def test_a_step_after_the_as_of_day_is_not_checked_yet(
    desk: BranchDesk, branch_id: int, members: list[Any]
) -> None:
    cid = candidate(desk, branch_id)
    admit_by_hand(desk, cid)
    assert vote_findings(desk, 2025, as_of=date(2025, 6, 9)) == []
    assert len(vote_findings(desk, 2025, as_of=date(2025, 6, 10))) == 1


@pytest.fixture
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(database, "datetime", FrozenDatetime)


def test_check_reports_it_in_the_year_of_the_step(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], frozen_clock: None
) -> None:
    data = tmp_path / "data"
    code, _, err = run(
        capsys,
        data,
        "init",
        "--name",
        "第一党支部",
        "--groups",
        "第一党小组,第二党小组",
        "--start",
        "2000-01-01",
    )
    assert (code, err) == (0, "")
    with BranchDesk.open(AppPaths.resolve(data)) as desk:
        desk.db.clock = lambda: FIXED_NOW
        branch_id = desk.org.resolve().id
        add_members(desk, branch_id, 4)
        admit_by_hand(desk, candidate(desk, branch_id))

    def check(*args: str) -> list[dict[str, Any]]:
        code, out, err = run(capsys, data, "check", *args, "--json")
        assert (code, err) == (0, "")
        return [f for f in json.loads(out) if f["rule"] == RULE]

    (found,) = check("--year", "2025")
    assert (found["period"], found["subject"], found["severity"]) == ("2025", "孙小梅", "error")
    assert "2025-06-10" in found["message"]
    assert check("--year", "2026") == []
    assert check("--year", "2025", "--as-of", "2025-06-09") == []
    code, out, err = run(capsys, data, "check", "--year", "2025")
    assert code == 0 and "〔孙小梅〕支部大会讨论接收：2025-06-10的会议记录中没有支部党员大会" in out
