"""Importing a development ledger (发展党员台账): one row per person, one date column per step."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from branch_desk.domain.development import Stage, Step
from branch_desk.domain.errors import UserError
from branch_desk.domain.idcard import check_char
from branch_desk.domain.members import Gender, PartyStatus
from branch_desk.services.app import BranchDesk
from branch_desk.services.development.import_columns import range_cell
from branch_desk.services.development.import_rows import CandidateImportPreview
from branch_desk.services.development.service import CandidateInput
from branch_desk.services.sheets.cells import CellError
from branch_desk.services.sheets.importing import CREATE, UNCHANGED, UPDATE
from tests.conftest import FIXED_NOW, member_input
from tests.xlsx_helpers import write_sheet

TODAY = FIXED_NOW.date()  # 2026-11-20


def make_id(region: str, born: str, serial: int) -> str:
    first17 = f"{region}{born}{serial:03d}"
    return first17 + check_char(first17)


ROSTER = {  # name → (id number, joined on)
    "张三": (make_id("110101", "19800307", 11), date(2005, 6, 18)),
    "李四": (make_id("110101", "19820412", 21), date(2006, 7, 1)),
    "王五": (make_id("110101", "19790102", 41), date(2003, 7, 1)),
}
CHEN_ID = make_id("430102", "20000315", 12)
ZHOU_ID = make_id("430103", "19950720", 33)
WU_ID = make_id("430104", "19970102", 45)
ZHENG_ID = make_id("430105", "19920808", 57)
PREAMBLE = (
    ("中共某某机关第一党支部发展党员工作台账",),
    ("填报单位：第一党支部", None, None, "填报日期：2026年11月"),
)
HEADER = (
    "序号", "姓名", "谈话时间", "身份证号", "入党申请时间", "性别", "出生日期",
    "确定积极分子时间", "培养联系人", "确定发展对象时间", "入党介绍人", "政审时间",
    "培训时间", "培训学时", "支委会审查时间", "预审时间", "公示时间", "支部大会时间",
    "审批时间", "入党宣誓时间", "转正申请时间", "转正时间", "党小组", "备注",
)  # fmt: skip
ACTIVIST_SERIAL = (date(2025, 7, 1) - date(1899, 12, 30)).days  # an Excel date serial


def messy_rows() -> list[list[Any]]:
    """Five people at five stages; 刘一's talk is 45 days after the application (a rule fault)."""
    blank = [None] * 15
    return [
        [1, "刘一", "2026年9月15日", None, "2026.8.1", "女", "1999年5月6日",
         *blank, "第一党小组", "谈话拖后"],
        [2, "陈二", datetime(2025, 3, 20), CHEN_ID, datetime(2025, 3, 1), None, None,
         ACTIVIST_SERIAL, "张三、李四", *blank[:13], "第二党小组", None],
        [3, "周三", "2024-01-25", ZHOU_ID, "2024-01-10", None, None,
         "2024.5.10", "张三", "2025年6月1日", "张三，李四", "2025-07-01",
         *blank[:10], None, None],
        [4, "吴四", "2023年3月20日", WU_ID, "2023.3.1", "男", None,
         datetime(2023, 7, 1), "李四", "2024-07-10", "张三、陈十一", "2025-12-01",
         "2025-12-08至2025-12-10", 24, "2026-01-10", "2026-01-20", "2026-01-26至2026-02-06",
         "2026-03-10", "2026年4月20日", "2026-05-01", None, None, "第一党小组", None],
        [5, "郑五", "2021-03-15", ZHENG_ID, "2021-03-01", None, None,
         "2021-07-01", "王五", "2022-07-05", "张三 王五", "2022-08-01",
         "2022-08-15", "24学时", "2022-09-01", "2022-09-10", "2022.9.13-9.20",
         "2022-10-10", "2022-11-20", "2022-12-01", "2023-09-10", "2023-10-11", None, None],
    ]  # fmt: skip


def ledger(tmp_path: Path, rows: list[list[Any]], header: tuple[str, ...] = HEADER) -> Path:
    return write_sheet(tmp_path / "发展党员台账.xlsx", header, rows, preamble=PREAMBLE)


def add_roster(desk: BranchDesk, unit_id: int) -> dict[str, int]:
    ids = {}
    for name, (number, joined) in ROSTER.items():
        data = member_input(
            name=name,
            id_number=number,
            joined_on=joined,
            full_member_on=joined.replace(year=joined.year + 1),
            phone="",
        )
        ids[name] = desk.roster.add(unit_id, data).value.id
    return ids


