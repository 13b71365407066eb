"""The `branch-desk` command line: exit codes, one-line errors, and the data it leaves behind."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from branch_desk.__main__ import main
from branch_desk.domain.idcard import check_char
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.storage import database
from branch_desk.storage.lock import InstanceLock
from tests.conftest import FIXED_NOW
from tests.xlsx_helpers import write_sheet


def make_id(region: str, born: str, serial: int) -> str:
    first17 = f"{region}{born}{serial:03d}"
    return first17 + check_char(first17)


ZHANG_ID = "110101199003071233"  # 男, 1990-03-07
LI_ID = make_id("430102", "19550812", 22)  # 女, 1955-08-12
WANG_ID = make_id("430104", "20010203", 35)  # 男, 2001-02-03
ZHAO_ID = make_id("430105", "19851120", 46)  # 女, 1985-11-20
REQUIRED_KEYS = {"name", "id_number", "gender", "birth_date", "category", "party_status",
                 "joined_on", "full_member_on", "group", "roster_status"}  # fmt: skip
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")

PREAMBLE = (("中共某某机关第一党支部党员名册",), ("填表日期：2024年5月", None, None, "单位：人"))
HEADER = (
    "序号", "身份证号码", "姓名", "籍贯", "入党时间", "党员类别",
    "性别", "转正时间", "人员类别", "党小组", "联系电话",
)  # fmt: skip


def messy_rows() -> list[list[Any]]:
    return [
        [1, ZHANG_ID.translate(FULLWIDTH), "张三", "湖南长沙", "2012.06.18", "正式党员",
         "男", "2013年6月18日", "在职", "第一党小组", "１３８００１３８０００"],
        [2, LI_ID, "李秀英", "湖南湘潭", datetime(1980, 7, 1), "正式",
         None, 29768, "退休", "第二党小组", 13907310001],  # 29768: Excel serial of 1981-07-01
        [3, WANG_ID, "王小明", "", "2025年12月1日", "预备党员",
         "男", None, "学生", "第一党小组", ""],
    ]  # fmt: skip


class FrozenDatetime(datetime):
    @classmethod
    def now(cls, tz: Any = None) -> FrozenDatetime:
        return cls.fromisoformat(FIXED_NOW.isoformat())


def run(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str, str]:
    """Run the CLI in-process; return (exit code, stdout, stderr)."""
    try:
        code = main(["--data-dir", str(data), *args])
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def members(capsys: pytest.CaptureFixture[str], data: Path) -> list[dict[str, Any]]:
    code, out, err = run(capsys, data, "members", "list", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert isinstance(result, list)
    return result


def assert_one_line_error(err: str, *fragments: str) -> None:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


@pytest.fixture
def data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A data dir with 第一党支部 set up through the CLI."""
    folder = tmp_path / "data"
    code, out, err = run(
        capsys,
        folder,
        "init",
        "--name",
        "第一党支部",
        "--parent",
        "机关党委",
        "--start",
        "2000-01-01",
    )
    assert (code, err) == (0, "")
    assert "第一党支部" in out
    return folder


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    return write_sheet(tmp_path / "名册.xlsx", HEADER, messy_rows(), preamble=PREAMBLE)


# ---- init ------------------------------------------------------------------------------------


def test_init_twice_is_refused_and_keeps_the_first_branch(data: Path, capsys) -> None:
    code, out, err = run(capsys, data, "init", "--name", "另一个支部")
    assert code == 1 and out == ""
    assert_one_line_error(err, "错误", "已建立党组织", "第一党支部")
    with BranchDesk.open(AppPaths.resolve(data)) as desk:
        assert [u.name for u in desk.org.top_units()] == ["第一党支部"]


def test_init_with_empty_name_and_missing_name(tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, tmp_path / "d", "init", "--name", " ")
    assert code == 1
    assert_one_line_error(err, "党组织名称")
    code, _, err = run(capsys, tmp_path / "d", "init")
    assert code == 2
    assert_one_line_error(err, "参数错误", "--name")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("dues", "carry", "--year", "abc"), "--year 应为整数，“abc”不是整数"),
        (("dues", "carry"), "缺少必需的参数：--year"),
        (("check", "--bogus", "1"), "无法识别的参数：--bogus 1"),
        (("init", "--name", "甲", "--kind", "党组"), "--kind 不能为“党组”"),
        (("check", "--year"), "--year 后面缺少取值"),
    ],
)
def test_usage_errors_are_said_in_chinese(
    tmp_path: Path, capsys, args: tuple[str, ...], said: str
) -> None:
    code, out, err = run(capsys, tmp_path / "d", *args)
    assert (code, out) == (2, "")
    assert_one_line_error(err, "参数错误", said)
    assert "invalid" not in err and "argument" not in err and "required" not in err
    assert not (tmp_path / "d").exists()


