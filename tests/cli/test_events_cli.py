"""`import events`, `events list`, `check`, `export minutes` and `export sign-in` from the CLI."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest

from branch_desk.domain.events import EventType
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.meetings.events import EventInput
from branch_desk.storage import database
from tests.cli.test_cli import FrozenDatetime, assert_one_line_error, run
from tests.conftest import FIXED_NOW
from tests.services.test_event_import import ROSTER, add_roster, ledger, messy_rows

DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
PERIOD = re.compile(r"^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2])|-H[12])?$")
FINDING_KEYS = {"rule", "severity", "period", "unit", "subject", "message", "due"}
EVENT_KEYS = {"id", "type", "date", "topic", "expected", "present", "absent"}
CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every CLI run in this module sees FIXED_NOW (2026-11-20) as now."""
    monkeypatch.setattr(database, "datetime", FrozenDatetime)


def open_desk(folder: Path) -> BranchDesk:
    desk = BranchDesk.open(AppPaths.resolve(folder))
    desk.db.clock = lambda: FIXED_NOW
    return desk


@pytest.fixture
def empty_branch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A data dir with 第一党支部 and its three 党小组, no members, no meetings."""
    folder = tmp_path / "data"
    code, _, err = run(capsys, folder, "init", "--name", "第一党支部",
                       "--groups", "第一党小组,第二党小组,第三党小组", "--start", "2000-01-01")  # fmt: skip
    assert (code, err) == (0, "")
    return folder


@pytest.fixture
def data(empty_branch: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The branch with the eight-member roster, one 2025 meeting and the messy 2026 ledger."""
    with open_desk(empty_branch) as desk:
        unit_id = desk.org.resolve().id
        add_roster(desk, unit_id)
        desk.events.add(
            unit_id,
            EventInput(EventType.COMMITTEE, date(2025, 12, 5), title="研究12月份工作",
                       chair="张三", recorder="李四"),
        )  # fmt: skip
    code, out, err = run(
        capsys, empty_branch, "import", "events", str(ledger(tmp_path, messy_rows()))
    )
    assert (code, err) == (0, ""), out
    assert "新增4次会议活动" in out
    assert "（提示）第4行〔列席人员〕" in out and "周九" in out
    assert "学时：2行按起止时间折算（每学时60分钟，见设置）" in out  # never silently 0
    return empty_branch


def cli_json(capsys: pytest.CaptureFixture[str], folder: Path, *args: str) -> Any:
    code, out, err = run(capsys, folder, *args, "--json")
    assert (code, err) == (0, "")
    return json.loads(out)


def events(capsys: pytest.CaptureFixture[str], folder: Path, *args: str) -> list[dict[str, Any]]:
    return cli_json(capsys, folder, "events", "list", *args)


def docx_text(path: Path) -> str:
    """All paragraph and table-cell text of a .docx."""
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def cell_after(path: Path, label: str) -> str:
    """The text of the table cell right after the cell reading ``label``."""
    for table in docx.Document(str(path)).tables:
        for row in table.rows:
            cells = [c.text for c in row.cells]
            if label in cells:
                return cells[cells.index(label) + 1]
    raise AssertionError(f"no cell {label}")


# ---- events list -----------------------------------------------------------------------------


def test_events_list_json_has_the_documented_fields_and_formats(data: Path, capsys) -> None:
    listed = events(capsys, data)
    assert [e["date"] for e in listed] == [
        "2025-12-05", "2026-03-20", "2026-04-08", "2026-05-12", "2026-06-18"
    ]  # fmt: skip
    for event in listed:
        assert set(event) >= EVENT_KEYS
        assert isinstance(event["id"], int) and DAY.match(event["date"])
        assert event["type"] in {t.value for t in EventType}
        assert isinstance(event["expected"], int) and isinstance(event["present"], int)
        assert event["present"] + len(event["absent"]) == event["expected"]
        for person in event["absent"]:
            assert set(person) == {"name", "reason"}
    assembly = listed[1]
    assert set(assembly["types"]) == {"主题党日", "支部党员大会"}
    assert assembly["topic"] == "一季度党员大会暨主题党日"
    assert (assembly["expected"], assembly["present"]) == (7, 5)
    assert sorted(assembly["absent"], key=lambda a: a["name"]) == [
        {"name": "李四", "reason": "出差"},
        {"name": "王五", "reason": "病假"},
    ]
    assert (assembly["start"], assembly["end"]) == ("14:30", "17:00")
    assert assembly["observers"] == ["周九（入党积极分子）"]
    committee = listed[2]
    assert committee["type"] == "支部委员会"
    assert committee["absent"] == [{"name": "李四", "reason": "其他（陪护家人）"}]
    assert listed[3]["group"] == "第三党小组"


