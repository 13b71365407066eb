"""Fuzzing the doors: malformed workbooks and exchange files for every importer.

Whatever the file holds, an import ends in a clean import or a UserError, and after a
UserError the database (and the attachment store) is exactly as before.
The number of cases tried per importer is printed by test_report_case_counts.
"""

from __future__ import annotations

import copy
import json
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from branch_desk.domain.dues import DuesCategory
from branch_desk.domain.errors import UserError
from branch_desk.domain.events import EventType
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.dues.service import AssessmentInput
from branch_desk.services.meetings.events import EventInput
from branch_desk.services.org.units import BranchInput
from tests.conftest import FIXED_NOW, member_input

CASES: Counter[str] = Counter()
OUTCOMES: Counter[str] = Counter()
FUZZ = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ZHANG_ID = "110101199003071233"
LI_ID = "11010119850612008X"


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def open_desk(data: Path) -> BranchDesk:
    desk = BranchDesk.open(AppPaths.resolve(data), automatic_backups=False)
    desk.db.clock = lambda: FIXED_NOW
    return desk


@pytest.fixture(scope="module")
def desk(workdir: Path) -> Iterator[BranchDesk]:
    """A branch with two members assessed for 2026, a meeting with an attachment."""
    desk = open_desk(workdir / "data")
    desk.org.create_branch(
        BranchInput(name="第一党支部", upper_org="机关党委", groups=("第一党小组", "第二党小组"))
    )
    unit = desk.org.resolve().id
    zhang = desk.roster.add(unit, member_input()).value
    li = desk.roster.add(unit, member_input(name="李娜", id_number=LI_ID, gender=None)).value
    items = [(m.id, AssessmentInput(DuesCategory.EMPLOYED, 480_000)) for m in (zhang, li)]
    desk.dues.assess_many(2026, items)
    event = desk.events.add(unit, EventInput(EventType.STUDY, date(2026, 5, 1))).value
    scan = workdir / "scan.pdf"
    scan.write_bytes(b"%PDF fuzz attachment")
    desk.events.attach(event.id, scan)
    yield desk
    desk.close()


def state(desk: BranchDesk) -> tuple[dict[str, Any], list[str]]:
    document = desk.exchange.export_document()
    document.pop("exported_at")
    blobs = sorted(str(p) for p in desk.paths.attachments_dir.rglob("*") if p.is_file())
    return document, blobs


# Bugs found by this fuzzing and not yet fixed: name → (type, message fragment, function in
# the traceback), each reproduced by a strict xfail test. All found so far are fixed.
KNOWN_BUGS: dict[str, tuple[type[BaseException], str, str]] = {}


def known_bug(exc: BaseException) -> str | None:
    functions = {frame.name for frame in traceback.extract_tb(exc.__traceback__)}
    for name, (kind, fragment, function) in KNOWN_BUGS.items():
        if isinstance(exc, kind) and fragment in str(exc) and function in functions:
            return name
    return None


def attempt(name: str, desk: BranchDesk, action: Callable[[], object]) -> None:
    """Run one import; only a UserError may escape it, and then nothing may have changed."""
    CASES[name] += 1
    before = state(desk)
    try:
        action()
    except Exception as exc:
        bug = None if isinstance(exc, UserError) else known_bug(exc)
        if not isinstance(exc, UserError) and bug is None:
            raise
        assert str(exc).strip(), "a UserError needs a message"
        after = state(desk)
        assert after == before, "a refused import changed the data"
        OUTCOMES[f"{name}: {'known bug' if bug else 'refused'}"] += 1
    else:
        OUTCOMES[f"{name}: imported"] += 1


# ---- workbooks ---------------------------------------------------------------------------------

ODD_TEXT = ["", " ", "　", "=1+1", "=SUM(A1:A3)", "#N/A", "²", "１２３", "1" * 400, "-5",
            "2026年13月1日", "2026-02-30", "0000-00-00", "９９９９年１２月３１日", "男性", "正式党员",
            "在职", "党" * 3000, "\t\n", "null", "NaN", "1e309", "张三（请假）", "张三、李娜",
            "2026.5.1 9:00", "3天", "2026年5月1日至5月8日", "减免", "批准文号", "18:30"]  # fmt: skip
