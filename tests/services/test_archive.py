"""The yearly archive pack: tree, 目录, manifest, masking, byte-stable builds, cancel, overview."""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from branch_desk.cli.main import parse, run_command
from branch_desk.domain.archive import EMPTY_NOTE, ArchiveCategory, ArchiveIndex, safe_name
from branch_desk.domain.masking import mask_phone
from branch_desk.domain.members import RosterStatus
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.archive.pack import CONTENTS_DOCX, CONTENTS_XLSX, MANIFEST
from branch_desk.services.demo.branch import fill_demo
from branch_desk.services.progress import Cancelled
from tests.conftest import FIXED_NOW

YEAR = FIXED_NOW.year
EXTRAS = {CONTENTS_XLSX, CONTENTS_DOCX, MANIFEST}
FULL_ID = re.compile(r"(?<![\dA-Za-z])\d{17}[\dX](?![\dA-Za-z])")
FULL_MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BranchDesk]:
    """The demo branch (seed 1) with a 签到表 on its first 支部党员大会 and one dossier file."""
    folder = tmp_path_factory.mktemp("archive-demo")
    desk = BranchDesk.open(AppPaths.resolve(folder / "data"))
    desk.db.clock = lambda: FIXED_NOW
    fill_demo(desk, seed=1)
    unit = desk.org.resolve()
    assembly = next(e for e in desk.events.list(unit.id, YEAR) if e.type.value == "支部党员大会")
    scan = folder / "scan.JPG"
    scan.write_bytes(b"\xff\xd8 sign-in scan")
    desk.events.attach(assembly.id, scan, kind="签到表", title="3月签到")
    letter = folder / "申请书.pdf"
    letter.write_bytes(b"%PDF-1.4 application letter")
    candidate = desk.development.list(unit.id)[0]
    desk.development.attach(candidate.id, "入党申请书", letter)
    yield desk
    desk.close()


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("packs")


PROGRESS: list[float] = []


@pytest.fixture(scope="module")
def pack(demo: BranchDesk, out: Path) -> tuple[ArchiveIndex, Path]:
    """The plain pack (its progress reports kept in PROGRESS)."""
    unit = demo.org.resolve()
    path = out / "pack.zip"
    index = demo.archive.build(unit.id, YEAR, path, progress=lambda f, _m: PROGRESS.append(f))
    return index, path


CLI_OUTPUT: list[str] = []


