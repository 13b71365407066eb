"""The whole-database JSON exchange file: faithful round trips, and refusals that change nothing."""

from __future__ import annotations

import copy
import json
import re
import sqlite3
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from branch_desk.domain.members import PartyStatus, StatusChangeKind
from branch_desk.domain.voting import ExclusionKind
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.data.exchange import (
    FORMAT_NAME,
    FORMAT_VERSION,
    ExchangeError,
    table_names,
)
from branch_desk.services.demo.branch import fill_demo
from branch_desk.services.roster.exclusions import ExclusionInput
from branch_desk.services.roster.members import StatusChangeInput
from tests.conftest import FIXED_NOW, member_input

TABLES = tuple(table_names())
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@pytest.fixture
def other(tmp_path: Path) -> Iterator[BranchDesk]:
    """A second, empty data dir to import into."""
    desk = BranchDesk.open(AppPaths.resolve(tmp_path / "other"))
    desk.db.clock = lambda: FIXED_NOW
    yield desk
    desk.close()


@pytest.fixture
def small(desk: BranchDesk, branch_id: int) -> BranchDesk:
    """第一党支部 with two members, one of them transferred out."""
    desk.roster.add(branch_id, member_input())
    second = desk.roster.add(
        branch_id,
        member_input(
            name="李娜",
            id_number="11010119850612008x",
            gender=None,
            full_member_on=None,
            party_status=PartyStatus.PROBATIONARY,
            joined_on=date(2026, 5, 1),
            group="第二党小组",
            phone="",
        ),
    ).value
    desk.roster.change_status(
        second.id,
        StatusChangeInput(
            StatusChangeKind.TRANSFER_OUT,
            date(2026, 9, 2),
            place="外单位党支部",
            letter_no="组转〔2026〕5号",
        ),
    )
    return desk


def write(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def without_stamp(document: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in document.items() if k != "exported_at"}


def assert_empty(desk: BranchDesk) -> None:
    document = desk.exchange.export_document()
    assert {t: document[t] for t in TABLES} == {t: [] for t in TABLES}
    assert not desk.org.is_set_up()


# ---- export ----------------------------------------------------------------------------------


def test_export_document_envelope_and_value_formats(small: BranchDesk, tmp_path: Path) -> None:
    counts = small.exchange.export_data(tmp_path / "x.json")
    document = json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))
    assert document["format"] == FORMAT_NAME and document["version"] == FORMAT_VERSION
    assert document["exported_at"] == FIXED_NOW.isoformat()
    assert counts == {t: len(document[t]) for t in TABLES}
    assert [m["name"] for m in document["members"]] == ["张三", "李娜"]
    zhang, li = document["members"]
    assert (zhang["birth_date"], zhang["joined_on"]) == ("1990-03-07", "2012-06-18")
    assert zhang["full_member_on"] == "2013-06-18" and zhang["gender"] == "男"
    assert li["id_number"] == "11010119850612008X"
    assert (li["party_status"], li["full_member_on"], li["roster_status"]) == ("预备", None, "转出")
    for member in document["members"]:
        for key in ("birth_date", "joined_on", "full_member_on"):
            assert member[key] is None or ISO_DAY.match(member[key])
    assert document["org_units"][0]["name"] == "第一党支部"
    assert {c["kind"] for c in document["member_status_changes"]} >= {"登记在册", "转出"}


# ---- round trip ------------------------------------------------------------------------------


def test_small_round_trip_is_identical(small: BranchDesk, other: BranchDesk, tmp_path: Path):
    path = tmp_path / "x.json"
    small.exchange.export_data(path)
    counts = other.exchange.import_data(path).value
    assert counts["members"] == 2 and counts["org_units"] == 4
    assert without_stamp(other.exchange.export_document()) == without_stamp(
        small.exchange.export_document()
    )
    assert other.roster.list() == small.roster.list()
    assert other.org.officers(other.org.resolve().id) == small.org.officers(small.org.resolve().id)


def test_demo_round_trip_is_identical(empty_desk: BranchDesk, other: BranchDesk, tmp_path: Path):
    fill_demo(empty_desk, seed=5)
    first = tmp_path / "first.json"
    empty_desk.exchange.export_data(first)
    other.exchange.import_data(first)
    second = tmp_path / "second.json"
    other.exchange.export_data(second)
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in (first, second)]
    assert without_stamp(docs[0]) == without_stamp(docs[1])
    assert len(docs[1]["members"]) == 62 and docs[1]["audit_log"]


