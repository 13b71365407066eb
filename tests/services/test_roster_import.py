from datetime import date, datetime
from pathlib import Path

import pytest

from branch_desk.domain.errors import UserError
from branch_desk.services.app import BranchDesk
from branch_desk.services.progress import Cancelled
from tests.xlsx_helpers import write_sheet

HEADER = [
    "序号",
    "姓 名",
    "性别",
    "身份证号码",
    "民族",
    "学历",
    "人员类别",
    "党员类别",
    "入党时间",
    "转正时间",
    "党小组",
    "联系电话",
    "工作单位及职务",
]
ZHANG = [
    1,
    "张三",
    "男",
    "110101199003071233",
    "汉族",
    "大学本科",
    "在职",
    "正式党员",
    "2012.6.18",
    "2013年6月18日",
    "第一党小组",
    "13800138000",
    "办公室科员",
]
LI = [
    2,
    " 李红 ",
    "女",
    "11010519491231002x",
    "汉",
    "高中",
    "退休",
    "正式",
    datetime(1975, 7, 1),
    27942,
    "第二党小组",
    "０７３１－８４５６１２３４",
    "退休干部",
]


def messages(preview) -> list[str]:
    return [p.describe() for p in preview.problems]


def test_messy_roster_previews_and_imports(desk: BranchDesk, branch_id: int, tmp_path: Path):
    path = write_sheet(
        tmp_path / "名册.xlsx",
        [*HEADER, "籍贯"],
        [[*ZHANG, "湖南"], [*LI, "北京"]],
        preamble=[["第一党支部党员名册"], ["填报日期：2026年1月"]],
    )
    preview = desk.roster_import.preview(branch_id, path)
    assert (preview.header_row, preview.unknown_columns) == (3, ("籍贯",))
    assert preview.ok, messages(preview)
    assert [(r.row, r.name, r.action) for r in preview.rows] == [
        (4, "张三", "新增"),
        (5, "李红", "新增"),
    ]
    assert desk.roster.list() == []  # preview writes nothing
    result = desk.roster_import.apply(branch_id, preview).value
    assert (result.created, result.updated) == (2, 0)
    li = desk.roster.find("李红")
    assert li.id_number == "11010519491231002X"
    assert li.birth_date == date(1949, 12, 31)
    assert li.category.value == "离退休"
    assert li.full_member_on == date(1976, 7, 1)
    assert li.phone == "0731-84561234"


def test_reimport_updates_instead_of_duplicating(desk: BranchDesk, branch_id: int, tmp_path: Path):
    path = write_sheet(tmp_path / "a.xlsx", HEADER, [ZHANG, LI])
    desk.roster_import.apply(branch_id, desk.roster_import.preview(branch_id, path))
    changed = [*ZHANG]
    changed[5] = "研究生"
    path = write_sheet(tmp_path / "b.xlsx", HEADER, [changed, LI])
    preview = desk.roster_import.preview(branch_id, path)
    assert [r.action for r in preview.rows] == ["更新", "无变化"]
    desk.roster_import.apply(branch_id, preview)
    assert len(desk.roster.list()) == 2
    assert desk.roster.find("张三").education == "研究生"


def test_match_by_name_and_birth_date_without_id(desk: BranchDesk, branch_id: int, tmp_path: Path):
    header = ["姓名", "性别", "出生日期", "人员类别", "党员类别", "入党时间", "转正时间"]
    row = ["王芳", "女", "1985-04-02", "在职", "正式", "2008-07-01", "2009-07-01"]
    path = write_sheet(tmp_path / "a.xlsx", header, [row])
    desk.roster_import.apply(branch_id, desk.roster_import.preview(branch_id, path))
    row[3] = "离退休"
    path = write_sheet(tmp_path / "b.xlsx", header, [row])
    preview = desk.roster_import.preview(branch_id, path)
    assert [r.action for r in preview.rows] == ["更新"]


def test_blank_cells_keep_stored_values_on_reimport(
    desk: BranchDesk, branch_id: int, tmp_path: Path
):
    path = write_sheet(tmp_path / "a.xlsx", HEADER, [ZHANG])
    desk.roster_import.apply(branch_id, desk.roster_import.preview(branch_id, path))
    sparse = [*ZHANG]
    sparse[11] = None
    path = write_sheet(tmp_path / "b.xlsx", HEADER, [sparse])
    preview = desk.roster_import.preview(branch_id, path)
    assert [r.action for r in preview.rows] == ["无变化"]


