"""VotingDays answers exactly as is_voting_member, asked day by day."""

import random
from datetime import date, timedelta

from branch_desk.domain.members import PartyStatus, StatusChangeKind
from branch_desk.domain.rules.votes import is_voting_member
from branch_desk.domain.rules.voting_days import VotingDays, change_days
from branch_desk.domain.voting import Exclusion, ExclusionKind, MemberFacts

START = date(2023, 1, 1)
KINDS = list(StatusChangeKind)


def _day(rng: random.Random) -> date:
    return START + timedelta(days=rng.randrange(0, 3 * 365))


def _member(rng: random.Random, member_id: int) -> MemberFacts:
    joined = _day(rng) if rng.random() < 0.5 else None
    full = _day(rng) if rng.random() < 0.6 else None
    history = tuple(
        sorted(
            ((rng.choice(KINDS), _day(rng)) for _ in range(rng.randrange(0, 4))), key=lambda h: h[1]
        )
    )
    exclusions = tuple(
        Exclusion(
            rng.choice(list(ExclusionKind)),
            _day(rng),
            _day(rng) if rng.random() < 0.7 else None,
            "批复" if rng.random() < 0.5 else "",
            "大会" if rng.random() < 0.5 else "",
        )
        for _ in range(rng.randrange(0, 3))
    )
    return MemberFacts(
        member_id=member_id,
        name=f"党员{member_id}",
        joined_on=joined,
        full_member_on=full,
        party_status=rng.choice(list(PartyStatus)),
        history=history,
        exclusions=exclusions,
    )


def test_same_answers_as_the_rule_day_by_day() -> None:
    rng = random.Random(7)
    facts = [_member(rng, i) for i in range(1, 300)]
    days = [_day(rng) for _ in range(200)]
    for f in facts[:20]:  # the change days themselves and their neighbours are asked too
        days += [d + timedelta(days=k) for d in change_days(f) for k in (-1, 0, 1)]
    voting = VotingDays(facts, days)
    for day in set(days):
        expected = [f.member_id for f in facts if is_voting_member(f, day)]
        assert voting.entitled(day) == len(expected)
        assert [f.member_id for f in facts if voting.votes(f.member_id, day)] == expected


def test_a_non_member_never_votes() -> None:
    assert not VotingDays([], [START]).votes(99, START)
    assert VotingDays([], [START]).entitled(START) == 0
