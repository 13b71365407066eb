"""The branch itself (组织设置): size, committee and term of office.

``term_end`` is the one place the last day of a committee's term is computed.
"""

from __future__ import annotations

from datetime import date, timedelta

from ..dates import add_years
from ..findings import Finding, Severity
from ..org import BranchSummary, OfficerRole, OrgUnitRecord
from .ids import RuleId

MIN_FULL_MEMBERS = 3
MAX_MEMBERS = 50
COMMITTEE_THRESHOLD = 7


def term_end(elected_on: date | None, term_years: int) -> date | None:
    """Return the last day of the term that began on ``elected_on`` (None when not recorded)."""
    if elected_on is None:
        return None
    return add_years(elected_on, term_years) - timedelta(days=1)


def structure_findings(unit: OrgUnitRecord, summary: BranchSummary, as_of: date) -> list[Finding]:
    """Return findings about the branch itself: size, committee, term of office."""
    found: list[Finding] = []
    full = summary.by_party_status.get("正式", 0)
    total = summary.active_total
    year = str(as_of.year)

    def add(rule: RuleId, severity: Severity, message: str, due: date | None = None) -> None:
        found.append(Finding(rule, severity, year, unit.name, None, message, due))

    if full < MIN_FULL_MEMBERS:
        add(
            RuleId.STRUCT_MIN_MEMBERS,
            Severity.ERROR,
            f"正式党员{full}名，少于成立党支部所需的{MIN_FULL_MEMBERS}名",
        )
    if total > MAX_MEMBERS:
        add(
            RuleId.STRUCT_SIZE,
            Severity.WARNING,
            f"党员{total}名，超过一般不超过{MAX_MEMBERS}名的规模，可考虑分设党支部",
        )
    committee = [o for o in summary.officers if o.role is not OfficerRole.GROUP_LEADER]
    if full >= COMMITTEE_THRESHOLD and len(committee) < 3:
        add(
            RuleId.STRUCT_COMMITTEE,
            Severity.WARNING,
            f"正式党员{full}名（7名以上），应设立3至5人的支部委员会",
        )
    last_day = term_end(unit.elected_on, unit.term_years)
    if unit.elected_on and last_day is not None and last_day < as_of:
        add(
            RuleId.STRUCT_TERM,
            Severity.ERROR,
            f"上次换届{unit.elected_on.isoformat()}，任期{unit.term_years}年已届满，应按期换届",
            last_day + timedelta(days=1),
        )
    return found
