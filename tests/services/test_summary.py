"""The year-end summary: its figures against the records, the drafts, edits, 党总支, export."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import docx
import pytest

from branch_desk.domain.development import Step
from branch_desk.domain.dues import DuesCategory, MonthState
from branch_desk.domain.errors import UserError
from branch_desk.domain.events import EventType
from branch_desk.domain.members import (
    Gender,
    MemberCategory,
    PartyStatus,
    RosterStatus,
    StatusChangeKind,
)
from branch_desk.domain.money import parse_yuan
from branch_desk.domain.org import OfficerRole, OrgUnitKind
from branch_desk.domain.rules.record_kinds import assembly_quorate
from branch_desk.domain.summary import ParagraphKind
from branch_desk.domain.summary_text import money
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.demo.branch import fill_demo
from branch_desk.services.development.service import CandidateInput
from branch_desk.services.dues.service import AssessmentInput, PaymentInput, RemittanceInput
from branch_desk.services.meetings.events import EventInput
from branch_desk.services.org.units import BranchInput, OfficerInput
from branch_desk.services.outcome import Area
from branch_desk.services.progress import Cancelled
from branch_desk.services.roster.members import StatusChangeInput
from tests.conftest import FIXED_NOW, member_input
from tests.services.test_summary_sections import HEADINGS

TODAY = FIXED_NOW.date()  # 2026-11-20


def person(name: str, born: date, **changes: object):
    """A member input without an ID number (birth date and gender given instead)."""
    return member_input(name=name, id_number="", birth_date=born, gender=Gender.FEMALE, **changes)


def meeting(desk: BranchDesk, unit_id: int, kind: EventType, day: date, **extra: object) -> None:
    data = EventInput(
        kind,
        day,
        start=time(9),
        end=time(10),
        chair="张三",
        recorder="李四",
        study_hours=Decimal(2),
        **extra,  # type: ignore[arg-type]
    )
    desk.events.add(unit_id, data)


def small_branch(desk: BranchDesk, unit_id: int) -> dict[str, int]:
    """Members, officers, meetings with one gap (no 支委会 in August), dues and a candidate."""
    ids = {}
    ids["张三"] = desk.roster.add(unit_id, member_input()).value.id
    ids["李四"] = desk.roster.add(
        unit_id,
        person("李四", date(1960, 5, 1), category=MemberCategory.RETIRED, group="第二党小组"),
    ).value.id
    ids["王芳"] = desk.roster.add(
        unit_id,
        person(
            "王芳",
            date(1995, 5, 1),
            joined_on=date(2025, 2, 1),
            full_member_on=date(2026, 2, 1),
        ),
    ).value.id
    ids["赵敏"] = desk.roster.add(
        unit_id,
        person(
            "赵敏",
            date(1998, 5, 1),
            party_status=PartyStatus.PROBATIONARY,
            joined_on=date(2026, 3, 10),
            full_member_on=None,
        ),
    ).value.id
    ids["钱红"] = desk.roster.add(unit_id, person("钱红", date(1980, 5, 1))).value.id
    desk.roster.change_status(
        ids["钱红"],
        StatusChangeInput(
            StatusChangeKind.TRANSFER_OUT,
            date(2026, 6, 1),
            "中共城南区财政局机关党支部",
            "转〔2026〕1号",
        ),
    )
    desk.org.set_officers(
        unit_id,
        [
            OfficerInput(OfficerRole.SECRETARY, "张三", ids["张三"]),
            OfficerInput(OfficerRole.ORGANIZATION, "王芳", ids["王芳"]),
            OfficerInput(OfficerRole.GROUP_LEADER, "李四", ids["李四"]),
        ],
    )
    for month in (2, 5):
        meeting(desk, unit_id, EventType.BRANCH_ASSEMBLY, date(2026, month, 10))
    for month in (1, 2, 3, 4, 5, 6, 7, 9, 10, 11):
        meeting(desk, unit_id, EventType.COMMITTEE, date(2026, month, 5))
    meeting(
        desk,
        unit_id,
        EventType.PARTY_LECTURE,
        date(2026, 3, 20),
        lecturer="张三",
        lecture_topic="严守政治纪律和政治规矩",
    )
    for who, base in (("张三", "4800"), ("李四", "4000")):
        category = DuesCategory.EMPLOYED if who == "张三" else DuesCategory.RETIRED
        desk.dues.assess(ids[who], 2026, AssessmentInput(category, parse_yuan(base)))
    # 张三 pays 48.00 for January–October; 李四 20.00 for January–June only
    for who, last, amount in (("张三", 10, 48_00), ("李四", 6, 20_00)):
        for month in range(1, last + 1):
            day = date(2026, month, 15)
            desk.dues.pay(
                ids[who], PaymentInput(date(2026, month, 1), date(2026, month, 1), amount, day)
            )
    desk.dues.remit(unit_id, RemittanceInput(date(2026, 7, 1), parse_yuan("300")))
    candidate = desk.development.add(
        unit_id, CandidateInput("孙悦", Gender.FEMALE, date(2000, 1, 1))
    ).value
    desk.development.record_step(candidate.id, Step.APPLICATION, date(2026, 10, 30))
    return ids


def text_of(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def test_figures_equal_the_records(desk: BranchDesk, branch_id: int):
    small_branch(desk, branch_id)
    f = desk.summary.figures(branch_id, 2026, TODAY)
    assert (f.full_members, f.probationary, f.members) == (3, 1, 4)
    assert dict(f.by_category)["在职"] == 3 and dict(f.by_category)["离退休"] == 1
    assert [(g.name, g.members, g.leader) for g in f.groups][:2] == [
        ("第一党小组", 3, ""),
        ("第二党小组", 1, "李四"),
    ]
    assert [(s.role, s.name) for s in f.committee] == [("书记", "张三"), ("组织委员", "王芳")]
    assert [x.name for x in f.admitted] == ["赵敏"]
    assert [x.name for x in f.made_full] == ["王芳"]
    assert [(x.name, x.place) for x in f.transferred_out] == [
        ("钱红", "中共城南区财政局机关党支部")
    ]
    assert dict(f.pipeline) == {"入党申请人": 1, "入党积极分子": 0, "发展对象": 0}
    committee = f.meeting("支部委员会")
    assert committee is not None
    assert (committee.held, committee.required, committee.required_to_date) == (10, 12, 11)
    assert committee.missed == ("8月",)
    assembly = f.meeting("支部党员大会")
    assert assembly is not None and (assembly.held, assembly.missed) == (2, ("第三季度",))
    assert assembly.pending == ("第四季度",)
    assert [x.topic for x in f.study.lectures] == ["严守政治纪律和政治规矩"]
    assert f.study.sessions == 13
    # dues up to November (unpaid November is still current, not owed): 张三 10 × 48.00,
    # 李四 10 × 20.00 owed of which 6 paid
    assert (f.dues.due_fen, f.dues.paid_fen, f.dues.settled_fen) == (680_00, 600_00, 600_00)
    # members without an assessment make "owed" unknown: no rate rather than a flattering one
    assert f.dues.unassessed and f.dues.rate == "—"
    assert f.dues.remitted_fen == 300_00
    assert f.dues.in_arrears == ("李四",)


def test_problems_draft_states_the_gaps_as_sentences(desk: BranchDesk, branch_id: int):
    small_branch(desk, branch_id)
    drafts = desk.summary.drafts(branch_id, 2026, TODAY)
    problems = drafts["problems"]
    # how much, not which periods: the empty 第三党小组 owes no 党小组会
    assert "截至11月20日，支部党员大会缺开1次、支部委员会会议缺开1次、党小组会缺开20次" in problems
    assert "8月" not in problems and "第三党小组" not in problems
    assert problems.startswith("一是“三会一课”制度落实还不够到位。")
    assert "有1名党员欠交党费，共计80.00元" in problems
    assert "3名党员的党费基数尚未核定" in problems
    for name in ("李四", "孙悦", "张三", "王芳", "赵敏"):
        assert name not in problems and name not in drafts["plans"]
    assert "freq." not in problems and "dues." not in problems
    whole = desk.summary.document(branch_id, 2026, TODAY).text()
    assert "（每季度至少" not in whole  # no rule cited in 成效
    assert "【请填写：" not in problems  # the records say what the problems are
    assert "分析原因" in drafts["causes"]
    plans = drafts["plans"]
    assert "对欠交党费的党员逐一提醒、督促补交" in plans
    assert "本届委员会任期至2027年3月14日，提前做好换届准备" in plans
    assert "严守政治纪律和政治规矩" in drafts["study"]
    assert "严守政治纪律和政治规矩" in drafts["work"]


def test_document_reads_back_with_the_figures(desk: BranchDesk, branch_id: int, tmp_path: Path):
    small_branch(desk, branch_id)
    out = tmp_path / "总结.docx"
    doc = desk.summary.export(branch_id, 2026, out)
    text = text_of(out)
    assert text.startswith("中共第一党支部2026年度党建工作总结")
    for heading in HEADINGS:
        assert heading in text
    assert "共有党员4名，其中正式党员3名、预备党员1名" in text
    assert "召开支部委员会会议10次" in text
    assert "尚未核定党费基数，应交党费和收缴率【请填写" in text
    assert "已核定部分应交党费680.00元，实交600.00元；" in text  # no rate while unassessed
    assert "转入党员0名、转出党员1名" in text and "钱红" not in text
    assert text.rstrip().endswith("中共第一党支部\n2026年11月20日")
    kinds = {p.kind for s in doc.sections for p in s.paragraphs}
    assert kinds == {ParagraphKind.FIGURES, ParagraphKind.NARRATIVE}


def test_narrative_edit_persists_and_figures_stay_live(desk: BranchDesk, branch_id: int):
    small_branch(desk, branch_id)
    outcome = desk.summary.save_narrative(
        branch_id, 2026, "study", "  全年开展专题学习。\n\n坚持周学习制度。 "
    )
    assert outcome.value == "全年开展专题学习。\n坚持周学习制度。"
    assert outcome.areas == frozenset({Area.REPORTS})
    assert desk.summary.narratives(branch_id, 2026)["study"] == outcome.value
    desk.roster.add(branch_id, person("周新", date(1990, 1, 1), group="第三党小组"))
    doc = desk.summary.document(branch_id, 2026, TODAY)
    text = doc.text()
    assert "全年开展专题学习。\n坚持周学习制度。" in text
    assert "共有党员5名，其中正式党员4名" in text
    study = [p for s in doc.sections for p in s.paragraphs if p.key == "study"]
    assert [p.kind for p in study] == [ParagraphKind.NARRATIVE] * 2
    back = desk.summary.save_narrative(branch_id, 2026, "study", "   ").value
    assert back == desk.summary.drafts(branch_id, 2026, TODAY)["study"]
    assert "study" not in desk.summary.stored(branch_id, 2026)
    with pytest.raises(UserError, match="没有名为"):
        desk.summary.save_narrative(branch_id, 2026, "nonsense", "x")


def test_missing_facts_ask_to_be_filled_in(desk: BranchDesk, branch_id: int):
    desk.roster.add(branch_id, member_input())
    text = desk.summary.document(branch_id, 2026, TODAY).text()
    assert "【请填写：书记、委员姓名及分工】" in text
    assert "【请填写：本年度学习的主要内容、形式和成效】" in text


def test_general_branch_adds_up_and_lists_each_branch(empty_desk: BranchDesk):
    desk = empty_desk
    top = desk.org.create_branch(
        BranchInput("机关党总支", kind=OrgUnitKind.GENERAL_BRANCH, upper_org="机关党委")
    ).value
    units = [
        desk.org.create_branch(BranchInput(name, parent_id=top.id, groups=("第一党小组",))).value
        for name in ("机关第一党支部", "机关第二党支部")
    ]
    desk.roster.add(units[0].id, member_input())
    desk.roster.add(units[0].id, person("李四", date(1960, 5, 1)))
    desk.roster.add(units[1].id, person("王芳", date(1990, 5, 1)))
    meeting(desk, units[0].id, EventType.BRANCH_ASSEMBLY, date(2026, 2, 1))
    meeting(desk, units[1].id, EventType.BRANCH_ASSEMBLY, date(2026, 3, 1))
    meeting(desk, units[1].id, EventType.BRANCH_ASSEMBLY, date(2026, 5, 1))
    f = desk.summary.figures(top.id, 2026, TODAY)
    assert f.is_aggregate and [b.unit_name for b in f.branches] == [
        "机关第一党支部",
        "机关第二党支部",
    ]
    assert f.members == 3 and [b.members for b in f.branches] == [2, 1]
    assembly = f.meeting("支部党员大会")
    assert assembly is not None and (assembly.held, assembly.required) == (3, 8)
    text = desk.summary.document(top.id, 2026, TODAY).text()
    assert "中共机关党总支2026年度党建工作总结" in text
    assert "下设党支部2个（机关第一党支部、机关第二党支部）" in text
    assert "本总支共有党员3名" in text
    assert "机关第一党支部：党员2名（正式党员2名、预备党员0名）" in text
    assert "机关第二党支部：党员1名" in text
    assert "支部党员大会缺开3次" in text and "涉及2个党支部" in text


def test_snapshots_of_many_units_are_each_units_own(empty_desk: BranchDesk):
    """build_many reads the branches' records at once; each snapshot is the one built alone."""
    desk = empty_desk
    top = desk.org.create_branch(BranchInput("机关党总支", kind=OrgUnitKind.GENERAL_BRANCH)).value
    units = [
        desk.org.create_branch(BranchInput(name, parent_id=top.id, groups=("第一党小组",))).value
        for name in ("机关第一党支部", "机关第二党支部")
    ]
    desk.roster.add(units[0].id, member_input())
    desk.roster.add(units[1].id, person("王芳", date(1990, 5, 1)))
    meeting(desk, units[1].id, EventType.BRANCH_ASSEMBLY, date(2026, 3, 1))
    ids = [top.id, *(u.id for u in units)]
    alone = [desk.snapshots.build(unit_id, 2026, TODAY) for unit_id in ids]
    assert desk.snapshots.build_many(ids, 2026, TODAY) == alone