@pytest.fixture
def roster(desk: BranchDesk, branch_id: int) -> dict[str, int]:
    return add_roster(desk, branch_id)


def preview(desk: BranchDesk, unit_id: int, path: Path) -> CandidateImportPreview:
    return desk.candidate_import.preview(unit_id, path)


def by_name(desk: BranchDesk, unit_id: int) -> dict[str, Any]:
    return {c.name: c for c in desk.development.list(unit_id)}


def test_messy_ledger_imports_every_stage(
    desk: BranchDesk, branch_id: int, roster: dict[str, int], tmp_path: Path
):
    plan = preview(desk, branch_id, ledger(tmp_path, messy_rows()))
    assert plan.ok, [p.describe() for p in plan.problems]
    assert (plan.sheet_name, plan.header_row, plan.unknown_columns) == ("Sheet1", 3, ())
    assert plan.count(CREATE) == 5
    assert [r.stage for r in plan.rows] == [
        Stage.APPLICANT, Stage.ACTIVIST, Stage.TARGET, Stage.PROBATIONARY, Stage.FULL,
    ]  # fmt: skip
    warnings = [p.describe() for p in plan.problems]
    assert warnings == [
        "（提示）第7行〔入党介绍人〕“陈十一”不在本支部党员名册中，按姓名记录（未关联党员）"
    ]

    result = desk.candidate_import.apply(branch_id, plan).value
    assert (result.created, result.updated) == (5, 0)
    people = by_name(desk, branch_id)
    assert {n: c.stage for n, c in people.items()} == {
        "刘一": Stage.APPLICANT,
        "陈二": Stage.ACTIVIST,
        "周三": Stage.TARGET,
        "吴四": Stage.PROBATIONARY,
        "郑五": Stage.FULL,
    }
    liu = people["刘一"]
    assert (liu.gender, liu.birth_date, liu.group) == ("女", date(1999, 5, 6), "第一党小组")
    assert liu.notes == "谈话拖后"  # 备注 is kept, not dropped
    assert liu.steps[Step.APPLICATION].day == date(2026, 8, 1)
    assert liu.steps[Step.TALK].day == date(2026, 9, 15)
    chen = people["陈二"]
    assert chen.gender == Gender.FEMALE and chen.birth_date == date(2000, 3, 15)
    assert chen.steps[Step.APPLICATION].day == date(2025, 3, 1)
    assert chen.steps[Step.ACTIVIST].day == date(2025, 7, 1)
    mentors = chen.steps[Step.MENTORS]
    assert mentors.day == date(2025, 7, 1)  # the mentors are recorded on the activist date
    assert mentors.data["people"] == [
        {"name": "张三", "member_id": roster["张三"]},
        {"name": "李四", "member_id": roster["李四"]},
    ]
    zhou = people["周三"]
    assert zhou.steps[Step.SPONSORS].day == date(2025, 6, 1)
    assert zhou.steps[Step.REVIEW].data == {"conclusion": "合格"}
    wu = people["吴四"]
    assert wu.steps[Step.SPONSORS].data["people"] == [
        {"name": "张三", "member_id": roster["张三"]},
        {"name": "陈十一", "member_id": None},
    ]
    assert wu.steps[Step.TRAINING].day == date(2025, 12, 8)
    assert wu.steps[Step.TRAINING].data == {"days": 3, "hours": 24.0}
    assert wu.steps[Step.PUBLICITY].day == date(2026, 1, 26)
    assert wu.steps[Step.PUBLICITY].data == {"end": "2026-02-06"}
    assert wu.steps[Step.ADMISSION].data == {"passed": True}
    assert wu.probation_ends == date(2027, 3, 9)
    zheng = people["郑五"]
    assert zheng.steps[Step.PUBLICITY].data == {"end": "2022-09-20"}
    assert zheng.steps[Step.TRAINING].data == {"days": 0, "hours": 24.0}
    assert zheng.steps[Step.FULL_VOTE].day == date(2023, 10, 11)
    assert zheng.steps[Step.FULL_VOTE].data == {"outcome": "同意转正"}
    assert zheng.steps[Step.FULL_APPROVAL].day == date(2023, 10, 11)  # only 转正时间: both
    assert zheng.party_age_from == date(2023, 10, 10)

    listed = desk.roster.list(branch_id)
    assert sorted(m.name for m in listed) == sorted(["张三", "李四", "王五", "吴四", "郑五"])
    members = {m.name: m for m in listed}
    assert members["吴四"].party_status is PartyStatus.PROBATIONARY
    assert members["吴四"].joined_on == date(2026, 3, 10)
    assert members["吴四"].group == "第一党小组"
    assert members["郑五"].party_status is PartyStatus.FULL
    assert (members["郑五"].joined_on, members["郑五"].full_member_on) == (
        date(2022, 10, 10),
        date(2023, 10, 10),
    )
    assert wu.member_id == members["吴四"].id and zheng.member_id == members["郑五"].id


