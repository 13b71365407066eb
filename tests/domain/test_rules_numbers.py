"""Impossible numbers: one function, used by the service, the event editor and the step form."""

from __future__ import annotations

from branch_desk.domain.rules.numbers import TallyFacts, number_problems


def test_votes_over_those_present_are_an_error_next_to_the_votes() -> None:
    (problem,) = number_problems(None, None, None, [TallyFacts("表决", 38, 5, 2, 37)])
    assert problem.is_error and problem.field == "votes"
    assert problem.message == "表决赞成38、反对5、弃权2，合计45票，超过实到有表决权的37人"


def test_present_and_absent_must_make_up_the_expected() -> None:
    (problem,) = number_problems(40, 19, 20)
    assert problem.field == "attendance"
    assert problem.message == "实到19人加缺席20人为39人，不等于应到40人"
    (over,) = number_problems(5, 6, None)
    assert over.message == "实到6人，超过应到5人"


def test_possible_numbers_pass() -> None:
    assert number_problems(40, 37, 3, [TallyFacts("表决", 30, 5, 2, 37)]) == []
    assert number_problems(None, None, None) == []
