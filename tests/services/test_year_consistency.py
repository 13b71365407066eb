"""One truth per year: every document of 2025, built in November 2026, shows the snapshot's
figures — for the demo and for a branch loaded from its own Excel 台账 through the importers.

Each figure is read back from the written files (docx text, xlsx cells) and from
`figures --json`, and compared with the year snapshot: members by status at the as-of day,
meetings by type, admissions and 转正 in the year, and the dues paid, owed and rate.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from branch_desk.cli.main import parse, run_command
from branch_desk.domain.idcard import check_char
from branch_desk.domain.members import StatusChangeKind
from branch_desk.domain.year_snapshot import YearSnapshot
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.demo.branch import fill_demo
from branch_desk.services.roster.members import StatusChangeInput
from tests.conftest import FIXED_NOW
from tests.exports.document_texts import docx_texts, xlsx_texts
from tests.xlsx_helpers import write_sheet

YEAR = FIXED_NOW.year - 1  # 2025, built on 2026-11-20
YEAR_END = date(YEAR, 12, 31)
KINDS = {  # meeting type → how the summary names it
    "支部党员大会": "支部党员大会",
    "支部委员会": "支部委员会会议",
    "党小组会": "党小组会",
    "党课": "党课",
    "主题党日": "主题党日",
}


# ---- reading the documents back ---------------------------------------------------------------


def text_of(path: Path) -> str:
    return "\n".join(docx_texts(path) if path.suffix == ".docx" else xlsx_texts(path))


def number(pattern: str, text: str) -> int:
    found = re.search(pattern, text)
    assert found, f"“{pattern}” not in: {text[:400]}"
    return int(next(g for g in found.groups() if g is not None))


def rows(path: Path, sheet: str | None = None) -> list[list[Any]]:
    book = openpyxl.load_workbook(path)
    ws = book[sheet] if sheet else book.worksheets[0]
    return [list(r) for r in ws.iter_rows(values_only=True)]


def table(path: Path, first: str) -> list[dict[str, Any]]:
    """Return the rows under the header row whose first cell is ``first`` (to a blank 序号)."""
    cells = rows(path)
    top = next(i for i, r in enumerate(cells) if r and r[0] == first)
    header = [str(h or "") for h in cells[top]]
    found = []
    for r in cells[top + 1 :]:
        if not isinstance(r[0], int):
            continue
        found.append(dict(zip(header, r, strict=False)))
    return found


def section(path: Path, title: str) -> list[list[Any]]:
    """Return the numbered rows of the 汇总 sheet's section titled ``title``."""
    cells = rows(path, "汇总")
    start = next(i for i, r in enumerate(cells) if r and r[0] == title)
    found = []
    for r in cells[start + 2 :]:
        if r[0] is None or (isinstance(r[0], str) and r[0] != "无" and not r[0].isdigit()):
            break
        if r[0] != "无":
            found.append(r)
    return found


def yuan(text: str) -> str:
    return text.replace(",", "")


@dataclass
class Built:
    desk: BranchDesk
    unit_id: int
    snap: YearSnapshot
    figures: dict[str, Any]
    pack: Path

    def one(self, folder: str, suffix: str) -> Path:
        found = sorted((self.pack / folder).glob(f"*{suffix}"))
        assert len(found) == 1, found
        return found[0]


def build(desk: BranchDesk, folder: Path) -> Built:
    unit = desk.org.resolve()
    pack = folder / "pack"
    desk.archive.build(unit.id, YEAR, pack)
    _, args = parse(["figures", "--year", str(YEAR), "--json"])
    out = io.StringIO()
    assert run_command(desk, args, out) == 0
    return Built(
        desk, unit.id, desk.snapshots.build(unit.id, YEAR), json.loads(out.getvalue()), pack
    )


# ---- the two branches -------------------------------------------------------------------------


def open_desk(folder: Path) -> BranchDesk:
    desk = BranchDesk.open(AppPaths.resolve(folder / "data"), automatic_backups=False)
    desk.db.clock = lambda: FIXED_NOW
    return desk


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    folder = tmp_path_factory.mktemp("demo")
    desk = open_desk(folder)
    fill_demo(desk, seed=1)
    yield build(desk, folder)
    desk.close()