def test_cancel_leaves_no_file(desk: BranchDesk, branch_id: int, tmp_path: Path):
    small_branch(desk, branch_id)
    folder = tmp_path / "out"
    folder.mkdir()
    calls = []

    def cancel_second() -> bool:
        calls.append(1)
        return len(calls) >= 2

    for cancel in (lambda: True, cancel_second):
        with pytest.raises(Cancelled):
            desk.summary.export(branch_id, 2026, folder / "总结.docx", cancel=cancel)
    assert list(folder.iterdir()) == []
    seen: list[float] = []
    desk.summary.export(
        branch_id, 2026, folder / "总结.docx", progress=lambda x, _m: seen.append(x)
    )
    assert seen[0] == 0.0 and seen[-1] == 1.0
    assert [p.name for p in folder.iterdir()] == ["总结.docx"]


# ---- the demo branch ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[BranchDesk, Path]]:
    """The demo branch (seed 1, the test clock) and its summary for 2026, exported once."""
    folder = tmp_path_factory.mktemp("summary-demo")
    desk = BranchDesk.open(AppPaths.resolve(folder / "data"))
    desk.db.clock = lambda: FIXED_NOW
    fill_demo(desk, seed=1)
    out = folder / "总结.docx"
    desk.summary.export(desk.org.resolve().id, 2026, out)
    yield desk, out
    desk.close()


