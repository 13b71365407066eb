"""台账起始日期 and empty 党小组: periods that owe nothing give no finding and show 无需召开."""

from __future__ import annotations

from datetime import date

from branch_desk.domain.findings import Finding, Severity
from branch_desk.domain.ledger_start import (
    BEFORE_START,
    EMPTY_GROUP,
    default_ledger_start,
    findings_from_start,
    months_from_start,
    period_end,
)
from branch_desk.domain.members import PartyStatus, StatusChangeKind
from branch_desk.domain.org import OrgUnitKind, OrgUnitRecord
from branch_desk.domain.rules.frequency import frequency_findings, grid_rows
from branch_desk.domain.rules.settings import RuleValues
from branch_desk.domain.voting import MemberFacts

UNIT = OrgUnitRecord(1, OrgUnitKind.BRANCH, "第一党支部", None, "", None, 3)
GROUPS = [
    OrgUnitRecord(2, OrgUnitKind.GROUP, "第一党小组", 1, "", None, 3),
    OrgUnitRecord(3, OrgUnitKind.GROUP, "第二党小组", 1, "", None, 3),
]
AS_OF = date(2026, 12, 5)


def member(member_id: int, group_id: int, since: date, left: date | None = None) -> MemberFacts:
    history = [(StatusChangeKind.REGISTERED, since)]
    if left:
        history.append((StatusChangeKind.TRANSFER_OUT, left))
    return MemberFacts(
        member_id, f"党员{member_id}", date(2000, 1, 1), date(2001, 1, 1), PartyStatus.FULL,
        tuple(history), (), group_id,
    )  # fmt: skip


def test_default_start_and_period_ends():
    assert default_ledger_start(date(2026, 12, 5)) == date(2026, 12, 1)
    assert period_end("2026-11") == date(2026, 11, 30)
    assert period_end("2026-Q3") == date(2026, 9, 30)
    assert period_end("2026-H1") == date(2026, 6, 30)
    assert period_end("2025") == date(2025, 12, 31)
    assert period_end("第一党支部") is None and period_end(None) is None


def test_findings_before_the_start_are_dropped():
    def finding(period: str | None) -> Finding:
        return Finding("freq.committee", Severity.ERROR, period, "第一党支部", None, "x")

    found = [finding(p) for p in ("2026-11", "2026-12", "2026-Q3", "2026-Q4", "2025", None)]
    kept = findings_from_start(found, date(2026, 12, 1))
    assert [f.period for f in kept] == ["2026-12", "2026-Q4", None]
    assert findings_from_start(found, None) == found


def test_arrears_months_count_from_the_start():
    months = [2026 * 12 + m for m in range(0, 11)]  # January … November 2026
    assert months_from_start(months, date(2026, 9, 15)) == months[8:]
    assert months_from_start(months, None) == months


def test_new_branch_owes_nothing_before_its_start():
    """Set up on 2026-12-01: January–November are 无需召开, no finding for them."""
    members = [member(1, 2, date(2020, 1, 1)), member(2, 3, date(2020, 1, 1))]
    rows = grid_rows(UNIT, GROUPS, [], RuleValues({}), 2026, AS_OF, date(2026, 12, 1), members)
    committee = next(r for r in rows if r.rule == "freq.committee")
    assert [c.status for c in committee.cells] == ["exempt"] * 11 + ["due"]
    assert committee.cells[0].note == BEFORE_START
    quarters = next(r for r in rows if r.rule == "freq.branch_assembly")
    assert [c.status for c in quarters.cells] == ["exempt"] * 3 + ["due"]
    found = [f for row in rows for f in frequency_findings(UNIT, row)]
    assert all(f.severity is not Severity.ERROR for f in found)
    assert {f.period for f in found} <= {"2026-12", "2026-Q4", "2026-H2", "2026"}


def test_a_group_without_members_owes_no_group_meeting():
    """第二党小组 has nobody until a member joins in October: no finding before that."""
    members = [member(1, 2, date(2020, 1, 1)), member(2, 3, date(2026, 10, 20))]
    rows = grid_rows(UNIT, GROUPS, [], RuleValues({}), 2026, AS_OF, None, members)
    second = next(r for r in rows if r.label == "党小组会（第二党小组）")
    assert [c.status for c in second.cells[:9]] == ["exempt"] * 9
    assert second.cells[0].note == EMPTY_GROUP
    assert [c.status for c in second.cells[9:]] == ["missing", "missing", "due"]
    first = next(r for r in rows if r.label == "党小组会（第一党小组）")
    assert [c.status for c in first.cells[:11]] == ["missing"] * 11
    second_found = [f for f in frequency_findings(UNIT, second) if f.severity is Severity.ERROR]
    assert [f.period for f in second_found] == ["2026-10", "2026-11"]


def test_a_group_emptied_by_a_transfer_owes_nothing_after_it():
    members = [member(1, 2, date(2020, 1, 1), left=date(2026, 3, 10))]
    rows = grid_rows(UNIT, GROUPS[:1], [], RuleValues({}), 2026, AS_OF, None, members)
    group = next(r for r in rows if r.rule == "freq.group_meeting")
    assert [c.status for c in group.cells[:4]] == ["missing", "missing", "missing", "exempt"]