def test_events_list_year_filter_and_plain_output(data: Path, capsys) -> None:
    assert [e["date"] for e in events(capsys, data, "--year", "2025")] == ["2025-12-05"]
    assert len(events(capsys, data, "--year", "2026")) == 4
    assert events(capsys, data, "--year", "2024") == []
    code, out, _ = run(capsys, data, "events", "list", "--year", "2026")
    assert code == 0 and out.strip().splitlines()[-1] == "共4次"
    assert "应到7 实到5" in out


# ---- check -----------------------------------------------------------------------------------


def test_check_json_objects_have_the_documented_keys_and_types(data: Path, capsys) -> None:
    found = cli_json(capsys, data, "check", "--year", "2026", "--as-of", "2026-11-20")
    assert found
    for f in found:
        assert set(f) >= FINDING_KEYS
        assert isinstance(f["rule"], str) and f["rule"]
        assert f["severity"] in {"error", "warning", "info"}
        assert f["period"] is None or PERIOD.match(f["period"]), f["period"]
        assert f["due"] is None or DAY.match(f["due"])
        assert f["subject"] is None or isinstance(f["subject"], str)
        assert f["unit"] == "第一党支部" and CHINESE.search(f["message"])
    pairs = {(f["rule"], f["period"]) for f in found if f["severity"] == "error"}
    assert ("freq.committee", "2026-01") in pairs  # the ledger starts in March
    assert ("freq.group_meeting", "2026-06") in pairs
    assert ("freq.party_lecture", "2026-Q3") in pairs


def test_check_defaults_to_today(data: Path, capsys) -> None:
    explicit = cli_json(capsys, data, "check", "--year", "2026", "--as-of", "2026-11-20")
    assert cli_json(capsys, data, "check") == explicit


def test_as_of_hides_future_periods_and_marks_the_current_one_due(
    empty_branch: Path, capsys
) -> None:
    found = cli_json(capsys, empty_branch, "check", "--year", "2026", "--as-of", "2026-02-10")
    by_key = {(f["rule"], f["period"]): f for f in found}
    committee_jan = by_key[("freq.committee", "2026-01")]
    assert (committee_jan["severity"], committee_jan["due"]) == ("error", None)
    committee_feb = by_key[("freq.committee", "2026-02")]
    assert (committee_feb["severity"], committee_feb["due"]) == ("info", "2026-02-28")
    assert "2026-02-28" in committee_feb["message"]
    assert by_key[("freq.branch_assembly", "2026-Q1")]["due"] == "2026-03-31"
    group = [f for f in found if f["rule"] == "freq.group_meeting"]
    assert group == []  # no 党小组 has a member yet: none owes a 党小组会
    for f in found:
        period = f["period"] or ""
        month = re.match(r"^2026-(\d{2})$", period)
        assert not (month and int(month.group(1)) >= 3), f
        assert period not in {"2026-Q2", "2026-Q3", "2026-Q4", "2026-H2"}, f
        assert f["due"] is None or f["due"] >= "2026-02-10", f


def test_check_human_output_ends_with_the_counts_line(empty_branch: Path, capsys) -> None:
    found = cli_json(capsys, empty_branch, "check", "--year", "2026", "--as-of", "2026-02-10")
    count = {s: sum(1 for f in found if f["severity"] == s) for s in ("error", "warning", "info")}
    code, out, err = run(capsys, empty_branch, "check", "--year", "2026", "--as-of", "2026-02-10")
    assert (code, err) == (0, "")
    lines = out.strip().splitlines()
    assert len(lines) == len(found) + 1
    assert lines[-1] == (
        f"2026年（截至2026-02-10）：问题{count['error']}项，"
        f"提示{count['warning']}项，待办{count['info']}项。"
    )


@pytest.mark.parametrize("value", ["2026-13-01", "2026/02/10", "明天"])
def test_bad_as_of_is_a_one_line_usage_error(empty_branch: Path, capsys, value: str) -> None:
    code, out, err = run(capsys, empty_branch, "check", "--as-of", value)
    assert code == 2 and out == ""
    assert_one_line_error(err, "参数错误", "--as-of", value)


# ---- export minutes and sign-in --------------------------------------------------------------


