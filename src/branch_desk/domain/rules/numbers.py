"""Numbers a record cannot hold: more votes than voters, 实到 + 缺席 ≠ 应到.

``number_problems`` is the one implementation: the event service refuses to save such a
record (so the editor, the CLI and imports all refuse it), the event editor and the
development step dialog show its messages next to the field as the user types.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import Problem


@dataclass(frozen=True, slots=True)
class TallyFacts:
    """One vote's counts as typed, and how many could vote in it (实到有表决权)."""

    label: str  # how the message names it: 第1项表决“…” or 表决
    yes: int
    no: int
    abstain: int
    voters: int


def number_problems(
    expected: int | None,
    present: int | None,
    absent: int | None,
    tallies: Iterable[TallyFacts] = (),
    *,
    count_field: str = "attendance",
    vote_field: str = "votes",
) -> list[Problem]:
    """Return an error for each impossible number (None: the number is not recorded)."""
    found: list[Problem] = []
    if expected is not None and present is not None:
        if present > expected:
            message = f"实到{present}人，超过应到{expected}人"
            found.append(Problem(count_field, "实到人数", message))
        elif absent is not None and present + absent != expected:
            message = (
                f"实到{present}人加缺席{absent}人为{present + absent}人，不等于应到{expected}人"
            )
            found.append(Problem(count_field, "应到实到", message))
    for tally in tallies:
        total = tally.yes + tally.no + tally.abstain
        if total > tally.voters:
            message = (
                f"{tally.label}赞成{tally.yes}、反对{tally.no}、弃权{tally.abstain}，"
                f"合计{total}票，超过实到有表决权的{tally.voters}人"
            )
            found.append(Problem(vote_field, "表决票数", message))
    return found
