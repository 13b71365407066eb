"""The 党委/党总支/党支部 of the data dir, read without the ORM (storage/unit_list.py).

A window's first read: the unit chooser, the title and "is a branch set up yet". OrgService
(services/org/units.py) is a UnitList too, so both answer from the same reads.
"""

from __future__ import annotations

from ...domain.org import OrgUnitKind, OrgUnitRecord
from ...storage import unit_list
from ...storage.database import Database
from ..shared_reads import shared

TOP_KINDS = (OrgUnitKind.PARTY_COMMITTEE, OrgUnitKind.GENERAL_BRANCH, OrgUnitKind.BRANCH)


class UnitList:
    """Read the organisation's units (not 党小组) and one unit by id."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def top_units(self) -> list[OrgUnitRecord]:
        """Return every 党委/党总支/党支部 (not 党小组), in creation order."""
        return unit_list.units_of_kinds(self.db.engine, TOP_KINDS)

    def is_set_up(self) -> bool:
        """Tell whether a branch has been created yet."""
        return bool(self.top_units())

    def get(self, unit_id: int) -> OrgUnitRecord:
        """The unit ``unit_id`` (shared within one build); NotFound when there is none."""
        return shared(("unit", unit_id), lambda: unit_list.unit(self.db.engine, unit_id))
