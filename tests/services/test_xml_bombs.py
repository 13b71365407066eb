"""XML bombs inside an .xlsx: openpyxl parses through defusedxml, the import is refused."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from branch_desk.__main__ import main
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.org.units import BranchInput
from tests.xlsx_helpers import write_sheet

LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)
EXTERNAL = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def test_openpyxl_uses_defusedxml() -> None:
    from openpyxl.xml import functions

    assert openpyxl.DEFUSEDXML is True
    assert functions.iterparse.__module__.startswith("defusedxml")


def bomb(tmp_path: Path, prolog: str, entity: str) -> Path:
    """A roster sheet whose first data cell is an inline string holding ``entity``."""
    good = write_sheet(tmp_path / "good.xlsx", ["姓名", "性别"], [["张三", "男"]])
    target = tmp_path / "名册.xlsx"
    with zipfile.ZipFile(good) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode("utf-8").split("?>", 1)[-1]
                text = text.replace("<t>&#24352;&#19977;</t>", f"<t>{entity}</t>", 1)
                assert entity in text
                data = (prolog + text).encode("utf-8")
            new.writestr(item, data)
    return target


@pytest.mark.parametrize(
    ("prolog", "entity"), [(LAUGHS, "&lol9;"), (EXTERNAL, "&xxe;")], ids=["laughs", "external"]
)
def test_an_xml_bomb_in_a_sheet_is_refused_with_a_message(
    paths: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str], prolog: str, entity: str
) -> None:
    with BranchDesk.open(paths, automatic_backups=False) as desk:
        desk.org.create_branch(BranchInput(name="第一党支部", upper_org="机关党委"))
    sheet = bomb(tmp_path, prolog, entity)
    code = main(["--data-dir", str(paths.data_dir), "import", "roster", str(sheet)])
    err = capsys.readouterr().err
    assert code == 1, err
    assert "名册.xlsx" in err and "内部错误" not in err
    with BranchDesk.open(paths, automatic_backups=False) as desk:
        assert desk.roster.list() == []
