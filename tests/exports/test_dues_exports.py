"""The dues register, the base assessment sheet and the public notice, read back from the files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from branch_desk.domain.dues import (
    AssessmentRow,
    AssessmentSheet,
    BasePart,
    DuesLedger,
    DuesNotice,
    LedgerMonth,
    LedgerRow,
    MonthState,
    PartKind,
)
from branch_desk.domain.dues_owed import (
    MemberDues,
    YearDues,
    collection_rate,
    member_dues,
    rate_text,
)
from branch_desk.domain.errors import UserError
from branch_desk.domain.money import parse_yuan
from branch_desk.exports.dues_docx import write_notice
from branch_desk.exports.dues_xlsx import write_assessment, write_ledger

S = MonthState
UNIT = "中共示例公司第一党支部"
AS_OF = date(2026, 11, 20)  # drawn up in November: January–October have ended
EMU_PER_MM = 36000


@dataclass(frozen=True)
class Month:
    """A month cell as the dues matrix gives it (for domain/dues_owed.py)."""

    index: int
    owed: bool
    due_fen: int | None
    paid_fen: int
    exempt: bool


def member_row(
    number: int, name: str, category: str, due: int | None, states: list[tuple[MonthState, int]]
) -> LedgerRow:
    """Build one register line from twelve (state, paid fen) months; figures by dues_owed."""
    months = tuple(
        LedgerMonth(state, None if state in (S.OFF_ROLL, S.UNASSESSED) else due, paid)
        for state, paid in states
    )
    cells = [
        Month(2026 * 12 + i, m.state is not S.OFF_ROLL, m.due_fen, m.paid_fen, m.state is S.EXEMPT)
        for i, m in enumerate(months)
    ]
    dues = member_dues(number * 10, name, cells, 2026, AS_OF)
    note = "补交8月欠款待办" if dues.arrears_fen else ""
    return LedgerRow(number, number * 10, name, category, due, months, dues, note)


def sample_ledger() -> DuesLedger:
    paid_48 = [(S.PAID, 4800)] * 10 + [(S.CURRENT, 0), (S.FUTURE, 0)]
    owing = [(S.PAID, 3000)] * 7 + [(S.OWED, 0), (S.PARTIAL, 1000), (S.OWED, 0)]
    owing += [(S.CURRENT, 0), (S.FUTURE, 0)]
    moved_in = [(S.OFF_ROLL, 0)] * 6 + [(S.PAID, 7550)] * 4 + [(S.PAID, 7550), (S.FUTURE, 0)]
    rows = (
        member_row(1, "张三", "在职", 4800, paid_48),
        member_row(2, "李强", "在职", 3000, owing),
        member_row(3, "赵敏", "学生", 0, [(S.EXEMPT, 0)] * 12),
        member_row(4, "陈刚", "在职", 7550, moved_in),
        member_row(5, "王丽", "在职", None, [(S.OFF_ROLL, 0)] * 8 + [(S.UNASSESSED, 0)] * 4),
    )
    month_totals = tuple(sum(r.months[i].paid_fen for r in rows) for i in range(12))
    return DuesLedger(
        unit_name=UNIT,
        year=2026,
        as_of=AS_OF.isoformat(),
        rows=rows,
        month_totals=month_totals,
        dues=YearDues(2026, AS_OF, tuple(r.dues for r in rows), 90_000, 0),
        collector="刘芳",
    )


def sample_assessment() -> AssessmentSheet:
    zhang = (
        BasePart("基本工资", 500_000, PartKind.INCLUDED),
        BasePart("绩效工资", 120_000, PartKind.INCLUDED),
        BasePart("个人所得税", 12_000, PartKind.DEDUCTED),
        BasePart("五险一金", 128_000, PartKind.DEDUCTED),
        BasePart("住房补贴", 80_000, PartKind.EXCLUDED),
    )
    rows = (
        AssessmentRow(
            1, "张三", "在职", zhang, 480_000, "1%", 4800, "无", "", 1,
            "税后工资 4,800.00 元，适用 1%，月应交 48.00 元",
        ),
        AssessmentRow(
            2, "陈刚", "在职", (BasePart("基本工资", 503_334, PartKind.INCLUDED),), 503_334,
            "1.5%", 7550, "无", "", 7, "税后工资 5,033.34 元，适用 1.5%，月应交 75.50 元",
        ),
        AssessmentRow(
            3, "赵敏", "学生", (), 0, "", 0, "免交", "示委〔2026〕3号", 1,
            "学生党员按固定标准；经批准免交（示委〔2026〕3号），月应交 0.00 元",
        ),
    )  # fmt: skip
    return AssessmentSheet(UNIT, 2026, rows, sum(r.monthly_due_fen for r in rows))


def counted(name: str, owed: int, paid: int, months: int = 12, n: int = 1) -> MemberDues:
    """A member's year as dues_owed counts it: owed and paid, the rest in arrears."""
    return MemberDues(n, name, months, (), owed, paid, 0, owed - paid, owed == 0, True)