def test_reimport_updates_and_never_duplicates(
    desk: BranchDesk, branch_id: int, roster: dict[str, int], tmp_path: Path
):
    path = ledger(tmp_path, messy_rows())
    desk.candidate_import.apply(branch_id, preview(desk, branch_id, path))
    again = preview(desk, branch_id, path)
    assert again.ok and again.count(UNCHANGED) == 5
    result = desk.candidate_import.apply(branch_id, again).value
    assert (result.created, result.updated, result.unchanged) == (0, 0, 5)

    rows = messy_rows()
    rows[1][9] = "2026-07-10"  # 陈二 becomes a 发展对象
    rows[3][20] = "2026-11-02"  # 吴四 hands in the 转正 application
    changed_plan = preview(desk, branch_id, ledger(tmp_path, rows))
    assert [r.action for r in changed_plan.rows] == [
        UNCHANGED,
        UPDATE,
        UNCHANGED,
        UPDATE,
        UNCHANGED,
    ]
    result = desk.candidate_import.apply(branch_id, changed_plan).value
    assert (result.created, result.updated) == (0, 2)

    people = by_name(desk, branch_id)
    assert len(desk.development.list(branch_id)) == 5
    assert people["陈二"].stage is Stage.TARGET
    assert people["吴四"].steps[Step.FULL_APPLICATION].day == date(2026, 11, 2)
    names = [m.name for m in desk.roster.list(branch_id)]
    assert sorted(names) == sorted(["张三", "李四", "王五", "吴四", "郑五"])


def test_ledger_fault_shows_as_a_develop_finding(
    desk: BranchDesk, branch_id: int, roster: dict[str, int], tmp_path: Path
):
    desk.candidate_import.apply(branch_id, preview(desk, branch_id, ledger(tmp_path, messy_rows())))
    unit = desk.org.resolve()
    findings = desk.development_checks.findings(unit, 2026, TODAY)
    talk = [f for f in findings if f.rule == "develop.talk_deadline"]
    assert [f.subject for f in talk] == ["刘一"]
    assert "2026-09-01" in talk[0].message
    people = by_name(desk, branch_id)
    for name in ("周三", "吴四", "郑五"):
        rules = {i.rule for i in people[name].issues}
        assert "develop.talk_deadline" not in rules and "develop.order" not in rules
    wu_rules = {i.message for i in people["吴四"].issues if i.rule == "develop.sponsors"}
    assert any("陈十一" in m for m in wu_rules)


def test_bad_cells_are_reported_by_row_and_column_and_nothing_is_written(
    desk: BranchDesk, branch_id: int, roster: dict[str, int], tmp_path: Path
):
    rows = messy_rows()
    rows[1][3] = 430102200003150120  # 身份证号 typed as a number
    rows[2][9] = "2025.13.45"  # 确定发展对象时间: no such day
    rows[3][18] = "2027-01-05"  # 审批时间 in the future
    plan = preview(desk, branch_id, ledger(tmp_path, rows))
    assert not plan.ok
    errors = [p.describe() for p in plan.problems if p.is_error]
    assert errors[0].startswith("第5行〔身份证号〕身份证号被保存为数字")
    assert errors[1] == "第6行〔确定发展对象时间〕“2025.13.45”不是有效日期"
    assert errors[2] == "第7行〔审批时间〕不能晚于今天"
    assert len(errors) == 3
    assert [r.ok for r in plan.rows] == [True, False, False, False, True]
    assert plan.count(CREATE) == 2
    with pytest.raises(UserError, match="3处错误"):
        desk.candidate_import.apply(branch_id, plan)
    assert desk.development.list(branch_id) == []
    assert len(desk.roster.list(branch_id)) == 3


