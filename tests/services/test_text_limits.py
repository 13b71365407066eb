"""One text limit at every entry point: what one path accepts, another never refuses."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from branch_desk.__main__ import main
from branch_desk.domain.events import EventType
from branch_desk.domain.limits import MAX_FIELD_CHARS, MAX_LONG_TEXT_CHARS
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.meetings.events import EventInput
from branch_desk.services.org.units import BranchInput
from branch_desk.storage.text_limits import TextTooLong
from tests.conftest import member_input
from tests.services.test_roster_import import HEADER, ZHANG
from tests.xlsx_helpers import write_sheet


def test_service_refuses_a_one_megabyte_topic(desk: BranchDesk, branch_id: int) -> None:
    with pytest.raises(
        TextTooLong, match=rf"会议活动的“主题”过长（1000000个字，最多{MAX_FIELD_CHARS}个字）"
    ):
        desk.events.add(
            branch_id, EventInput(EventType.STUDY, date(2026, 5, 1), title="题" * 1_000_000)
        )
    assert desk.events.list(branch_id) == []


def test_service_refuses_an_oversized_work_unit_and_keeps_the_old_one(
    desk: BranchDesk, branch_id: int
) -> None:
    member = desk.roster.add(branch_id, member_input(work_unit="办公室")).value
    with pytest.raises(TextTooLong, match="党员的“工作单位及职务”过长"):
        desk.roster.update(member.id, member_input(work_unit="单" * (MAX_FIELD_CHARS + 1)))
    assert desk.roster.list()[0].work_unit == "办公室"


def test_long_free_text_has_its_own_larger_limit(desk: BranchDesk, branch_id: int) -> None:
    minutes = "记" * MAX_LONG_TEXT_CHARS
    event = desk.events.add(
        branch_id, EventInput(EventType.STUDY, date(2026, 5, 1), minutes=minutes)
    )
    assert desk.events.get(event.value.id).minutes == minutes
    with pytest.raises(TextTooLong, match="会议记录"):
        desk.events.add(
            branch_id, EventInput(EventType.STUDY, date(2026, 5, 2), minutes=minutes + "记")
        )


def run(paths: AppPaths, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["--data-dir", str(paths.data_dir), *args])
    return code, capsys.readouterr().err


def test_sheet_accepted_work_unit_round_trips_and_oversized_is_refused(
    paths: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with BranchDesk.open(paths, automatic_backups=False) as desk:
        desk.org.create_branch(BranchInput(name="第一党支部", upper_org="机关党委"))
    long_unit = "单" * 5000
    sheet = write_sheet(tmp_path / "名册.xlsx", HEADER, [[*ZHANG[:-1], long_unit]])
    assert run(paths, capsys, "import", "roster", str(sheet))[0] == 0
    exchange = tmp_path / "all.json"
    assert run(paths, capsys, "export", "data", "-o", str(exchange))[0] == 0
    other = AppPaths.resolve(tmp_path / "other")
    code, err = run(other, capsys, "import", "data", str(exchange))
    assert (code, err) == (0, "")
    with BranchDesk.open(other, automatic_backups=False) as desk:
        assert desk.roster.list()[0].work_unit == long_unit

    too_long = "单" * (MAX_FIELD_CHARS + 1)
    sheet = write_sheet(tmp_path / "超长.xlsx", HEADER, [[*ZHANG[:-1], too_long]])
    fresh = AppPaths.resolve(tmp_path / "fresh")
    with BranchDesk.open(fresh, automatic_backups=False) as desk:
        desk.org.create_branch(BranchInput(name="第一党支部", upper_org="机关党委"))
    code, err = run(fresh, capsys, "import", "roster", str(sheet))
    assert code == 1 and "过长" in err and str(MAX_FIELD_CHARS) in err and "内部错误" not in err
    with BranchDesk.open(fresh, automatic_backups=False) as desk:
        assert desk.roster.list() == []

    document = json.loads(exchange.read_text(encoding="utf-8"))
    document["members"][0]["work_unit"] = too_long
    exchange.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    code, err = run(AppPaths.resolve(tmp_path / "third"), capsys, "import", "data", str(exchange))
    assert code == 1 and f"最多{MAX_FIELD_CHARS}个字符" in err
