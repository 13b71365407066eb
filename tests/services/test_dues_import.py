"""Importing dues bases (an HR pay sheet) and a previous 收缴登记表 grid: per-cell, all or nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from branch_desk.domain.dues import DuesCategory, Reduction
from branch_desk.domain.errors import UserError
from branch_desk.domain.members import Gender, MemberCategory, PartyStatus, StatusChangeKind
from branch_desk.services.app import BranchDesk
from branch_desk.services.dues.service import AssessmentInput
from branch_desk.services.roster.members import StatusChangeInput
from tests.cli.test_cli import make_id
from tests.conftest import member_input
from tests.xlsx_helpers import write_sheet

TODAY = date(2026, 11, 20)  # the fixtures' clock
LI_ID = "11010519491231002X"
SUN_ID = make_id("430102", "19800101", 11)
ZHAO_ID = make_id("430105", "20050315", 46)

HR_TITLE = [["某某公司2026年度党员党费基数核定表"], ["制表：人力资源部", None, None, "单位：元"]]
HR_HEADER = ["序号", "姓 名", "身份证号码", "人员类别", "基本工资(元)", "绩效工资", "住房补贴",
             "个人所得税", "养老保险", "住房公积金", "月基数", "减免情况", "批准文号", "备注"]  # fmt: skip
MONTHS = [f"{m}月" for m in range(1, 13)]
GRID_HEADER = ["序号", "姓名", "月应交", *MONTHS, "合计"]


def hr_row(n: int, name: str, id_no: Any, category: str, parts: list[Any], base: Any = None,
           relief: str | None = None, ref: str | None = None) -> list[Any]:  # fmt: skip
    """One line of the HR sheet: parts are 基本, 绩效, 住房补贴, 个税, 养老, 公积金."""
    return [n, name, id_no, category, *(parts or [None] * 6), base, relief, ref, None]


def hr_rows() -> list[list[Any]]:
    return [
        hr_row(1, "张三", "110101199003071233", "在职", [5000, 1500, 800, 120, 400, 500]),
        hr_row(2, "李红", LI_ID, "退休", [], "4200"),
        hr_row(3, "王芳", None, "在岗", [], 3000),
        hr_row(4, "赵敏", ZHAO_ID, "在校学生", []),
    ]


def add_people(desk: BranchDesk, branch_id: int) -> dict[str, int]:
    """Add 张三 (在职), 李红 (退休), 王芳 (预备党员 admitted 2026-04-28), 赵敏 (学生)."""
    inputs = [
        member_input(),
        member_input(name="李红", id_number=LI_ID, gender=None, birth_date=None,
                     category=MemberCategory.RETIRED, joined_on=date(1975, 7, 1),
                     full_member_on=date(1976, 7, 1)),
        member_input(name="王芳", id_number="", gender=Gender.FEMALE, birth_date=date(1998, 2, 3),
                     party_status=PartyStatus.PROBATIONARY, joined_on=date(2026, 4, 28),
                     full_member_on=None),
        member_input(name="赵敏", id_number=ZHAO_ID, category=MemberCategory.STUDENT,
                     joined_on=date(2024, 5, 20), full_member_on=date(2025, 5, 20)),
    ]  # fmt: skip
    return {m.name: desk.roster.add(branch_id, m).value.id for m in inputs}


@pytest.fixture
def people(desk: BranchDesk, branch_id: int) -> dict[str, int]:
    return add_people(desk, branch_id)


def messages(preview: Any) -> list[str]:
    return [p.describe() for p in preview.problems]


def import_bases(desk: BranchDesk, branch_id: int, path: Path) -> None:
    preview = desk.dues_import.preview_bases(branch_id, 2026, path)
    assert preview.ok, messages(preview)
    desk.dues_import.apply_bases(preview)


def by_name(desk: BranchDesk, branch_id: int) -> dict[str, Any]:
    return {a.member_name: a for a in desk.dues.assessments(branch_id, 2026)}


# ---- bases -----------------------------------------------------------------------------------


def test_hr_sheet_with_title_rows_and_pay_parts(desk, branch_id, people, tmp_path):
    path = write_sheet(tmp_path / "基数.xlsx", HR_HEADER, hr_rows(), preamble=HR_TITLE)
    preview = desk.dues_import.preview_bases(branch_id, 2026, path)
    assert preview.ok, messages(preview)
    assert (preview.header_row, preview.unknown_columns) == (3, ("备注",))
    assert [(r.row, r.name, r.action) for r in preview.rows] == [
        (4, "张三", "新增"), (5, "李红", "新增"), (6, "王芳", "新增"), (7, "赵敏", "新增"),
    ]  # fmt: skip
    assert desk.dues.assessments(branch_id, 2026) == []  # preview writes nothing
    assert desk.dues_import.apply_bases(preview).value == 4
    found = by_name(desk, branch_id)
    zhang = found["张三"]
    # 5000 + 1500 counted in, 120 + 400 + 500 deducted, 住房补贴 800 listed but not counted
    assert (zhang.base_fen, zhang.rate_bp, zhang.monthly_due_fen) == (548_000, 150, 8220)
    assert zhang.explanation == "税后工资 5,480.00 元，适用 1.5%，月应交 82.20 元"
    assert [(p.label, p.amount_fen, p.kind.value) for p in zhang.parts] == [
        ("基本工资", 500_000, "计入"), ("绩效工资", 150_000, "计入"),
        ("住房补贴", 80_000, "不计入"), ("个人所得税", 12_000, "扣除"),
        ("养老保险", 40_000, "扣除"), ("住房公积金", 50_000, "扣除"),
    ]  # fmt: skip
    li = found["李红"]
    assert (li.category, li.base_fen, li.monthly_due_fen) == (DuesCategory.RETIRED, 420_000, 2100)
    assert li.explanation == "基本离退休费 4,200.00 元，适用 0.5%，月应交 21.00 元"
    assert (found["王芳"].category, found["王芳"].monthly_due_fen) == (DuesCategory.EMPLOYED, 1500)
    zhao = found["赵敏"]
    assert (zhao.category, zhao.rate_bp, zhao.monthly_due_fen) == (DuesCategory.STUDENT, None, 20)
    assert zhao.explanation == "学生党员按固定标准，月应交 0.20 元"


def test_blank_category_falls_back_to_the_roster_category(desk, branch_id, people, tmp_path):
    rows = [hr_row(1, "李红", None, "", [], 5000.01)]
    import_bases(desk, branch_id, write_sheet(tmp_path / "a.xlsx", HR_HEADER, rows))
    li = by_name(desk, branch_id)["李红"]
    assert (li.category, li.monthly_due_fen) == (DuesCategory.RETIRED, 5000)


def test_every_bad_cell_is_named_by_row_and_column(desk, branch_id, people, tmp_path):
    rows = [
        hr_row(1, "张三", 110101199003071233, "在职", [5000, 1500, 0, 120, 400, 500]),
        hr_row(2, "钱八", None, "在职", [], 4000),
        hr_row(3, "李红", LI_ID, "退休", [], 4200),
        hr_row(4, "李红", None, "退休", [], 4300),
        hr_row(5, "王芳", None, "在职", [], 3000, "免交"),
        hr_row(6, "赵敏", None, "干部", []),
        hr_row(7, "王芳", "110101199003071234", "在职", [], 3000),
    ]
    path = write_sheet(tmp_path / "错.xlsx", HR_HEADER, rows, preamble=HR_TITLE)
    preview = desk.dues_import.preview_bases(branch_id, 2026, path)
    assert not preview.ok
    got = messages(preview)
    assert got[0].startswith("第4行〔身份证号码〕身份证号被保存为数字")
    assert got[1:] == [
        "第5行〔姓名〕名册中没有党员“钱八”",
        "第7行〔姓名〕与第6行重复",
        "第8行〔批准文号〕减交、免交须经支部研究并报上级批准，请填写批准文号",
        "第9行〔人员类别〕“干部”无法识别，应为：在职、年薪制、离退休、农民、学生、下岗失业、低保/抚恤、其他",
        "第10行〔身份证号码〕“110101199003071234”无效：校验位错误（末位应为3）",
    ]
    assert preview.error_count == 6
    with pytest.raises(UserError, match="6处错误"):
        desk.dues_import.apply_bases(preview)
    assert desk.dues.assessments(branch_id, 2026) == []  # all or nothing


def test_exemption_with_its_approval_is_accepted(desk, branch_id, people, tmp_path):
    rows = [hr_row(1, "李红", None, "离休", [], 4200, "免交", "机关党委〔2026〕3号")]
    import_bases(desk, branch_id, write_sheet(tmp_path / "a.xlsx", HR_HEADER, rows))
    li = by_name(desk, branch_id)["李红"]
    assert (li.reduction, li.approval_ref, li.monthly_due_fen) == (
        Reduction.EXEMPT,
        "机关党委〔2026〕3号",
        0,
    )
    assert "经批准免交（机关党委〔2026〕3号）" in li.explanation


def test_reimport_updates_rather_than_duplicates(desk, branch_id, people, tmp_path):
    import_bases(desk, branch_id, write_sheet(tmp_path / "a.xlsx", HR_HEADER, hr_rows()))
    rows = hr_rows()
    rows[0][4] = 6000  # 基本工资 rises: 6500 − 1020 + 1000 → 6480.00 × 1.5%
    preview = desk.dues_import.preview_bases(
        branch_id, 2026, write_sheet(tmp_path / "b.xlsx", HR_HEADER, rows)
    )
    assert [r.action for r in preview.rows] == ["更新"] * 4
    desk.dues_import.apply_bases(preview)
    records = desk.dues.assessments(branch_id, 2026)
    assert len(records) == 4
    assert by_name(desk, branch_id)["张三"].monthly_due_fen == 9720


def test_mid_year_row_is_a_separate_assessment(desk, branch_id, people, tmp_path):
    header = ["姓名", "人员类别", "月基数", "起始月份"]
    rows = [["张三", "在职", 4800, None], ["张三", "在职", 6000, "7月"]]
    import_bases(desk, branch_id, write_sheet(tmp_path / "a.xlsx", header, rows))
    dues = [(a.from_month, a.monthly_due_fen) for a in desk.dues.assessments(branch_id, 2026)]
    assert dues == [(1, 4800), (7, 9000)]


def test_bad_part_amount_names_its_own_column(desk, branch_id, people, tmp_path):
    rows = [hr_row(1, "张三", None, "在职", ["五千", 1500, None, 120, 400, 500])]
    path = write_sheet(tmp_path / "a.xlsx", HR_HEADER, rows)
    got = messages(desk.dues_import.preview_bases(branch_id, 2026, path))
    assert got == ["第2行〔基本工资(元)〕“五千”不是有效金额（最多两位小数，如 4800.50）"]


# ---- payments grid ---------------------------------------------------------------------------


@pytest.fixture
def assessed(desk, branch_id, people, tmp_path) -> dict[str, int]:
    """Everyone assessed from the HR sheet; 孙七 (40.00/月) transferred out on 2026-06-10."""
    import_bases(desk, branch_id, write_sheet(tmp_path / "基数.xlsx", HR_HEADER, hr_rows()))
    sun = desk.roster.add(branch_id, member_input(name="孙七", id_number=SUN_ID)).value
    desk.dues.assess(sun.id, 2026, AssessmentInput(DuesCategory.EMPLOYED, 400_000))
    desk.roster.change_status(
        sun.id,
        StatusChangeInput(StatusChangeKind.TRANSFER_OUT, date(2026, 6, 10), "某党支部", "组转1号"),
    )
    return {**people, "孙七": sun.id}


def grid_row(n: int, name: str, months: dict[int, Any]) -> list[Any]:
    return [n, name, None, *(months.get(m) for m in range(1, 13)), None]


def grid(tmp_path: Path, rows: list[list[Any]], name: str = "登记表.xlsx") -> Path:
    title = [["第一党支部2026年党费收缴登记表"], ["金额单位：元"]]
    return write_sheet(tmp_path / name, GRID_HEADER, rows, preamble=title)


def good_grid() -> list[list[Any]]:
    return [
        grid_row(1, "张三", {1: 82.2, 2: "82.20", 3: 82.2}),
        grid_row(2, "王芳", {1: "—", 2: "—", 3: "—", 4: 15, 5: "15.00", 6: "免交"}),
        grid_row(3, "孙七", {m: 40 for m in range(1, 6)} | {6: "-", 7: "/"}),
        grid_row(4, "赵敏", {}),
    ]


def paid_months(desk: BranchDesk, branch_id: int) -> list[tuple[str, str, int]]:
    return [
        (p.member_name, m.strftime("%Y-%m"), fen)
        for p in desk.dues.payments(branch_id)
        for m, fen in p.months
    ]


def test_grid_months_paid_become_payments(desk, branch_id, assessed, tmp_path):
    preview = desk.dues_import.preview_payments(branch_id, 2026, grid(tmp_path, good_grid()))
    assert preview.ok, messages(preview)
    assert (preview.header_row, preview.unknown_columns) == (3, ("月应交", "合计"))
    assert [(r.name, r.action) for r in preview.rows] == [
        ("张三", "新增"), ("王芳", "新增"), ("孙七", "新增"), ("赵敏", "无变化"),
    ]  # fmt: skip
    assert desk.dues.payments(branch_id) == []  # preview writes nothing
    assert desk.dues_import.apply_payments(preview).value == 10
    got = sorted(paid_months(desk, branch_id))
    assert got == sorted(
        [("张三", f"2026-0{m}", 8220) for m in (1, 2, 3)]
        + [("王芳", f"2026-0{m}", 1500) for m in (4, 5)]
        + [("孙七", f"2026-0{m}", 4000) for m in range(1, 6)]
    )
    first = desk.dues.payments(branch_id)[0]
    assert (first.paid_on, first.method, first.extra_fen) == (date(2026, 1, 15), "其他", 0)
    _, matrix = desk.dues_reports.matrix(branch_id, 2026, TODAY)
    zhang = [c.state.value for c in matrix.member_cells(assessed["张三"])]
    assert zhang[:4] == ["已交", "已交", "已交", "欠交"]


def test_reimporting_the_same_grid_changes_nothing(desk, branch_id, assessed, tmp_path):
    path = grid(tmp_path, good_grid())
    desk.dues_import.apply_payments(desk.dues_import.preview_payments(branch_id, 2026, path))
    again = desk.dues_import.preview_payments(branch_id, 2026, path)
    assert again.ok, messages(again)
    assert {r.action for r in again.rows} == {"无变化"}
    assert desk.dues_import.apply_payments(again).value == 0
    assert len(desk.dues.payments(branch_id)) == 10


def test_grid_problems_name_the_month_column(desk, branch_id, assessed, tmp_path):
    desk.dues_import.apply_payments(
        desk.dues_import.preview_payments(branch_id, 2026, grid(tmp_path, good_grid()))
    )
    rows = [
        grid_row(1, "张三", {1: 82.2, 2: 82.2, 3: 80, 4: 82.2}),
        grid_row(2, "王芳", {3: 15}),
        grid_row(3, "孙七", {6: 40}),
        grid_row(4, "赵敏", {11: 0.2, 12: 0.2}),
        grid_row(5, "李红", {1: "二十一"}),
    ]
    preview = desk.dues_import.preview_payments(branch_id, 2026, grid(tmp_path, rows, "b.xlsx"))
    assert messages(preview) == [
        "第4行〔3月〕该月已登记缴费82.20元，与表中80.00元不符，请先冲销原记录",
        "第5行〔3月〕该党员当月不在本支部名册中",
        "第6行〔6月〕该党员当月不在本支部名册中",
        "第7行〔12月〕该月尚未到，不能登记为已交",
        "第8行〔1月〕“二十一”不是有效金额（最多两位小数，如 4800.50）",
    ]
    with pytest.raises(UserError, match="5处错误"):
        desk.dues_import.apply_payments(preview)
    assert len(desk.dues.payments(branch_id)) == 10  # 张三's April and 赵敏's November not saved


def test_grid_duplicate_and_unknown_members(desk, branch_id, assessed, tmp_path):
    rows = [
        grid_row(1, "张三", {1: 82.2}),
        grid_row(2, "张三", {2: 82.2}),
        grid_row(3, "钱八", {1: 10}),
    ]
    preview = desk.dues_import.preview_payments(branch_id, 2026, grid(tmp_path, rows))
    assert messages(preview) == ["第5行〔姓名〕与第4行重复", "第6行〔姓名〕名册中没有党员“钱八”"]


def test_grid_without_month_columns_is_refused(desk, branch_id, assessed, tmp_path):
    path = write_sheet(tmp_path / "a.xlsx", ["姓名", "身份证号", "金额"], [["张三", None, 1]])
    with pytest.raises(UserError, match="1月"):
        desk.dues_import.preview_payments(branch_id, 2026, path)


def test_negative_month_amount_is_an_error(desk, branch_id, assessed, tmp_path):
    rows = [grid_row(1, "李红", {1: -21, 2: "-21.00"})]
    preview = desk.dues_import.preview_payments(branch_id, 2026, grid(tmp_path, rows))
    assert [p.column for p in preview.problems] == ["1月", "2月"]
    assert not preview.ok
