"""Importing a meeting ledger (会议台账): a messy real-world sheet in, correct records out."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest

from branch_desk.domain.errors import UserError
from branch_desk.domain.events import AbsenceReason, AttendanceStatus, EventRecord, EventType
from branch_desk.domain.idcard import check_char
from branch_desk.domain.members import PartyStatus, StatusChangeKind
from branch_desk.domain.org import OfficerRole
from branch_desk.services.app import BranchDesk
from branch_desk.services.meetings.importer import EventImportPreview
from branch_desk.services.org.units import OfficerInput
from branch_desk.services.roster.members import StatusChangeInput
from tests.conftest import member_input
from tests.xlsx_helpers import write_sheet

# name → (group, birth yyyymmdd, serial, joined on, probationary)
ROSTER: dict[str, tuple[str, str, int, date, bool]] = {
    "张三": ("第一党小组", "19800307", 11, date(2005, 6, 18), False),
    "李四": ("第一党小组", "19820412", 21, date(2006, 7, 1), False),
    "郑十": ("第一党小组", "19851120", 31, date(2010, 5, 4), False),
    "王五": ("第二党小组", "19790102", 41, date(2003, 7, 1), False),
    "赵六": ("第二党小组", "19980615", 51, date(2026, 3, 25), True),  # joins after 03-20
    "钱七": ("第三党小组", "19750808", 61, date(2001, 7, 1), False),  # transferred out 04-30
    "孙八": ("第三党小组", "19700909", 71, date(1998, 7, 1), False),
    "吴九": ("第三党小组", "19880101", 81, date(2012, 6, 1), False),
}
TRANSFER_OUT = date(2026, 4, 30)
PREAMBLE = (("第一党支部2026年会议台账",), ("填表人：李四", None, None, "填表日期：2026年6月"))
HEADER = ("序号", "会议类型", "日期", "主题/议题", "开始时间", "结束时间", "地点",
          "主持人", "记录人", "缺席人员", "列席人员", "决议", "党小组", "授课人")  # fmt: skip
LECTURE_DAY = date(2026, 6, 18)
LECTURE_SERIAL = (LECTURE_DAY - date(1899, 12, 30)).days  # an Excel date serial number


def add_roster(desk: BranchDesk, unit_id: int) -> dict[str, int]:
    """Add the eight members of ROSTER, the committee (张三/李四/王五), and 钱七's transfer."""
    ids = {}
    for name, (group, born, serial, joined, probationary) in ROSTER.items():
        first17 = f"430102{born}{serial:03d}"
        data = member_input(
            name=name,
            id_number=first17 + check_char(first17),
            group=group,
            joined_on=joined,
            party_status=PartyStatus.PROBATIONARY if probationary else PartyStatus.FULL,
            full_member_on=None if probationary else joined.replace(year=joined.year + 1),
            phone="",
        )
        ids[name] = desk.roster.add(unit_id, data).value.id
    term = (date(2024, 3, 15), date(2027, 3, 14))
    roles = (OfficerRole.SECRETARY, OfficerRole.ORGANIZATION, OfficerRole.PROPAGANDA)
    desk.org.set_officers(
        unit_id,
        [
            OfficerInput(r, n, ids[n], *term)
            for r, n in zip(roles, ("张三", "李四", "王五"), strict=True)
        ],
    )
    desk.roster.change_status(
        ids["钱七"],
        StatusChangeInput(
            StatusChangeKind.TRANSFER_OUT, TRANSFER_OUT, "某某党支部", "转〔2026〕1号"
        ),
    )
    return ids


def messy_rows() -> list[list[Any]]:
    return [
        [1, "主题党日、支部党员大会", datetime(2026, 3, 20), "一季度党员大会暨主题党日",
         time(14, 30), "17：00", "党员活动室", "张三", "郑十",
         "王五（病假）；李四(出差)", "周九（入党积极分子）", "一致同意下阶段工作安排。", None, None],
        [2, "支委会", "2026年4月8日", "研究4月份工作", time(9, 0), time(10, 30),
         "书记办公室", "张三", "王五", "李四（陪护家人）", None, "同意本月工作安排。", None, None],
        [3, "党小组会", "2026.5.12", "学习讨论", "14：30", "15:30", "活动室", "孙八", "吴九",
         "吴九（公差）", None, None, "第三党小组", None],
        [4, "党课", LECTURE_SERIAL, "严守政治纪律和政治规矩", "9:00", "11：00", "会议室",
         "张三", "李四", "郑十（事假）、孙八（其他）;王五 （ 出差 ）", None, None, None, "张三"],
    ]  # fmt: skip


