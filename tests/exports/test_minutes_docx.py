"""Meeting records and sign-in sheets as an inspector reads them (no database needed)."""

from __future__ import annotations

import dataclasses
from datetime import date, time
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.table import Table

from branch_desk.domain.events import (
    AbsenceReason,
    AttendanceLine,
    AttendanceStatus,
    EventType,
    MinutesDoc,
    SignInSheet,
    VoteKind,
    VoteMethod,
    VoteRecord,
)
from branch_desk.exports.minutes_docx import write_minutes, write_sign_in_sheet

UNIT = "中共某某公司第一党支部"
VERDICT = "赞成19票（含书面意见1票），超过应到会有表决权的正式党员半数，通过"


def absent(name: str, reason: AbsenceReason | None, text: str = "") -> AttendanceLine:
    return AttendanceLine(name, AttendanceStatus.ABSENT, reason=reason, reason_text=text)


def admission_vote() -> VoteRecord:
    return VoteRecord(
        subject="接收王小明同志为中共预备党员",
        kind=VoteKind.ADMISSION,
        method=VoteMethod.SECRET_BALLOT,
        yes=18,
        no=1,
        abstain=0,
        written_yes=1,
        written_no=0,
        entitled=20,
        present_voting=19,
        passed=True,
        verdict=VERDICT,
    )


def assembly() -> MinutesDoc:
    return MinutesDoc(
        unit_name=UNIT,
        title="",
        types=(EventType.BRANCH_ASSEMBLY, EventType.THEME_DAY),
        day=date(2024, 6, 5),
        start=time(14, 30),
        end=time(16, 0),
        place="三楼党员活动室",
        session_label="第三届",
        chair="张三",
        chair_note="",
        recorder="王五",
        lecturer="",
        lecture_topic="",
        expected_full=20,
        expected_probationary=3,
        present=21,
        absentees=(
            absent("李四", AbsenceReason.SICK),
            absent("钱七", AbsenceReason.TRAVEL, "赴京培训"),
        ),
        observers=(AttendanceLine("赵六", AttendanceStatus.OBSERVER, reason_text="入党积极分子"),),
        present_names=("张三", "王五"),
        agenda=("讨论接收王小明同志为中共预备党员", "学习《中国共产党纪律处分条例》"),
        minutes="张三同志通报了王小明同志的培养考察情况。\n\n　　与会党员进行了充分讨论。",
        resolutions="同意接收王小明同志为中共预备党员，报上级党委审批。",
        votes=(admission_vote(),),
    )


def fields(table: Table) -> dict[str, str]:
    """Map each label (spaces removed) to the text of the cell after it, row by row."""
    found: dict[str, str] = {}
    for row in table.rows:
        cells = []
        for cell in row.cells:  # merged cells repeat; keep each once
            if not cells or cell._tc is not cells[-1]._tc:
                cells.append(cell)
        for label, value in zip(cells[::2], cells[1::2], strict=False):
            key = "".join(label.text.split()).replace("\u3000", "")
            found[key] = value.text
    return found


def write(tmp_path: Path, minutes: MinutesDoc) -> docx.document.Document:
    out = tmp_path / "会议记录.docx"
    write_minutes(out, minutes)
    return docx.Document(str(out))


def texts(document: docx.document.Document) -> list[str]:
    return [p.text for p in document.paragraphs]


def test_title_names_unit_and_meeting(tmp_path: Path):
    title = write(tmp_path, assembly()).paragraphs[0]
    assert title.text.replace("\n", "") == f"{UNIT}支部党员大会会议记录"
    assert title.style.font.size.pt == 22
    assert title.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_header_table_holds_every_required_field(tmp_path: Path):
    header = fields(write(tmp_path, assembly()).tables[0])
    assert header["会议类型"] == "支部党员大会、主题党日"
    assert header["届次"] == "第三届"
    assert header["时间"] == "2024年6月5日 14:30—16:00"
    assert header["地点"] == "三楼党员活动室"
    assert header["主持人"] == "张三"
    assert header["记录人"] == "王五"
    assert header["应到人数"] == "23人（正式党员20人、预备党员3人）"
    assert header["实到人数"] == "21人"
    assert header["缺席人数"] == "2人"
    assert "李四（病假）" in header["缺席人员及原因"]
    assert "钱七（出差，赴京培训）" in header["缺席人员及原因"]
    assert header["列席人员"] == "赵六（入党积极分子）"
    assert header["出席人员"] == "张三、王五"


def test_no_absentee_reads_none_and_missing_reason_is_flagged(tmp_path: Path):
    nobody = write(tmp_path, dataclasses.replace(assembly(), absentees=(), observers=()))
    header = fields(nobody.tables[0])
    assert header["缺席人员及原因"] == "无"
    assert header["列席人员"] == "无"
    silent = dataclasses.replace(assembly(), absentees=(absent("孙八", None),))
    assert (
        fields(write(tmp_path, silent).tables[0])["缺席人员及原因"] == "孙八（__________）"
    )  # a line for the reason