cell_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.sampled_from([10**300, -(10**30), 2**63, 2958465, 2958466, 0, 1, 60, 45000]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
    st.sampled_from(ODD_TEXT),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.sampled_from([datetime(1, 1, 1), datetime(9999, 12, 31, 23, 59), datetime(1900, 2, 28)]),
    st.times(),
    st.sampled_from(
        [ZHANG_ID, LI_ID, "张三", "李娜", "2026-05-01", "2012-06-18", "48", "党员大会"]
    ),
)


NOISE_HEADERS = st.one_of(
    st.sampled_from(
        ["序号", "籍贯", "备注", "姓名*", "入党时间（必填）", "日期：", "身份证号 ", "1月"]
    ),
    st.text(max_size=8),
)
WANG_ID, CHEN_ID = "430104200102030356", "430102200003150122"
TEMPLATES: dict[str, tuple[list[str], list[list[Any]]]] = {
    "roster": (
        ["姓名", "身份证号", "入党时间", "转正时间", "党员类别", "人员类别", "党小组", "联系电话",
         "民族", "学历", "工作单位及职务", "性别", "出生日期"],
        [["王五", WANG_ID, "2022-07-01", "2023-07-01", "正式党员", "在职", "第一党小组",
          "13800138001", "汉族", "大学本科", "办公室", "男", "2001-02-03"],
         ["张三", ZHANG_ID, "2012.06.18", None, "正式", "在职", "第二党小组", 13900139000,
          "汉族", "硕士研究生", "科员", None, None]],
    ),
    "events": (
        ["日期", "会议类型", "主题", "地点", "主持人", "记录人", "缺席人员", "学时", "开始时间"],
        [["2026-05-10", "党员大会", "学习党章", "会议室", "张三", "李娜", "", 2, "09:00"],
         [date(2026, 6, 3), "支委会", "研究发展工作", "会议室", "张三", "李娜", "李娜（出差）", None,
          time(14, 30)]],
    ),
    "dues bases": (
        ["姓名", "身份证号", "党费类别", "月基数", "起始月份", "批准文号"],
        [["张三", ZHANG_ID, "在职", 5000, 1, ""], ["李娜", None, "在职", "4,800.50", 7, None]],
    ),
    "dues payments": (
        ["姓名", "身份证号", *[f"{m}月" for m in range(1, 13)]],
        [["张三", ZHANG_ID, 48, 48, 48, "免", None, 48, 48, 48, 48, 48, 48, None],
         ["李娜", LI_ID, *[48] * 10, None, None]],
    ),
    "candidates": (
        ["姓名", "性别", "出生日期", "身份证号", "入党申请时间", "谈话时间", "确定积极分子时间",
         "培养联系人", "确定发展对象时间", "培训时间", "培训学时"],
        [["陈一", "女", "2000-03-15", CHEN_ID, "2025-01-10", "2025-02-01", "2025-07-01",
          "张三、李娜", None, None, None],
         ["周二", "男", None, None, "2024-03-01", "2024-03-20", "2024-09-01", "张三",
          "2025-09-01", "2025年10月8日至10月12日", 24]],
    ),
}  # fmt: skip


@st.composite
def books(draw: st.DrawFn, kind: str) -> dict[str, Any]:
    """A valid workbook of ``kind`` with columns dropped, noise added and cells replaced."""
    header, rows = TEMPLATES[kind]
    chaos = draw(st.integers(min_value=0, max_value=3))  # 0: the template as it is

    def spoil() -> bool:
        return draw(st.integers(min_value=0, max_value=19)) < chaos * 2

    keep = [i for i in range(len(header)) if not spoil()]
    out_header = [header[i] for i in keep]
    count = draw(st.integers(min_value=0 if chaos else 1, max_value=3))
    out_rows = []
    for r in range(count):
        template = rows[r % len(rows)]
        out_rows.append([draw(cell_values) if spoil() else template[i] for i in keep])
    for _ in range(draw(st.integers(min_value=0, max_value=chaos))):
        at = draw(st.integers(min_value=0, max_value=len(out_header)))
        noise = draw(st.one_of(NOISE_HEADERS, st.sampled_from(header)))  # unknown or duplicate
        out_header.insert(at, noise)
        for line in out_rows:
            line.insert(at, draw(cell_values))
    preamble = draw(st.lists(st.lists(cell_values, max_size=3), max_size=2))
    return {"preamble": preamble, "header": out_header, "rows": out_rows}


def cell(value: Any) -> Any:
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def write_book(path: Path, book: dict[str, Any]) -> Path:
    header = book["header"]
    sheet = (workbook := Workbook()).active
    for line in [*book["preamble"], header, *book["rows"]]:
        sheet.append([cell(v) for v in line])
    workbook.save(path)
    return path