def raw_rows(database: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every exchanged table's rows as SQLite stores them, with the storage class of each value."""
    conn = sqlite3.connect(database)
    try:
        found: dict[str, list[tuple[Any, ...]]] = {}
        for table in TABLES:
            columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
            typed = ", ".join(f'"{c}", typeof("{c}")' for c in columns)
            found[table] = conn.execute(f'SELECT {typed} FROM "{table}" ORDER BY id').fetchall()
        return found
    finally:
        conn.close()


def test_demo_import_stores_the_exported_values_exactly(
    empty_desk: BranchDesk, other: BranchDesk, tmp_path: Path
) -> None:
    """Raw SQLite rows, not the models: an import that bypassed SQLAlchemy's type conversion
    would read back the same while storing other text (datetimes with ".000000", booleans…)."""
    fill_demo(empty_desk, seed=5)
    fill_the_tables_the_demo_leaves_empty(empty_desk, tmp_path)
    path = tmp_path / "demo.json"
    empty_desk.exchange.export_data(path)
    other.exchange.import_data(path)
    before, after = raw_rows(empty_desk.paths.database), raw_rows(other.paths.database)
    assert sum(len(rows) for rows in before.values()) > 1000
    assert [t for t in TABLES if not before[t]] == []
    for table in TABLES:
        assert after[table] == before[table], table


def fill_the_tables_the_demo_leaves_empty(desk: BranchDesk, tmp_path: Path) -> None:
    unit_id = desk.org.resolve().id
    member_id = desk.roster.list()[0].id
    desk.settings.update(unit_id, {"dues.backpay_months": "12"})
    desk.exclusions.add(
        member_id, ExclusionInput(ExclusionKind.PROBATION_DISCIPLINE, date(2023, 1, 1))
    )
    desk.calendar.set_day(date(2026, 11, 4), False, "本地放假")
    desk.summary.save_narrative(unit_id, 2026, "study", "全年开展专题学习。")
    scan = tmp_path / "签到表.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    event_id = desk.events.list(unit_id)[0].id
    desk.events.attach(event_id, scan, kind="签到表")
    candidate_id = desk.development.list(unit_id)[0].id
    desk.development.attach(candidate_id, "入党申请书", scan)


def test_import_into_non_empty_dir_is_refused_and_changes_nothing(
    small: BranchDesk, tmp_path: Path
) -> None:
    path = tmp_path / "x.json"
    small.exchange.export_data(path)
    before = small.exchange.export_document()
    with pytest.raises(ExchangeError, match="只能导入到空的数据目录"):
        small.exchange.import_data(path)
    assert small.exchange.export_document() == before


# ---- malformed files -------------------------------------------------------------------------


def _set(table: str, index: int, key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        document[table][index][key] = value

    return change


def _top(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        document[key] = value

    return change


def _drop(key: str) -> Callable[[dict[str, Any]], None]:
    return lambda document: document.pop(key)


def _duplicate_member(document: dict[str, Any]) -> None:
    document["members"].append(copy.deepcopy(document["members"][0]))


MALFORMED = {
    "wrong format": (_top("format", "some-other-app"), "不是支部工作台的数据交换文件"),
    "newer version": (_top("version", FORMAT_VERSION + 1), f"版本为 {FORMAT_VERSION + 1}"),
    "no version": (_drop("version"), "版本号"),
    "text version": (_top("version", "1"), "版本号"),
    "unknown section": (_top("meetings", []), "未知的内容：meetings"),
    "table not a list": (_top("members", {}), "members 应为数组"),
    "bad id number": (
        _set("members", 0, "id_number", "110101199003071234"),
        "members[0].id_number",
    ),
    "short id number": (_set("members", 1, "id_number", "123"), "members[1].id_number 无效"),
    "unknown field": (_set("members", 0, "nickname", "小张"), "members[0] 含有未知字段：nickname"),
    "bad date": (_set("members", 0, "joined_on", "2012-6-18"), "members[0].joined_on 应为日期"),
    "text as number": (_set("members", 0, "unit_id", "1"), "members[0].unit_id 应为整数"),
    "bad enum": (_set("members", 0, "gender", "M"), "members[0].gender 的值“M”无效"),
    "missing name": (_set("members", 1, "name", None), "members[1].name 不能为空"),
    "duplicate id": (_duplicate_member, "members[2].id 重复"),
    "dangling parent": (_set("org_units", 1, "parent_id", 999), "org_units 第 2 号记录"),
    "dangling unit": (_set("members", 1, "unit_id", 77), "members 第"),
    "dangling member": (_set("member_status_changes", 0, "member_id", 99), "不存在的 members"),
    "same id twice": (_set("members", 1, "id_number", "110101199003071233"), "相互矛盾"),
}


@pytest.mark.parametrize("case", list(MALFORMED))
def test_malformed_document_is_refused_naming_the_place(
    small: BranchDesk, other: BranchDesk, tmp_path: Path, case: str
) -> None:
    change, fragment = MALFORMED[case]
    document = small.exchange.export_document()
    change(document)
    with pytest.raises(ExchangeError) as caught:
        other.exchange.import_data(write(tmp_path / "bad.json", document))
    assert fragment in caught.value.message
    assert "\n" not in caught.value.message
    assert_empty(other)


def test_dangling_reference_names_the_referenced_table(small, other, tmp_path: Path) -> None:
    document = small.exchange.export_document()
    document["org_units"][1]["parent_id"] = 999
    with pytest.raises(ExchangeError, match="引用了不存在的 org_units 记录"):
        other.exchange.import_data(write(tmp_path / "bad.json", document))


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        (b"{not json", "不是有效的 JSON（第1行"),
        (b"", "不是有效的 JSON"),
        (b"[1, 2]", "不是支部工作台的数据交换文件"),
        (b"\xff\xfe\x00garbage", "无法读取"),
    ],
)
def test_unreadable_file_is_refused(
    other: BranchDesk, tmp_path: Path, raw: bytes, fragment: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(raw)
    with pytest.raises(ExchangeError, match=re.escape(fragment)):
        other.exchange.import_data(path)
    assert_empty(other)


def test_missing_file_is_refused(other: BranchDesk, tmp_path: Path) -> None:
    with pytest.raises(ExchangeError, match="文件不存在"):
        other.exchange.import_data(tmp_path / "nowhere.json")
    assert_empty(other)


def test_bom_and_lowercase_x_are_accepted(small: BranchDesk, other: BranchDesk, tmp_path: Path):
    document = small.exchange.export_document()
    document["members"][1]["id_number"] = "11010119850612008x"
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(document, ensure_ascii=False).encode("utf-8"))
    other.exchange.import_data(path)
    assert [m.id_number for m in other.roster.list()] == [
        "110101199003071233",
        "11010119850612008X",
    ]


# ---- version 6: grades, carried bases, 台账起始日期, activity kinds, honours, 学习重点 --------------


def test_version_5_file_reads_with_the_new_fields_at_their_defaults(
    small: BranchDesk, other: BranchDesk, tmp_path: Path
) -> None:
    document = small.exchange.export_document()
    document["version"] = 5
    for table, field in [
        ("org_units", "ledger_start"),
        ("events", "activity_kind"),
        ("attendance", "grade"),
        ("dues_assessments", "carried_from"),
    ]:
        for row in document[table]:
            del row[field]
    del document["honours"], document["study_focus"]
    other.exchange.import_data(write(tmp_path / "v5.json", document))
    again = other.exchange.export_document()
    assert [u["ledger_start"] for u in again["org_units"]] == [None] * len(again["org_units"])
    assert again["honours"] == [] and again["study_focus"] == []
    assert other.roster.list() == small.roster.list()


def test_version_6_records_round_trip_and_a_bad_grade_is_refused(
    small: BranchDesk, other: BranchDesk, tmp_path: Path
) -> None:
    document = small.exchange.export_document()
    unit_id = document["org_units"][0]["id"]
    member_id = document["members"][0]["id"]
    document["org_units"][0]["ledger_start"] = "2026-01-01"
    document["honours"] = [
        {
            "id": 1,
            "unit_id": unit_id,
            "member_id": member_id,
            "recipient": "张三",
            "title": "优秀共产党员",
            "level": "校级",
            "issuer": "校党委",
            "awarded_on": "2026-06-28",
            "note": "",
        }
    ]
    document["study_focus"] = [
        {
            "id": 1,
            "unit_id": unit_id,
            "year": 2026,
            "sort_order": 0,
            "text": "学习贯彻党的二十届四中全会精神",
        }
    ]
    path = write(tmp_path / "v6.json", document)
    other.exchange.import_data(path)
    again = other.exchange.export_document()
    assert again["honours"] == document["honours"]
    assert again["study_focus"] == document["study_focus"]
    assert again["org_units"][0]["ledger_start"] == "2026-01-01"

    bad = copy.deepcopy(document)
    bad["honours"][0]["awarded_on"] = "去年"
    third = BranchDesk.open(AppPaths.resolve(tmp_path / "third"))
    try:
        with pytest.raises(ExchangeError, match=r"honours\[0\]\.awarded_on 应为日期"):
            third.exchange.import_data(write(tmp_path / "bad.json", bad))
        assert_empty(third)
    finally:
        third.close()
