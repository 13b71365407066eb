"""`members change`: a roll change from the command line, all or nothing, refused clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from tests.cli.test_cli import HEADER, PREAMBLE, assert_one_line_error, members, messy_rows, run
from tests.xlsx_helpers import write_sheet


@pytest.fixture
def data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A branch set up and loaded from a roster sheet through the CLI."""
    folder = tmp_path / "data"
    sheet = write_sheet(tmp_path / "名册.xlsx", HEADER, messy_rows(), preamble=PREAMBLE)
    assert run(capsys, folder, "init", "--name", "第一党支部")[0] == 0
    code, _, err = run(capsys, folder, "import", "roster", str(sheet))
    assert code == 0, err
    return folder


def _history(data: Path, name: str) -> list[tuple[str, str]]:
    with BranchDesk.open(AppPaths.resolve(data)) as desk:
        member = desk.roster.find(name)
        return [
            (h.kind.value, h.effective_on.isoformat()) for h in desk.roster.get(member.id).history
        ]


def _status(capsys: pytest.CaptureFixture[str], data: Path, name: str) -> str:
    return next(m["roster_status"] for m in members(capsys, data) if m["name"] == name)


def test_transfer_out_then_back_in(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, data, "members", "change", "张三", "--status", "转出", "--date", "2025-06-30",
        "--unit-name", "市委机关第二党支部", "--letter-no", "2025-017",
    )  # fmt: skip
    assert (code, err) == (0, ""), err
    assert "张三" in out and "转出" in out
    assert _status(capsys, data, "张三") == "转出"
    code, _, err = run(
        capsys, data, "members", "change", "张三", "--status", "转入", "--date", "2025-09-01",
        "--unit-name", "市委机关第二党支部",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert _status(capsys, data, "张三") == "在册"
    assert _history(data, "张三")[-2:] == [("转出", "2025-06-30"), ("转入", "2025-09-01")]


def test_death_recorded_by_id_number(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.cli.test_cli import LI_ID

    code, _, err = run(
        capsys, data, "members", "change", LI_ID, "--status", "去世", "--date", "2026-02-03",
        "--note", "病故",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert _status(capsys, data, "李秀英") == "去世"


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (("张三", "--status", "去世", "--date", "2010-01-01"), ("入党日期", "2012-06-18")),
        (("张三", "--status", "恢复党籍", "--date", "2025-01-01"), ("不能办理", "恢复在册")),
        (("张三", "--status", "转出", "--date", "2025-01-01"), ("转往的党组织",)),
        (("张三", "--status", "去世", "--date", "2099-01-01"), ("不能晚于今天",)),
        (("查无此人", "--status", "去世", "--date", "2025-01-01"), ("找不到党员",)),
    ],
)
def test_refused_changes_say_why_and_change_nothing(
    data: Path,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    fragments: tuple[str, ...],
) -> None:
    before = _history(data, "张三")
    code, out, err = run(capsys, data, "members", "change", *args)
    assert code == 1 and out == ""
    assert_one_line_error(err, *fragments)
    assert _history(data, "张三") == before
    assert _status(capsys, data, "张三") == "在册"


def test_bad_arguments_exit_2(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys, data, "members", "change", "张三", "--status", "退休", "--date", "2025-01-01"
    )
    assert code == 2
    assert_one_line_error(err, "参数错误")
    code, _, err = run(
        capsys, data, "members", "change", "张三", "--status", "去世", "--date", "2025-13-01"
    )
    assert code == 2
    assert_one_line_error(err, "YYYY-MM-DD")