def ledger(folder: Path, rows: list[list[Any]], header: tuple[str, ...] = HEADER) -> Path:
    return write_sheet(folder / "会议台账.xlsx", header, rows, preamble=PREAMBLE)


def preview(desk: BranchDesk, unit_id: int, path: Path) -> EventImportPreview:
    return desk.event_import.preview(unit_id, path)


def absentees(event: EventRecord) -> dict[str, str]:
    return {a.name: a.describe_reason() for a in event.absentees}


def expected_names(event: EventRecord) -> set[str]:
    return {a.name for a in event.expected_lines}


@pytest.fixture
def roster(desk: BranchDesk, branch_id: int) -> dict[str, int]:
    return add_roster(desk, branch_id)


def errors_of(result: EventImportPreview) -> list[str]:
    return [p.describe() for p in result.problems if p.is_error]


# ---- the messy ledger imports right ----------------------------------------------------------


def test_messy_ledger_imports_with_right_attendance_and_records(
    desk: BranchDesk, branch_id: int, roster: dict[str, int], tmp_path: Path
) -> None:
    result = preview(desk, branch_id, ledger(tmp_path, messy_rows()))
    assert result.header_row == 3 and result.ok, errors_of(result)
    assert result.count("新增") == 4
    desk.event_import.apply(branch_id, result)
    events = desk.events.list(branch_id)
    assert [e.day for e in events] == [date(2026, 3, 20), date(2026, 4, 8), date(2026, 5, 12),
                                       LECTURE_DAY]  # fmt: skip
    assembly, committee, group, lecture = events

    # combined type counts for both; everyone on the roll that day is expected (not 赵六 yet)
    assert set(assembly.types) == {EventType.THEME_DAY, EventType.BRANCH_ASSEMBLY}
    assert expected_names(assembly) == set(ROSTER) - {"赵六"}
    assert absentees(assembly) == {"王五": "病假", "李四": "出差"}
    assert (assembly.expected, assembly.present) == (7, 5)
    assert (assembly.start, assembly.end) == (time(14, 30), time(17, 0))
    assert (assembly.chair, assembly.recorder) == ("张三", "郑十")
    assert assembly.resolutions == "一致同意下阶段工作安排。"
    assert [(o.name, o.member_id) for o in assembly.observers] == [
        ("周九（入党积极分子）", None)
    ]  # 身份 kept

    # committee: only the 支委 are expected; an unlisted reason is kept as 其他 with its text
    assert committee.type is EventType.COMMITTEE
    assert expected_names(committee) == {"张三", "李四", "王五"}
    (li,) = committee.absentees
    assert (li.name, li.reason, li.reason_text) == ("李四", AbsenceReason.OTHER, "陪护家人")
    assert (committee.expected, committee.present) == (3, 2)
    assert (committee.start, committee.end) == (time(9, 0), time(10, 30))

    # group meeting: only the group's members still on the roll (钱七 left on 04-30)
    assert (group.type, group.group_name) == (EventType.GROUP_MEETING, "第三党小组")
    assert expected_names(group) == {"孙八", "吴九"}
    assert absentees(group) == {"吴九": "公差"}
    assert (group.start, group.end) == (time(14, 30), time(15, 30))

    # Excel serial date; 赵六 (预备) now expected, 钱七 no longer; three separators in one cell
    assert lecture.type is EventType.PARTY_LECTURE
    assert expected_names(lecture) == set(ROSTER) - {"钱七"}
    assert absentees(lecture) == {"郑十": "事假", "孙八": "其他", "王五": "出差"}
    assert (lecture.lecturer, lecture.lecture_topic) == ("张三", "严守政治纪律和政治规矩")
    zhao = next(a for a in lecture.attendance if a.name == "赵六")
    assert (zhao.status, zhao.party_status) == (AttendanceStatus.PRESENT, "预备")


