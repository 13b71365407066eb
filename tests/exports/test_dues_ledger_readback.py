"""The 收缴登记表 written through the services reads back, cell by cell, as the ledger's fen."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from branch_desk.domain.dues import DuesCategory
from branch_desk.domain.members import MemberCategory
from branch_desk.services.app import BranchDesk
from branch_desk.services.dues.service import AssessmentInput, PaymentInput
from tests.cli.test_cli import make_id
from tests.conftest import member_input

TODAY = date(2026, 11, 20)  # the fixtures' clock
FIRST_ROW, FIRST_MONTH_COL = 5, 5  # data under the two header rows; 1月 is column E
# (name, category, base in fen, months paid as (first, last, amount fen, paid on))
PEOPLE = [
    # 33.33; 6.17; 50.00; 0.20 (the last payment 0.10 over); 200.00 (0.11 over)
    (
        "甲一",
        DuesCategory.EMPLOYED,
        333_300,
        [(1, 6, 19_998, date(2026, 6, 8)), (7, 10, 13_332, date(2026, 10, 8))],
    ),
    ("乙二", DuesCategory.EMPLOYED, 123_456, [(1, 3, 1_851, date(2026, 3, 2))]),
    ("丙三", DuesCategory.RETIRED, 500_001, [(2, 7, 30_000, date(2026, 7, 1))]),
    ("丁四", DuesCategory.STUDENT, 0, [(1, 6, 120, date(2026, 6, 1)), (7, 11, 110, TODAY)]),
    ("戊五", DuesCategory.EMPLOYED, 1_000_001, [(11, 11, 20_011, TODAY)]),
]


def fen(value: object) -> int:
    if isinstance(value, int | float):
        return int(Decimal(str(value)) * 100)
    return 0


def setup(desk: BranchDesk, branch_id: int) -> None:
    for n, (name, category, base, payments) in enumerate(PEOPLE, start=1):
        roster = MemberCategory.RETIRED if category is DuesCategory.RETIRED else None
        member = desk.roster.add(
            branch_id,
            member_input(
                name=name,
                id_number=make_id("430102", "19800101", 100 + n),
                **({"category": roster} if roster else {}),
            ),
        ).value
        desk.dues.assess(member.id, 2026, AssessmentInput(category, base))
        for first, last, amount, on in payments:
            desk.dues.pay(
                member.id, PaymentInput(date(2026, first, 1), date(2026, last, 1), amount, on)
            )


def test_every_amount_cell_and_total_matches_the_ledger(desk, branch_id, tmp_path: Path):
    setup(desk, branch_id)
    path = tmp_path / "登记表.xlsx"
    ledger = desk.dues_io.export_ledger(branch_id, 2026, path)
    sheet = load_workbook(path).active
    for offset, row in enumerate(ledger.rows):
        r = FIRST_ROW + 2 * offset  # two lines a member: amounts, then date and 经手人
        assert sheet.cell(r, 2).value == row.name
        assert fen(sheet.cell(r, 4).value) == row.monthly_due_fen
        for m, month in enumerate(row.months):
            assert fen(sheet.cell(r, FIRST_MONTH_COL + m).value) == month.paid_fen, (row.name, m)
        tail = [fen(sheet.cell(r, c).value) for c in (17, 18, 19, 20)]
        assert tail == [row.annual_due_fen, row.annual_paid_fen, row.extra_fen, row.arrears_fen]
    total = FIRST_ROW + 2 * len(ledger.rows)
    assert sheet.cell(total, 1).value == "合计"
    for col in range(FIRST_MONTH_COL, 21):
        column = [fen(sheet.cell(r, col).value) for r in range(FIRST_ROW, total, 2)]
        assert fen(sheet.cell(total, col).value) == sum(column), col
    paid = 19_998 + 13_332 + 1_851 + 30_000 + 120 + 110 + 20_011
    received = fen(sheet.cell(total, 18).value) + fen(sheet.cell(total, 19).value)
    assert (ledger.annual_paid_fen, ledger.extra_fen) == (
        fen(sheet.cell(total, 18).value),
        fen(sheet.cell(total, 19).value),
    )
    assert received == ledger.annual_paid_fen + ledger.extra_fen == paid
    months = range(FIRST_MONTH_COL, FIRST_MONTH_COL + 12)
    assert sum(fen(sheet.cell(total, c).value) for c in months) == paid
    assert fen(sheet.cell(total, FIRST_MONTH_COL + 10).value) == 30 + 20_011  # 11月
