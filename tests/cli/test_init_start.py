"""`init --start`: the 台账起始日期 of a new branch; periods ending before it are not checked."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.storage import database
from tests.cli.test_cli import FrozenDatetime, run


def _start(folder: Path) -> date | None:
    with BranchDesk.open(AppPaths.resolve(folder)) as desk:
        return desk.org.resolve().ledger_start


def test_init_start_is_stored_and_checked_from(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "d"
    code, out, err = run(capsys, folder, "init", "--name", "第一党支部", "--start", "2026-06-01")
    assert (code, err) == (0, "")
    assert "台账起始日期：2026-06-01" in out
    assert _start(folder) == date(2026, 6, 1)
    code, out, err = run(capsys, folder, "check", "--year", "2026", "--as-of", "2026-11-20",
                         "--json")  # fmt: skip
    assert code in (0, 1), err
    periods = {f["period"] for f in json.loads(out)}
    assert "2026-07" in periods and "2026-05" not in periods and "2026-Q1" not in periods


def test_init_without_start_begins_this_month(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "datetime", FrozenDatetime)  # today: 2026-11-20
    folder = tmp_path / "d"
    code, out, err = run(capsys, folder, "init", "--name", "第一党支部")
    assert (code, err) == (0, "") and "台账起始日期：2026-11-01" in out
    assert _start(folder) == date(2026, 11, 1)


def test_init_with_a_bad_start_is_refused(tmp_path: Path, capsys) -> None:
    code, _, err = run(
        capsys, tmp_path / "d", "init", "--name", "第一党支部", "--start", "2026-13-01"
    )
    assert code == 2 and "--start" in err
    code, _, err = run(
        capsys, tmp_path / "e", "init", "--name", "第一党支部", "--start", "1900-01-01"
    )
    assert code == 1 and "台账起始日期" in err
