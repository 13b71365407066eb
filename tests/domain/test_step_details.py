"""Typed step details read from the stored mapping, tolerant of missing or odd values."""

from __future__ import annotations

from datetime import date

from branch_desk.domain.development import Person, Step, StepRecord
from branch_desk.domain.step_details import (
    approval_details,
    extension_details,
    people_details,
    publicity_details,
    training_details,
    vote_details,
)

DAY = date(2026, 3, 2)


def test_people_keep_names_and_member_ids() -> None:
    record = StepRecord(Step.SPONSORS, DAY, {"people": [{"name": "张三", "member_id": 4}, "李四"]})
    assert people_details(record).people == (Person("张三", 4), Person("李四"))


def test_numbers_and_dates_are_typed_and_missing_ones_are_empty() -> None:
    training = StepRecord(Step.TRAINING, DAY, {"days": "3", "hours": 24})
    assert (training_details(training).days, training_details(training).hours) == (3, 24.0)
    assert publicity_details(StepRecord(Step.PUBLICITY, DAY, {"end": "2026-03-09"})).end == date(
        2026, 3, 9
    )
    assert publicity_details(StepRecord(Step.PUBLICITY, DAY, {"end": "9 March"})).end is None
    assert extension_details(StepRecord(Step.EXTENSION, DAY, {})).months == 0


def test_a_vote_knows_an_open_ballot_and_its_result() -> None:
    vote = vote_details(
        StepRecord(Step.ADMISSION, DAY, {"method": "举手表决", "passed": False, "yes": 3})
    )
    assert vote.open_ballot and vote.passed is False and vote.counts == {"yes": 3}
    unrecorded = vote_details(StepRecord(Step.ADMISSION, DAY, {}))
    assert not unrecorded.open_ballot and unrecorded.passed is None


def test_an_approval_names_the_kind_of_approver() -> None:
    data = {"approver": "某党委", "approver_kind": "党总支", "approved": True}
    approval = approval_details(StepRecord(Step.APPROVAL, DAY, data))
    assert (approval.approver_kind, approval.approved, approval.ref) == ("党总支", True, "")