def test_delegated_chair_and_party_lecture(tmp_path: Path):
    lecture = dataclasses.replace(
        assembly(),
        types=(EventType.PARTY_LECTURE,),
        chair="王五",
        chair_note="受书记委托",
        lecturer="张三",
        lecture_topic="学习贯彻党的二十届三中全会精神",
        votes=(),
        session_label="",
        topic="专题党课",
    )
    document = write(tmp_path, lecture)
    assert document.paragraphs[0].text == f"{UNIT}党课记录"  # a topic is not a record's title
    header = fields(document.tables[0])
    assert header["会议主题"] == "专题党课"
    assert header["主持人"] == "王五（受书记委托）"
    assert header["授课人"] == "张三"
    assert header["党课主题"] == "学习贯彻党的二十届三中全会精神"
    assert "届次" not in header
    assert "三、表决情况" not in texts(document)


def test_sections_in_order_with_numbered_agenda_and_kept_paragraphs(tmp_path: Path):
    lines = texts(write(tmp_path, assembly()))
    headings = ["一、议题", "二、发言要点", "三、表决情况", "四、决议"]
    positions = [lines.index(h) for h in headings]
    assert positions == sorted(positions)
    assert "1.讨论接收王小明同志为中共预备党员" in lines
    assert "2.学习《中国共产党纪律处分条例》" in lines
    assert "张三同志通报了王小明同志的培养考察情况。" in lines
    assert "与会党员进行了充分讨论。" in lines  # own paragraph, typed indent removed
    assert "同意接收王小明同志为中共预备党员，报上级党委审批。" in lines


def test_vote_block_shows_bases_tally_and_verdict(tmp_path: Path):
    vote = fields(write(tmp_path, assembly()).tables[1])
    assert vote["表决事项"] == "接收王小明同志为中共预备党员"
    assert vote["表决方式"] == "无记名投票"
    assert vote["应到会有表决权的正式党员"] == "20人"
    assert vote["到会有表决权的正式党员"] == "19人"
    assert vote["表决票数"] == "赞成18票，反对1票，弃权0票"
    assert vote["书面意见"] == "赞成1票，反对0票"
    assert vote["表决结论"] == VERDICT


def test_several_votes_get_one_block_each(tmp_path: Path):
    second = dataclasses.replace(admission_vote(), subject="接收李华同志为中共预备党员")
    document = write(tmp_path, dataclasses.replace(assembly(), votes=(admission_vote(), second)))
    assert len(document.tables) == 3
    assert "（二）接收李华同志为中共预备党员" in texts(document)
    assert fields(document.tables[2])["表决事项"] == "接收李华同志为中共预备党员"


def test_signature_lines_and_date_close_the_record(tmp_path: Path):
    lines = texts(write(tmp_path, assembly()))
    chair = next(i for i, t in enumerate(lines) if t.startswith("主持人（签字）：__"))
    assert lines[chair + 1].startswith("记录人（签字）：__")
    assert lines[chair + 2] == "2024年6月5日"
    assert chair > lines.index("四、决议")


def sign_in(tmp_path: Path, names: tuple[str, ...]) -> docx.document.Document:
    out = tmp_path / "签到表.docx"
    sheet = SignInSheet(UNIT, "支部党员大会", date(2024, 6, 5), time(14, 30), "三楼", names)
    write_sign_in_sheet(out, sheet)
    return docx.Document(str(out))


def slots(table: Table) -> dict[int, str]:
    """Map 序号 to the name beside it, over both halves of every row."""
    found: dict[int, str] = {}
    for row in table.rows[1:]:
        cells = [c.text for c in row.cells]
        for half in (cells[:4], cells[4:]):
            found[int(half[0])] = half[1]
    return found


def test_sign_in_sheet_lists_every_name_with_room_for_walk_ins(tmp_path: Path):
    names = ("张三", "李四", "王五", "赵六", "钱七")
    document = sign_in(tmp_path, names)
    lines = texts(document)
    assert lines[0] == f"{UNIT}会议签到表"
    assert "会议名称：支部党员大会" in lines
    assert any("2024年6月5日 14:30" in t and "三楼" in t for t in lines)
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["序号", "姓名", "签到", "备注"] * 2
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    numbered = slots(table)
    assert sorted(numbered) == list(range(1, len(numbered) + 1))
    assert [numbered[i] for i in range(1, 6)] == list(names)
    assert sum(1 for name in numbered.values() if not name) >= 4


def test_long_sign_in_sheet_keeps_every_name_once(tmp_path: Path):
    names = tuple(f"党员{i}" for i in range(1, 61))
    numbered = slots(sign_in(tmp_path, names).tables[0])
    assert [numbered[i] for i in range(1, 61)] == list(names)
    assert sorted(numbered) == list(range(1, len(numbered) + 1))