def make_id(born: str, serial: int) -> str:
    first17 = f"430102{born}{serial:03d}"
    return first17 + check_char(first17)


ROSTER_HEADER = ("序号", "姓名", "性别", "身份证号码", "民族", "学历", "人员类别", "党员类别",
                 "入党时间", "转正时间", "党小组", "联系电话", "工作单位及职务")  # fmt: skip
ROSTER = [  # name, born, category, status, joined, full, group
    ("赵一", "19700101", "在职", "正式", "1998.7.1", "1999.7.1", "第一党小组"),
    ("钱二", "19750202", "在职", "正式", "2003.5.4", "2004.5.4", "第一党小组"),
    ("孙三", "19600303", "退休", "正式", "1985.6.1", "1986.6.1", "第二党小组"),
    ("李四", "19850404", "在职", "正式", "2010.6.1", "2011.6.1", "第二党小组"),
    ("周五", "19900505", "在职", "正式", "2024.3.10", "2025.3.10", "第三党小组"),  # 转正 2025
    ("吴六", "19950606", "在职", "预备", "2025.5.20", None, "第三党小组"),  # admitted 2025
    ("郑七", "19960707", "在职", "预备", "2026.1.1", None, "第一党小组"),  # admitted 2026-01-01
    ("王八", "19780808", "在职", "正式", "2001.7.1", "2002.7.1", "第二党小组"),  # left 2026-01-01
]
LEDGER_HEADER = ("序号", "会议类型", "日期", "主题/议题", "开始时间", "结束时间", "地点",
                 "主持人", "记录人", "缺席人员", "党小组", "授课人", "学时")  # fmt: skip
LEDGER = [
    ("支部党员大会、主题党日", "2025-03-20", "一季度党员大会暨主题党日", None, None, 2),
    ("支委会", "2025-04-08", "研究4月份工作", None, None, 1),
    ("支委会", "2025-05-08", "研究发展吴六", None, None, 1),
    ("支部党员大会", "2025-05-20", "讨论接收吴六为预备党员", None, None, 1),
    ("党小组会", "2025-06-12", "学习讨论", "第一党小组", None, 1),
    ("党小组会", "2025-06-13", "学习讨论", "第二党小组", None, 1),
    ("党课", "2025-07-01", "严守政治纪律", None, "赵一", 2),
    ("主题党日", "2025-09-19", "志愿服务", None, None, 2),
    ("支部委员会、党课", "2025-12-28", "研究年度工作暨党课", None, "赵一", 2),
    ("支部党员大会", "2026-01-08", "年初党员大会", None, None, 1),  # the next year
]
CANDIDATE_HEADER = ("序号", "姓名", "身份证号", "性别", "入党申请时间", "谈话时间",
                    "确定积极分子时间", "培养联系人", "确定发展对象时间", "入党介绍人",
                    "支部大会时间", "党小组")  # fmt: skip
CANDIDATES = [
    ("陈甲", make_id("20000101", 11), "男", "2025-03-01", "2025-03-20", None, None, None, None),
    ("林乙", make_id("19990202", 22), "女", "2024-02-01", "2024-02-20", "2025-04-01", "赵一",
     None, None),
    ("何丙", make_id("19980303", 33), "男", "2023-03-01", "2023-03-15", "2023-09-01", "钱二",
     "2024-09-01", "赵一、钱二"),
]  # fmt: skip
HR_HEADER = ("序号", "姓名", "身份证号码", "人员类别", "月基数", "减免情况", "批准文号", "备注")
GRID_HEADER = ("序号", "姓名", "月应交", *(f"{m}月" for m in range(1, 13)), "合计")