def test_every_problem_is_named_by_row_and_column(desk: BranchDesk, branch_id: int, tmp_path: Path):
    rows = [
        ZHANG,
        [3, "王五", "男", 110101199003071233, "汉族", "", "在职", "正式", "2015-7", "", "", "", ""],
        [
            4,
            "赵六",
            "男",
            "110101199003071233",
            "汉族",
            "",
            "干部",
            "正式",
            "2015-07-01",
            "2016-07-01",
            "",
            "12345",
            "",
        ],
        [
            5,
            "孙七",
            "女",
            "110101199003071233",
            "汉族",
            "",
            "在职",
            "预备",
            "2015-07-01",
            "",
            "第九党小组",
            "",
            "",
        ],
    ]
    path = write_sheet(tmp_path / "bad.xlsx", HEADER, rows)
    preview = desk.roster_import.preview(branch_id, path)
    found = messages(preview)
    assert not preview.ok
    assert any(m.startswith("第3行〔身份证号码〕身份证号被保存为数字") for m in found)
    assert "第3行〔入党时间〕“2015-7”缺少日，请填写完整日期（如 2019-07-01）" in found
    assert any(m.startswith("第4行〔人员类别〕“干部”无法识别") for m in found)
    assert "第4行〔身份证号码〕与第2行的身份证号重复" in found
    assert any(m.startswith("第4行〔联系电话〕") for m in found)
    assert "第5行〔性别〕与身份证号不符（身份证号显示为男）" in found
    assert "（提示）第5行〔党小组〕党小组“第九党小组”不存在，导入时将新建" in found
    with pytest.raises(UserError, match="未导入任何数据"):
        desk.roster_import.apply(branch_id, preview)
    assert desk.roster.list() == []


def test_new_groups_are_created_on_import(desk: BranchDesk, branch_id: int, tmp_path: Path):
    row = [*ZHANG]
    row[10] = "离退休党小组"
    path = write_sheet(tmp_path / "a.xlsx", HEADER, [row])
    preview = desk.roster_import.preview(branch_id, path)
    assert preview.ok and preview.new_groups == ("离退休党小组",)
    desk.roster_import.apply(branch_id, preview)
    assert "离退休党小组" in [g.name for g in desk.org.groups(branch_id)]
    assert desk.roster.find("张三").group == "离退休党小组"


def test_no_header_found(desk: BranchDesk, branch_id: int, tmp_path: Path):
    path = write_sheet(tmp_path / "x.xlsx", ["甲", "乙"], [[1, 2]])
    with pytest.raises(UserError, match="找不到表头行"):
        desk.roster_import.preview(branch_id, path)


def test_header_without_rows(desk: BranchDesk, branch_id: int, tmp_path: Path):
    path = write_sheet(tmp_path / "x.xlsx", HEADER, [])
    preview = desk.roster_import.preview(branch_id, path)
    assert not preview.ok
    assert messages(preview) == ["表头下没有任何数据行"]


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("a.xlsx", b"not a zip", "无法读取 Excel 文件"),
        ("a.xls", b"\xd0\xcf\x11\xe0", "另存为"),
        ("a.xlsx", b"PK\x03\x04broken", "无法读取 Excel 文件"),
    ],
)
def test_unreadable_files(
    desk, branch_id, tmp_path: Path, name: str, content: bytes, fragment: str
):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UserError, match=fragment):
        desk.roster_import.preview(branch_id, path)


def test_missing_file(desk: BranchDesk, branch_id: int, tmp_path: Path):
    with pytest.raises(UserError, match="文件不存在"):
        desk.roster_import.preview(branch_id, tmp_path / "none.xlsx")


def test_cancel_stops_reading(desk: BranchDesk, branch_id: int, tmp_path: Path):
    rows = [
        [
            i,
            f"党员{chr(0x4E00 + i)}",
            "男",
            "",
            "汉族",
            "",
            "在职",
            "正式",
            "2015-07-01",
            "2016-07-01",
            "",
            "",
            "",
        ]
        for i in range(120)
    ]
    path = write_sheet(tmp_path / "big.xlsx", HEADER, rows)
    with pytest.raises(Cancelled):
        desk.roster_import.preview(branch_id, path, cancel=lambda: True)
    reports: list[float] = []
    desk.roster_import.preview(branch_id, path, progress=lambda f, _m: reports.append(f))
    assert reports and reports[-1] == 1.0