def test_step_out_of_order_is_imported_and_left_to_the_rules(
    desk: BranchDesk, branch_id: int, tmp_path: Path
):
    header = ("姓名", "身份证号", "入党申请时间", "谈话时间", "确定积极分子时间")
    path = write_sheet(tmp_path / "a.xlsx", header, [["陈二", CHEN_ID, "2025-03-01",
                                                    "2025-02-20", "2025-07-01"]])  # fmt: skip
    plan = preview(desk, branch_id, path)
    assert plan.ok and not plan.problems
    desk.candidate_import.apply(branch_id, plan)
    chen = desk.development.find("陈二")
    assert "develop.order" in {i.rule for i in chen.issues}


def test_split_publicity_full_columns_and_review_conclusion(
    desk: BranchDesk, branch_id: int, roster: dict[str, int], tmp_path: Path
):
    header = ("姓名", "身份证号", "支部大会时间", "审批时间", "政审时间", "政审结论", "培训时间",
              "培训天数", "公示开始", "公示结束", "转正讨论时间", "转正审批时间", "入党介绍人",
              "确定入党介绍人时间")  # fmt: skip
    rows = [
        ["郑五", ZHENG_ID, "2022-10-10", "2022-11-20", "2022-08-01", "合格", "2022-08-15", 3,
         "2022/9/13", "2022/9/20", "2023-10-11", "2023-11-02", "张三、王五", "2022-07-06"],
        ["周三", ZHOU_ID, None, None, "2025-07-01", "不合格", None, None,
         None, None, None, None, None, None],
    ]  # fmt: skip
    plan = preview(desk, branch_id, write_sheet(tmp_path / "b.xlsx", header, rows))
    assert plan.ok, [p.describe() for p in plan.problems]
    desk.candidate_import.apply(branch_id, plan)
    zheng = desk.development.find("郑五")
    assert zheng.steps[Step.PUBLICITY].day == date(2022, 9, 13)
    assert zheng.steps[Step.PUBLICITY].data == {"end": "2022-09-20"}
    assert zheng.steps[Step.TRAINING].data == {"days": 3, "hours": 0.0}
    assert zheng.steps[Step.FULL_VOTE].day == date(2023, 10, 11)
    assert zheng.steps[Step.FULL_APPROVAL].day == date(2023, 11, 2)
    assert zheng.steps[Step.SPONSORS].day == date(2022, 7, 6)
    assert zheng.stage is Stage.FULL
    zhou = desk.development.find("周三")
    assert zhou.steps[Step.REVIEW].data == {"conclusion": "不合格"}

    # a 转正讨论时间 without an approval column records only the vote
    header2 = ("姓名", "身份证号", "转正讨论时间", "审批时间", "支部大会时间")
    rows2 = [["吴四", WU_ID, "2026-03-20", "2025-04-20", "2025-03-10"]]
    plan2 = preview(desk, branch_id, write_sheet(tmp_path / "c.xlsx", header2, rows2))
    desk.candidate_import.apply(branch_id, plan2)
    wu = desk.development.find("吴四")
    assert Step.FULL_APPROVAL not in wu.steps and wu.stage is Stage.PROBATIONARY


def test_publicity_needs_both_ends(desk: BranchDesk, branch_id: int, tmp_path: Path):
    header = ("姓名", "身份证号", "公示时间", "公示开始", "公示结束")
    rows = [
        ["陈二", CHEN_ID, "2025-09-27", None, None],
        ["周三", ZHOU_ID, None, "2025-09-27", None],
        ["吴四", WU_ID, None, "2025-09-27", "2025-09-20"],
    ]
    plan = preview(desk, branch_id, write_sheet(tmp_path / "d.xlsx", header, rows))
    assert [p.describe() for p in plan.problems] == [
        "第2行〔公示时间〕请填写公示起止日期，如“2024-09-27至2024-10-08”",
        "第3行〔公示结束〕已填写公示开始日期，请填写公示结束日期",
        "第4行〔公示结束〕公示结束日期不能早于开始日期",
    ]