def sample_notice(
    members: tuple[MemberDues, ...] | None = None,
    remitted_fen: int | None = 1_100_000,
    large_fen: int = 200_000,
    unit_name: str = UNIT,
) -> DuesNotice:
    if members is None:
        members = (
            counted("张三", 1_000_000, 1_000_000),
            counted("李强", 100_000, 90_000),
            counted("王丽", 134_500, 126_000),
            counted("赵敏", 0, 0),
            counted("陈刚", 0, 0, months=0),
        )
    dues = YearDues(2026, date(2027, 1, 5), members, remitted_fen, large_fen)
    return DuesNotice(unit_name, 2026, dues, "2027-01-05")


def fen(value: object) -> int:
    """Read a money cell back as fen, exactly (the file holds the decimal text)."""
    return parse_yuan(value)


def cells(sheet: Worksheet, row: int) -> list[object]:
    return [c.value for c in sheet[row]]


@pytest.fixture
def ledger_sheet(tmp_path: Path) -> Worksheet:
    out = tmp_path / "登记表.xlsx"
    write_ledger(out, sample_ledger())
    return load_workbook(out).active


def test_ledger_title_and_two_row_header(ledger_sheet: Worksheet):
    assert ledger_sheet["A1"].value == f"{UNIT}党员党费收缴登记表（2026年度）"
    assert f"党组织：{UNIT}" in ledger_sheet["A2"].value
    assert "统计截至：2026年11月20日" in ledger_sheet["A2"].value
    top, sub = cells(ledger_sheet, 3), cells(ledger_sheet, 4)
    assert top[:5] == ["序号", "姓名", "类别", "月应交（元）", "各月实交（元）"]
    assert top[-5:] == ["应交（元）", "实交（元）", "预交多交\n（元）", "欠交（元）", "备注"]
    assert sub[4:16] == [f"{m}月" for m in range(1, 13)]
    merged = {str(r) for r in ledger_sheet.merged_cells.ranges}
    assert {"A3:A4", "B3:B4", "E3:P3", "U3:U4"} <= merged


def test_ledger_amounts_are_exact_numbers(ledger_sheet: Worksheet):
    zhang = cells(ledger_sheet, 5)
    assert zhang[:4] == [1, "张三", "在职", 48]
    march = ledger_sheet["G5"]
    assert march.value == Decimal("48.00")
    assert march.data_type == "n" and march.number_format == "0.00"
    assert ledger_sheet["O5"].value is None  # November: not yet paid, nothing shown
    assert [fen(v) for v in zhang[16:20]] == [48_000, 48_000, 0, 0]
    chen = cells(ledger_sheet, 11)
    assert fen(chen[3]) == 7550  # 75.50
    assert fen(ledger_sheet["O11"].value) == 7550  # November, the current month, already paid
    # November has not ended: owed and paid count July–October, November is paid ahead
    assert [fen(v) for v in chen[16:20]] == [4 * 7550, 4 * 7550, 7550, 0]


