from datetime import date

import pytest

from branch_desk.domain.events import VoteKind, VoteMethod
from branch_desk.domain.members import PartyStatus, StatusChangeKind
from branch_desk.domain.rules.votes import (
    Tally,
    assess_assembly_vote,
    assess_committee_vote,
    is_voting_member,
)
from branch_desk.domain.voting import (
    Exclusion,
    ExclusionKind,
    MemberFacts,
    on_roll,
    party_status_on,
)

DAY = date(2024, 6, 15)


def facts(**changes) -> MemberFacts:
    base = dict(
        member_id=1,
        name="张三",
        joined_on=date(2010, 7, 1),
        full_member_on=date(2011, 7, 1),
        party_status=PartyStatus.FULL,
        history=((StatusChangeKind.REGISTERED, date(2010, 7, 1)),),
    )
    base.update(changes)
    return MemberFacts(**base)


def test_full_member_on_roll_votes():
    assert is_voting_member(facts(), DAY)


def test_probationary_member_attends_but_never_votes():
    member = facts(
        joined_on=date(2024, 1, 10), full_member_on=None, party_status=PartyStatus.PROBATIONARY
    )
    assert party_status_on(member, DAY) is PartyStatus.PROBATIONARY
    assert not is_voting_member(member, DAY)


def test_member_who_became_full_later_was_probationary_then():
    member = facts(joined_on=date(2023, 9, 1), full_member_on=date(2024, 9, 1))
    assert party_status_on(member, DAY) is PartyStatus.PROBATIONARY
    assert is_voting_member(member, date(2024, 9, 1))


def test_roll_history_decides_membership_on_the_day():
    history = (
        (StatusChangeKind.REGISTERED, date(2010, 7, 1)),
        (StatusChangeKind.TRANSFER_OUT, date(2024, 6, 1)),
        (StatusChangeKind.TRANSFER_IN, date(2024, 7, 1)),
    )
    assert on_roll(history, date(2024, 5, 31))
    assert not on_roll(history, DAY)
    assert on_roll(history, date(2024, 7, 1))
    assert not on_roll(history, date(2010, 6, 30))


def test_probation_discipline_and_detention_exclude_automatically():
    for kind in (ExclusionKind.PROBATION_DISCIPLINE, ExclusionKind.DETAINED):
        member = facts(exclusions=(Exclusion(kind, date(2024, 1, 1), None),))
        assert not is_voting_member(member, DAY)


def test_approval_bound_exclusions_need_both_references():
    only_upper = Exclusion(
        ExclusionKind.ABROAD, date(2024, 1, 1), None, upper_ref="组字〔2024〕3号"
    )
    both = Exclusion(
        ExclusionKind.ABROAD, date(2024, 1, 1), None, "组字〔2024〕3号", "2024-01-20党员大会"
    )
    assert is_voting_member(facts(exclusions=(only_upper,)), DAY)
    assert not is_voting_member(facts(exclusions=(both,)), DAY)


def test_exclusion_applies_only_within_its_dates():
    ended = Exclusion(ExclusionKind.PROBATION_DISCIPLINE, date(2023, 1, 1), date(2024, 6, 14))
    assert is_voting_member(facts(exclusions=(ended,)), DAY)
    assert not is_voting_member(facts(exclusions=(ended,)), date(2024, 6, 14))


@pytest.mark.parametrize(
    ("entitled", "present", "tally", "quorate", "passed"),
    [
        (21, 11, Tally(11, 0, 0), True, True),  # E=21 → need 11 present, 11 yes
        (21, 10, Tally(10, 0, 0), False, False),
        (21, 11, Tally(10, 1, 0), True, False),
        (20, 11, Tally(11, 0, 0), True, True),  # E=20 → 11 present, 11 yes
        (20, 10, Tally(10, 0, 0), False, False),  # exactly half is not more than half
        (20, 11, Tally(10, 1, 0), True, False),
    ],
)
def test_assembly_quorum_and_passing_count_against_e(entitled, present, tally, quorate, passed):
    result = assess_assembly_vote(
        VoteKind.GENERAL, VoteMethod.SHOW_OF_HANDS, entitled, present, tally
    )
    assert (result.quorate, result.passed) == (quorate, passed)


def test_written_opinion_counts_for_admission():
    tally = Tally(10, 1, 0, written_yes=1)
    result = assess_assembly_vote(VoteKind.ADMISSION, VoteMethod.SECRET_BALLOT, 20, 11, tally)
    assert result.passed
    assert "含书面意见赞成1票" in result.verdict and "通过" in result.verdict


def test_written_opinion_does_not_count_for_ordinary_resolutions():
    tally = Tally(10, 1, 0, written_yes=1)
    result = assess_assembly_vote(VoteKind.GENERAL, VoteMethod.SHOW_OF_HANDS, 20, 11, tally)
    assert not result.passed


def test_admission_by_show_of_hands_is_a_fault():
    result = assess_assembly_vote(
        VoteKind.ADMISSION, VoteMethod.SHOW_OF_HANDS, 20, 15, Tally(15, 0, 0)
    )
    assert not result.passed
    assert any("无记名投票" in p for p in result.problems)


def test_election_needs_four_fifths_present():
    assert not assess_assembly_vote(
        VoteKind.ELECTION, VoteMethod.SECRET_BALLOT, 20, 15, Tally(15, 0, 0)
    ).quorate
    assert assess_assembly_vote(
        VoteKind.ELECTION, VoteMethod.SECRET_BALLOT, 20, 16, Tally(16, 0, 0)
    ).passed


def test_impossible_tallies_are_reported():
    result = assess_assembly_vote(
        VoteKind.GENERAL, VoteMethod.SHOW_OF_HANDS, 20, 11, Tally(10, 2, 0)
    )
    assert not result.passed
    assert "赞成10、反对2、弃权0，合计12票，超过实到有表决权的11人" in result.problems
    result = assess_assembly_vote(
        VoteKind.ADMISSION, VoteMethod.SECRET_BALLOT, 20, 18, Tally(15, 0, 0, written_yes=3)
    )
    assert any("书面意见票数超过" in p for p in result.problems)


def test_committee_needs_more_than_half_present():
    assert not assess_committee_vote(5, 2, VoteMethod.SHOW_OF_HANDS, Tally(2, 0, 0)).quorate
    result = assess_committee_vote(5, 3, VoteMethod.SHOW_OF_HANDS, Tally(3, 0, 0))
    assert result.quorate and result.passed
    assert not assess_committee_vote(4, 2, VoteMethod.SHOW_OF_HANDS, Tally(2, 0, 0)).quorate