def test_matching_by_name_and_birth_or_unique_name(
    desk: BranchDesk, branch_id: int, tmp_path: Path
):
    added = desk.development.add(
        branch_id, CandidateInput("刘一", Gender.FEMALE, date(1999, 5, 6), group="第一党小组")
    ).value
    desk.development.record_step(added.id, Step.APPLICATION, date(2026, 8, 1))
    header = ("姓名", "出生日期", "谈话时间", "联系电话")
    plan = preview(
        desk,
        branch_id,
        write_sheet(tmp_path / "e.xlsx", header, [["刘一", "1999-05-06", "2026-08-20", None]]),
    )
    assert [(r.action, r.candidate_id) for r in plan.rows] == [(UPDATE, added.id)]
    desk.candidate_import.apply(branch_id, plan)
    header = ("姓名", "联系电话", "民族", "学历")
    plan = preview(
        desk,
        branch_id,
        write_sheet(tmp_path / "f.xlsx", header, [["刘 一", 13800138000, "汉族", "本科"]]),
    )
    assert [(r.action, r.candidate_id) for r in plan.rows] == [(UPDATE, added.id)]
    desk.candidate_import.apply(branch_id, plan)
    liu = desk.development.get(added.id)
    assert (liu.phone, liu.ethnicity, liu.group) == ("13800138000", "汉族", "第一党小组")
    assert liu.steps[Step.APPLICATION].day == date(2026, 8, 1)  # kept: blank cells change nothing
    assert liu.steps[Step.TALK].day == date(2026, 8, 20)
    assert len(desk.development.list(branch_id)) == 1


def test_row_problems(desk: BranchDesk, branch_id: int, roster: dict[str, int], tmp_path: Path):
    header = (
        "姓名",
        "身份证号",
        "性别",
        "出生日期",
        "培养联系人",
        "党小组",
        "培训时间",
        "培训学时",
    )
    rows = [
        ["陈二", CHEN_ID, None, None, "张三", None, None, None],  # no activist date: warning
        ["陈二", CHEN_ID, None, None, None, None, None, None],  # same ID twice
        ["", None, "男", "1990-01-01", None, None, None, None],  # no name
        ["周九", None, None, None, None, "第九党小组", None, None],  # no gender/birth, no group
        ["吴四", WU_ID[:-1] + ("0" if WU_ID[-1] != "0" else "1"), None, None, None, None,
         None, None],  # check digit wrong
        ["郑五", ZHENG_ID, "女", None, None, None, "2024-05-01", "很多"],
    ]  # fmt: skip
    plan = preview(desk, branch_id, write_sheet(tmp_path / "g.xlsx", header, rows))
    described = [p.describe() for p in plan.problems]
    assert described[0].startswith(
        "（提示）第2行〔培养联系人〕未登记：缺少“确定入党积极分子”的日期"
    )
    assert "第3行〔身份证号〕与第2行的身份证号重复" in described
    assert "第4行〔姓名〕不能为空" in described
    assert "第5行〔性别〕请填写性别（男/女）" in described
    assert "第5行〔出生日期〕未填身份证号时，出生日期必填" in described
    assert "第5行〔党小组〕“第九党小组”不存在" in described
    assert any(d.startswith("第6行〔身份证号〕") for d in described)
    assert "第7行〔性别〕与身份证号不符（身份证号显示为男）" in described
    assert "第7行〔培训学时〕“很多”不是有效的数字" in described
    assert [r.ok for r in plan.rows] == [True, False, False, False, False, False]


def test_missing_name_column_and_empty_sheet(desk: BranchDesk, branch_id: int, tmp_path: Path):
    header = ("身份证号", "入党申请时间", "谈话时间", "确定积极分子时间")
    with pytest.raises(UserError, match="姓名"):
        preview(desk, branch_id, write_sheet(tmp_path / "h.xlsx", header, [[CHEN_ID]]))
    header = ("姓名", "入党申请时间", "谈话时间")
    plan = preview(desk, branch_id, write_sheet(tmp_path / "i.xlsx", header, []))
    assert not plan.ok and plan.problems[0].message == "表头下没有任何数据行"


def test_ended_candidate_is_refused(desk: BranchDesk, branch_id: int, tmp_path: Path):
    added = desk.development.add(branch_id, CandidateInput("陈二", id_number=CHEN_ID)).value
    desk.development.end(added.id, Stage.WITHDRAWN, date(2026, 1, 5), "本人撤回申请")
    header = ("姓名", "身份证号", "入党申请时间", "谈话时间")
    plan = preview(
        desk, branch_id, write_sheet(tmp_path / "j.xlsx", header, [["陈二", CHEN_ID, "2025-3-1"]])
    )
    assert [p.describe() for p in plan.problems] == [
        "第2行〔姓名〕发展程序已终止（撤回），不能再导入步骤"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-09-27至2024-10-08", (date(2024, 9, 27), date(2024, 10, 8))),
        ("2024.9.27-2024.10.8", (date(2024, 9, 27), date(2024, 10, 8))),
        ("2024-09-27-2024-10-08", (date(2024, 9, 27), date(2024, 10, 8))),
        ("2024年9月27日至10月8日", (date(2024, 9, 27), date(2024, 10, 8))),
        ("2024.9.27～10.8", (date(2024, 9, 27), date(2024, 10, 8))),
        ("2024/9/27 — 2024/10/8", (date(2024, 9, 27), date(2024, 10, 8))),
        ("2024-09-27", (date(2024, 9, 27), None)),
        (datetime(2024, 9, 27), (date(2024, 9, 27), None)),
        ("  ", None),
        (None, None),
    ],
)
def test_range_cell(text: object, expected: object):
    assert range_cell(text) == expected