def test_ledger_state_texts_and_colours(ledger_sheet: Worksheet):
    li = cells(ledger_sheet, 7)
    assert li[11] is None and li[13] is None  # August and October: owed, nothing paid
    assert fen(li[12]) == 1000  # September: partly paid
    for ref in ("L7", "M7", "N7"):
        assert ledger_sheet[ref].fill.start_color.rgb.endswith("FFD6D6")
    assert ledger_sheet["K7"].fill.fill_type is None
    assert fen(li[19]) == 2 * 3000 + 2000  # 欠交
    assert li[20] == "补交8月欠款待办"
    assert cells(ledger_sheet, 9)[4:16] == ["免交"] * 12
    assert ledger_sheet["E9"].font.color.rgb.endswith("808080")
    chen = cells(ledger_sheet, 11)
    assert chen[4:10] == ["—"] * 6
    wang = cells(ledger_sheet, 13)
    assert wang[3] == "未核定"
    assert wang[4:16] == ["—"] * 8 + ["未核定"] * 4
    assert wang[16] == "未核定"  # September and October have no assessment: owed unknown


def test_ledger_totals_match_the_ledger_to_the_fen(ledger_sheet: Worksheet):
    ledger = sample_ledger()
    total = cells(ledger_sheet, 15)
    assert total[0] == "合计"
    assert [fen(v) for v in total[4:16]] == list(ledger.month_totals)
    assert ledger.annual_due_fen is None and total[16] == "未核定"  # never 0.00
    assert [fen(v) for v in total[17:20]] == [
        ledger.annual_paid_fen,
        ledger.extra_fen,
        ledger.arrears_fen,
    ]
    for col in [*range(5, 17), 18, 19, 20]:  # each total is the column's sum, to the fen
        column = [ledger_sheet.cell(row=r, column=col).value for r in range(5, 15, 2)]
        assert sum(fen(v) for v in column if isinstance(v, int | float)) == fen(total[col - 1])
    assert fen(total[17]) == 48_000 + 22_000 + 7550 * 4  # 实交 1,002.00
    assert fen(total[18]) == 7550  # November paid ahead
    months = sum(fen(v) for v in total[4:16])
    assert months == fen(total[17]) + fen(total[18])  # every yuan received is shown once
    formulas = [
        c.value for row in ledger_sheet.iter_rows() for c in row if str(c.value).startswith("=")
    ]
    assert formulas == []


def test_ledger_remitted_and_signature_lines(ledger_sheet: Worksheet):
    summary = ledger_sheet["A16"].value
    assert "已上缴上级党组织党费900.00元" in summary
    assert "应交未核定（1名党员共2个月尚未核定党费基数，已核定部分应交1,082.00元）" in summary
    assert "实交1,002.00元，收缴率未核定，欠交80.00元" in summary
    signature = ledger_sheet["A17"].value
    for part in ("支部书记：", "组织委员：", "收缴人：刘芳", "日期："):
        assert part in signature


def test_ledger_prints_on_a4_landscape_one_page_wide(ledger_sheet: Worksheet):
    setup = ledger_sheet.page_setup
    assert setup.orientation == "landscape"
    assert str(setup.paperSize) == "9"
    assert setup.fitToWidth in (1, "1") and setup.fitToHeight in (0, "0")
    assert ledger_sheet.sheet_properties.pageSetUpPr.fitToPage
    assert ledger_sheet.print_title_rows == "$3:$4"
    assert ledger_sheet.freeze_panes == "E5"
    assert sum(ledger_sheet.column_dimensions[c].width for c in "ABCDEFGHIJKLMNOPQRSTU") < 180