def import_all(desk: BranchDesk, unit_id: int, folder: Path) -> None:
    """Load a branch from its Excel 台账: roster, meetings, candidates, dues bases, payments."""
    roster = [
        (n, name, None, make_id(born, n), "汉族", "大学本科", cat, status, joined, full, group,
         None, "某单位")
        for n, (name, born, cat, status, joined, full, group) in enumerate(ROSTER, start=1)
    ]  # fmt: skip
    path = write_sheet(folder / "名册.xlsx", ROSTER_HEADER, roster)
    plan = desk.roster_import.preview(unit_id, path)
    assert plan.ok, [p.describe() for p in plan.problems]
    desk.roster_import.apply(unit_id, plan)
    ids = {m.name: m.id for m in desk.roster.list(unit_id)}
    desk.roster.change_status(
        ids["王八"],
        StatusChangeInput(StatusChangeKind.TRANSFER_OUT, date(YEAR + 1, 1, 1), "某党支部", "1号"),
    )

    ledger = [
        (n, kind, day, topic, "9:00", "11:00", "会议室", "赵一", "钱二", None, group, lecturer,
         hours)
        for n, (kind, day, topic, group, lecturer, hours) in enumerate(LEDGER, start=1)
    ]  # fmt: skip
    path = write_sheet(folder / "会议台账.xlsx", LEDGER_HEADER, ledger)
    events = desk.event_import.preview(unit_id, path)
    assert events.ok, [p.describe() for p in events.problems]
    desk.event_import.apply(unit_id, events)

    people = [(n, *c, None, "第一党小组") for n, c in enumerate(CANDIDATES, start=1)]
    path = write_sheet(folder / "发展台账.xlsx", CANDIDATE_HEADER, people)
    candidates = desk.candidate_import.preview(unit_id, path)
    assert candidates.ok, [p.describe() for p in candidates.problems]
    desk.candidate_import.apply(unit_id, candidates)

    bases = [
        (n, name, make_id(born, n), "退休" if cat == "退休" else "在职", 3000 + 500 * n, None,
         None, None)
        for n, (name, born, cat, *_rest) in enumerate(ROSTER, start=1)
        if name != "郑七"
    ]  # fmt: skip
    path = write_sheet(folder / "基数.xlsx", HR_HEADER, bases)
    preview = desk.dues_import.preview_bases(unit_id, YEAR, path)
    assert preview.ok, [p.describe() for p in preview.problems]
    desk.dues_import.apply_bases(preview)
    due = {a.member_name: a.monthly_due_fen for a in desk.dues.assessments(unit_id, YEAR)}

    def month(name: str, m: int) -> str | None:
        if name == "吴六" and m < 5:
            return "—"  # not yet a member
        if name == "李四" and m > 10:
            return None  # 李四 owes November and December
        return f"{due[name] / 100:.2f}"

    grid = [
        (n, name, None, *(month(name, m) for m in range(1, 13)), None)
        for n, name in enumerate(sorted(due), start=1)
    ]
    path = write_sheet(folder / "登记表.xlsx", GRID_HEADER, grid)
    paid = desk.dues_import.preview_payments(unit_id, YEAR, path)
    assert paid.ok, [p.describe() for p in paid.problems]
    desk.dues_import.apply_payments(paid)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    from branch_desk.services.org.units import BranchInput

    folder = tmp_path_factory.mktemp("loaded")
    desk = open_desk(folder)
    desk.org.create_branch(
        BranchInput(
            name="第一党支部",
            upper_org="机关党委",
            elected_on=date(2024, 3, 15),
            groups=("第一党小组", "第二党小组", "第三党小组"),
        )
    )
    import_all(desk, desk.org.resolve().id, folder)
    yield build(desk, folder)
    desk.close()


@pytest.fixture(params=["demo", "loaded"])
def built(request: pytest.FixtureRequest) -> Built:
    return request.getfixturevalue(request.param)


# ---- the figures ------------------------------------------------------------------------------


def test_the_json_is_the_snapshot(built: Built):
    snap, figures = built.snap, built.figures
    assert figures == snap.to_json()
    assert figures["as_of"] == YEAR_END.isoformat()


