"""Every dues document of a year says the same owed, paid and rate as `figures --json`.

The year has a mid-year admission, a member leaving, a member unassessed for four months and a
current month (November, on the fixtures' 20 November) that some members already paid. The
figures are read back from the files a secretary prints: the 登记表 cells, the 公示 text, the
核定表 rows and the summary text.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import docx
from openpyxl import load_workbook

from branch_desk.domain.dues import DuesCategory
from branch_desk.domain.members import PartyStatus, StatusChangeKind
from branch_desk.domain.money import parse_yuan, yuan
from branch_desk.exports.column_fit import text_units
from branch_desk.services.app import BranchDesk
from branch_desk.services.dues.service import AssessmentInput, PaymentInput, RemittanceInput
from branch_desk.services.roster.members import StatusChangeInput
from tests.cli.test_cli import make_id
from tests.conftest import member_input

YEAR = 2026
TOTAL_COLS = {"owed": 17, "paid": 18, "extra": 19, "arrears": 20}  # Q R S T of the 合计 row


def add(desk: BranchDesk, branch_id: int, name: str, n: int, **changes: object) -> int:
    person = member_input(name=name, id_number=make_id("430102", "19800101", 200 + n), **changes)
    return desk.roster.add(branch_id, person).value.id


def assess(desk: BranchDesk, member_id: int, base: str, month: int = 1, year: int = YEAR) -> None:
    data = AssessmentInput(DuesCategory.EMPLOYED, parse_yuan(base), from_month=month)
    desk.dues.assess(member_id, year, data)


def pay(desk: BranchDesk, member_id: int, first: int, last: int, amount: str, on: date) -> None:
    span = PaymentInput(
        date(YEAR, first, 1), date(YEAR, last, 1), parse_yuan(amount), on, collector="刘芳"
    )
    desk.dues.pay(member_id, span)


def build_year(desk: BranchDesk, branch_id: int) -> dict[str, int]:
    zhang = add(desk, branch_id, "张三", 1)
    assess(desk, zhang, "4800")  # 48.00 a month
    pay(desk, zhang, 1, 6, "288", date(YEAR, 6, 5))
    pay(desk, zhang, 7, 10, "192", date(YEAR, 10, 8))
    pay(desk, zhang, 11, 11, "48", date(YEAR, 11, 10))  # the current month, paid ahead
    sun = add(  # admitted on 28 April: owes from April
        desk,
        branch_id,
        "孙新",
        2,
        party_status=PartyStatus.PROBATIONARY,
        joined_on=date(YEAR, 4, 28),
        full_member_on=None,
    )
    assess(desk, sun, "3000")  # 15.00
    pay(desk, sun, 4, 8, "75", date(YEAR, 8, 20))
    qian = add(desk, branch_id, "钱走", 3)
    assess(desk, qian, "6000")  # 90.00
    pay(desk, qian, 1, 3, "270", date(YEAR, 3, 2))
    desk.roster.change_status(
        qian, StatusChangeInput(StatusChangeKind.TRANSFER_OUT, date(YEAR, 6, 10), "某支部", "1号")
    )
    zhou = add(desk, branch_id, "周未", 4)
    assess(desk, zhou, "5000", month=5)  # 50.00 from May: January–April unassessed
    pay(desk, zhou, 5, 10, "300", date(YEAR, 10, 30))
    return {"zhang": zhang, "sun": sun, "qian": qian, "zhou": zhou}


def money(text: str) -> int:
    return parse_yuan(text.replace(",", ""))


def docx_text(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def cell_fen(value: object) -> int | None:
    """A read-back amount cell in fen; the words 未核定 are unknown (None)."""
    if value == "未核定":
        return None
    return parse_yuan(value)


def ledger_figures(path: Path) -> dict[str, int | None]:
    sheet = load_workbook(path).active
    (row,) = [r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "合计"]
    return {key: cell_fen(sheet.cell(row, col).value) for key, col in TOTAL_COLS.items()}


def notice_figures(text: str) -> dict[str, object]:
    known = re.search(r"全年应交党费([\d,.]+)元，实交([\d,.]+)元，收缴率([\d.]+)%", text)
    if known:
        return {"owed": money(known[1]), "paid": money(known[2]), "rate": known[3]}
    unknown = re.search(r"收缴率未核定；已核定部分应交([\d,.]+)元，实交([\d,.]+)元", text)
    assert unknown, text
    return {"owed": None, "assessed": money(unknown[1]), "paid": money(unknown[2]), "rate": None}


def summary_figures(text: str) -> dict[str, object]:
    known = re.search(r"应交党费([\d,.]+)元，实交([\d,.]+)元，收缴率([\d.]+)%", text)
    if known:
        return {"owed": money(known[1]), "paid": money(known[2]), "rate": known[3]}
    unknown = re.search(r"已核定部分应交党费([\d,.]+)元，实交([\d,.]+)元[（；]", text)
    assert unknown, text
    return {"owed": None, "assessed": money(unknown[1]), "paid": money(unknown[2]), "rate": None}


def json_figures(desk: BranchDesk, branch_id: int) -> dict[str, object]:
    dues = desk.snapshots.build(branch_id, YEAR).to_json()["dues"]  # what figures --json prints
    return {
        "owed": None if dues["owed"] is None else money(dues["owed"]),
        "assessed": money(dues["assessed_owed"]),
        "paid": money(dues["paid"]),
        "extra": money(dues["extra"]),
        "arrears": money(dues["arrears"]),
        "rate": dues["rate"],
        "payers": dues["payers"],
        "remitted": dues["remitted"],
    }


def documents(desk: BranchDesk, branch_id: int, out: Path) -> dict[str, object]:
    out.mkdir(exist_ok=True)
    desk.dues_io.export_ledger(branch_id, YEAR, out / "登记表.xlsx")
    desk.dues_io.export_notice(branch_id, YEAR, out / "公示.docx")
    desk.dues_io.export_assessment(branch_id, YEAR, out / "核定表.xlsx")
    desk.summary.export(branch_id, YEAR, out / "总结.docx")
    return {
        "ledger": ledger_figures(out / "登记表.xlsx"),
        "notice": docx_text(out / "公示.docx"),
        "summary": docx_text(out / "总结.docx"),
        "assessment": load_workbook(out / "核定表.xlsx").active,
    }


def test_owed_paid_and_rate_agree_in_every_document(
    desk: BranchDesk, branch_id: int, tmp_path: Path
) -> None:
    ids = build_year(desk, branch_id)
    # ---- with 周未's January–April unassessed: owed and rate unknown everywhere, in words
    figures = json_figures(desk, branch_id)
    # assessed owed, January–October: 张三 10×48, 孙新 7×15 (April on), 钱走 5×90 (to May),
    # 周未 6×50 (May on)
    assessed = 48_000 + 10_500 + 45_000 + 30_000
    paid = 48_000 + 7_500 + 27_000 + 30_000  # November's 48.00 is paid ahead, not in paid
    assert (figures["owed"], figures["assessed"], figures["paid"]) == (None, assessed, paid)
    assert (figures["rate"], figures["extra"], figures["remitted"]) == (None, 4_800, None)
    docs = documents(desk, branch_id, tmp_path / "unknown")
    assert docs["ledger"] == {
        "owed": None,
        "paid": paid,
        "extra": 4_800,
        "arrears": figures["arrears"],
    }
    notice = notice_figures(docs["notice"])
    assert notice == {"owed": None, "assessed": assessed, "paid": paid, "rate": None}
    assert "周未（共1名）有4个月尚未核定党费基数" in docs["notice"]
    assert "本年度未登记上缴党费记录" in docs["notice"] and "上缴党费0.00元" not in docs["notice"]
    assert f"应交纳党费的党员共{figures['payers']}名" in docs["notice"]
    summary = summary_figures(docs["summary"])
    assert summary == {"owed": None, "assessed": assessed, "paid": paid, "rate": None}
    assert "上缴党费0.00元" not in docs["summary"]
    sheet = docs["assessment"]
    lines = {sheet.cell(r, 2).value: r for r in range(4, sheet.max_row + 1)}
    assert {"张三", "孙新", "钱走", "周未"} <= set(lines)  # the year's roll, 钱走 included
    zhou = [r for r in range(4, sheet.max_row + 1) if sheet.cell(r, 2).value == "周未"]
    texts = [sheet.cell(r, 9).value for r in zhou]  # 月应交
    assert "未核定" in texts and Decimal("50.00") in texts
    assert any("1月至4月尚未核定党费基数" in str(sheet.cell(r, 13).value) for r in zhou)

    # ---- 周未 assessed for January–April, a remittance recorded: the same figures everywhere
    assess(desk, ids["zhou"], "5000", month=1)
    desk.dues.remit(branch_id, RemittanceInput(date(YEAR, 7, 1), 50_000))
    figures = json_figures(desk, branch_id)
    owed = assessed + 4 * 5_000
    rate = (Decimal(paid) * 100 / Decimal(owed)).quantize(Decimal("0.1"), "ROUND_HALF_UP")
    assert (figures["owed"], figures["paid"], figures["rate"]) == (owed, paid, str(rate))
    assert figures["remitted"] == "500.00"
    docs = documents(desk, branch_id, tmp_path / "known")
    assert docs["ledger"] == {
        "owed": owed,
        "paid": paid,
        "extra": 4_800,
        "arrears": owed - paid,
    }
    expected = {"owed": owed, "paid": paid, "rate": str(rate)}
    assert notice_figures(docs["notice"]) == expected
    assert summary_figures(docs["summary"]) == expected
    assert "上缴党费500.00元" in docs["notice"]
    assert f"另收预交及自愿多交党费{yuan(4_800)}元" in docs["summary"]


def test_past_year_assessment_sheet_and_notice_follow_that_years_roll(
    desk: BranchDesk, branch_id: int, tmp_path: Path
) -> None:
    """2025 as of 31 December: no one admitted in 2026, every 2025 member, unassessed said."""
    old = add(desk, branch_id, "老王", 1)  # on the 2025 roll, never assessed for 2025
    done = add(desk, branch_id, "李好", 2)
    assess(desk, done, "4800", year=2025)
    new = add(
        desk,
        branch_id,
        "新人",
        3,
        party_status=PartyStatus.PROBATIONARY,
        joined_on=date(2026, 3, 1),
        full_member_on=None,
    )
    assess(desk, new, "4800", year=2025)  # a stray 2025 record for someone admitted in 2026
    sheet = desk.dues_reports.assessment_sheet(branch_id, 2025)
    assert [r.name for r in sheet.rows] == ["老王", "李好"]
    assert sheet.rows[0].monthly_due_fen is None and sheet.as_of == "2025-12-31"
    desk.dues_io.export_assessment(branch_id, 2025, tmp_path / "核定表.xlsx")
    ws = load_workbook(tmp_path / "核定表.xlsx").active
    assert "名册截至：2025年12月31日" in ws["A2"].value
    desk.dues_io.export_notice(branch_id, 2025, tmp_path / "公示.docx")
    text = docx_text(tmp_path / "公示.docx")
    assert "100.0%" not in text and "收缴率未核定" in text
    assert "老王（共1名）有12个月尚未核定党费基数" in text
    assert text.rstrip().endswith("2025年12月31日")
    assert old and desk.snapshots.build(branch_id, 2025).to_json()["dues"]["rate"] is None


def test_large_amounts_stay_on_one_line(desk: BranchDesk, branch_id: int, tmp_path: Path) -> None:
    """1000.00 a month and 12000.00 in a total fit their columns (width ≥ the text's)."""
    rich = add(desk, branch_id, "钱多", 1)
    assess(desk, rich, "60000")  # 2% of 60,000.00 is 1,200.00: capped at 1,000.00
    pay(desk, rich, 1, 1, "12000", date(YEAR, 1, 5))  # 1,000.00 due, 11,000.00 voluntary
    pay(desk, rich, 2, 6, "5000", date(YEAR, 6, 8))
    pay(desk, rich, 7, 10, "4000", date(YEAR, 10, 8))
    pay(desk, rich, 11, 12, "2000", date(YEAR, 11, 10))
    path = tmp_path / "登记表.xlsx"
    desk.dues_io.export_ledger(branch_id, YEAR, path)
    sheet = load_workbook(path).active
    (total,) = [r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "合计"]
    seen = set()
    for row in sheet.iter_rows(min_row=5, max_row=total):
        for cell in row:
            if isinstance(cell.value, Decimal | int | float) and cell.column >= 4:
                text = f"{Decimal(str(cell.value)):.2f}"
                seen.add(text)
                width = sheet.column_dimensions[cell.column_letter].width
                assert width >= text_units(text) + 1, (cell.coordinate, text, width)
    assert {"1000.00", "12000.00", "10000.00", "13000.00"} <= seen
    # 2月 of 钱多, and its 缴纳日期 and 经手人 on the line below
    assert sheet.cell(5, 6).value == Decimal("1000.00")
    assert sheet.cell(6, 6).value == "6月8日\n刘芳"
