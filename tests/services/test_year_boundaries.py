"""The edges of a year: who is in it, which meetings count, and the date a past year's pack carries.

Each case is checked against the year snapshot and against at least one document of the pack.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime, time
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook

from branch_desk.domain.development import Step
from branch_desk.domain.dues import DuesCategory
from branch_desk.domain.events import AttendanceStatus, EventType
from branch_desk.domain.members import Gender, PartyStatus, StatusChangeKind
from branch_desk.domain.money import parse_yuan
from branch_desk.services.app import BranchDesk
from branch_desk.services.development.service import CandidateInput
from branch_desk.services.dues.service import AssessmentInput, PaymentInput
from branch_desk.services.meetings.events import AttendanceInput, EventInput
from branch_desk.services.roster.members import StatusChangeInput
from tests.conftest import FIXED_NOW, member_input
from tests.services.test_events import add_members

YEAR = 2025
YEAR_END = date(YEAR, 12, 31)
NEW_YEAR = date(YEAR + 1, 1, 1)
AS_OF_TEXT = "2025年12月31日"
NEWCOMER, LEAVER = "周新华", "赵一"


def text_of(name: str, data: bytes) -> str:
    """Every piece of text of a .docx (paragraphs, tables) or an .xlsx (every cell)."""
    if name.endswith(".docx"):
        document = docx.Document(io.BytesIO(data))
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    book = load_workbook(io.BytesIO(data))
    return "\n".join(
        str(v) for sheet in book for row in sheet.iter_rows(values_only=True) for v in row if v
    )


def sheet_cells(data: bytes) -> list[object]:
    sheet = load_workbook(io.BytesIO(data)).active
    return [v for row in sheet.iter_rows(values_only=True) for v in row if v is not None]


@pytest.fixture
def branch(desk: BranchDesk, branch_id: int) -> BranchDesk:
    """Six members since 2005; one admitted and one transferred out on 1 January 2026;
    a 支部党员大会 dated 28 December 2025, entered in March 2026."""
    add_members(desk, branch_id, 6)
    desk.roster.add(
        branch_id,
        member_input(
            name=NEWCOMER,
            id_number="",
            gender=Gender.FEMALE,
            birth_date=date(1998, 2, 3),
            party_status=PartyStatus.PROBATIONARY,
            joined_on=NEW_YEAR,
            full_member_on=None,
        ),
    )
    leaver = next(m for m in desk.roster.list(branch_id) if m.name == LEAVER)
    desk.roster.change_status(
        leaver.id,
        StatusChangeInput(
            StatusChangeKind.TRANSFER_OUT,
            NEW_YEAR,
            place="中共某某局机关党支部",
            letter_no="组转〔2026〕1号",
        ),
    )
    desk.db.clock = lambda: datetime(YEAR + 1, 3, 16, 9, 0)
    try:
        lines = tuple(
            AttendanceInput(m.name, AttendanceStatus.PRESENT, m.id)
            for m in desk.roster.list(branch_id)
            if m.name != NEWCOMER
        )
        desk.events.add(
            branch_id,
            EventInput(
                EventType.BRANCH_ASSEMBLY,
                date(YEAR, 12, 28),
                title="第四季度支部党员大会",
                chair="钱二",
                recorder="孙三",
                start=time(15),
                end=time(16),
                attendance=lines,
            ),
        )
    finally:
        desk.db.clock = lambda: FIXED_NOW
    return desk


def build_pack(desk: BranchDesk, path: Path) -> dict[str, bytes]:
    desk.archive.build(desk.org.resolve().id, YEAR, path)
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def one(pack: dict[str, bytes], folder: str, suffix: str) -> tuple[str, bytes]:
    found = [n for n in pack if n.startswith(folder) and n.endswith(suffix)]
    assert len(found) == 1, found
    return found[0], pack[found[0]]


@pytest.fixture
def pack(branch: BranchDesk, tmp_path: Path) -> dict[str, bytes]:
    return build_pack(branch, tmp_path / "2025.zip")


def test_admitted_on_new_years_day_is_not_in_the_year(
    branch: BranchDesk, branch_id: int, pack: dict[str, bytes]
):
    roll = {m.name for m in branch.snapshots.roll_on(branch_id, YEAR_END)}
    assert NEWCOMER not in roll
    assert NEWCOMER in {m.name for m in branch.snapshots.roll_on(branch_id, NEW_YEAR)}
    snap = branch.snapshots.build(branch_id, YEAR)
    assert (snap.members.total, snap.members.probationary, snap.members.joined) == (6, 0, 0)
    _, roster = one(pack, "02_", "党员名册.xlsx")
    assert NEWCOMER not in sheet_cells(roster)
    _, basic = one(pack, "01_", ".docx")
    text = text_of("01.docx", basic)
    assert "6" in text and NEWCOMER not in text
    nxt = branch.snapshots.build(branch_id, YEAR + 1, FIXED_NOW.date())
    assert (nxt.members.joined, nxt.members.probationary) == (1, 1)


def test_leaving_on_new_years_day_is_still_in_the_year(
    branch: BranchDesk, branch_id: int, pack: dict[str, bytes]
):
    assert LEAVER in {m.name for m in branch.snapshots.roll_on(branch_id, YEAR_END)}
    assert LEAVER not in {m.name for m in branch.snapshots.roll_on(branch_id, NEW_YEAR)}
    snap = branch.snapshots.build(branch_id, YEAR)
    assert (snap.members.total, snap.members.transferred_out) == (6, 0)
    _, roster = one(pack, "02_", "党员名册.xlsx")
    assert LEAVER in sheet_cells(roster)
    assert not [n for n in pack if n.startswith("03_")]  # no 转接 dated in 2025
    nxt = branch.snapshots.build(branch_id, YEAR + 1, FIXED_NOW.date())
    assert nxt.members.transferred_out == 1


def test_a_meeting_entered_next_march_counts_for_its_day(
    branch: BranchDesk, branch_id: int, pack: dict[str, bytes]
):
    snap = branch.snapshots.build(branch_id, YEAR)
    assert dict(snap.meetings.by_type) == {"支部党员大会": 1}
    name, record = one(pack, "04_", "支部党员大会_会议记录.docx")
    assert name.startswith("04_三会一课/2025-12-28_")
    assert "2025年12月28日" in text_of(name, record)
    summary_name, summary = one(pack, "12_", "党建工作总结.docx")
    assert "召开支部党员大会1次" in text_of(summary_name, summary)
    # the Q4 assembly is not missing from the year
    found = branch.checks.findings(YEAR, YEAR_END)
    assert not [f for f in found if f.rule == "freq.branch_assembly" and f.period == "2025-Q4"]


def test_a_rebuild_on_a_later_day_is_byte_identical(
    branch: BranchDesk, pack: dict[str, bytes], tmp_path: Path
):
    branch.db.clock = lambda: datetime(YEAR + 2, 7, 9, 16, 45)
    try:
        again = build_pack(branch, tmp_path / "again.zip")
    finally:
        branch.db.clock = lambda: FIXED_NOW
    assert sorted(again) == sorted(pack)
    assert [n for n in pack if again[n] != pack[n]] == []
    assert (tmp_path / "again.zip").read_bytes() == (tmp_path / "2025.zip").read_bytes()


DATE_LABEL = re.compile(r"(统计截至|统计日期|成文日期|编制日期)[：:]\s*(\d{4}年\d{1,2}月\d{1,2}日)")
# the year's own documents (not meeting records or dossiers, which carry their own days)
DATED = (
    ("01_", "支部基本情况.docx"),
    ("02_", "党员名册.xlsx"),
    ("03_", "组织关系转接登记表.xlsx"),
    ("08_", "发展党员工作情况汇总表.xlsx"),
    ("09_", "党费收缴登记表.xlsx"),
    ("09_", "党费收缴情况公示.docx"),
    ("10_", "学习学时统计表.xlsx"),
    ("12_", "党建工作总结.docx"),
)


def test_every_document_of_a_past_year_carries_the_as_of_date(
    branch: BranchDesk, branch_id: int, tmp_path: Path
):
    # a transfer inside the year, so the 转接登记表 is in the pack too
    member = next(m for m in branch.roster.list(branch_id) if m.name == "钱二")
    branch.roster.change_status(
        member.id,
        StatusChangeInput(
            StatusChangeKind.TRANSFER_OUT, date(YEAR, 11, 3), place="某某支部", letter_no="1号"
        ),
    )
    # dues of the year and a candidate, so the dues documents and the 发展汇总 are in it
    for m in branch.roster.list(branch_id):
        if m.name in ("孙三", "李四"):
            base = AssessmentInput(DuesCategory.EMPLOYED, parse_yuan("4800"))
            branch.dues.assess(m.id, YEAR, base)
            payment = PaymentInput(
                date(YEAR, 12, 1), date(YEAR, 12, 1), parse_yuan("48"), date(YEAR, 12, 8)
            )
            branch.dues.pay(m.id, payment)
    applicant = CandidateInput("吴晓燕", Gender.FEMALE, date(2000, 4, 5))
    cid = branch.development.add(branch_id, applicant).value.id
    branch.development.record_step(cid, Step.APPLICATION, date(YEAR, 5, 6))
    pack = build_pack(branch, tmp_path / "dated.zip")
    today = f"{FIXED_NOW.year}年{FIXED_NOW.month}月{FIXED_NOW.day}日"
    missing = [s for f, s in DATED if not any(n.startswith(f) and n.endswith(s) for n in pack)]
    assert missing == [], sorted(pack)
    for folder, suffix in DATED:
        name, data = one(pack, folder, suffix)
        text = text_of(name, data)
        labelled = DATE_LABEL.findall(text)
        if name.endswith("党建工作总结.docx") or name.endswith("党费收缴情况公示.docx"):
            # 成文日期: the signature date at the foot of the document
            assert text.rstrip().endswith(AS_OF_TEXT), name
        elif name.endswith("支部基本情况.docx"):
            assert f"截至{AS_OF_TEXT}" in text or AS_OF_TEXT in text, name
        else:
            assert labelled and {day for _, day in labelled} == {AS_OF_TEXT}, (name, labelled)
        assert today not in text, name
