"""Who belongs to a meeting and who may vote on a day.

The facts are loaded by the members repository (``load_facts``) and the committee by the officers
repository (``committee_on``); both are re-exported here for the services that use them.
"""

from __future__ import annotations

from datetime import date

from ...domain.voting import MemberFacts, on_roll, party_status_on
from ...storage.repositories.members import load_facts
from ...storage.repositories.officers import COMMITTEE_ROLES, committee_on

__all__ = ["COMMITTEE_ROLES", "committee_on", "load_facts", "roll_on"]


def roll_on(facts: list[MemberFacts], day: date, group_id: int | None = None) -> list[MemberFacts]:
    """Return the members on the roll (and already members) on ``day``, optionally of one group."""
    return [
        f
        for f in facts
        if on_roll(f.history, day)
        and party_status_on(f, day) is not None
        and (group_id is None or f.group_id == group_id)
    ]
