"""An out-of-range --year is a user error (exit 1, one line), in every command that takes it."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import one_line, run

COMMANDS = [
    ("check",),
    ("events", "list"),
    ("import", "dues-bases", "x.xlsx"),
    ("import", "dues-payments", "x.xlsx"),
    ("dues", "assess"),
    ("dues", "ledger", "-o", "x.xlsx"),
    ("dues", "assessment", "-o", "x.xlsx"),
    ("dues", "notice", "-o", "x.docx"),
    ("export", "pipeline", "-o", "x.xlsx"),
    ("archive", "-o", "x.zip"),
    ("report", "-o", "x.docx"),
]


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from branch_desk.__main__ import main

    folder = tmp_path_factory.mktemp("years") / "data"
    assert (
        main(["--data-dir", str(folder), "init", "--name", "第一党支部", "--start", "2000-01-01"])
        == 0
    )
    return folder


@pytest.mark.parametrize("year", ["0", "-5", "10000", "9999", "1800"])
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_year_out_of_range_is_refused_with_a_message(
    capsys: pytest.CaptureFixture[str], data: Path, command: tuple[str, ...], year: str
) -> None:
    before = (data / "branch-desk.sqlite3").read_bytes()
    code, out, err = run(capsys, data, *command, f"--year={year}")
    assert (code, out) == (1, "")
    one_line(err, f"--year {year} 不是有效的年度", "1921", "2100")
    assert "内部错误" not in err
    assert (data / "branch-desk.sqlite3").read_bytes() == before
    assert not (Path.cwd() / "x.zip").exists()


def test_a_year_in_range_still_works(
    capsys: pytest.CaptureFixture[str], data: Path, tmp_path: Path
) -> None:
    code, out, err = run(capsys, data, "archive", "--year", "1921", "-o", str(tmp_path / "a.zip"))
    assert code == 0, err
    # a year in range but not yet begun has no figures to archive: said so, exit 1
    code, out, err = run(capsys, data, "archive", "--year", "2100", "-o", str(tmp_path / "b.zip"))
    assert code == 1 and "2100年尚未开始" in err and not (tmp_path / "b.zip").exists()
    code, out, err = run(capsys, data, "events", "list", "--year", "1921")
    assert (code, err) == (0, "") and "共0次" in out