def unit_of(desk: BranchDesk) -> int:
    return desk.org.resolve().id


@FUZZ
@given(book=books("roster"))
def test_roster_import_fuzz(desk: BranchDesk, workdir: Path, book: dict[str, Any]):
    path = write_book(workdir / "roster.xlsx", book)
    service, unit = desk.roster_import, unit_of(desk)
    attempt("roster", desk, lambda: service.apply(unit, service.preview(unit, path)))


@FUZZ
@given(book=books("events"))
def test_event_import_fuzz(desk: BranchDesk, workdir: Path, book: dict[str, Any]):
    path = write_book(workdir / "events.xlsx", book)
    service, unit = desk.event_import, unit_of(desk)
    attempt("events", desk, lambda: service.apply(unit, service.preview(unit, path)))


@FUZZ
@given(book=books("dues bases"), year=st.sampled_from([2026, 2027, 1, 9999]))
def test_dues_bases_import_fuzz(desk: BranchDesk, workdir: Path, book: dict[str, Any], year: int):
    path = write_book(workdir / "bases.xlsx", book)
    service, unit = desk.dues_import, unit_of(desk)
    attempt(
        "dues bases", desk, lambda: service.apply_bases(service.preview_bases(unit, year, path))
    )


@FUZZ
@given(book=books("dues payments"))
def test_dues_payments_import_fuzz(desk: BranchDesk, workdir: Path, book: dict[str, Any]):
    path = write_book(workdir / "payments.xlsx", book)
    service, unit = desk.dues_import, unit_of(desk)
    attempt(
        "dues payments",
        desk,
        lambda: service.apply_payments(service.preview_payments(unit, 2026, path)),
    )


@FUZZ
@given(book=books("candidates"))
def test_candidate_import_fuzz(desk: BranchDesk, workdir: Path, book: dict[str, Any]):
    path = write_book(workdir / "candidates.xlsx", book)
    service, unit = desk.candidate_import, unit_of(desk)
    attempt("candidates", desk, lambda: service.apply(unit, service.preview(unit, path)))


# ---- exchange JSON -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def exported(desk: BranchDesk) -> dict[str, Any]:
    return desk.exchange.export_document()