def test_demo_summary_counts_match_the_records(demo: tuple[BranchDesk, Path]):
    desk, out = demo
    text = text_of(out)
    unit = desk.org.resolve()
    active = [m for m in desk.roster.list(unit.id) if m.roster_status is RosterStatus.ACTIVE]
    full = sum(1 for m in active if m.party_status is PartyStatus.FULL)
    assert f"共有党员{len(active)}名，其中正式党员{full}名、预备党员{len(active) - full}名" in text
    events = desk.events.list(unit.id, 2026)
    assemblies = [e for e in events if e.counts_as(EventType.BRANCH_ASSEMBLY) and e.day <= TODAY]
    # an assembly without a majority of E was not held (the demo has one, flagged by quorum)
    held = sum(1 for e in assemblies if assembly_quorate(e.entitled, e.present_voting))
    assert held == len(assemblies) - 1
    assert f"召开支部党员大会{held}次" in text
    ledger = desk.dues_reports.ledger(unit.id, 2026, TODAY)
    # owed: the months ended by the as-of day (January–October on 20 November)
    ended = [m for r in ledger.rows for m in r.months[: TODAY.month - 1]]
    counted = [
        m
        for m in ended
        if m.state not in (MonthState.OFF_ROLL, MonthState.UNASSESSED, MonthState.EXEMPT)
    ]
    due = sum(m.due_fen or 0 for m in counted)
    paid = sum(m.paid_fen for r in ledger.rows for m in r.months)
    settled = sum(min(m.paid_fen, m.due_fen or 0) for m in counted)
    rate = (Decimal(settled) * 100 / Decimal(due)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    # paid: for owed months only, each at most its due; what was paid ahead is said apart
    assert f"应交党费{money(due)}，实交{money(settled)}，收缴率{rate}%" in text
    assert f"另收预交及自愿多交党费{money(paid - settled)}，不计入收缴率" in text
    snapshot = desk.snapshots.build(unit.id, 2026).dues
    assert (snapshot.owed_fen, snapshot.paid_fen, snapshot.extra_fen) == (
        due,
        settled,
        paid - settled,
    )
    assert (ledger.annual_due_fen, ledger.annual_paid_fen) == (due, settled)
    assert f"上缴党费{money(ledger.remitted_fen)}" in text
    assert "," not in text  # no thousands separators in running text
    admitted = [m.name for m in active if m.joined_on and m.joined_on.year == 2026]
    assert f"接收预备党员{len(admitted)}名" in text


def test_demo_summary_is_complete_and_names_the_deliberate_faults(demo: tuple[BranchDesk, Path]):
    _, out = demo
    text = text_of(out)
    problems = text.split("三、存在的问题")[1].split("四、原因分析")[0]
    assert "党小组会缺开1次、党课缺开1次" in problems  # the demo's missing meetings
    assert "“公示”" in problems  # a development fault, by its kind, with no one named
    assert "书记廖建" in text and "第一党小组党员" in text
    assert text.count("【请填写") <= 6  # believable: only what the records cannot say
    assert "None" not in text and "—" not in text.replace("— ", "")
