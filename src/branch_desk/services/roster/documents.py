"""Exporting the roster to a printable workbook."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ...domain.masking import mask_member
from ...domain.members import MemberRecord, RosterStatus
from ..org.units import OrgService
from .members import RosterService


class RosterExportService:
    """Write roster documents for a unit."""

    def __init__(self, org: OrgService, roster: RosterService) -> None:
        self.org = org
        self.roster = roster

    def export_roster(
        self,
        unit_id: int,
        path: Path,
        *,
        include_inactive: bool = False,
        mask: bool = False,
        roll: list[MemberRecord] | None = None,
        made_on: date | None = None,
    ) -> int:
        """Write the unit's roster (members on the roll, by 党小组 then name); return the count.

        ``roll`` gives the members to print instead of today's roll (a past year's archive
        prints the roll on that year's as-of day, dated ``made_on``). With ``mask``, 身份证号
        and phone numbers are written with their middle hidden.
        """
        from ...exports.roster_xlsx import write_roster  # openpyxl loads only when exporting

        unit = self.org.get(unit_id)
        order = {g.name: i for i, g in enumerate(self.org.groups(unit_id))}
        members = (
            list(roll)
            if roll is not None
            else [
                m
                for m in self.roster.list(unit_id)
                if include_inactive or m.roster_status is RosterStatus.ACTIVE
            ]
        )
        members.sort(key=lambda m: (order.get(m.group, len(order)), m.id))
        if mask:
            members = [mask_member(m) for m in members]
        write_roster(Path(path), unit.name, members, made_on or self.roster.today())
        return len(members)