def test_members_by_status_are_the_same_everywhere(built: Built):
    m = built.snap.members
    want = (m.total, m.full, m.probationary)
    assert want == tuple(built.figures["members"][k] for k in ("total", "full", "probationary"))
    summary = text_of(built.one("12_年度计划与总结", "党建工作总结.docx"))
    pattern = r"共有党员(\d+)名，其中正式党员(\d+)名、预备党员(\d+)名"
    assert tuple(int(x) for x in re.search(pattern, summary).groups()) == want
    basic = text_of(built.one("01_支部基本情况", ".docx"))
    pattern = r"现有党员(\d+)名，其中正式党员(\d+)名、预备党员(\d+)名"
    assert tuple(int(x) for x in re.search(pattern, basic).groups()) == want
    roster = table(built.one("02_党员名册", ".xlsx"), "序号")
    statuses = [r["党员类别"] for r in roster]
    assert (len(roster), statuses.count("正式"), statuses.count("预备")) == want
    assert number(r"共(\d+)人", text_of(built.one("02_党员名册", ".xlsx"))) == m.total
    study = table(built.one("10_学习教育", ".xlsx"), "序号")
    assert len(study) == m.total
    roll = {r.name for r in built.desk.snapshots.roll_on(built.unit_id, YEAR_END)}
    assert {r["姓名"] for r in roster} == roll == {r["姓名"] for r in study}


def test_the_roster_shows_each_member_as_on_the_as_of_day(built: Built):
    """A member made full in 2026 is 预备 on the 2025 roster, with no 转正时间 yet."""
    roster = table(built.one("02_党员名册", ".xlsx"), "序号")
    members = {m.name: m for m in built.desk.roster.list(built.unit_id)}
    for line in roster:
        member = members[line["姓名"]]
        if member.full_member_on and member.full_member_on > YEAR_END:
            assert line["党员类别"] == "预备"
            assert not line["转正时间"]
        assert line["状态"] == "在册"


def test_meetings_by_type_are_the_same_everywhere(built: Built):
    by_type = dict(built.snap.meetings.by_type)
    assert built.figures["meetings"]["by_type"] == by_type
    summary = text_of(built.one("12_年度计划与总结", "党建工作总结.docx"))
    for kind, noun in KINDS.items():
        assert number(rf"{noun}(\d+)次", summary) == by_type.get(kind, 0), kind
    # every meeting's own record is filed: the 目录 and the 报告归档 overview list them
    events = [e for e in built.desk.events.list(built.unit_id, YEAR) if e.day <= YEAR_END]
    contents = text_of(built.pack / "00_目录.xlsx")
    overview = built.desk.archive.overview(built.unit_id, YEAR)
    titles = [t for s in overview for t in s.titles]
    for kind in ("支部党员大会", "支部委员会"):
        own = sum(1 for e in events if e.type.value == kind)
        assert contents.count(f"{kind}记录") == own
        assert sum(1 for t in titles if t.startswith(f"{kind}记录")) == own
    groups = sum(1 for e in events if e.type.value == "党小组会")
    assert sum(1 for t in titles if re.match(r"^(第.党小组会议|党小组会)记录", t)) == groups
    assert by_type.get("党小组会", 0) == groups


def test_admissions_and_made_full_are_the_same_everywhere(built: Built):
    m = built.snap.members
    dev = built.figures["development"]
    assert (dev["admissions"], dev["made_full"]) == (m.joined, m.made_full)
    summary = text_of(built.one("12_年度计划与总结", "党建工作总结.docx"))
    admitted = 0 if "未接收预备党员" in summary else number(r"接收预备党员(\d+)名", summary)
    made_full = 0 if "无预备党员转正" in summary else number(r"转为正式党员(\d+)名", summary)
    assert (admitted, made_full) == (m.joined, m.made_full)
    pipeline = built.one("08_发展党员", "汇总表.xlsx")
    assert len(section(pipeline, f"{YEAR}年接收预备党员")) == m.joined
    assert len(section(pipeline, f"{YEAR}年预备党员转正")) == m.made_full
    stages = {r["阶段"]: r["人数"] for r in table(pipeline, "序号")}
    for stage, count in built.snap.development.stages:
        assert stages[stage] == count, stage
    words = {"申请人": "入党申请人", "积极分子": "入党积极分子", "发展对象": "发展对象"}
    for stage, count in built.figures["development"]["stages"].items():
        if count:
            assert number(rf"{words[stage]}(\d+)名", summary) == count, stage