class EmptyTarget:
    """An empty data dir to import into; replaced by a fresh one after a clean import."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.used = 0
        self.desk = open_desk(workdir / "empty-0")

    def import_file(self, name: str, path: Path) -> None:
        before = OUTCOMES[f"{name}: imported"]
        attempt(name, self.desk, lambda: self.desk.exchange.import_data(path))
        if OUTCOMES[f"{name}: imported"] > before:
            self.desk.close()
            self.used += 1
            self.desk = open_desk(self.workdir / f"empty-{self.used}")


@pytest.fixture(scope="module")
def empty(workdir: Path) -> Iterator[EmptyTarget]:
    target = EmptyTarget(workdir)
    yield target
    target.desk.close()


SWAPS = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([2**63, -(2**63) - 1, 2**64, 10**30, -1, 0]),
    st.floats(allow_nan=False), st.text(max_size=20), st.just([]), st.just({}),
    st.sampled_from(["2026-02-30", "9999-12-31T23:59:59", "0001-01-01", "25:00:00", "党员大会"]),
)  # fmt: skip


@st.composite
def mutations(draw: st.DrawFn) -> list[tuple[str, Any, Any]]:
    """A few (kind, location, value) edits of the exported document."""
    edits = []
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        kind = draw(st.sampled_from(["swap", "delete", "duplicate", "add_key", "swap_table"]))
        edits.append((kind, draw(st.integers(min_value=0, max_value=10**6)), draw(SWAPS)))
    return edits


def mutate(document: dict[str, Any], edits: list[tuple[str, Any, Any]]) -> dict[str, Any]:
    document = copy.deepcopy(document)
    for kind, pick, value in edits:
        tables = [k for k, v in document.items() if isinstance(v, list) and v]
        if kind == "swap_table" or not tables:
            keys = sorted(document)
            document[keys[pick % len(keys)]] = value
            continue
        rows = document[tables[pick % len(tables)]]
        row = rows[pick % len(rows)]
        if kind == "duplicate":
            rows.append(copy.deepcopy(row))
        elif kind == "add_key" and isinstance(row, dict):
            row[f"extra{pick % 3}"] = value
        elif isinstance(row, dict) and row:
            key = sorted(row)[pick % len(row)]
            if kind == "delete":
                del row[key]
            else:
                row[key] = value
        else:
            rows[pick % len(rows)] = value
    return document


@FUZZ
@given(edits=mutations())
def test_exchange_import_fuzz(
    empty: EmptyTarget, exported: dict[str, Any], workdir: Path, edits: list[Any]
):
    path = workdir / "exchange.json"
    path.write_text(json.dumps(mutate(exported, edits), ensure_ascii=False), encoding="utf-8")
    empty.import_file("exchange", path)


@FUZZ
@given(text=st.one_of(st.text(max_size=200), st.binary(max_size=200).map(lambda b: b.hex())))
def test_exchange_import_of_garbage_text(empty: EmptyTarget, workdir: Path, text: str):
    path = workdir / "garbage.json"
    path.write_text(text, encoding="utf-8")
    empty.import_file("exchange text", path)


# ---- the bugs found, one input each ------------------------------------------------------------


def preview_of(desk: BranchDesk, workdir: Path, kind: str, header: list[str], row: list[Any]):
    path = workdir / f"case-{kind}.xlsx"
    write_book(path, {"preamble": [], "header": header, "rows": [row]})
    unit = unit_of(desk)
    if kind == "events":
        return desk.event_import.preview(unit, path)
    return desk.roster_import.preview(unit, path)


def test_date_text_of_other_digits_is_a_cell_error(desk: BranchDesk, workdir: Path):
    header = ["日期", "会议类型", "主题"]
    preview = preview_of(desk, workdir, "events", header, ["²", "党员大会", "学习"])
    assert [p.column for p in preview.problems] == ["日期"]


@pytest.mark.parametrize(
    "value", ["1" * 400, 1.7976931348623157e308], ids=["400 digits", "1.8e308"]
)
def test_huge_number_in_a_date_column_is_a_cell_error(
    desk: BranchDesk, workdir: Path, value: object
):
    header = ["姓名", "身份证号", "入党时间", "党员类别"]
    preview = preview_of(desk, workdir, "roster", header, ["王五", WANG_ID, value, "正式党员"])
    assert "入党时间" in {p.column for p in preview.problems}


def test_roster_birth_date_in_year_9999_is_a_cell_error(desk: BranchDesk, workdir: Path):
    header = ["姓名", "性别", "出生日期", "入党时间", "党员类别"]
    row = ["王五", "男", date(9999, 12, 31), "2022-07-01", "预备党员"]
    preview = preview_of(desk, workdir, "roster", header, row)
    assert not preview.ok and "出生日期" in {p.column for p in preview.problems}


def test_exchange_integer_beyond_64_bits_is_refused(
    empty: EmptyTarget, exported: dict[str, Any], workdir: Path
):
    document = copy.deepcopy(exported)
    document["org_units"][0]["term_years"] = 2**64
    path = workdir / "overflow.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    before = state(empty.desk)
    try:
        with pytest.raises(UserError, match="term_years"):
            empty.desk.exchange.import_data(path)
    finally:
        assert state(empty.desk) == before


def test_report_case_counts(capsys: pytest.CaptureFixture[str]):
    if not CASES:
        pytest.skip("run together with the fuzz tests above")
    with capsys.disabled():
        print("\nfuzz cases tried per importer:")
        for name, count in sorted(CASES.items()):
            detail = "，".join(f"{k.split(': ')[1]} {v}" for k, v in sorted(OUTCOMES.items())
                              if k.startswith(f"{name}: "))  # fmt: skip
            print(f"  {name}: {count} cases ({detail})")
    assert all(count > 0 for count in CASES.values())


@pytest.mark.parametrize("amount", [10**20, "1" * 25, 1e30], ids=["int", "text", "float"])
def test_dues_amount_beyond_any_real_one_is_a_cell_error(
    desk: BranchDesk, workdir: Path, amount: object
):
    header = ["姓名", "身份证号", "1月"]
    path = workdir / "huge.xlsx"
    write_book(path, {"preamble": [], "header": header, "rows": [["张三", ZHANG_ID, amount]]})
    before = desk.dues.payments(unit_of(desk), 2026)
    preview = desk.dues_import.preview_payments(unit_of(desk), 2026, path)
    assert [(p.row, p.column) for p in preview.problems] == [(2, "1月")]
    assert "金额过大" in preview.problems[0].message
    with pytest.raises(UserError):
        desk.dues_import.apply_payments(preview)
    assert desk.dues.payments(unit_of(desk), 2026) == before