def test_commands_before_init_say_so(tmp_path: Path, messy: Path, capsys) -> None:
    code, _, err = run(capsys, tmp_path / "d", "import", "roster", str(messy))
    assert code == 1
    assert_one_line_error(err, "尚未创建", "请先运行 branch-desk init 或 demo")
    assert not (tmp_path / "d" / "branch-desk.sqlite3").exists()  # nothing created by the way
    BranchDesk.open(AppPaths.resolve(tmp_path / "d"), automatic_backups=False).close()
    code, _, err = run(capsys, tmp_path / "d", "import", "roster", str(messy))
    assert code == 1
    assert_one_line_error(err, "尚未建立党支部", "init")
    assert members(capsys, tmp_path / "d") == []


def test_data_dir_that_is_a_file_is_a_clear_error(tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    code, _, err = run(capsys, blocker, "members", "list", "--json")
    assert code == 1
    assert_one_line_error(err, "错误")


# ---- import roster ---------------------------------------------------------------------------


def test_messy_roster_imports_with_every_value_normalised(data: Path, messy: Path, capsys) -> None:
    code, out, err = run(capsys, data, "import", "roster", str(messy))
    assert (code, err) == (0, "")
    assert "表头在第3行" in out
    assert "未识别的列（已忽略）：籍贯" in out
    assert "新增3人" in out
    listed = members(capsys, data)
    for m in listed:
        assert set(m) >= REQUIRED_KEYS
        for key in ("birth_date", "joined_on", "full_member_on"):
            assert m[key] is None or datetime.strptime(m[key], "%Y-%m-%d")
    by_name = {m["name"]: m for m in listed}
    assert set(by_name) == {"张三", "李秀英", "王小明"}
    zhang = by_name["张三"]
    assert zhang["id_number"] == ZHANG_ID
    assert (zhang["gender"], zhang["birth_date"]) == ("男", "1990-03-07")
    assert (zhang["joined_on"], zhang["full_member_on"]) == ("2012-06-18", "2013-06-18")
    assert (zhang["party_status"], zhang["category"]) == ("正式", "在职")
    assert zhang["phone"] == "13800138000"
    assert (zhang["group"], zhang["roster_status"]) == ("第一党小组", "在册")
    li = by_name["李秀英"]
    assert (li["gender"], li["birth_date"]) == ("女", "1955-08-12")  # filled from the ID
    assert (li["joined_on"], li["full_member_on"]) == ("1980-07-01", "1981-07-01")
    assert (li["category"], li["group"], li["phone"]) == ("离退休", "第二党小组", "13907310001")
    wang = by_name["王小明"]
    assert (wang["party_status"], wang["joined_on"]) == ("预备", "2025-12-01")
    assert (wang["full_member_on"], wang["category"]) == (None, "学生")


def _number_id_row(rows: list[list[Any]]) -> None:
    rows.append([4, int(ZHAO_ID), "赵敏", "", "2010-05-04", "正式", "女",
                 "2011-05-04", "在职", "第三党小组", ""])  # fmt: skip


def _month_only_date(rows: list[list[Any]]) -> None:
    rows[1][4] = "1980年7月"


@pytest.mark.parametrize(
    ("spoil", "problem"),
    [
        (_number_id_row, "第7行〔身份证号码〕身份证号被保存为数字"),
        (_month_only_date, "第5行〔入党时间〕“1980年7月”缺少日"),
    ],
)
@pytest.mark.parametrize("dry_run", [(), ("--dry-run",)])
def test_one_bad_row_is_reported_by_row_and_column_and_nothing_imported(
    data: Path, tmp_path: Path, capsys, spoil, problem: str, dry_run: tuple[str, ...]
) -> None:
    rows = messy_rows()
    spoil(rows)
    sheet = write_sheet(tmp_path / "bad.xlsx", HEADER, rows, preamble=PREAMBLE)
    code, out, err = run(capsys, data, "import", "roster", str(sheet), *dry_run)
    assert code == 1
    assert problem in out
    assert_one_line_error(err, "1处错误", "未导入任何数据")
    assert members(capsys, data) == []


def test_dry_run_of_a_valid_file_changes_nothing(data: Path, messy: Path, capsys) -> None:
    code, out, err = run(capsys, data, "import", "roster", str(messy), "--dry-run")
    assert (code, err) == (0, "")
    assert "新增3" in out and "未写入任何数据" in out
    assert members(capsys, data) == []


def test_reimport_updates_instead_of_duplicating(data: Path, tmp_path: Path, capsys) -> None:
    first = write_sheet(tmp_path / "a.xlsx", HEADER, messy_rows(), preamble=PREAMBLE)
    assert run(capsys, data, "import", "roster", str(first))[0] == 0
    before = members(capsys, data)
    code, out, _ = run(capsys, data, "import", "roster", str(first))
    assert code == 0 and "新增0人，更新0人，无变化3人" in out
    assert members(capsys, data) == before
    rows = messy_rows()
    rows[1][10] = "0731-84561234"
    second = write_sheet(tmp_path / "b.xlsx", HEADER, rows, preamble=PREAMBLE)
    code, out, _ = run(capsys, data, "import", "roster", str(second))
    assert code == 0 and "新增0人，更新1人，无变化2人" in out
    after = members(capsys, data)
    assert [m["id"] for m in after] == [m["id"] for m in before]
    assert {m["name"]: m["phone"] for m in after}["李秀英"] == "0731-84561234"


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("missing.xlsx", None, "文件不存在"),
        ("garbage.xlsx", b"\x00\x01 not a zip", "不是有效的 .xlsx"),
        ("old.xls", b"\xd0\xcf\x11\xe0", ".xls"),
        ("roster.csv", "姓名,性别\n张三,男\n".encode(), "roster.csv"),
    ],
)
def test_unreadable_roster_files_give_one_clear_line(
    data: Path, tmp_path: Path, capsys, name: str, content: bytes | None, fragment: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    code, out, err = run(capsys, data, "import", "roster", str(path))
    assert code == 1 and out == ""
    assert_one_line_error(err, "错误", fragment)
    assert members(capsys, data) == []


def test_csv_file_is_reported_as_wrong_format_not_damaged(data: Path, tmp_path: Path, capsys):
    path = tmp_path / "roster.csv"
    path.write_text("姓名,性别\n张三,男\n", encoding="utf-8")
    _, _, err = run(capsys, data, "import", "roster", str(path))
    assert ".xlsx" in err and "已损坏" not in err and "Exception" not in err


def test_sheet_without_header_row_is_refused(data: Path, tmp_path: Path, capsys) -> None:
    sheet = write_sheet(tmp_path / "x.xlsx", ("甲", "乙"), [("1", "2")])
    code, _, err = run(capsys, data, "import", "roster", str(sheet))
    assert code == 1
    assert_one_line_error(err, "找不到表头行")


# ---- export roster ---------------------------------------------------------------------------


def test_exported_roster_reads_back_and_prints_on_a4_landscape(
    data: Path, messy: Path, tmp_path: Path, capsys
) -> None:
    assert run(capsys, data, "import", "roster", str(messy))[0] == 0
    target = tmp_path / "out.xlsx"
    code, out, err = run(capsys, data, "export", "roster", "-o", str(target))
    assert (code, err) == (0, "") and "3人" in out
    sheet = load_workbook(target)["党员名册"]
    assert sheet["A1"].value == "第一党支部党员名册"
    assert "共3人" in sheet["A2"].value
    header = [c.value for c in sheet[3]]
    assert header[:6] == ["序号", "姓名", "性别", "民族", "出生日期", "身份证号"]
    assert header[-1] == "状态" and "党小组" in header and "入党时间" in header
    rows = [
        dict(zip(header, (c.value for c in r), strict=True)) for r in sheet.iter_rows(min_row=4)
    ]
    assert [r["序号"] for r in rows] == [1, 2, 3]
    by_id = {r["身份证号"]: r for r in rows}
    assert set(by_id) == {ZHANG_ID, LI_ID, WANG_ID}  # stored as text, all 18 characters
    assert by_id[LI_ID]["出生日期"] == "1955-08-12"
    assert by_id[LI_ID]["入党时间"] == "1980-07-01"
    assert by_id[WANG_ID]["党员类别"] == "预备" and not by_id[WANG_ID]["转正时间"]
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.page_setup.fitToWidth == 1
    assert sheet.print_title_rows.replace("$", "") == "3:3"


def test_export_to_missing_folder_is_a_clear_error(data: Path, tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, data, "export", "roster", "-o", str(tmp_path / "no" / "x.xlsx"))
    assert code == 1
    assert_one_line_error(err, "保存位置不存在")


# ---- exchange, demo --------------------------------------------------------------


def test_exchange_round_trip_through_the_cli(data: Path, messy: Path, tmp_path: Path, capsys):
    run(capsys, data, "import", "roster", str(messy))
    first, second = tmp_path / "1.json", tmp_path / "2.json"
    assert run(capsys, data, "export", "data", "-o", str(first))[0] == 0
    code, out, err = run(capsys, tmp_path / "copy", "import", "data", str(first))
    assert (code, err) == (0, "") and "党员3名" in out
    assert run(capsys, tmp_path / "copy", "export", "data", "-o", str(second))[0] == 0
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in (first, second)]
    for doc in docs:
        doc.pop("exported_at")
    assert docs[0] == docs[1]
    assert members(capsys, tmp_path / "copy") == members(capsys, data)


