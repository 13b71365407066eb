"""`report --year Y [--unit NAME] [--as-of DATE] -o FILE.docx`: the year-end summary."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from branch_desk.storage import database
from tests.cli.test_cli import FrozenDatetime, assert_one_line_error, run


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every CLI run in this module sees FIXED_NOW (2026-11-20) as now."""
    monkeypatch.setattr(database, "datetime", FrozenDatetime)


def test_report_writes_the_summary(capsys: pytest.CaptureFixture[str], tmp_path: Path):
    data = tmp_path / "data"
    assert run(capsys, data, "demo")[0] == 0
    out = tmp_path / "总结.docx"
    code, stdout, _ = run(
        capsys, data, "report", "--year", "2026", "--as-of", "2026-11-20", "-o", str(out)
    )
    assert code == 0
    assert "2026年度党建工作总结" in stdout and str(out) in stdout
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "一、基本情况" in text and text.rstrip().endswith("2026年11月20日")


def test_report_errors_are_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path):
    data = tmp_path / "data"
    run(capsys, data, "demo")
    code, _, err = run(
        capsys, data, "report", "--year", "2026", "--unit", "无此支部", "-o", "x.docx"
    )
    assert code != 0
    assert_one_line_error(err, "无此支部")
    code, _, err = run(capsys, data, "report", "--year", "2026", "--as-of", "11/20", "-o", "x.docx")
    assert code == 2
    assert_one_line_error(err, "YYYY-MM-DD")
