"""The summary beside the real ones: every section, figures equal to the year snapshot, problems
in prose with no one named, for the demo and for a branch loaded through the importers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from branch_desk.domain.idcard import check_char
from branch_desk.domain.rules.ids import RuleId
from branch_desk.domain.summary import ParagraphKind, SummaryDoc
from branch_desk.domain.summary_text import money
from branch_desk.domain.year_snapshot import YearSnapshot
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.demo.branch import fill_demo
from branch_desk.services.org.units import BranchInput
from tests.conftest import FIXED_NOW
from tests.xlsx_helpers import write_sheet

HEADINGS = (
    "一、基本情况",
    "二、主要工作及成效",
    "（一）理论学习",
    "（二）组织建设",
    "（三）党员队伍",
    "（四）党风廉政与意识形态",
    "（五）品牌与服务",
    "（六）表彰",
    "三、存在的问题",
    "四、原因分析",
    "五、下一步打算",
)
RULE_ID = re.compile("|".join(re.escape(r.value) for r in RuleId))


def open_desk(folder: Path) -> BranchDesk:
    desk = BranchDesk.open(AppPaths.resolve(folder), automatic_backups=False)
    desk.db.clock = lambda: FIXED_NOW
    return desk


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BranchDesk]:
    desk = open_desk(tmp_path_factory.mktemp("summary-demo"))
    fill_demo(desk, seed=1)
    yield desk
    desk.close()


# ---- a branch loaded through the importers -----------------------------------------------------

ROSTER_HEADER = ("序号", "姓名", "性别", "身份证号码", "民族", "学历", "人员类别", "党员类别",
                 "入党时间", "转正时间", "党小组")  # fmt: skip
PEOPLE = (  # name, gender, born, ethnicity, education, category, status, joined, group
    ("周建国", "男", "19650304", "汉族", "大学本科", "在职", "正式", "1990.7.1", "第一党小组"),
    ("吴丽华", "女", "19780512", "回族", "研究生", "在职", "正式", "2001.6.18", "第一党小组"),
    ("郑海涛", "男", "19890920", "汉族", "大学本科", "在职", "正式", "2012.5.4", "第一党小组"),
    ("王晓燕", "女", "19950111", "汉族", "大学专科", "在职", "正式", "2018.10.9", "第二党小组"),
    ("冯志强", "男", "19520708", "土家族", "高中", "离退休", "正式", "1975.7.1", "第二党小组"),
    ("陈雅婷", "女", "19990305", "汉族", "研究生", "学生", "预备", "2026.3.18", "第二党小组"),
)
MEETINGS_HEADER = ("序号", "会议类型", "日期", "主题/议题", "开始时间", "结束时间", "地点",
                   "主持人", "记录人", "授课人", "学时")  # fmt: skip


def _id_number(born: str, serial: int, gender: str) -> str:
    serial = serial * 2 + (1 if gender == "男" else 0)
    first17 = f"430102{born}{serial:03d}"
    return first17 + check_char(first17)


def _meeting_rows() -> list[list[object]]:
    rows: list[list[object]] = []

    def add(kind: str, day: date, title: str, lecturer: str = "", hours: int = 2) -> None:
        rows.append([len(rows) + 1, kind, datetime(day.year, day.month, day.day), title,
                     "9:00", "11:00", "党员活动室", "周建国", "郑海涛", lecturer, hours])  # fmt: skip

    for month in range(1, 11):
        add("支委会", date(2026, month, 6), f"研究{month}月份支部工作", hours=1)
    for month in (3, 6, 9):
        add("支部党员大会", date(2026, month, 12), f"第{month // 3}季度支部党员大会")
        add("党课", date(2026, month, 20), f"学习党的二十届{month // 3}中全会精神", "周建国")
    for month in (4, 7):
        add("学习", date(2026, month, 15), "学习《中国共产党纪律处分条例》")
    add("主题党日", date(2026, 5, 10), "社区志愿服务进小区")
    return rows


def _roster_row(i: int, person: tuple[str, ...]) -> list[object]:
    name, gender, born, ethnic, education, category, status, joined, group = person
    full = "" if status == "预备" else f"{int(joined[:4]) + 1}{joined[4:]}"
    number = _id_number(born, i, gender)
    return [i + 1, name, gender, number, ethnic, education, category, status, joined, full, group]


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[BranchDesk, int]]:
    """A branch whose roster and meeting ledger came in through the xlsx importers."""
    folder = tmp_path_factory.mktemp("summary-import")
    desk = open_desk(folder / "data")
    unit = desk.org.create_branch(
        BranchInput(
            name="机关第二党支部",
            upper_org="机关党委",
            elected_on=date(2024, 6, 1),
            groups=("第一党小组", "第二党小组", "第三党小组"),  # the third stays empty
        )
    ).value
    rows = [_roster_row(i, person) for i, person in enumerate(PEOPLE)]
    roster = write_sheet(folder / "花名册.xlsx", ROSTER_HEADER, rows)
    plan = desk.roster_import.preview(unit.id, roster)
    assert plan.ok, [p for r in plan.rows for p in getattr(r, "problems", ())]
    desk.roster_import.apply(unit.id, plan)
    ledger = write_sheet(folder / "会议台账.xlsx", MEETINGS_HEADER, _meeting_rows())
    events = desk.event_import.preview(unit.id, ledger)
    assert events.ok
    desk.event_import.apply(unit.id, events)
    yield desk, unit.id
    desk.close()


# ---- what every summary must show ----------------------------------------------------------------


def section(doc: SummaryDoc, heading: str) -> str:
    return "\n".join(p.text for s in doc.sections if s.heading == heading for p in s.paragraphs)


def assert_figures_equal_snapshot(text: str, snap: YearSnapshot) -> None:
    m, d, dev = snap.members, snap.dues, snap.development
    assert f"共有党员{m.total}名，其中正式党员{m.full}名、预备党员{m.probationary}名" in text
    for label, n in m.by_gender:
        if n:
            assert f"{label}党员{n}名" in text
    for label, n in (*m.by_age, *m.by_education):
        if n and label != "未登记":
            assert f"{label}{n}名" in text
    held = dict(snap.meetings.by_type)
    for kind, noun in (("支部党员大会", "支部党员大会"), ("支部委员会", "支部委员会会议")):
        if held.get(kind):
            assert f"召开{noun}{held[kind]}次" in text
    if held.get("党课"):
        assert f"讲授党课{held['党课']}次" in text
    assert f"收缴党费{money(d.paid_fen)}" in text and f"实交{money(d.paid_fen)}" in text
    if d.owed_fen is not None:
        assert f"应交党费{money(d.owed_fen)}" in text
    if snap.study.total_hours is not None:
        assert f"{snap.study.members_counted}名全年在册党员人均学习" in text
        assert f"其中{snap.study.members_met}名达到年度学时要求" in text
    if dev.applications:
        assert f"收到入党申请书{dev.applications}份" in text
    if dev.new_activists:
        assert f"确定入党积极分子{dev.new_activists}名" in text
    if m.joined:
        assert f"接收预备党员{m.joined}名" in text


def assert_a_real_summary(desk: BranchDesk, unit_id: int, year: int) -> SummaryDoc:
    doc = desk.summary.document(unit_id, year)
    text = doc.text()
    snap = desk.snapshots.build(unit_id, year)
    headings = [s.heading for s in doc.sections]
    assert [h for h in HEADINGS if h in headings] == list(HEADINGS)
    assert_figures_equal_snapshot(text, snap)
    problems = section(doc, "三、存在的问题")
    assert problems.startswith("一是")
    people = [m.name for m in desk.roster.list(unit_id)]
    people += [c.name for c in desk.development.list(unit_id, snap.day)]
    assert [n for n in people if n in problems] == []
    assert [n for n in people if n in section(doc, "五、下一步打算")] == []
    assert len(problems.splitlines()) <= 6
    assert RULE_ID.search(text) is None
    assert "," not in text  # no thousands separators
    # the records hold every figure, so no figure sentence asks for one
    figures = [
        p.text for s in doc.sections for p in s.paragraphs if p.kind is ParagraphKind.FIGURES
    ]
    d = snap.dues
    if None not in (d.owed_fen, d.remitted_fen, snap.study.total_hours):
        assert [t for t in figures if "【请填写" in t] == []
    assert "【请填写" not in problems
    return doc


def test_demo_summary_has_every_section_and_the_snapshots_figures(demo: BranchDesk):
    unit = demo.org.resolve().id
    doc = assert_a_real_summary(demo, unit, 2026)
    text = doc.text()
    assert "按民族分，汉族" in text and "少数民族" in text
    assert "按学历分" in text and "按年龄分" in text
    problems = section(doc, "三、存在的问题")
    assert "党小组会缺开1次" in problems and "集中在" in problems


def test_demo_past_year_is_counted_at_its_end(demo: BranchDesk):
    doc = assert_a_real_summary(demo, demo.org.resolve().id, 2025)
    assert "截至2025年12月31日" in doc.text()


def test_a_different_year_gives_a_different_opening(demo: BranchDesk):
    unit = demo.org.resolve().id
    first = demo.summary.document(unit, 2025).opening[0].text
    second = demo.summary.document(unit, 2026).opening[0].text
    assert first.startswith("2025年") and second.startswith("2026年")
    assert first.replace("2025", "2026") != second


def test_imported_branch_summary(imported: tuple[BranchDesk, int]):
    desk, unit = imported
    doc = assert_a_real_summary(desk, unit, 2026)
    text = doc.text()
    assert "共有党员6名，其中正式党员5名、预备党员1名" in text
    assert "少数民族2名（回族1名、土家族1名）" in text
    study = section(doc, "（一）理论学习")
    # the topics actually studied are the meetings' own 主题
    assert "学习党的二十届1中全会精神" in study or "学习党的二十届" in study
    assert "学习《中国共产党纪律处分条例》" in study
    assert "学习《中国共产党纪律处分条例》" in section(doc, "（四）党风廉政与意识形态")
    assert "社区志愿服务进小区" in section(doc, "（五）品牌与服务")
    problems = section(doc, "三、存在的问题")
    # the empty 第三党小组 owes no 党小组会; the two others held none in ten months
    assert "党小组会缺开20次" in problems and "第三党小组" not in problems
    assert "支部委员会会议" not in problems  # held every month
    opening = doc.opening[0].text
    assert "学习党的二十届" in opening


def test_adding_up_snapshots_keeps_what_was_recorded(demo: BranchDesk):
    from dataclasses import replace

    from branch_desk.domain.snapshot_sum import add_snapshots

    snap = demo.snapshots.build(demo.org.resolve().id, 2026)
    none = replace(snap.dues, remitted_fen=None)
    total = add_snapshots(snap, [replace(snap, dues=none)])
    assert total.members.total == 2 * snap.members.total
    assert dict(total.members.by_gender) == {k: 2 * n for k, n in snap.members.by_gender}
    assert total.dues.remitted_fen == snap.dues.remitted_fen  # none recorded is not unknown
    assert total.unit_name == snap.unit_name and total.day == snap.day
