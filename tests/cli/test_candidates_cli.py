"""`import candidates`, `develop list` and `check` from the command line."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.storage import database
from tests.cli.test_cli import FrozenDatetime, members, run
from tests.conftest import FIXED_NOW
from tests.services.test_candidate_import import HEADER, add_roster, ledger, messy_rows

DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
CANDIDATE_KEYS = {"name", "stage", "next_step", "earliest", "latest", "steps"}


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every CLI run in this module sees FIXED_NOW (2026-11-20) as now."""
    monkeypatch.setattr(database, "datetime", FrozenDatetime)


@pytest.fixture
def folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A data dir with 第一党支部, its 党小组 and three 正式党员 (张三, 李四, 王五)."""
    data = tmp_path / "data"
    code, _, err = run(capsys, data, "init", "--name", "第一党支部",
                       "--groups", "第一党小组,第二党小组,第三党小组", "--start", "2000-01-01")  # fmt: skip
    assert (code, err) == (0, "")
    with BranchDesk.open(AppPaths.resolve(data)) as desk:
        desk.db.clock = lambda: FIXED_NOW
        add_roster(desk, desk.org.resolve().id)
    return data


def candidates(capsys: pytest.CaptureFixture[str], folder: Path) -> list[dict[str, Any]]:
    code, out, err = run(capsys, folder, "develop", "list", "--json")
    assert (code, err) == (0, "")
    result = json.loads(out)
    assert isinstance(result, list)
    return result


def test_dry_run_checks_and_writes_nothing(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = (*HEADER, "籍贯")
    path = ledger(tmp_path, [[*row, "湖南"] for row in messy_rows()], header)
    code, out, err = run(capsys, folder, "import", "candidates", str(path), "--dry-run")
    assert (code, err) == (0, "")
    assert "工作表“Sheet1”，表头在第3行，数据5行：新增5，更新0，无变化0，有错误0。" in out
    assert "（提示）〔籍贯〕未识别的列，未导入" in out
    assert "未识别的列（已忽略）" not in out  # named once, with the other 提示
    assert "（提示）第7行〔入党介绍人〕“陈十一”不在本支部党员名册中" in out
    assert "检查通过（--dry-run：未写入任何数据）。" in out
    assert candidates(capsys, folder) == []
    assert sorted(m["name"] for m in members(capsys, folder)) == ["张三", "李四", "王五"]


def test_import_then_develop_list_and_check(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = ledger(tmp_path, messy_rows())
    code, out, err = run(capsys, folder, "import", "candidates", str(path))
    assert (code, err) == (0, "")
    assert "导入完成：新增5人，更新0人。" in out

    listed = candidates(capsys, folder)
    for item in listed:
        assert set(item) >= CANDIDATE_KEYS
        assert all(DAY.match(day) for day in item["steps"].values())
        for key in ("earliest", "latest"):
            assert item[key] is None or DAY.match(item[key])
    by_name = {c["name"]: c for c in listed}
    summary = {
        name: (c["stage"], c["next_step"], c["earliest"], c["latest"])
        for name, c in by_name.items()
    }
    assert summary == {
        "刘一": ("申请人", "确定入党积极分子", "2026-11-01", None),
        "陈二": ("积极分子", "确定发展对象", "2026-07-01", None),
        "周三": ("发展对象", "短期集中培训", "2025-07-01", None),
        "吴四": ("预备党员", "提出转正申请", "2027-02-09", "2027-03-09"),
        "郑五": ("正式党员", "材料归档", "2023-10-11", None),
    }
    assert by_name["刘一"]["steps"] == {"application": "2026-08-01", "talk": "2026-09-15"}
    assert by_name["郑五"]["steps"]["full_vote"] == "2023-10-11"
    assert by_name["郑五"]["steps"]["full_approval"] == "2023-10-11"
    assert "develop.talk_deadline" in {i["rule"] for i in by_name["刘一"]["issues"]}

    code, out, err = run(capsys, folder, "check", "--year", "2026", "--json")
    assert (code, err) == (0, "")
    talk = [f for f in json.loads(out) if f["rule"] == "develop.talk_deadline"]
    assert [f["subject"] for f in talk] == ["刘一"]

    roster = [m for m in members(capsys, folder) if m["name"] in ("吴四", "郑五")]
    assert sorted((m["name"], m["party_status"]) for m in roster) == [
        ("吴四", "预备"),
        ("郑五", "正式"),
    ]

    # the same file again: nothing new, nobody on the roster twice
    code, out, err = run(capsys, folder, "import", "candidates", str(path))
    assert (code, err) == (0, "")
    assert "无变化5" in out and "导入完成：新增0人，更新0人。" in out
    assert len(candidates(capsys, folder)) == 5
    names = sorted(m["name"] for m in members(capsys, folder))
    assert names == sorted(["张三", "李四", "王五", "吴四", "郑五"])


def test_bad_cells_exit_1_and_import_nothing(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = messy_rows()
    rows[1][3] = 430102200003150120  # 身份证号 as a number
    rows[2][9] = "2025.13.45"  # no such day
    rows[3][18] = "2027-01-05"  # in the future
    path = ledger(tmp_path, rows)
    code, out, err = run(capsys, folder, "import", "candidates", str(path))
    assert code == 1
    assert err.strip() == "发现3处错误，未导入任何数据。"
    assert "第5行〔身份证号〕身份证号被保存为数字" in out
    assert "第6行〔确定发展对象时间〕“2025.13.45”不是有效日期" in out
    assert "第7行〔审批时间〕不能晚于今天" in out
    assert candidates(capsys, folder) == []
    assert len(members(capsys, folder)) == 3


def test_missing_file_is_one_line_error(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, folder, "import", "candidates", str(tmp_path / "none.xlsx"))
    assert code != 0 and out == ""
    assert "文件不存在" in err and len(err.strip().splitlines()) == 1
