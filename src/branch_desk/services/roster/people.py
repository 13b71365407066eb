"""Who belongs to a meeting and who may vote on a day.

The facts are loaded by the members repository (``load_facts``, shared within a build: see
``services/shared_reads.py``) and the committee by the officers repository (``committee_on``,
re-exported here for the services that use it).
"""

from __future__ import annotations

from datetime import date

from ...domain.voting import MemberFacts, on_roll, party_status_on
from ...storage.repositories import Session
from ...storage.repositories.members import facts_of_units
from ...storage.repositories.members import load_facts as stored_facts
from ...storage.repositories.officers import COMMITTEE_ROLES, committee_on
from ..shared_reads import share, shared_list, sharing

__all__ = ["COMMITTEE_ROLES", "committee_on", "load_facts", "roll_on"]


def load_facts(s: Session, unit_id: int, member_id: int | None = None) -> list[MemberFacts]:
    """Return the facts of every member ever on the unit's roll (or of one), in roster order.

    A unit's facts are read once per build (``shared_reads``), however many checkers ask.
    """
    if member_id is not None:
        return stored_facts(s, unit_id, member_id)
    return shared_list(("facts", unit_id), lambda: stored_facts(s, unit_id))


def share_facts(s: Session, unit_ids: list[int]) -> None:
    """Inside a build, read the facts of many units at once and share each unit's."""
    if sharing():
        for unit_id, facts in facts_of_units(s, unit_ids).items():
            share(("facts", unit_id), facts)


def roll_on(facts: list[MemberFacts], day: date, group_id: int | None = None) -> list[MemberFacts]:
    """Return the members on the roll (and already members) on ``day``, optionally of one group."""
    return [
        f
        for f in facts
        if on_roll(f.history, day)
        and party_status_on(f, day) is not None
        and (group_id is None or f.group_id == group_id)
    ]
