"""Text is kept as typed: full-width punctuation survives the import, the record and the summary."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

from branch_desk.domain.events import AttendanceStatus, EventType
from branch_desk.domain.text import as_typed, clean, squeeze
from branch_desk.services.app import BranchDesk
from branch_desk.services.meetings.events import AttendanceInput, EventInput
from branch_desk.services.meetings.minutes import minutes_doc
from branch_desk.services.sheets.cells import free_text_cell, text_cell
from tests.exports.document_texts import docx_texts
from tests.xlsx_helpers import write_sheet

from .test_event_import import add_roster, ledger

TYPED = "传达学习上级精神，研究年度评议工作：第一项"


def test_as_typed_trims_only_the_ends() -> None:
    assert (
        as_typed("　 传达学习上级精神，研究：（一）  两个空格 \n")
        == "传达学习上级精神，研究：（一）  两个空格"
    )
    assert free_text_cell(f"  {TYPED}\n") == TYPED
    assert free_text_cell("第一行\n第二行") == "第一行\n第二行"


def test_names_are_normalised_but_keep_their_punctuation() -> None:
    assert clean("王五（入党积极分子）") == "王五（入党积极分子）"
    assert clean("第１党小组 ") == "第1党小组"
    assert text_cell("　张　三 ") == "张 三"
    assert squeeze("１４：３０") == "14:30"  # a key to read a time, never text to store


def test_ledger_text_is_stored_and_printed_as_typed(
    desk: BranchDesk, branch_id: int, tmp_path: Path
) -> None:
    add_roster(desk, branch_id)
    row = [1, "主题党日", datetime(2026, 3, 20), TYPED, time(14, 30), time(16, 30),
           "党员活动室（二楼）", "张三", "李四", "王五（出差，赴京培训）", "周九（入党积极分子）",
           "同意：一、加强学习；二、按期换届。", None, None]  # fmt: skip
    result = desk.event_import.preview(branch_id, ledger(tmp_path, [row]))
    assert result.ok, [p.describe() for p in result.problems]
    desk.event_import.apply(branch_id, result)
    [event] = desk.events.list(branch_id)
    assert event.title == TYPED
    assert event.place == "党员活动室（二楼）"
    assert event.resolutions == "同意：一、加强学习；二、按期换届。"
    assert [a.reason_text for a in event.absentees] == ["赴京培训"]
    assert [o.name for o in event.observers] == ["周九（入党积极分子）"]

    out = tmp_path / "记录.docx"
    desk.minutes.export_minutes(event.id, out)
    texts = docx_texts(out)
    assert TYPED in texts
    assert "同意：一、加强学习；二、按期换届。" in texts
    assert "王五（出差，赴京培训）" in texts and "周九（入党积极分子）" in texts
    assert not any("(" in t or ")" in t for t in texts)  # no half-width brackets anywhere

    drafts = desk.summary.drafts(branch_id, 2026, date(2026, 12, 31))
    assert any(TYPED in text for text in drafts.values())
    assert not any("精神," in text or "工作:" in text for text in drafts.values())


def test_an_observer_stored_with_half_width_brackets_prints_full_width(
    desk: BranchDesk, branch_id: int
) -> None:
    add_roster(desk, branch_id)
    lines = (*desk.events.expected(branch_id, EventType.BRANCH_ASSEMBLY, date(2026, 3, 20)),)
    lines += (AttendanceInput("周九(入党积极分子)", AttendanceStatus.OBSERVER),)  # an old record
    data = EventInput(EventType.BRANCH_ASSEMBLY, date(2026, 3, 20), attendance=lines)
    event = desk.events.add(branch_id, data).value
    assert [o.name for o in minutes_doc(desk.events.get(event.id)).observers] == [
        "周九（入党积极分子）"
    ]


def test_roster_import_keeps_the_work_unit_as_typed(
    desk: BranchDesk, branch_id: int, tmp_path: Path
) -> None:
    header = ("姓名", "身份证号", "人员类别", "党员类别", "入党时间", "转正时间", "工作单位及职务")
    row = ("张三", "110101199003071233", "在职", "正式党员", "2012-06-18", "2013-06-18",
           "市住建局（办公室），科员：负责文秘")  # fmt: skip
    preview = desk.roster_import.preview(
        branch_id, write_sheet(tmp_path / "名册.xlsx", header, [row])
    )
    assert preview.ok, [p.describe() for p in preview.problems]
    desk.roster_import.apply(branch_id, preview)
    [member] = desk.roster.list(branch_id)
    assert member.work_unit == "市住建局（办公室），科员：负责文秘"


def test_a_lecture_without_a_title_prints_its_topic_as_the_subject(
    desk: BranchDesk, branch_id: int
) -> None:
    add_roster(desk, branch_id)
    data = EventInput(
        EventType.PARTY_LECTURE,
        date(2026, 3, 20),
        lecturer="张三",
        lecture_topic="严守纪律（专题）",
    )
    record = minutes_doc(desk.events.add(branch_id, data).value)
    assert record.topic == "严守纪律（专题）"


def test_a_meeting_imported_with_folded_punctuation_is_updated_not_duplicated(
    desk: BranchDesk, branch_id: int, tmp_path: Path
) -> None:
    add_roster(desk, branch_id)
    folded = TYPED.replace("，", ",").replace("：", ":")  # as an earlier version stored it
    desk.events.add(branch_id, EventInput(EventType.THEME_DAY, date(2026, 3, 20), title=folded))
    row = [1, "主题党日", datetime(2026, 3, 20), TYPED, None, None, None, None, None, None, None,
           None, None, None]  # fmt: skip
    preview = desk.event_import.preview(branch_id, ledger(tmp_path, [row]))
    assert [r.action for r in preview.rows] == ["更新"]
    desk.event_import.apply(branch_id, preview)
    assert [e.title for e in desk.events.list(branch_id)] == [TYPED]
