"""A past year's pack built "today": the year's own roll and figures, dated at its end, and the
same bytes whenever it is rebuilt."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook

from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.demo.branch import fill_demo
from tests.conftest import FIXED_NOW

PAST = FIXED_NOW.year - 1  # 2025, built on 2026-11-20


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BranchDesk]:
    folder = tmp_path_factory.mktemp("past-year")
    desk = BranchDesk.open(AppPaths.resolve(folder / "data"), automatic_backups=False)
    desk.db.clock = lambda: FIXED_NOW
    fill_demo(desk, seed=1)
    yield desk
    desk.close()


@pytest.fixture(scope="module")
def pack(demo: BranchDesk, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    path = tmp_path_factory.mktemp("packs") / "2025.zip"
    demo.archive.build(demo.org.resolve().id, PAST, path)
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def one(pack: dict[str, bytes], folder: str, suffix: str) -> bytes:
    found = [n for n in pack if n.startswith(folder) and n.endswith(suffix)]
    assert len(found) == 1, found
    return pack[found[0]]


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def sheet_values(data: bytes) -> list[object]:
    sheet = load_workbook(io.BytesIO(data)).active
    return [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]


def test_the_roster_is_the_roll_at_the_years_end(demo: BranchDesk, pack: dict[str, bytes]):
    unit = demo.org.resolve()
    roll = {m.name for m in demo.snapshots.roll_on(unit.id, date(PAST, 12, 31))}
    today = {m.name for m in demo.snapshots.roll_on(unit.id, FIXED_NOW.date())}
    assert roll != today  # the demo admits and transfers people in the current year
    values = sheet_values(one(pack, "02_", "党员名册.xlsx"))
    assert roll <= set(values)
    assert not (today - roll) & set(values)  # admitted later: not on the past year's roster


def test_basic_facts_are_the_snapshots(demo: BranchDesk, pack: dict[str, bytes]):
    unit = demo.org.resolve()
    snap = demo.snapshots.build(unit.id, PAST)
    text = docx_text(one(pack, "01_", "支部基本情况.docx"))
    assert f"{snap.members.total}" in text
    assert f"{PAST}年12月31日" in text
    assert f"{FIXED_NOW.year}年{FIXED_NOW.month}月{FIXED_NOW.day}日" not in text


def test_study_table_lists_the_years_roll_only(demo: BranchDesk, pack: dict[str, bytes]):
    unit = demo.org.resolve()
    later = {m.name for m in demo.roster.list(unit.id) if m.joined_on and m.joined_on.year > PAST}
    assert later
    values = sheet_values(one(pack, "10_", "学时统计表.xlsx"))
    assert not later & set(values)
    assert any(f"统计截至：{PAST}年12月31日" in str(v) for v in values)


def test_a_rebuild_on_a_later_day_is_byte_identical(
    demo: BranchDesk, pack: dict[str, bytes], tmp_path: Path
):
    demo.db.clock = lambda: datetime(FIXED_NOW.year + 1, 3, 1, 9, 0)
    try:
        again = tmp_path / "again.zip"
        demo.archive.build(demo.org.resolve().id, PAST, again)
    finally:
        demo.db.clock = lambda: FIXED_NOW
    with zipfile.ZipFile(again) as z:
        rebuilt = {name: z.read(name) for name in z.namelist()}
    assert sorted(rebuilt) == sorted(pack)
    changed = [n for n in pack if rebuilt[n] != pack[n]]
    assert changed == []