@pytest.fixture(scope="module")
def masked(demo: BranchDesk, out: Path) -> tuple[None, Path]:
    """The masked pack, built through the `archive --mask` command (its output kept)."""
    path = out / "masked.zip"
    _, args = parse(["archive", "--year", str(YEAR), "--mask", "-o", str(path)])
    text = io.StringIO()
    assert run_command(demo, args, text) == 0
    CLI_OUTPUT.append(text.getvalue())
    return None, path


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def office_text(data: bytes) -> str:
    """Return all XML text inside a .docx/.xlsx."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))


def contents_rows(data: bytes) -> list[tuple[object, ...]]:
    sheet = load_workbook(io.BytesIO(data)).active
    return [row for row in sheet.iter_rows(min_row=4, values_only=True) if row[0] is not None]


def test_pack_has_one_folder_per_category_with_records_next_to_attachments(pack) -> None:
    index, path = pack
    names = set(members(path))
    folders = {n.split("/")[0] for n in names if "/" in n}
    assert folders <= {c.folder for c in ArchiveCategory}
    assert names >= EXTRAS
    assert f"01_支部基本情况/{YEAR}年度支部基本情况.docx" in names
    assert "02_党员名册/党员名册.xlsx" in names
    assert f"03_组织关系转接/{YEAR}年度组织关系转接登记表.xlsx" in names
    assert f"10_学习教育/{YEAR}年度党员学习学时统计表.xlsx" in names
    dues = {n for n in names if n.startswith("09_党费/")}
    assert dues == {
        f"09_党费/{YEAR}年度{t}"
        for t in ("党费基数核定表.xlsx", "党费收缴登记表.xlsx", "党费收缴情况公示.docx")
    }
    sign_in = next(n for n in names if n.endswith("_签到表_3月签到.jpg"))
    record = sign_in.replace("_签到表_3月签到.jpg", "_会议记录.docx")
    assert sign_in.startswith("04_三会一课/") and record in names
    assert re.match(r"^04_三会一课/\d{4}-\d{2}-\d{2}_支部党员大会_会议记录\.docx$", record)
    assert any(re.search(r"/\d{4}-\d{2}-\d{2}_第一党小组会议_会议记录\.docx$", n) for n in names)
    assert any(n.startswith("07_谈心谈话/") and n.endswith("_谈话记录.docx") for n in names)
    dossiers = sorted(n for n in names if n.endswith("/全程纪实表.docx"))
    assert dossiers and all(n.startswith("08_发展党员/") and n.count("/") == 2 for n in dossiers)
    assert any(n.endswith("/入党申请书_申请书.pdf") for n in names)
    assert names - EXTRAS == {e.path for e in index.entries}


def test_contents_lists_every_file_and_says_which_categories_are_empty(pack) -> None:
    index, path = pack
    files = members(path)
    rows = contents_rows(files[CONTENTS_XLSX])
    listed = [r for r in rows if r[0] != "—"]
    empty = [r for r in rows if r[0] == "—"]
    assert [r[0] for r in listed] == list(range(1, len(listed) + 1))
    assert {r[4] for r in listed} == set(files) - EXTRAS
    assert len(listed) == len(index.entries)
    assert all(r[2] == EMPTY_NOTE for r in empty)
    empty_folders = {r[1] for r in empty}
    assert empty_folders == {c.folder for c in index.empty_categories}
    assert {"11_制度", "13_上级文件与请示报告"} <= empty_folders
    assert {r[1] for r in rows} == {c.folder for c in ArchiveCategory}  # all 14, none padded
    assert not any(n.startswith(tuple(empty_folders)) for n in files)
    by_path = {e.path: e for e in index.entries}
    for _number, folder, title, day, rel in listed:
        entry = by_path[str(rel)]
        assert (folder, title) == (entry.category.folder, entry.title)
        assert day == (entry.day.isoformat() if entry.day else None)
    text = office_text(files[CONTENTS_DOCX])
    assert all(e.path in text for e in index.entries) and EMPTY_NOTE in text


def test_manifest_holds_the_sha256_of_every_member(pack) -> None:
    index, path = pack
    files = members(path)
    manifest = json.loads(files[MANIFEST])
    assert manifest["format"] == "branch-desk-archive/1"
    assert (manifest["year"], manifest["masked"]) == (YEAR, False)
    assert manifest["unit"] == index.unit_name
    assert set(manifest["files"]) == set(files) - {MANIFEST}
    for name, facts in manifest["files"].items():
        assert facts["sha256"] == hashlib.sha256(files[name]).hexdigest()
        assert facts["size"] == len(files[name])
    assert list(manifest["files"]) == sorted(manifest["files"])


def test_masked_copy_hides_id_numbers_and_phones(demo: BranchDesk, pack, masked) -> None:
    plain, hidden = members(pack[1]), members(masked[1])
    assert json.loads(hidden[MANIFEST])["masked"] is True
    assert set(plain) == set(hidden)
    unit = demo.org.resolve()
    member = next(
        m for m in demo.roster.list(unit.id) if m.roster_status is RosterStatus.ACTIVE and m.phone
    )
    office = [n for n in hidden if n.endswith((".docx", ".xlsx"))]
    for name in office:
        text = office_text(hidden[name])
        assert not FULL_ID.search(text), name
        assert not FULL_MOBILE.search(text), name
    roster_plain = office_text(plain["02_党员名册/党员名册.xlsx"])
    roster_hidden = office_text(hidden["02_党员名册/党员名册.xlsx"])
    assert member.id_number in roster_plain and member.phone in roster_plain
    assert member.id_number[:6] + "*" * 12 in roster_hidden
    assert mask_phone(member.phone) in roster_hidden
    basic = f"01_支部基本情况/{YEAR}年度支部基本情况.docx"
    assert FULL_MOBILE.search(office_text(plain[basic]))
    dossier = next(n for n in plain if n.endswith("/全程纪实表.docx"))
    assert FULL_ID.search(office_text(plain[dossier]))


def test_the_same_data_gives_a_byte_identical_pack(demo: BranchDesk, pack, out: Path) -> None:
    unit = demo.org.resolve()
    again = out / "again.zip"
    demo.archive.build(unit.id, YEAR, again)
    assert again.read_bytes() == pack[1].read_bytes()
    with zipfile.ZipFile(again) as z:
        assert {i.date_time for i in z.infolist()} == {(YEAR, 12, 31, 0, 0, 0)}
        assert z.namelist() == sorted(z.namelist())
        core = z.read(f"01_支部基本情况/{YEAR}年度支部基本情况.docx")
    with zipfile.ZipFile(io.BytesIO(core)) as inner:
        assert f"{YEAR}-12-31T00:00:00Z" in inner.read("docProps/core.xml").decode()


def test_a_folder_target_gets_the_same_files(demo: BranchDesk, pack, out: Path) -> None:
    unit = demo.org.resolve()
    folder = out / "folder-pack"
    demo.archive.build(unit.id, YEAR, folder)
    on_disk = {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }
    assert on_disk == members(pack[1])


@pytest.mark.parametrize("phase", ["writing", "packing"])
def test_cancel_leaves_nothing_behind(demo: BranchDesk, pack, tmp_path: Path, phase: str) -> None:
    unit = demo.org.resolve()
    limit = 4 if phase == "writing" else len(pack[0].entries) + 10
    calls = [0]

    def cancel() -> bool:
        calls[0] += 1
        return calls[0] > limit

    reports: list[tuple[float, str]] = []
    with pytest.raises(Cancelled):
        demo.archive.build(
            unit.id,
            YEAR,
            tmp_path / "pack.zip",
            progress=lambda f, m: reports.append((f, m)),
            cancel=cancel,
        )
    assert list(tmp_path.iterdir()) == []
    last = reports[-1][1]
    assert last.startswith("正在打包") if phase == "packing" else last.startswith("正在生成")
    fractions = [f for f, _ in reports]
    assert fractions == sorted(fractions) and fractions[0] >= 0 and fractions[-1] < 1


def test_progress_runs_to_the_end(pack, out: Path) -> None:
    assert PROGRESS[0] == 0 and PROGRESS[-1] == 1 and sorted(PROGRESS) == PROGRESS
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_cli_builds_and_prints_counts(masked) -> None:
    target = masked[1]
    printed = CLI_OUTPUT[0]
    assert target.is_file() and json.loads(members(target)[MANIFEST])["masked"] is True
    assert "02_党员名册：1份" in printed and f"11_制度：{EMPTY_NOTE}" in printed
    assert "本年度尚未召开组织生活会" in printed


def test_overview_counts_files_and_lists_what_the_rules_still_expect(
    demo: BranchDesk, pack
) -> None:
    unit = demo.org.resolve()
    statuses = {s.category: s for s in demo.archive.overview(unit.id, YEAR, date(YEAR, 11, 20))}
    assert list(statuses) == list(ArchiveCategory)
    assert {c: s.files for c, s in statuses.items()} == pack[0].counts()
    life = statuses[ArchiveCategory.LIFE_MEETING]
    assert "本年度尚未召开组织生活会" in life.missing and not life.complete
    assert any("党课未附讲稿" in m for m in statuses[ArchiveCategory.MEETINGS].missing)
    assert statuses[ArchiveCategory.REGULATIONS].files == 0
    assert len(statuses[ArchiveCategory.ROSTER].titles) == 1
    after = {s.category: s for s in demo.archive.overview(unit.id, YEAR, date(YEAR + 1, 1, 10))}
    assert (
        "本年度未召开组织生活会（要求每年至少1次）" in after[ArchiveCategory.LIFE_MEETING].missing
    )


def test_unwritable_target_is_refused(demo: BranchDesk, tmp_path: Path) -> None:
    from branch_desk.domain.errors import UserError

    unit = demo.org.resolve()
    with pytest.raises(UserError):
        demo.archive.build(unit.id, YEAR, tmp_path / "missing" / "pack.zip")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x.txt").write_text("x")
    with pytest.raises(UserError):
        demo.archive.build(unit.id, YEAR, tmp_path / "full")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13800138000", "138****8000"),
        ("0731-84561234", "0731-****1234"),
        ("", ""),
        ("12345", "12345"),
    ],
)
def test_mask_phone(text: str, expected: str) -> None:
    assert mask_phone(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("推荐/推优表", "推荐_推优表"),
        ("a:b*c?", "a_b_c"),
        ("  ", "未命名"),
        ("会议 记录", "会议_记录"),
    ],
)
def test_safe_name(text: str, expected: str) -> None:
    assert safe_name(text) == expected