@pytest.mark.parametrize("text", ["2024-09-27至", "至2024-10-08", "2024-13-01至2024-10-08", "abc"])
def test_range_cell_errors(text: str):
    with pytest.raises(CellError):
        range_cell(text)


def test_apply_is_all_or_nothing(desk: BranchDesk, branch_id: int, tmp_path: Path):
    header = ("姓名", "身份证号", "入党申请时间", "谈话时间")
    rows = [["陈二", CHEN_ID, "2025-03-01", "2025-03-20"], ["周三", ZHOU_ID, "2024-01-10", None]]
    plan = preview(desk, branch_id, write_sheet(tmp_path / "k.xlsx", header, rows))
    assert plan.ok
    desk.development.add(branch_id, CandidateInput("周三", id_number=ZHOU_ID))  # after the preview
    with pytest.raises(UserError, match="重新预览"):
        desk.candidate_import.apply(branch_id, plan)
    assert [c.name for c in desk.development.list(branch_id)] == ["周三"]  # 陈二 rolled back


def test_training_hours_kept_under_another_heading(
    desk: BranchDesk, branch_id: int, roster: dict[str, int], tmp_path: Path
):
    """24 学时 under 参加短期集中培训时间 records step 11 with 24 学时: no training finding."""
    header = tuple("参加短期集中培训时间" if h == "培训时间" else h for h in HEADER)
    plan = preview(desk, branch_id, ledger(tmp_path, messy_rows(), header))
    assert plan.ok and plan.warning_count == 1, [p.describe() for p in plan.problems]
    desk.candidate_import.apply(branch_id, plan)
    wu = by_name(desk, branch_id)["吴四"]
    training = wu.steps[Step.TRAINING]
    assert (training.day, training.data["hours"], training.data["days"]) == (
        date(2025, 12, 8),
        24,
        3,
    )
    assert not [i for i in wu.issues if i.rule.value == "develop.training"]
    zheng = by_name(desk, branch_id)["郑五"]
    assert zheng.steps[Step.TRAINING].data["hours"] == 24


def test_every_unused_column_is_named(desk: BranchDesk, branch_id: int, tmp_path: Path):
    """Unknown columns, 学时 without a training date, a 政审结论 alone: each one a 提示."""
    header = ("姓名", "身份证号", "入党申请时间", "培训学时", "政审结论", "籍贯", "家庭住址")
    rows = [
        ["陈二", CHEN_ID, "2025-03-01", 24, None, "湖南长沙", "某路1号"],
        ["周三", ZHOU_ID, "2024-01-10", None, "合格", None, None],
    ]
    plan = preview(desk, branch_id, write_sheet(tmp_path / "u.xlsx", header, rows))
    described = [p.describe() for p in plan.problems]
    assert described == [
        "（提示）〔培训学时〕表中没有“培训时间”列，该列未导入",
        "（提示）〔政审结论〕表中没有“政审时间”列，该列未导入",
        "（提示）〔籍贯〕未识别的列，未导入",
        "（提示）〔家庭住址〕未识别的列，未导入",
    ]
    assert plan.ok and plan.warning_count == 4


def test_filled_cell_without_its_date_is_named(desk: BranchDesk, branch_id: int, tmp_path: Path):
    header = ("姓名", "身份证号", "入党申请时间", "培训时间", "培训学时", "培训天数")
    rows = [
        ["陈二", CHEN_ID, "2025-03-01", None, "24学时", 3],
        ["周三", ZHOU_ID, "2024-01-10", "2025-06-01", 24, None],
    ]
    plan = preview(desk, branch_id, write_sheet(tmp_path / "v.xlsx", header, rows))
    assert [p.describe() for p in plan.problems] == [
        "（提示）第2行〔培训学时〕已填写，但该行未填写培训时间，未导入",
        "（提示）第2行〔培训天数〕已填写，但该行未填写培训时间，未导入",
    ]
    assert plan.warning_count == 2