def test_non_member_observer_is_a_warning_not_an_error(
    desk: BranchDesk, branch_id: int, roster: dict[str, int], tmp_path: Path
) -> None:
    result = preview(desk, branch_id, ledger(tmp_path, messy_rows()[:1]))
    assert result.ok and result.error_count == 0
    (warning,) = result.problems
    assert not warning.is_error
    assert (warning.row, warning.column) == (4, "列席人员") and "周九" in warning.message


@pytest.mark.parametrize(
    "first",
    [
        1,
        0,
    ],
    ids=["single-type-rows", "with-combined-type-row"],
)
def test_reimporting_the_same_file_updates_instead_of_duplicating(
    desk: BranchDesk, branch_id: int, roster: dict[str, int], tmp_path: Path, first: int
) -> None:
    rows = messy_rows()[first:]
    path = ledger(tmp_path, rows)
    desk.event_import.apply(branch_id, preview(desk, branch_id, path))
    before = desk.events.list(branch_id)
    attendance_ids = _attendance_ids(desk)
    again = preview(desk, branch_id, path)
    assert (again.count("新增"), again.count("更新"), again.count("无变化")) == (0, 0, len(rows))
    outcome = desk.event_import.apply(branch_id, again).value
    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 0, len(rows))
    assert _attendance_ids(desk) == attendance_ids  # no attendance row rewritten
    after = desk.events.list(branch_id)
    assert [e.id for e in after] == [e.id for e in before]
    assert [absentees(e) for e in after] == [absentees(e) for e in before]
    rows[0][9] = "张三（公差）"  # a corrected file replaces the attendance, still no duplicate
    corrected = preview(desk, branch_id, ledger(tmp_path, rows))
    assert (corrected.count("更新"), corrected.count("无变化")) == (1, len(rows) - 1)
    desk.event_import.apply(branch_id, corrected)
    final = desk.events.list(branch_id)
    assert [e.id for e in final] == [e.id for e in before]
    assert absentees(final[0]) == {"张三": "公差"}


def test_preview_writes_nothing(
    desk: BranchDesk, branch_id: int, roster: dict[str, int], tmp_path: Path
) -> None:
    result = preview(desk, branch_id, ledger(tmp_path, messy_rows()))
    assert result.ok
    assert desk.events.list() == []


# ---- bad rows: per-cell errors, nothing imported ---------------------------------------------


def _unknown_absentee(rows: list[list[Any]]) -> None:
    rows[1][9] = "李四（病假）；陈十一（出差）"


def _transferred_out_absentee(rows: list[list[Any]]) -> None:
    rows[3][9] = "钱七（病假）"


def _group_meeting_without_group(rows: list[list[Any]]) -> None:
    rows[2][12] = None


def _unknown_type(rows: list[list[Any]]) -> None:
    rows[0][1] = "三会一课"


def _future_date(rows: list[list[Any]]) -> None:
    rows[0][2] = "2026-12-01"


@pytest.mark.parametrize(
    ("spoil", "row", "column", "fragments"),
    [
        (_unknown_absentee, 5, "缺席人员", ("陈十一", "名册")),
        (_transferred_out_absentee, 7, "缺席人员", ("钱七", "名册")),
        (_group_meeting_without_group, 6, "党小组", ("党小组",)),
        (_unknown_type, 4, "会议类型", ("三会一课", *(t.value for t in EventType))),
        (_future_date, 4, "日期", ("不能晚于今天",)),
    ],
)
def test_one_bad_cell_is_reported_by_row_and_column_and_nothing_imported(
    desk: BranchDesk,
    branch_id: int,
    roster: dict[str, int],
    tmp_path: Path,
    spoil: Any,
    row: int,
    column: str,
    fragments: tuple[str, ...],
) -> None:
    rows = messy_rows()
    spoil(rows)
    result = preview(desk, branch_id, ledger(tmp_path, rows))
    assert not result.ok and result.error_count == 1
    (problem,) = [p for p in result.problems if p.is_error]
    assert (problem.row, problem.column) == (row, column)
    text = problem.describe()
    assert text.startswith(f"第{row}行〔{column}〕")
    for fragment in fragments:
        assert fragment in text
    with pytest.raises(UserError, match="未导入任何数据"):
        desk.event_import.apply(branch_id, result)
    assert desk.events.list() == []


