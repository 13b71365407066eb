"""One vote judge for meetings, the event editor and member development steps."""

from __future__ import annotations

from datetime import date

import pytest

from branch_desk.domain.development import Step
from branch_desk.domain.errors import ValidationFailed
from branch_desk.domain.events import EventType, VoteKind, VoteMethod
from branch_desk.domain.rules.development_steps import check_step
from branch_desk.domain.rules.votes import Tally, judge_meeting_vote, judge_step_vote

DAY = date(2026, 6, 1)


def test_a_committee_vote_counts_its_members_and_an_assembly_vote_counts_e() -> None:
    tally = Tally(3, 0, 0)
    numbers = {"entitled": 20, "present_voting": 11, "expected": 5, "present": 3}
    committee = judge_meeting_vote(
        EventType.COMMITTEE, VoteKind.GENERAL, VoteMethod.SHOW_OF_HANDS, tally, **numbers
    )
    assembly = judge_meeting_vote(
        EventType.BRANCH_ASSEMBLY, VoteKind.GENERAL, VoteMethod.SHOW_OF_HANDS, tally, **numbers
    )
    assert committee.passed and committee.verdict.startswith("支部委员会应到5人，实到3人")
    assert assembly.quorate and not assembly.passed  # 3 yes of E = 20


def test_e20_eleven_present_ten_yes_and_one_written_yes_passes_admission() -> None:
    numbers = {"entitled": 20, "present_voting": 11, "yes": 10, "written_yes": 1}
    assert judge_step_vote(True, numbers, "无记名投票").passed
    assert not judge_step_vote(True, {**numbers, "written_yes": 0}, "无记名投票").passed


def test_the_step_check_stores_the_verdict_the_step_form_shows() -> None:
    numbers = {"entitled": 9, "present_voting": 6, "yes": 6, "no": 0, "abstain": 0}
    for step, admission in ((Step.ADMISSION, True), (Step.FULL_VOTE, False)):
        data = {**numbers, "method": "举手表决"}
        if step is Step.FULL_VOTE:
            data["outcome"] = "同意转正"
        checked = check_step(step, DAY, data, DAY)
        shown = judge_step_vote(admission, numbers, "举手表决")
        assert checked["verdict"] == shown.verdict
        assert checked["passed"] is shown.passed is False  # open ballot: record has an error
    assert "“预备党员转正”须采用无记名投票" in shown.verdict


def test_negative_counts_in_a_step_vote_are_refused() -> None:
    with pytest.raises(ValidationFailed):
        check_step(Step.ADMISSION, DAY, {"entitled": 9, "present_voting": -1, "yes": 3}, DAY)