def test_assessment_lists_parts_by_kind_and_totals(tmp_path: Path):
    out = tmp_path / "核定表.xlsx"
    write_assessment(out, sample_assessment())
    sheet = load_workbook(out).active
    assert sheet["A1"].value == f"{UNIT}党员党费基数核定表（2026年度）"
    header = cells(sheet, 3)
    assert header == [
        "序号", "姓名", "类别", "计入项目", "扣除项目", "不计入项目", "计算基数（元）", "比例",
        "月应交（元）", "减免情况", "批准文号", "起始月份", "计算说明",
    ]  # fmt: skip
    zhang = dict(zip(header, cells(sheet, 4), strict=True))
    assert zhang["计入项目"] == "基本工资 5,000.00；绩效工资 1,200.00"
    assert zhang["扣除项目"] == "个人所得税 120.00；五险一金 1,280.00"
    assert zhang["不计入项目"] == "住房补贴 800.00"
    assert zhang["计算基数（元）"] == Decimal("4800.00")
    assert zhang["比例"] == "1%"
    assert zhang["月应交（元）"] == Decimal("48.00")
    assert zhang["起始月份"] == "1月"
    assert zhang["计算说明"].endswith("月应交 48.00 元")
    chen = dict(zip(header, cells(sheet, 5), strict=True))
    assert fen(chen["计算基数（元）"]) == 503_334
    assert chen["起始月份"] == "7月（年中调整）"
    zhao = dict(zip(header, cells(sheet, 6), strict=True))
    assert (zhao["减免情况"], zhao["批准文号"]) == ("免交", "示委〔2026〕3号")
    assert zhao["计入项目"] in (None, "")
    total = cells(sheet, 7)
    assert total[0] == "合计" and fen(total[8]) == 4800 + 7550
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == "9"
    assert sheet.print_title_rows == "$3:$3"
    assert sheet.row_dimensions[4].height >= 2 * 13.5  # room for the wrapped pay items


def test_failed_write_leaves_nothing(tmp_path: Path):
    with pytest.raises(UserError):
        write_ledger(tmp_path / "missing" / "登记表.xlsx", sample_ledger())
    write_ledger(tmp_path / "登记表.xlsx", sample_ledger())
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == ["登记表.xlsx"]


def test_collection_rate_rounds_half_up_from_fen():
    assert rate_text(collection_rate(1_234_500, 1_216_000)) == "98.5%"  # 98.501…
    assert rate_text(collection_rate(2000, 1999)) == "100.0%"  # 99.95 → half up
    assert rate_text(collection_rate(4000, 3978)) == "99.5%"  # 99.45 → half up (even: 99.4)
    assert rate_text(collection_rate(3000, 1000)) == "33.3%"
    assert rate_text(collection_rate(0, 500, months_owed=0), "—") == "—"
    assert rate_text(collection_rate(None, 500)) == "未核定"


def test_notice_states_the_figures(tmp_path: Path):
    out = tmp_path / "公示.docx"
    write_notice(out, sample_notice())
    doc = docx.Document(str(out))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == f"{UNIT}\n2026年度党费收缴情况公示"  # broken after the unit
    assert doc.core_properties.title == f"{UNIT}2026年度党费收缴情况公示"
    body = "\n".join(texts)
    assert "《关于中国共产党党费收缴、使用和管理的规定》" in body
    assert "现将本支部2026年度党费收缴情况公示如下：" in body
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "一、基本情况",
        "二、收缴情况",
        "三、上缴情况",
        "四、未按时足额交纳党费情况",
    ]
    assert "党员共5名" in body
    assert "全年应交党费12,345.00元，实交12,160.00元，收缴率98.5%" in body
    assert "上缴党费11,000.00元" in body and "大额党费2,000.00元" in body
    assert "李强、王丽（共2名）" in body
    assert "公示期为5个工作日，如有疑问请向支部组织委员反映。" in body
    assert texts[-2:] == [UNIT, "2027年1月5日"]
    section = doc.sections[0]
    assert section.page_width / EMU_PER_MM == pytest.approx(210, abs=0.5)
    assert section.top_margin / EMU_PER_MM == pytest.approx(37, abs=0.5)
    assert section.left_margin / EMU_PER_MM == pytest.approx(28, abs=0.5)
    assert doc.styles["Normal"].font.size.pt == 16


def test_notice_with_nothing_due_and_everyone_paid(tmp_path: Path):
    out = tmp_path / "公示.docx"
    nothing = (counted("张三", 0, 0, months=0), counted("李强", 0, 0, months=0))
    notice = sample_notice(nothing, large_fen=0)
    write_notice(out, notice)
    body = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "收缴率—" in body
    short = tmp_path / "短.docx"
    write_notice(short, sample_notice(unit_name="第一党支部"))
    assert docx.Document(str(short)).paragraphs[0].text == "第一党支部2026年度党费收缴情况公示"
    assert "本年度无大额党费" in body
    assert "四、未按时足额交纳党费情况\n无。" in body