def test_absentee_written_with_padding_space_is_matched(
    desk: BranchDesk, branch_id: int, roster: dict[str, int], tmp_path: Path
) -> None:
    rows = messy_rows()[1:2]
    rows[0][9] = "李  四（病假）"  # two-character names are often padded in ledgers
    result = preview(desk, branch_id, ledger(tmp_path, rows))
    assert result.ok, errors_of(result)
    desk.event_import.apply(branch_id, result)
    assert absentees(desk.events.list()[0]) == {"李四": "病假"}


@pytest.mark.parametrize("drop", ["日期", "会议类型"])
def test_missing_required_column_is_a_clear_error(
    desk: BranchDesk, branch_id: int, roster: dict[str, int], tmp_path: Path, drop: str
) -> None:
    index = HEADER.index(drop)
    header = HEADER[:index] + HEADER[index + 1 :]
    rows = [r[:index] + r[index + 1 :] for r in messy_rows()]
    with pytest.raises(UserError, match=f"缺少必需的列：{drop}"):
        preview(desk, branch_id, ledger(tmp_path, rows, header))
    assert desk.events.list() == []


def test_absentee_with_unclosed_bracket_is_not_silently_marked_present(
    desk: BranchDesk, branch_id: int, roster: dict[str, int], tmp_path: Path
) -> None:
    rows = messy_rows()[1:2]
    rows[0][9] = "李四（病假"
    result = preview(desk, branch_id, ledger(tmp_path, rows))
    if result.ok:
        desk.event_import.apply(branch_id, result)
        assert "李四" in absentees(desk.events.list()[0])
    else:
        assert any(p.column == "缺席人员" for p in result.problems)


def test_reason_with_a_comma_inside_brackets_imports(
    desk: BranchDesk, branch_id: int, roster: dict[str, int], tmp_path: Path
) -> None:
    rows = messy_rows()[1:2]
    rows[0][9] = "李四（出差，赴京培训）"
    result = preview(desk, branch_id, ledger(tmp_path, rows))
    assert result.ok, errors_of(result)
    desk.event_import.apply(branch_id, result)
    (li,) = desk.events.list()[0].absentees
    assert li.name == "李四" and "赴京培训" in li.describe_reason()


def _attendance_ids(desk: BranchDesk) -> list[int]:
    from sqlalchemy import select

    from branch_desk.storage.models import Attendance

    with desk.db.session(audited=False) as s:
        return list(s.scalars(select(Attendance.id).order_by(Attendance.id)))


def test_reimporting_a_changed_row_keeps_what_the_sheet_has_no_column_for(
    desk: BranchDesk, branch_id: int, roster: dict[str, int], tmp_path: Path
) -> None:
    from dataclasses import replace as changed_input

    from branch_desk.services.meetings.import_merge import input_of
    from branch_desk.storage.models import Event
    from branch_desk.storage.repositories import events as stored_events

    rows = messy_rows()[1:]
    desk.event_import.apply(branch_id, preview(desk, branch_id, ledger(tmp_path, rows)))
    event = desk.events.list(branch_id)[0]
    with desk.db.session(audited=False) as s:
        stored = input_of(stored_events.stored(s, event.id))
    desk.events.update(event.id, changed_input(stored, minutes="会议记录正文", agenda=("议程一",)))
    rows[0][6] = "新会议室"
    again = preview(desk, branch_id, ledger(tmp_path, rows))
    assert again.count("更新") == 1
    desk.event_import.apply(branch_id, again)
    with desk.db.session(audited=False) as s:
        row = s.get(Event, event.id)
        assert (row.place, row.minutes, row.agenda) == ("新会议室", "会议记录正文", "议程一")