def test_import_data_into_non_empty_dir_is_refused(data: Path, tmp_path: Path, capsys) -> None:
    dump = tmp_path / "d.json"
    run(capsys, data, "export", "data", "-o", str(dump))
    code, _, err = run(capsys, data, "import", "data", str(dump))
    assert code == 1
    assert_one_line_error(err, "只能导入到空的数据目录")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("{not json", "不是有效的 JSON"),
        ('{"format": "branch-desk-exchange", "version": 99}', "版本为 99"),
        ('{"format": "other", "version": 1}', "不是支部工作台的数据交换文件"),
    ],
)
def test_bad_exchange_file_is_refused_and_nothing_written(
    tmp_path: Path, capsys, text: str, fragment: str
) -> None:
    path = tmp_path / "x.json"
    path.write_text(text, encoding="utf-8")
    code, _, err = run(capsys, tmp_path / "d", "import", "data", str(path))
    assert code == 1
    assert_one_line_error(err, fragment)
    assert members(capsys, tmp_path / "d") == []
    assert run(capsys, tmp_path / "d", "init", "--name", "新支部")[0] == 0  # still empty


def test_demo_fills_once_and_is_refused_on_non_empty_dir(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Freeze "today": the demo depends on it. Determinism per seed is tested in test_demo.
    monkeypatch.setattr(database, "datetime", FrozenDatetime)
    listings = {}
    code, out, err = run(capsys, tmp_path / "a", "demo", "--seed", "7")
    assert (code, err) == (0, "") and "党员62名" in out and "党小组3个" in out
    listings["a"] = members(capsys, tmp_path / "a")
    code, _, err = run(capsys, tmp_path / "a", "demo")
    assert code == 1
    assert_one_line_error(err, "已有数据")
    assert members(capsys, tmp_path / "a") == listings["a"]


def test_main_writes_to_the_current_stdout(data: Path, monkeypatch) -> None:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        code = main(["--data-dir", str(data), "members", "list", "--json"])
    assert code == 0
    assert json.loads(buffer.getvalue()) == []


# ---- the real entry point ------------------------------------------------------------------


def cli_process(*args: str, home: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "BRANCH_DESK_HOME"}
    if home is not None:
        env["BRANCH_DESK_HOME"] = str(home)
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        [sys.executable, "-m", "branch_desk", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
        check=False,
    )


def test_entry_point_corrupt_xlsx_has_no_traceback(data: Path, tmp_path: Path) -> None:
    bad = tmp_path / "corrupt.xlsx"
    bad.write_bytes(b"PK\x03\x04" + os.urandom(200))
    result = cli_process("--data-dir", str(data), "import", "roster", str(bad))
    assert result.returncode == 1 and result.stdout == ""
    assert_one_line_error(result.stderr, "corrupt.xlsx")


def test_entry_point_honours_branch_desk_home_and_data_dir_overrides(tmp_path: Path) -> None:
    home, other = tmp_path / "home", tmp_path / "other"
    result = cli_process("init", "--name", "家目录支部", home=home)
    assert result.returncode == 0, result.stderr
    assert AppPaths.resolve(home).database.exists()
    result = cli_process("--data-dir", str(other), "init", "--name", "另一支部", home=home)
    assert result.returncode == 0, result.stderr
    assert AppPaths.resolve(other).database.exists()
    again = cli_process("init", "--name", "重复", home=home)
    assert again.returncode == 1
    assert_one_line_error(again.stderr, "家目录支部")


def test_entry_point_refuses_a_second_instance(data: Path) -> None:
    with InstanceLock(AppPaths.resolve(data).lock_file):
        result = cli_process("--data-dir", str(data), "members", "list", "--json")
    assert result.returncode == 1 and result.stdout == ""
    assert_one_line_error(result.stderr, "已在使用该数据目录")
    assert cli_process("--data-dir", str(data), "members", "list", "--json").returncode == 0


def test_entry_point_usage_error_is_one_line(tmp_path: Path) -> None:
    result = cli_process("--data-dir", str(tmp_path / "d"), "export", "roster")
    assert result.returncode == 2
    assert_one_line_error(result.stderr, "参数错误", "-o")
