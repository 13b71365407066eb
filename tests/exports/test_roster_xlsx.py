from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from branch_desk.domain.members import StatusChangeKind
from branch_desk.services.app import BranchDesk
from branch_desk.services.roster.members import StatusChangeInput
from tests.conftest import member_input


def test_exported_roster_is_print_ready(desk: BranchDesk, branch_id: int, tmp_path: Path):
    desk.roster.add(branch_id, member_input())
    gone = desk.roster.add(
        branch_id,
        member_input(
            name="李红",
            id_number="11010519491231002X",
            gender=None,
            joined_on=date(1975, 7, 1),
            full_member_on=date(1976, 7, 1),
        ),
    ).value
    desk.roster.change_status(
        gone.id, StatusChangeInput(StatusChangeKind.DECEASE, date(2026, 2, 1))
    )
    out = tmp_path / "名册.xlsx"
    assert desk.roster_io.export_roster(branch_id, out) == 1
    sheet = load_workbook(out).active
    assert sheet["A1"].value == "第一党支部党员名册"
    assert "共1人" in sheet["A2"].value and "2026年11月20日" in sheet["A2"].value
    header = [c.value for c in sheet[3]]
    assert header[:6] == ["序号", "姓名", "性别", "民族", "出生日期", "身份证号"]
    row = {h: c.value for h, c in zip(header, sheet[4], strict=True)}
    assert row["姓名"] == "张三"
    assert row["身份证号"] == "110101199003071233"
    assert row["入党时间"] == "2012-06-18"
    assert row["党小组"] == "第一党小组"
    assert sheet.max_row == 4  # the deceased member is not on the printed roll
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.print_title_rows == "$3:$3"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.column_dimensions["F"].width >= 19  # an 18-digit ID fits


def test_export_with_inactive_members(desk: BranchDesk, branch_id: int, tmp_path: Path):
    member = desk.roster.add(branch_id, member_input()).value
    desk.roster.change_status(
        member.id, StatusChangeInput(StatusChangeKind.DECEASE, date(2026, 2, 1))
    )
    out = tmp_path / "all.xlsx"
    assert desk.roster_io.export_roster(branch_id, out, include_inactive=True) == 1
    assert load_workbook(out).active["O4"].value == "去世"


def test_failed_export_leaves_no_partial_file(desk: BranchDesk, branch_id: int, tmp_path: Path):
    import pytest

    from branch_desk.domain.errors import UserError

    with pytest.raises(UserError, match="保存位置不存在"):
        desk.roster_io.export_roster(branch_id, tmp_path / "missing" / "a.xlsx")
    out = tmp_path / "out"
    out.mkdir()
    (out / "名册.xlsx").mkdir()  # the target name is taken by a folder: the rename fails
    with pytest.raises(UserError, match="无法保存"):
        desk.roster_io.export_roster(branch_id, out / "名册.xlsx")
    assert [p.name for p in out.iterdir()] == ["名册.xlsx"]
