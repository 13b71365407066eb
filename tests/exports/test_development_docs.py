"""The 全程纪实表 and the year's pipeline summary, built through the real services."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.shared import Mm
from docx.table import Table

from branch_desk.domain.development import RecordKind, Stage, Step
from branch_desk.domain.development_docs import DossierDoc
from branch_desk.domain.idcard import check_char
from branch_desk.domain.members import Gender
from branch_desk.services.app import BranchDesk
from branch_desk.services.development.documents import DevelopmentExportService
from branch_desk.services.development.service import CandidateInput
from tests.conftest import member_input

UNIT = "第一党支部"


def id_number(born: str, serial: str) -> str:
    first = f"110101{born}{serial}"
    return first + check_char(first)


def add_member(desk: BranchDesk, branch_id: int, name: str, born: str, serial: str) -> int:
    data = member_input(name=name, id_number=id_number(born, serial))
    return desk.roster.add(branch_id, data).value.id


def record(desk: BranchDesk, cid: int, step: Step, day: date, **data: object) -> None:
    desk.development.record_step(cid, step, day, dict(data))


def full_procedure(desk: BranchDesk, branch_id: int, tmp_path: Path) -> int:
    """Wang Xiaoming, from application (2023) to 转正 (2025); the talk came 40 days late."""
    li = add_member(desk, branch_id, "李明", "19850412", "123")
    wang = add_member(desk, branch_id, "王芳", "19880920", "124")
    zhao = add_member(desk, branch_id, "赵强", "19790101", "135")
    cid = desk.development.add(
        branch_id,
        CandidateInput(
            name="王小明",
            id_number=id_number("19980315", "153"),
            ethnicity="汉族",
            education="大学本科",
            work_unit="财务科科员",
            group="第二党小组",
        ),
    ).value.id
    mentors = [{"name": "李明", "member_id": li}, {"name": "赵强", "member_id": zhao}]
    sponsors = [{"name": "李明", "member_id": li}, {"name": "王芳", "member_id": wang}]
    steps: list[tuple[Step, date, dict[str, object]]] = [
        (Step.APPLICATION, date(2023, 3, 1), {}),
        (Step.TALK, date(2023, 4, 10), {"people": [{"name": "赵强", "member_id": zhao}]}),
        (Step.ACTIVIST, date(2023, 6, 20), {"method": "党员推荐"}),
        (Step.ACTIVIST_FILED, date(2023, 6, 25), {}),
        (Step.MENTORS, date(2023, 6, 25), {"people": mentors}),
        (Step.CULTIVATION, date(2023, 12, 20), {}),
        (Step.TARGET, date(2024, 7, 1), {}),
        (Step.TARGET_FILED, date(2024, 7, 5), {}),
        (Step.SPONSORS, date(2024, 7, 5), {"people": sponsors}),
        (Step.REVIEW, date(2024, 7, 20), {"conclusion": "合格"}),
        (Step.TRAINING, date(2024, 8, 5), {"days": 3, "hours": 24}),
        (Step.COMMITTEE_REVIEW, date(2024, 8, 20), {}),
        (Step.PRE_REVIEW, date(2024, 8, 28), {"result": "同意"}),
        (Step.PUBLICITY, date(2024, 9, 2), {"end": "2024-09-06"}),
        (Step.FORM, date(2024, 9, 10), {}),
        (
            Step.ADMISSION,
            date(2024, 9, 15),
            {"method": "无记名投票", "yes": 3, "no": 0, "abstain": 0, "passed": True},
        ),
        (Step.UPPER_TALK, date(2024, 9, 25), {}),
        (Step.APPROVAL, date(2024, 10, 20), {"approver": "机关党委", "approved": True}),
        (Step.APPROVAL_FILED, date(2024, 10, 25), {}),
        (Step.PLACEMENT, date(2024, 10, 28), {}),
        (Step.OATH, date(2024, 11, 1), {}),
        (Step.PROBATION_EDUCATION, date(2024, 11, 1), {}),
        (Step.FULL_APPLICATION, date(2025, 8, 15), {}),
        (Step.FULL_VOTE, date(2025, 9, 16), {"outcome": "同意转正", "method": "无记名投票"}),
        (Step.FULL_APPROVAL, date(2025, 10, 10), {"approver": "机关党委"}),
    ]
    for step, day, data in steps:
        record(desk, cid, step, day, **data)
    for day in (date(2023, 9, 30), date(2023, 12, 30), date(2024, 3, 30)):
        desk.development.add_record(cid, RecordKind.THOUGHT_REPORT, day)
    desk.development.add_record(cid, RecordKind.ASSESSMENT, date(2023, 12, 20))
    letter = tmp_path / "入党申请书.pdf"
    letter.write_bytes(b"%PDF-1.4 application letter")
    desk.development.attach(cid, "入党申请书", letter)
    return cid


def activist(desk: BranchDesk, branch_id: int, name: str, serial: str, year: int = 2026) -> int:
    cid = desk.development.add(
        branch_id, CandidateInput(name=name, id_number=id_number("20000101", serial))
    ).value.id
    record(desk, cid, Step.APPLICATION, date(year, 1, 5))
    record(desk, cid, Step.TALK, date(year, 1, 20))
    record(desk, cid, Step.ACTIVIST, date(year, 5, 10))
    return cid


@pytest.fixture
def io(desk: BranchDesk) -> DevelopmentExportService:
    return desk.development_io


@pytest.fixture
def candidate(desk: BranchDesk, branch_id: int, tmp_path: Path) -> int:
    return full_procedure(desk, branch_id, tmp_path)


def table_text(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def row_of(table: Table, step: Step) -> list[str]:
    return next(r for r in table_text(table) if len(r) > 1 and r[1] == step.value)


def test_dossier_values_follow_the_steps(io: DevelopmentExportService, candidate: int):
    doc = io.dossier(candidate)
    assert isinstance(doc, DossierDoc)
    assert [r.step_name for r in doc.rows][:3] == [
        "递交入党申请书",
        "党组织派人谈话",
        "确定入党积极分子",
    ]
    assert doc.stage == Stage.FULL.value
    assert doc.gender == Gender.MALE.value
    assert doc.probation_ends == date(2025, 9, 14)
    assert doc.party_age_from == date(2025, 9, 15)
    by_step = {r.step: r for r in doc.rows}
    assert by_step[Step.EXTENSION].day is None
    assert by_step[Step.ACTIVIST].result == "党员推荐"
    assert by_step[Step.TRAINING].result == "培训3天、24学时"
    assert by_step[Step.PUBLICITY].result == "公示至2024年9月6日"
    assert by_step[Step.ADMISSION].result.startswith("赞成3票，反对0票，弃权0票")
    assert by_step[Step.APPLICATION].documents == "入党申请书"
    assert by_step[Step.TALK].documents == "谈话记录（缺）"
    assert dict(doc.documents_checklist)["入党申请书"] is True
    assert dict(doc.documents_checklist)["政审材料"] is False


def test_dossier_docx_reads_back(io: DevelopmentExportService, candidate: int, tmp_path: Path):
    path = tmp_path / "纪实表.docx"
    doc = io.export_dossier(candidate, path)
    document = docx.Document(str(path))
    info, steps, others, checklist = document.tables

    assert document.paragraphs[0].text == "第一党支部\n发展党员全程纪实表"
    flat = [c for row in table_text(info) for c in row]
    for label, value in (
        ("姓　　名", "王小明"),
        ("出生年月", "1998年3月"),
        ("所在党小组", "第二党小组"),
    ):
        assert flat[flat.index(label) + 1] == value
    assert "正式党员" in flat
    assert "财务科科员" in flat

    assert table_text(steps)[0] == ["序号", "步骤", "日期", "相关人员", "结果/情况", "形成材料"]
    assert table_text(steps)[1][0] == "一、入党申请阶段"
    assert any(r[0] == "五、预备党员的教育考察和转正阶段" for r in table_text(steps))
    for row in doc.rows:
        cells = row_of(steps, row.step)
        assert cells[0] == row.number
        assert cells[2] == (f"{row.day.year}年{row.day.month}月{row.day.day}日" if row.day else "")
    assert row_of(steps, Step.APPLICATION)[2] == "2023年3月1日"
    assert row_of(steps, Step.TARGET)[2] == "2024年7月1日"
    assert row_of(steps, Step.PUBLICITY)[0] == "—"
    assert row_of(steps, Step.SPONSORS)[3] == "李明、王芳"
    assert row_of(steps, Step.MENTORS)[3] == "李明、赵强"
    assert row_of(steps, Step.REVIEW)[4] == "合格"
    assert row_of(steps, Step.FULL_VOTE)[4].startswith("同意转正")
    assert row_of(steps, Step.APPROVAL)[4] == "同意；审批：机关党委"
    assert row_of(steps, Step.EXTENSION)[2] == ""

    other = dict((r[0], r[1]) for r in table_text(others))
    assert other["思想汇报"] == "共3次：2023年9月30日、2023年12月30日、2024年3月30日"
    assert other["预 备 期"] == "2024年9月15日至2025年9月14日"
    assert other["党龄起算"] == "2025年9月15日"
    assert "谈话日期 2023年4月10日 超过收到入党申请书后一个月" in other["存在问题"]
    assert other["存在问题"].startswith("1. ")

    marks = {}
    for r in table_text(checklist)[2:]:
        marks[r[1]], marks[r[4]] = r[2], r[5]
    assert marks["入党申请书"] == "✓"
    assert marks["政审材料"] == "缺"
    assert marks["转正决议与批复"] == "缺"

    text = "\n".join(p.text for p in document.paragraphs)
    assert "支部书记（签字）" in text and "组织委员（签字）" in text
    assert "2026年11月20日" in text


def test_dossier_page_is_a4_with_gbt_margins(
    io: DevelopmentExportService, candidate: int, tmp_path: Path
):
    path = tmp_path / "纪实表.docx"
    io.export_dossier(candidate, path)
    section = docx.Document(str(path)).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.left_margin, section.bottom_margin, section.right_margin)
    assert [round(m / Mm(1)) for m in margins] == [37, 28, 35, 26]


def test_dossier_without_issues_says_none(
    desk: BranchDesk, branch_id: int, io: DevelopmentExportService, tmp_path: Path
):
    cid = desk.development.add(
        branch_id, CandidateInput(name="孙丽", id_number=id_number("20010203", "162"))
    ).value.id
    record(desk, cid, Step.APPLICATION, date(2026, 11, 1))
    path = tmp_path / "孙丽.docx"
    io.export_dossier(cid, path)
    others = docx.Document(str(path)).tables[2]
    other = dict((r[0], r[1]) for r in table_text(others))
    assert other["存在问题"] == "无"
    assert other["预 备 期"] == "—"
    assert other["思想汇报"] == "无记录"


def test_pipeline_counts_and_lists(
    desk: BranchDesk, branch_id: int, io: DevelopmentExportService, candidate: int
):
    activist(desk, branch_id, "周杰", "173")
    ended = activist(desk, branch_id, "吴桐", "184", year=2025)
    desk.development.end(ended, Stage.WITHDRAWN, date(2025, 6, 1), "本人申请撤回")
    summary = io.pipeline(branch_id, 2025)
    assert summary.counts[Stage.FULL.value] == 1
    assert summary.counts[Stage.WITHDRAWN.value] == 1
    assert summary.counts[Stage.ACTIVIST.value] == 0  # 周杰 began in 2026
    # 转正 as the roster has it: the end of the probation (approved on 2025-10-10)
    assert summary.full_members == (("王小明", date(2025, 9, 15)),)
    assert summary.ended == (("吴桐", "撤回", date(2025, 6, 1)),)
    assert io.pipeline(branch_id, 2024).admissions == (("王小明", date(2024, 9, 15)),)
    current = io.pipeline(branch_id, 2026)
    assert current.counts[Stage.ACTIVIST.value] == 1
    assert [r.name for r in current.candidates] == ["周杰"]


def test_pipeline_xlsx_reads_back(
    desk: BranchDesk, branch_id: int, io: DevelopmentExportService, candidate: int, tmp_path: Path
):
    activist(desk, branch_id, "周杰", "173")
    path = tmp_path / "汇总.xlsx"
    summary = io.export_pipeline(branch_id, 2025, path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["汇总", "明细"]
    sheet = book["汇总"]
    assert sheet["A1"].value == "第一党支部2025年度发展党员工作情况汇总表"
    counts = {
        sheet.cell(row=r, column=2).value: sheet.cell(row=r, column=3).value
        for r in range(4, 4 + len(summary.counts) + 1)
    }
    assert counts["正式党员"] == 1
    assert counts["积极分子"] == 0
    assert counts["合计"] == summary.total == 1
    values = [c.value for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "2025年预备党员转正" in values
    assert "2025年9月15日" in values  # 转正 as the roster has it
    assert "党组织：第一党支部\u3000\u3000统计日期：2025年12月31日" in values  # a past year
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.print_title_rows == "$3:$3"

    detail = book["明细"]
    assert [c.value for c in detail[3]][:4] == ["序号", "姓名", "当前阶段", "递交申请日期"]
    wang = [c.value for c in detail[4]]
    assert wang[:9] == [
        1,
        "王小明",
        "正式党员",
        "2023-03-01",
        "2023-06-20",
        "2024-07-01",
        "2024-09-15",
        "2024-10-20",
        "2025-10-10",
    ]
    assert wang[11] >= 1  # the late talk
    assert detail.page_setup.orientation == "landscape"
    assert detail.print_title_rows == "$3:$3"
    assert detail.column_dimensions["J"].width == 22
