"""`report --year Y --as-of D`: the size wording and the plans are those of the as-of day."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx

from branch_desk.domain.development import Step
from branch_desk.domain.members import Gender, PartyStatus
from branch_desk.services.app import BranchDesk
from branch_desk.services.development.service import CandidateInput
from tests.conftest import FIXED_NOW, member_input

TODAY = FIXED_NOW.date()  # 2026-11-20
YEAR_END = date(2025, 12, 31)
NAME_CHARS = "甲乙丙丁戊己庚辛壬癸"


def docx_text(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def fill_roll(desk: BranchDesk, branch_id: int, full: int, joined_2026: int) -> None:
    """``full`` members since 2005, then ``joined_2026`` 预备党员 admitted in March 2026."""
    for i in range(full + joined_2026):
        late = i >= full
        joined = date(2026, 3, 1 + i - full) if late else date(2005, 7, 1)
        desk.roster.add(
            branch_id,
            member_input(
                name=NAME_CHARS[i // 10] + NAME_CHARS[i % 10] + "军",
                id_number="",
                gender=Gender.MALE,
                birth_date=date(1980, 1, 1) if not late else date(1999, 1, 1 + i - full),
                party_status=PartyStatus.PROBATIONARY if late else PartyStatus.FULL,
                joined_on=joined,
                full_member_on=None if late else date(2006, 7, 1),
            ),
        )


def test_size_wording_uses_the_as_of_roll(desk: BranchDesk, branch_id: int, tmp_path: Path):
    """50 members at the end of 2025, 53 after three admissions in 2026."""
    fill_roll(desk, branch_id, 50, 3)
    assert desk.snapshots.build(branch_id, 2025).members.total == 50
    assert desk.snapshots.build(branch_id, 2026).members.total == 53

    past = [f for f in desk.checks.findings(2025, YEAR_END) if f.rule == "struct.size"]
    assert past == []
    (now,) = [f for f in desk.checks.findings(2026, TODAY) if f.rule == "struct.size"]
    assert now.message.startswith("党员53名，超过一般不超过50名的规模")

    text = desk.summary.document(branch_id, 2025, YEAR_END).text()
    assert "本支部共有党员50名" in text
    assert "超过一般不超过50名" not in text and "党员53名" not in text
    out = desk.summary.export(branch_id, 2025, tmp_path / "2025.docx", as_of=YEAR_END)
    assert out is not None
    written = docx_text(tmp_path / "2025.docx")
    assert "本支部共有党员50名" in written and "超过一般不超过50名" not in written
    assert "党员人数已达" not in written
    # the summary says it in prose, with the year's own count
    assert "党员人数已达53名" in desk.summary.document(branch_id, 2026).text()


def test_size_wording_names_the_year_end_count_when_over(desk: BranchDesk, branch_id: int):
    """51 at the end of 2025 (54 now): the 2025 report says 51, never today's 54."""
    fill_roll(desk, branch_id, 51, 3)
    (past,) = [f for f in desk.checks.findings(2025, YEAR_END) if f.rule == "struct.size"]
    assert past.message.startswith("党员51名，超过一般不超过50名的规模")
    text = desk.summary.document(branch_id, 2025, YEAR_END).text()
    assert "党员人数已达51名" in text
    assert "54名" not in text


def test_plans_leave_out_people_who_applied_after_the_as_of_day(
    desk: BranchDesk, branch_id: int, tmp_path: Path
):
    """Applied 2025-10-08: in the 2025 report's pipeline; applied 2026-02-03: not in it.

    The summary names no applicant (it goes to the upper committee): it counts them.
    """
    fill_roll(desk, branch_id, 5, 0)
    early = desk.development.add(
        branch_id, CandidateInput("周文静", Gender.FEMALE, date(2000, 5, 1))
    )
    desk.development.record_step(early.value.id, Step.APPLICATION, date(2025, 10, 8))
    late = desk.development.add(branch_id, CandidateInput("吴思远", Gender.MALE, date(2001, 6, 2)))
    desk.development.record_step(late.value.id, Step.APPLICATION, date(2026, 2, 3))

    desk.summary.export(branch_id, 2025, tmp_path / "2025.docx", as_of=YEAR_END)
    written = docx_text(tmp_path / "2025.docx")
    assert "现有入党申请人1名" in written
    assert "周文静" not in written and "吴思远" not in written
    # as of a day in 2026 both are in the pipeline
    now = desk.summary.document(branch_id, 2026, TODAY).text()
    assert "现有入党申请人2名" in now and "周文静" not in now
