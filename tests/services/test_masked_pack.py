"""A masked archive leaks no 身份证号 or phone number, free text and file names included."""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from branch_desk.domain.masking import mask_id_number, mask_phone, mask_text
from branch_desk.domain.members import RosterStatus
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.demo.branch import fill_demo
from branch_desk.storage.models import Candidate, Event, Member
from tests.conftest import FIXED_NOW

YEAR = FIXED_NOW.year
ID18 = "11010519491231002X"
ID15 = "430102720315123"
MOBILE = "13912345678"
SPACED = "139 8765 4321"
LANDLINE = "0731-84561234"
WIDE = "１３７００１３７０００"
INJECTED = (ID18, ID15, MOBILE, SPACED, LANDLINE, WIDE, "13987654321", "84561234", "13700137000")
FREE = f"联系人王五，身份证{ID18}，旧证{ID15}，手机{MOBILE}、{SPACED}，座机{LANDLINE}，{WIDE}"
ANY_ID = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])")
ANY_OLD_ID = re.compile(r"(?<![0-9])[0-9]{15}(?![0-9])")
ANY_MOBILE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")
SHA = re.compile(r'"sha256": "[0-9a-f]{64}"')


@pytest.fixture(scope="module")
def leaky(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BranchDesk]:
    """Demo data with IDs and phones typed into every kind of free text."""
    folder = tmp_path_factory.mktemp("masked-pack")
    desk = BranchDesk.open(AppPaths.resolve(folder / "data"), automatic_backups=False)
    desk.db.clock = lambda: FIXED_NOW
    fill_demo(desk, seed=1)
    unit = desk.org.resolve()
    with desk.db.session() as s:
        for member in s.scalars(select(Member)):  # branch and 党小组 members
            member.work_unit = f"{member.work_unit} 电话{MOBILE}"
            member.notes = FREE
        for event in s.scalars(select(Event)):
            event.title = f"联系{MOBILE}"
            event.agenda = FREE
            event.minutes = FREE
            event.resolutions = FREE
            event.place = f"会议室（{LANDLINE}）"
        for candidate in s.scalars(select(Candidate)):
            candidate.work_unit = f"单位{LANDLINE}"
            candidate.notes = FREE
    event = desk.events.list(unit.id, YEAR)[0]
    speech = folder / "讲稿.txt"
    speech.write_text(f"讲稿正文 {FREE}\n", encoding="utf-8")
    desk.events.attach(event.id, speech, kind="讲稿", title=f"讲稿{MOBILE}")
    yield desk
    desk.close()


def _every_text(pack: Path) -> Iterator[tuple[str, str]]:
    """Yield (where, text) for every member name and every byte of every member.

    Office files are opened and each part read, also with its ``&#NNNN;`` references
    resolved; other bytes are read as Latin-1 and as UTF-8 so no digit run is missed.
    """
    with zipfile.ZipFile(pack) as z:
        for name in z.namelist():
            yield f"name:{name}", name
            data = z.read(name)
            yield name, data.decode("latin-1")
            yield name, SHA.sub("", data.decode("utf-8", errors="replace"))
            if name.endswith((".docx", ".xlsx")):
                with zipfile.ZipFile(io.BytesIO(data)) as office:
                    for part in office.namelist():
                        text = office.read(part).decode("utf-8", "replace")
                        yield f"{name}:{part}", text
                        yield f"{name}:{part} (references read)", html.unescape(text)


@pytest.fixture(scope="module")
def pack(leaky: BranchDesk, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("out") / "masked.zip"
    leaky.archive.build(leaky.org.resolve().id, YEAR, path, mask=True)
    return path


def test_no_id_or_phone_anywhere_in_a_masked_pack(pack: Path) -> None:
    texts = list(_every_text(pack))
    assert any("讲稿" in where for where, _ in texts)  # the text attachment is in the pack
    for where, text in texts:
        text = SHA.sub("", text) if where == "manifest.json" else text
        assert not ANY_ID.search(text), (where, ANY_ID.search(text))
        assert not ANY_OLD_ID.search(text), (where, ANY_OLD_ID.search(text))
        assert not ANY_MOBILE.search(text), (where, ANY_MOBILE.search(text))
        for value in INJECTED:
            assert value not in text, (where, value)


def test_the_masked_values_are_there_in_their_hidden_form(leaky: BranchDesk, pack: Path) -> None:
    unit = leaky.org.resolve()
    member = next(
        m
        for m in leaky.roster.list(unit.id)
        if m.roster_status is RosterStatus.ACTIVE and m.id_number and m.phone
    )
    roster = _office_xml(pack, "02_党员名册/党员名册.xlsx")
    assert member.id_number[:6] + "*" * 12 in roster
    assert mask_phone(member.phone) in roster
    assert "139****5678" in roster  # inside 工作单位
    with zipfile.ZipFile(pack) as z:
        record = next(n for n in z.namelist() if n.endswith("_会议记录.docx"))
    minutes = _office_xml(pack, record)
    assert "110105************" in minutes and "0731-****1234" in minutes


def _office_xml(pack: Path, name: str) -> str:
    with zipfile.ZipFile(pack) as z, zipfile.ZipFile(io.BytesIO(z.read(name))) as office:
        text = "".join(office.read(n).decode("utf-8") for n in office.namelist())
    return html.unescape(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"身份证{ID18}。", "身份证110105************。"),
        (f"旧证{ID15}", "旧证430102*********"),
        (f"电话{MOBILE}", "电话139****5678"),
        (SPACED, "139 **** 4321"),
        ("+86 13912345678", "+86 139****5678"),
        (LANDLINE, "0731-****1234"),
        ("（0731）84561234", "（0731）****1234"),
        (WIDE, "137****7000"),
        ("金额1234.56元，编号2026001，日期20260318", "金额1234.56元，编号2026001，日期20260318"),
        ("", ""),
    ],
)
def test_mask_text(text: str, expected: str) -> None:
    assert mask_text(text) == expected


def test_a_masked_id_beside_its_birth_date_keeps_nothing_of_serial_or_check() -> None:
    masked = mask_id_number(ID18)
    assert masked == "110105" + "*" * 12
    assert "19491231" not in masked and "002X" not in masked
