"""`import dues-bases|dues-payments` and `dues assess|pay|arrears|ledger|assessment|notice`."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import pytest
from openpyxl import load_workbook

from branch_desk.domain.members import MemberCategory
from branch_desk.storage import database
from tests.cli.test_cli import FrozenDatetime, assert_one_line_error, run
from tests.cli.test_events_cli import open_desk
from tests.conftest import member_input
from tests.services.test_dues_import import (
    GRID_HEADER,
    HR_HEADER,
    HR_TITLE,
    add_people,
    grid_row,
    hr_rows,
)
from tests.xlsx_helpers import write_sheet

AMOUNT = re.compile(r"^\d+\.\d{2}$")
ZHOU_ID = "110101199003071217"


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every CLI run in this module sees FIXED_NOW (2026-11-20) as now."""
    monkeypatch.setattr(database, "datetime", FrozenDatetime)


@pytest.fixture
def data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """第一党支部 with 张三, 李红 (退休), 王芳 (admitted 2026-04-28) and 赵敏 (学生)."""
    folder = tmp_path / "data"
    code, _, err = run(capsys, folder, "init", "--name", "第一党支部", "--groups", "第一党小组")
    assert (code, err) == (0, "")
    with open_desk(folder) as desk:
        add_people(desk, desk.org.resolve().id)
    return folder


def bases_file(tmp_path: Path, rows: list[list[Any]] | None = None) -> Path:
    return write_sheet(tmp_path / "基数.xlsx", HR_HEADER, rows or hr_rows(), preamble=HR_TITLE)


def grid_file(tmp_path: Path, rows: list[list[Any]], name: str = "登记表.xlsx") -> Path:
    return write_sheet(tmp_path / name, GRID_HEADER, rows, preamble=[["2026年党费收缴登记表"]])


def cli_json(capsys: pytest.CaptureFixture[str], folder: Path, *args: str) -> Any:
    code, out, err = run(capsys, folder, *args, "--json")
    assert (code, err) == (0, ""), err
    return json.loads(out)


def payment_count(folder: Path) -> int:
    with open_desk(folder) as desk:
        return len(desk.dues.payments(desk.org.resolve().id))