def test_exported_minutes_show_absentees_with_reasons_and_the_counts(
    data: Path, tmp_path: Path, capsys
) -> None:
    assembly = events(capsys, data, "--year", "2026")[0]
    target = tmp_path / "记录.docx"
    code, out, err = run(capsys, data, "export", "minutes", "--event", str(assembly["id"]),
                         "-o", str(target))  # fmt: skip
    assert (code, err) == (0, "") and str(target) in out
    text = docx_text(target)
    assert "王五（病假）" in text and "李四（出差）" in text
    assert cell_after(target, "应到人数") == "7人（正式党员7人、预备党员0人）"
    assert cell_after(target, "实到人数") == "5人"
    assert cell_after(target, "缺席人数") == "2人"
    assert "周九" in text and "张三" in text and "郑十" in text  # observer, chair, recorder
    assert "一致同意下阶段工作安排" in text


def test_minutes_show_the_other_reason_text(data: Path, tmp_path: Path, capsys) -> None:
    committee = events(capsys, data, "--year", "2026")[1]
    target = tmp_path / "支委会.docx"
    assert run(capsys, data, "export", "minutes", "--event", str(committee["id"]),
               "-o", str(target))[0] == 0  # fmt: skip
    assert "陪护家人" in docx_text(target)


def test_export_minutes_of_a_missing_event_is_one_line(data: Path, tmp_path: Path, capsys):
    target = tmp_path / "x.docx"
    code, out, err = run(capsys, data, "export", "minutes", "--event", "9999", "-o", str(target))
    assert code == 1 and out == ""
    assert_one_line_error(err, "9999")
    assert not target.exists()


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (("--type", "支部党员大会"), set(ROSTER) - {"钱七"}),
        (("--type", "党小组会", "--group", "第三党小组"), {"孙八", "吴九"}),
        (("--type", "支部委员会"), {"张三", "李四", "王五"}),
    ],
)
def test_sign_in_sheet_lists_everyone_expected(
    data: Path, tmp_path: Path, capsys, args: tuple[str, ...], names: set[str]
) -> None:
    target = tmp_path / "签到表.docx"
    code, out, err = run(capsys, data, "export", "sign-in", *args, "--date", "2026-11-25",
                         "-o", str(target))  # fmt: skip
    assert (code, err) == (0, "") and f"应到{len(names)}人" in out
    text = docx_text(target)
    for name in names:
        assert name in text
    for gone in set(ROSTER) - names:
        assert gone not in text


def test_group_sign_in_without_group_is_one_line(data: Path, tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, data, "export", "sign-in", "--type", "党小组会",
                       "--date", "2026-11-25", "-o", str(tmp_path / "x.docx"))  # fmt: skip
    assert code == 1
    assert_one_line_error(err, "--group")


# ---- import events ---------------------------------------------------------------------------


@pytest.mark.parametrize("dry_run", [(), ("--dry-run",)])
def test_import_with_a_bad_row_changes_nothing_and_exits_1(
    data: Path, tmp_path: Path, capsys, dry_run: tuple[str, ...]
) -> None:
    before = events(capsys, data)
    rows = messy_rows()
    rows[1][9] = "陈十一（病假）"
    (tmp_path / "bad").mkdir()
    path = ledger(tmp_path / "bad", rows)
    code, out, err = run(capsys, data, "import", "events", str(path), *dry_run)
    assert code == 1
    assert "第5行〔缺席人员〕" in out and "陈十一" in out
    assert_one_line_error(err, "1处错误", "未导入任何数据")
    assert events(capsys, data) == before


def test_dry_run_of_a_good_ledger_writes_nothing(
    empty_branch: Path, tmp_path: Path, capsys
) -> None:
    with open_desk(empty_branch) as desk:
        add_roster(desk, desk.org.resolve().id)
    code, out, err = run(capsys, empty_branch, "import", "events",
                         str(ledger(tmp_path, messy_rows())), "--dry-run")  # fmt: skip
    assert (code, err) == (0, "")
    assert "表头在第3行" in out and "新增4" in out and "未写入任何数据" in out
    assert events(capsys, empty_branch) == []


def test_import_times_survive_the_round_trip(data: Path, capsys) -> None:
    by_date = {e["date"]: e for e in events(capsys, data)}
    assert (by_date["2026-05-12"]["start"], by_date["2026-05-12"]["end"]) == ("14:30", "15:30")
    assert (by_date["2026-06-18"]["start"], by_date["2026-06-18"]["end"]) == ("09:00", "11:00")