def ledger_totals(path: Path) -> dict[str, Any]:
    """Return the 登记表's 合计 row by column header: 应交, 实交 (the whole year's)."""
    cells = rows(path)
    header = next(r for r in cells if r and r[0] == "序号")
    total = next(r for r in cells if r and r[0] == "合计")
    found = {}
    for i, name in enumerate(header):
        label = "".join(str(name or "").split()).replace("全年", "")
        if label.replace("（", "(").replace("）", ")") in ("应交(元)", "实交(元)"):
            found[label[:2]] = total[i]
    return found


def test_dues_are_the_same_everywhere(built: Built):
    d, figures = built.snap.dues, built.figures["dues"]
    assert figures["paid"] == f"{d.paid_fen / 100:.2f}"
    notice = text_of(built.one("09_党费", "公示.docx"))
    assert number(r"应交纳党费的党员共(\d+)名", notice) == d.payers
    found = re.search(r"应交(?:党费)?([\d,.]+)元，实交([\d,.]+)元", notice)
    assert found and yuan(found.group(2)) == figures["paid"]
    totals = ledger_totals(built.one("09_党费", "登记表.xlsx"))
    assert f"{float(totals['实交']):.2f}" == figures["paid"]
    if d.owed_fen is not None:
        assert yuan(found.group(1)) == figures["owed"]
        assert f"{float(totals['应交']):.2f}" == figures["owed"]
        assert number(r"收缴率([\d]+)\.\d%", notice) == int(d.rate)


def test_the_loaded_branch_has_the_figures_of_its_ledger(loaded: Built):
    """The comparisons above are not vacuous: the 台账 loaded has these figures."""
    m = loaded.snap.members
    # 郑七 admitted on 1 January 2026 is not in 2025; 王八 who left that day is
    assert (m.total, m.full, m.probationary) == (7, 6, 1)
    assert (m.joined, m.made_full) == (1, 1)
    assert dict(loaded.snap.meetings.by_type) == {
        "支部党员大会": 2,
        "支部委员会": 3,
        "党小组会": 2,
        "党课": 2,
        "主题党日": 2,
    }
    assert dict(loaded.snap.development.stages) == {"申请人": 1, "积极分子": 1, "发展对象": 1}
    dues = loaded.snap.dues
    assert dues.members_in_arrears == 1 and dues.owed_fen is not None
    assert dues.paid_fen + dues.arrears_fen == dues.owed_fen


# ---- the 目录 is dated the as-of day ----------------------------------------------------------


def contents_dates(pack: Path) -> tuple[list[str], list[str]]:
    made = re.compile(r"编制日期：(\d+年\d+月\d+日)")
    return (
        made.findall(text_of(pack / "00_目录.docx")),
        made.findall(text_of(pack / "00_目录.xlsx")),
    )


def test_the_contents_of_a_past_year_are_dated_its_as_of_day(demo: Built):
    assert contents_dates(demo.pack) == (["2025年12月31日"], ["2025年12月31日"])


def test_the_contents_of_the_current_year_are_dated_today_or_the_as_of_asked(
    loaded: Built, tmp_path: Path
):
    this_year = tmp_path / "this-year"
    loaded.desk.archive.build(loaded.unit_id, FIXED_NOW.year, this_year)
    today = f"{FIXED_NOW.year}年{FIXED_NOW.month}月{FIXED_NOW.day}日"
    assert contents_dates(this_year) == ([today], [today])
    earlier = tmp_path / "earlier"
    loaded.desk.archive.build(loaded.unit_id, YEAR, earlier, as_of=date(YEAR, 9, 30))
    assert contents_dates(earlier) == (["2025年9月30日"], ["2025年9月30日"])


def test_study_figures_are_the_same_in_the_summary_and_the_json(built: Built):
    s = built.snap.study
    figures = built.figures["study"]
    assert figures["members_counted"] == s.members_counted
    summary = text_of(built.one("12_年度计划与总结", "党建工作总结.docx"))
    if s.total_hours is None:
        assert figures["total_hours"] is None and "未登记学时" in summary
        return
    assert figures["total_hours"] == str(s.total_hours)
    sessions = r"学习教育活动(\d+)次|(\d+)次会议活动登记了学时"  # either wording of the summary
    assert number(sessions, summary) == s.sessions_with_hours
    assert number(r"(\d+)名全年在册党员", summary) == s.members_counted
    assert number(r"其中(\d+)名达到年度学时要求", summary) == s.members_met
