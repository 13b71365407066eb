"""Who counts in E on many days at once: ``is_voting_member`` evaluated once per stretch of days
on which nothing about a member changes, instead of once per member and day.

A member's standing (domain/voting.py) compares the day with a few dates only: the roster
history, joining, 转正, and the start and end of each exclusion. Between two of those dates the
answer cannot change, so it is asked once for each stretch; a day is then looked up by bisection.
The answers are the rule's own (``is_voting_member``), so the two can never disagree.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from datetime import date, timedelta

from ..voting import MemberFacts
from .votes import is_voting_member


def change_days(facts: MemberFacts) -> tuple[date, ...]:
    """Return, in order, the days on which the member's standing may change."""
    days = {effective for _, effective in facts.history}
    days.update(d for d in (facts.joined_on, facts.full_member_on) if d is not None)
    for ex in facts.exclusions:
        days.add(ex.start_on)
        if ex.end_on is not None and ex.end_on < date.max:
            days.add(ex.end_on + timedelta(days=1))  # the first day it no longer applies
    return tuple(sorted(days))


class Stretches:
    """``rule(facts, day)`` for one member, asked once per stretch between change days."""

    __slots__ = ("starts", "values")

    def __init__(self, facts: MemberFacts, rule: Callable[[MemberFacts, date], bool]) -> None:
        self.starts = change_days(facts)
        self.values = [rule(facts, date.min), *(rule(facts, day) for day in self.starts)]

    def on(self, day: date) -> bool:
        """Return the rule's answer on ``day``."""
        return self.values[bisect_right(self.starts, day)]


class VotingDays:
    """Who counts in E on each of a set of days, for the members of one unit."""

    def __init__(self, facts: Iterable[MemberFacts], days: Iterable[date]) -> None:
        self.days = sorted(set(days))
        self.members = {f.member_id: Stretches(f, is_voting_member) for f in facts}
        counts = [0] * (len(self.days) + 1)  # a difference array over the days
        for stretches in self.members.values():
            bounds = (date.min, *stretches.starts, date.max)
            for i, votes in enumerate(stretches.values):
                if votes:
                    counts[bisect_left(self.days, bounds[i])] += 1
                    counts[bisect_left(self.days, bounds[i + 1])] -= 1
        running, self.entitled_on = 0, {}
        for day, change in zip(self.days, counts, strict=False):
            running += change
            self.entitled_on[day] = running

    def entitled(self, day: date) -> int:
        """Return E on ``day`` (one of the days given)."""
        return self.entitled_on[day]

    def votes(self, member_id: int, day: date) -> bool:
        """Tell whether the member counts in E on ``day`` (False for a non-member)."""
        stretches = self.members.get(member_id)
        return stretches is not None and stretches.on(day)