@pytest.fixture
def assessed(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    code, out, err = run(capsys, data, "import", "dues-bases", str(bases_file(tmp_path)),
                         "--year", "2026")  # fmt: skip
    assert (code, err) == (0, ""), out
    assert "导入完成：党费核定4条。" in out
    return data


@pytest.fixture
def history(assessed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """Jan–Mar (张三) and Jan–Feb (李红) from the old grid, 王芳 Apr–May; 张三 pays Apr–Jul."""
    rows = [
        grid_row(1, "张三", {1: 82.2, 2: 82.2, 3: "82.20"}),
        grid_row(2, "李红", {1: 21, 2: 21}),
        grid_row(3, "王芳", {1: "—", 2: "—", 3: "—", 4: 15, 5: 15}),
    ]
    code, out, err = run(capsys, assessed, "import", "dues-payments",
                         str(grid_file(tmp_path, rows)), "--year", "2026")  # fmt: skip
    assert (code, err) == (0, ""), out
    assert "导入完成：月度缴费7条。" in out
    code, out, err = run(capsys, assessed, "dues", "pay", "--member", "张三", "--months",
                         "2026-04..2026-07", "--amount", "328.80", "--date", "2026-07-05")  # fmt: skip
    assert (code, err) == (0, "")
    with open_desk(assessed) as desk:  # 周九 joins and is never assessed
        desk.roster.add(
            desk.org.resolve().id,
            member_input(name="周九", id_number=ZHOU_ID, category=MemberCategory.EMPLOYED),
        )
    return assessed


# ---- import dues-bases -----------------------------------------------------------------------


def test_bases_dry_run_writes_nothing_then_import_and_reimport(data, tmp_path, capsys):
    path = str(bases_file(tmp_path))
    code, out, err = run(capsys, data, "import", "dues-bases", path, "--year", "2026", "--dry-run")
    assert (code, err) == (0, "")
    assert "表头在第3行，数据4行：新增4，更新0，无变化0，有错误0。" in out
    assert "未识别的列（已忽略）：备注" in out
    assert "第4行 张三：在职，基数 5,480.00 元，1.5%，月应交 82.20 元" in out
    assert "合计：4人，月应交合计 118.40 元" in out
    assert "检查通过（--dry-run：未写入任何数据）。" in out
    assert cli_json(capsys, data, "dues", "assess", "--year", "2026") == []
    code, out, _ = run(capsys, data, "import", "dues-bases", path, "--year", "2026")
    assert code == 0 and "导入完成：党费核定4条。" in out
    code, out, _ = run(capsys, data, "import", "dues-bases", path, "--year", "2026")
    assert code == 0 and "新增0，更新4" in out
    assert len(cli_json(capsys, data, "dues", "assess", "--year", "2026")) == 4


def test_bases_with_errors_exit_1_and_list_each_cell(data, tmp_path, capsys):
    rows = hr_rows()
    rows[0][2] = 110101199003071233  # 身份证号 typed as a number
    rows[1][1] = "钱八"
    rows[1][2] = None
    rows[2][11] = "免交"  # without 批准文号
    code, out, err = run(capsys, data, "import", "dues-bases", str(bases_file(tmp_path, rows)),
                         "--year", "2026")  # fmt: skip
    assert code == 1
    assert_one_line_error(err, "发现3处错误，未导入任何数据。")
    assert "第4行〔身份证号码〕身份证号被保存为数字" in out
    assert "第5行〔姓名〕名册中没有党员“钱八”" in out
    assert "第6行〔批准文号〕" in out
    assert cli_json(capsys, data, "dues", "assess", "--year", "2026") == []


def test_missing_file_is_a_one_line_error(data, tmp_path, capsys):
    code, _, err = run(capsys, data, "import", "dues-bases", str(tmp_path / "无.xlsx"),
                       "--year", "2026")  # fmt: skip
    assert code == 1
    assert_one_line_error(err, "文件不存在")


# ---- dues assess -----------------------------------------------------------------------------


def test_assess_json_fields_and_formats(assessed, capsys):
    rows = {r["name"]: r for r in cli_json(capsys, assessed, "dues", "assess", "--year", "2026")}
    assert list(rows) == ["张三", "李红", "王芳", "赵敏"]
    zhang = rows["张三"]
    assert {k: zhang[k] for k in ("category", "base", "rate", "monthly_due", "from_month")} == {
        "category": "在职", "base": "5480.00", "rate": "1.5%", "monthly_due": "82.20",
        "from_month": 1,
    }  # fmt: skip
    assert zhang["reduction"] == "无" and zhang["approval_ref"] is None
    assert "税后工资 5,480.00 元" in zhang["explanation"]
    assert [rows[n]["rate"] for n in rows] == ["1.5%", "0.5%", "0.5%", None]
    assert (rows["李红"]["category"], rows["李红"]["monthly_due"]) == ("离退休", "21.00")
    assert (rows["赵敏"]["base"], rows["赵敏"]["monthly_due"]) == ("0.00", "0.20")
    for row in rows.values():
        assert AMOUNT.match(row["base"]) and AMOUNT.match(row["monthly_due"])
    code, out, _ = run(capsys, assessed, "dues", "assess", "--year", "2026")
    assert code == 0 and out.strip().endswith("2026年度已核定4人")


# ---- import dues-payments --------------------------------------------------------------------


def test_payments_dry_run_import_and_reimport(assessed, tmp_path, capsys):
    path = str(grid_file(tmp_path, [grid_row(1, "张三", {1: 82.2, 2: 82.2, 3: "免交"})]))
    code, out, _ = run(capsys, assessed, "import", "dues-payments", path, "--year", "2026",
                       "--dry-run")  # fmt: skip
    assert code == 0 and "检查通过" in out
    assert payment_count(assessed) == 0
    code, out, _ = run(capsys, assessed, "import", "dues-payments", path, "--year", "2026")
    assert code == 0 and "导入完成：月度缴费2条。" in out
    code, out, _ = run(capsys, assessed, "import", "dues-payments", path, "--year", "2026")
    assert code == 0 and "新增0，更新0，无变化1" in out and "月度缴费0条" in out
    assert payment_count(assessed) == 2


def test_payments_mismatch_and_future_month_exit_1(assessed, tmp_path, capsys):
    run(capsys, assessed, "import", "dues-payments",
        str(grid_file(tmp_path, [grid_row(1, "张三", {1: 82.2})])), "--year", "2026")  # fmt: skip
    rows = [grid_row(1, "张三", {1: 80, 2: 82.2, 12: 82.2})]
    code, out, err = run(capsys, assessed, "import", "dues-payments",
                         str(grid_file(tmp_path, rows, "b.xlsx")), "--year", "2026")  # fmt: skip
    assert code == 1
    assert_one_line_error(err, "发现2处错误")
    assert "第3行〔1月〕该月已登记缴费82.20元，与表中80.00元不符" in out
    assert "第3行〔12月〕该月尚未到" in out
    assert payment_count(assessed) == 1  # February was not saved either


# ---- dues pay --------------------------------------------------------------------------------


def test_pay_prints_what_was_recorded(assessed, capsys):
    code, out, err = run(capsys, assessed, "dues", "pay", "--member", "110101199003071233",
                         "--months", "2026-01..2026-03", "--amount", "250",
                         "--date", "2026-03-05", "--collector", "李四")  # fmt: skip
    assert (code, err) == (0, "")
    assert out.strip() == "已登记：张三 2026年1月—3月 党费 250.00 元，其中自愿多交 3.40 元。"
    code, out, _ = run(capsys, assessed, "dues", "pay", "--member", "赵敏", "--months", "2026-11",
                       "--amount", "0.20", "--date", "2026-11-20")  # fmt: skip
    assert code == 0 and out.strip() == "已登记：赵敏 2026年11月 党费 0.20 元。"
    assert payment_count(assessed) == 2


@pytest.mark.parametrize(
    ("member", "months", "amount", "day", "fragments"),
    [
        ("张三", "2026-1..2026-13", "45", "2026-03-05", ("月份“2026-13”格式应为 YYYY-MM",)),
        ("张三", "2026/01", "45", "2026-03-05", ("月份“2026/01”格式应为 YYYY-MM",)),
        ("张三", "2026-03..2026-01", "45", "2026-03-05", ("结束月份不能早于开始月份",)),
        ("张三", "2026-01..2026-03", "100.00", "2026-03-05",
         ("金额不足", "应交合计 246.60 元", "本次只交 100.00 元")),
        ("张三", "2026-01", "1.234", "2026-03-05", ("金额", "1.234")),
        ("钱八", "2026-01", "45", "2026-03-05", ("找不到党员“钱八”",)),
        ("张三", "2026-11", "82.20", "2026-11-21", ("缴纳日期", "不能晚于今天")),
        ("王芳", "2026-03..2026-04", "30", "2026-05-01", ("2026年3月该党员不在本支部名册中",)),
    ],
)  # fmt: skip
def test_pay_errors_are_one_line_and_save_nothing(
    assessed, capsys, member, months, amount, day, fragments
):
    code, out, err = run(capsys, assessed, "dues", "pay", "--member", member, "--months", months,
                         "--amount", amount, "--date", day)  # fmt: skip
    assert (code, out) == (1, "")
    assert_one_line_error(err, "错误", *fragments)
    assert payment_count(assessed) == 0


def test_pay_year_zero_is_a_format_error(assessed, capsys):
    code, _, err = run(capsys, assessed, "dues", "pay", "--member", "张三", "--months",
                       "0000-01", "--amount", "45", "--date", "2026-03-05")  # fmt: skip
    assert code == 1
    assert_one_line_error(err, "0000-01")


def test_remit_reports_the_balance(history, capsys):
    code, out, err = run(capsys, history, "dues", "remit", "--amount", "300", "--date",
                         "2026-10-08", "--covers", "2026年1—9月")  # fmt: skip
    assert (code, err) == (0, "")
    assert out.strip() == "已登记上缴党费 300.00 元；尚未上缴余额 347.40 元。"


# ---- arrears and check -----------------------------------------------------------------------


def test_arrears_json(history, capsys):
    rows = {r["name"]: r for r in cli_json(capsys, history, "dues", "arrears")}
    assert rows["张三"] == {"name": "张三", "months": 3, "since": "2026年8月", "owed": "246.60"}
    assert rows["王芳"] == {"name": "王芳", "months": 5, "since": "2026年6月", "owed": "75.00"}
    assert rows["李红"]["months"] == 8 and rows["李红"]["owed"] == "168.00"
    assert rows["赵敏"]["owed"] == "2.00"
    assert "周九" not in rows
    code, out, _ = run(capsys, history, "dues", "arrears", "--as-of", "2026-06-20")
    # his April–July payment is dated 5 July: on 20 June April and May were still unpaid
    assert code == 0 and "张三\t自2026年4月起连续2个月未交" in out
    assert "（截至2026年6月20日）" in out


def test_arrears_of_a_year_stand_at_its_end_at_any_later_day(history, capsys):
    for as_of in ("2027-01-15", "2028-03-01"):
        code, out, _ = run(capsys, history, "dues", "arrears", "--year", "2026", "--as-of", as_of)
        assert code == 0 and "张三\t自2026年8月起连续5个月未交\t欠交411.00元" in out
        assert "（截至2026年12月31日）" in out
        found = cli_json(capsys, history, "check", "--year", "2026", "--as-of", as_of)
        rules = {(f["rule"], f["subject"], f["period"]) for f in found}
        assert ("dues.arrears_3", "张三", "2026-12") in rules
        assert ("dues.arrears_6", "王芳", "2026-12") in rules  # nothing paid June–December


def test_check_json_has_the_dues_rules(history, capsys):
    found = cli_json(capsys, history, "check", "--year", "2026")
    dues = {(f["rule"], f["subject"]) for f in found if f["rule"].startswith("dues.")}
    assert {("dues.arrears_3", "张三"), ("dues.arrears_3", "王芳")} <= dues
    assert {("dues.arrears_6", "李红"), ("dues.arrears_6", "赵敏")} <= dues
    assert ("dues.unassessed", "周九") in dues
    assert not [r for r, s in dues if s == "张三" and r != "dues.arrears_3"]


# ---- printed documents -----------------------------------------------------------------------


def fen(value: object) -> int:
    """A read-back amount cell in fen (blank or a state word counts nothing)."""
    if isinstance(value, int | float):
        return int(Decimal(str(value)) * 100)
    return 0


def test_ledger_xlsx_reads_back_to_the_fen(history, tmp_path, capsys):
    out_file = tmp_path / "登记表.xlsx"
    code, out, err = run(capsys, history, "dues", "ledger", "--year", "2026", "-o", str(out_file))
    assert (code, err) == (0, "")
    assert "（5人，实交 647.40 元）" in out
    sheet = load_workbook(out_file).active
    grid = [[c.value for c in row] for row in sheet.iter_rows()]
    header = grid[3 - 1]
    assert header[:4] == ["序号", "姓名", "类别", "月应交（元）"]
    assert grid[4 - 1][4:16] == [f"{m}月" for m in range(1, 13)]
    members = {r[1]: r for r in grid if r[1] in ("张三", "李红", "王芳", "赵敏", "周九")}
    (total,) = [r for r in grid if r[0] == "合计"]
    assert list(members) == ["张三", "李红", "王芳", "赵敏", "周九"]
    zhang = members["张三"]
    assert [fen(v) for v in zhang[4:11]] == [8220] * 7
    assert zhang[11:14] == [None, None, None]  # August–October owed
    assert (fen(zhang[3]), fen(zhang[17])) == (8220, 57540)
    assert members["王芳"][4:6] == ["—", "—"] and members["周九"][4] == "未核定"
    # 周九 has months without an assessment: his owed and the year's are unknown, in words
    assert members["周九"][16] == "未核定" and total[16] == "未核定"
    for col in [*range(4, 16), 17, 18, 19]:  # 1月 … 12月, 实交, 预交多交, 欠交
        assert fen(total[col]) == sum(fen(r[col]) for r in members.values()), header[col]
    assert fen(total[4]) == 8220 + 2100
    assert fen(total[17]) + fen(total[18]) == sum(fen(v) for v in total[4:16]) == 64740
    setup = sheet.page_setup
    assert (setup.orientation, int(setup.paperSize)) == ("landscape", 9)  # 9: A4
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$3:$4"


def test_assessment_xlsx_lists_the_parts(assessed, tmp_path, capsys):
    out_file = tmp_path / "核定表.xlsx"
    code, out, _ = run(
        capsys, assessed, "dues", "assessment", "--year", "2026", "-o", str(out_file)
    )
    assert code == 0 and "（4条）" in out
    sheet = load_workbook(out_file).active
    (zhang,) = [[c.value for c in r] for r in sheet.iter_rows() if r[1].value == "张三"]
    assert zhang[3:6] == [
        "基本工资 5,000.00；绩效工资 1,500.00",
        "个人所得税 120.00；养老保险 400.00；住房公积金 500.00",
        "住房补贴 800.00",
    ]
    assert (fen(zhang[6]), zhang[7], fen(zhang[8])) == (548_000, "1.5%", 8220)
    (student,) = [[c.value for c in r] for r in sheet.iter_rows() if r[1].value == "赵敏"]
    assert student[7] == "固定标准" and fen(student[8]) == 20


def test_notice_docx_states_the_rate_and_amounts(history, tmp_path, capsys):
    out_file = tmp_path / "公示.docx"
    code, out, _ = run(capsys, history, "dues", "notice", "--year", "2026", "-o", str(out_file))
    assert code == 0 and "已导出2026年度党费收缴情况公示" in out
    text = "\n".join(p.text for p in docx.Document(str(out_file)).paragraphs)
    # 周九 has no assessment: the year's owed and rate are unknown and said so, never 100 %
    assert "周九（共1名）有" in text and "全年应交党费总额和收缴率未核定" in text
    assert "收缴率4" not in text and "0.00元" not in text
    assert "本年度未登记上缴党费记录。" in text
    assert "基本情况\n本支部2026年度应交纳党费的党员共5名。" in text
    assert "未按时足额交纳党费情况\n张三、李红、王芳、赵敏（共4名）。" in text


def test_check_year_without_dues_has_no_dues_findings(data, capsys):
    found = cli_json(capsys, data, "check", "--year", "2027", "--as-of", "2026-11-20")
    assert not [f for f in found if f["rule"].startswith("dues.")]
