"""Damaged or odd workbooks: exit 1 with one Chinese line, never exit 3; the right sheet used."""

from __future__ import annotations

import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from branch_desk.services.sheets import reader as sheets
from tests.cli.test_cli import (
    HEADER,
    PREAMBLE,
    assert_one_line_error,
    members,
    messy_rows,
    run,
)
from tests.xlsx_helpers import write_sheet


@pytest.fixture
def data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A data dir with 第一党支部 set up through the CLI."""
    folder = tmp_path / "data"
    code, _out, err = run(capsys, folder, "init", "--name", "第一党支部", "--parent", "机关党委")
    assert (code, err) == (0, "")
    return folder


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    return write_sheet(tmp_path / "名册.xlsx", HEADER, messy_rows(), preamble=PREAMBLE)


def _rewrite(path: Path, part: str, change: Callable[[str], str]) -> Path:
    """Rewrite one XML part of a workbook in place."""
    with zipfile.ZipFile(path) as z:
        parts = [(i, z.read(i)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, body in parts:
            if info.filename == part:
                body = change(body.decode("utf-8")).encode("utf-8")
            z.writestr(info, body)
    return path


def test_broken_sheet_xml_is_a_clear_error(data: Path, messy: Path, capsys) -> None:
    _rewrite(messy, "xl/worksheets/sheet1.xml", lambda xml: xml[: len(xml) // 2] + "<c r=")
    code, _out, err = run(capsys, data, "import", "roster", str(messy), "--dry-run")
    assert code == 1
    assert_one_line_error(err, "错误", "已损坏")
    assert members(capsys, data) == []


def test_broken_xml_in_the_data_rows_is_a_clear_error(data: Path, messy: Path, capsys) -> None:
    _rewrite(messy, "xl/worksheets/sheet1.xml", lambda xml: xml.replace("</sheetData>", "<row"))
    code, _out, err = run(capsys, data, "import", "roster", str(messy))
    assert code == 1
    assert_one_line_error(err, "错误", "已损坏")
    assert members(capsys, data) == []


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("NaN", "已损坏"),  # openpyxl cannot read the cell: the file is damaged
        ("1E999", "第4行〔入党时间〕"),  # reads as infinity: the cell is named
        ("-inf", "已损坏"),
    ],
)
def test_a_raw_nan_or_infinite_cell_is_a_clear_error(
    data: Path, tmp_path: Path, capsys, raw: str, expected: str
) -> None:
    rows = messy_rows()
    rows[0][4] = 41000  # 入党时间 as a date serial number …
    path = write_sheet(tmp_path / "nan.xlsx", HEADER, rows, preamble=PREAMBLE)
    # … then the file is changed so the number reads "NaN" or an infinity
    _rewrite(
        path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace("<v>41000</v>", f"<v>{raw}</v>")
    )
    code, out, err = run(capsys, data, "import", "roster", str(path))
    assert code == 1 and "Traceback" not in err
    assert expected in out + err, out + err
    assert members(capsys, data) == []


def test_a_5000_digit_number_is_a_clear_error(data: Path, messy: Path, capsys) -> None:
    _rewrite(
        messy,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace("<v>1</v>", "<v>" + "9" * 5000 + "</v>", 1),
    )
    code, _out, err = run(capsys, data, "import", "roster", str(messy))
    assert code == 1 and "Traceback" not in err
    assert members(capsys, data) == []


def test_the_visible_sheet_is_preferred_over_a_hidden_one(
    data: Path, tmp_path: Path, capsys
) -> None:
    book = Workbook()
    hidden = book.active
    hidden.title = "旧名册"
    hidden.sheet_state = "hidden"
    hidden.append([*HEADER, "学历", "民族"])  # a fuller header than the visible sheet's
    hidden.append([1, "110101199003071233", "隐藏表里的人"])
    visible = book.create_sheet("名册")
    for line in (*PREAMBLE, HEADER, *messy_rows()):
        visible.append(list(line))
    book.active = 1
    path = tmp_path / "two.xlsx"
    book.save(path)
    code, out, err = run(capsys, data, "import", "roster", str(path), "--dry-run")
    assert code == 0, err
    assert "工作表“名册”" in out


def test_a_hidden_sheet_is_used_when_no_visible_sheet_has_a_table(
    data: Path, tmp_path: Path, capsys
) -> None:
    book = Workbook()
    book.active.append(["说明：名册见另一张表"])
    hidden = book.create_sheet("名册")
    hidden.sheet_state = "hidden"
    for line in (HEADER, *messy_rows()):
        hidden.append(list(line))
    path = tmp_path / "hidden.xlsx"
    book.save(path)
    code, out, err = run(capsys, data, "import", "roster", str(path), "--dry-run")
    assert code == 0, err
    assert "工作表“名册”" in out


def test_too_many_rows_are_refused_with_a_message(
    data: Path, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sheets, "MAX_DATA_ROWS", 3)
    path = write_sheet(tmp_path / "big.xlsx", HEADER, messy_rows() * 2, preamble=PREAMBLE)
    code, _out, err = run(capsys, data, "import", "roster", str(path), "--dry-run")
    assert code == 1
    assert_one_line_error(err, "超过3行", "分成几个文件")


def test_a_200000_row_events_dry_run_stops_at_the_limit_quickly(
    data: Path, tmp_path: Path, capsys
) -> None:
    path = write_sheet(tmp_path / "huge.xlsx", ("序号", "会议类型", "日期", "主题"), [])
    rows = "".join(
        f'<row r="{n}"><c r="A{n}"><v>{n}</v></c>'
        f'<c r="B{n}" t="inlineStr"><is><t>支委会</t></is></c>'
        f'<c r="C{n}" t="inlineStr"><is><t>2026-01-05</t></is></c>'
        f'<c r="D{n}" t="inlineStr"><is><t>会议{n}</t></is></c></row>'
        for n in range(2, 200_002)
    )
    _rewrite(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace("</sheetData>", rows + "</sheetData>").replace(
            '<dimension ref="A1:D1"/>', '<dimension ref="A1:D200001"/>'
        ),
    )
    started = time.monotonic()
    code, _out, err = run(capsys, data, "import", "events", str(path), "--dry-run")
    assert code == 1
    assert_one_line_error(err, f"超过{sheets.MAX_DATA_ROWS}行")
    assert time.monotonic() - started < 60


def test_dues_assessment_for_a_year_without_assessments(data: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "核定表.xlsx"
    code, out, err = run(capsys, data, "dues", "assessment", "--year", "2019", "-o", str(target))
    assert (code, err) == (0, "")
    assert "0条" in out and target.exists()
