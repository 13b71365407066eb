"""The printed record of each kind of meeting, from stored events to the .docx text."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import docx

from branch_desk.domain.events import AttendanceStatus, EventType
from branch_desk.domain.org import OfficerRole
from branch_desk.exports.document_model import document_texts
from branch_desk.exports.minutes_document import minutes_document
from branch_desk.services.app import BranchDesk
from branch_desk.services.meetings.events import AttendanceInput, EventInput
from branch_desk.services.meetings.minutes import minutes_doc
from branch_desk.services.org.units import OfficerInput
from tests.exports.test_minutes_docx import fields
from tests.services.test_events import add_members

DAY = date(2026, 5, 12)


def _docx_text(desk: BranchDesk, event_id: int, folder: Path) -> tuple[str, dict[str, str]]:
    out = folder / f"记录{event_id}.docx"
    desk.minutes.export_minutes(event_id, out)
    document = docx.Document(str(out))
    text = "\n".join(p.text for p in document.paragraphs)
    return text, fields(document.tables[0])


def _add(desk: BranchDesk, branch_id: int, data: EventInput) -> int:
    return desk.events.add(branch_id, data).value.id


def test_a_committee_counts_its_members(tmp_path: Path, desk: BranchDesk, branch_id: int) -> None:
    members = add_members(desk, branch_id)
    roles = (OfficerRole.SECRETARY, OfficerRole.ORGANIZATION, OfficerRole.PROPAGANDA)
    desk.org.set_officers(
        branch_id,
        [
            OfficerInput(role, m.name, m.id, date(2024, 1, 1))
            for role, m in zip(roles, members, strict=False)
        ],
    )
    data = EventInput(EventType.COMMITTEE, DAY, chair="赵一", recorder="钱二", start=time(9))
    _text, header = _docx_text(desk, _add(desk, branch_id, data), tmp_path)
    assert header["应到人数"] == "3人（支部委员会委员）"
    assert header["实到人数"] == "3人"


def test_a_committee_with_no_committee_says_so(
    tmp_path: Path, desk: BranchDesk, branch_id: int
) -> None:
    add_members(desk, branch_id)
    desk.org.set_officers(branch_id, [])
    data = EventInput(EventType.COMMITTEE, DAY, chair="赵一", recorder="钱二")
    _text, header = _docx_text(desk, _add(desk, branch_id, data), tmp_path)
    assert header["应到人数"] == "未录入支部委员会成员"
    assert "应到0人" not in "".join(header.values())


def test_a_group_meeting_counts_its_group(tmp_path: Path, desk: BranchDesk, branch_id: int) -> None:
    add_members(desk, branch_id)  # four in each of two groups
    group = desk.org.groups(branch_id)[0]
    data = EventInput(EventType.GROUP_MEETING, DAY, group_id=group.id, chair="赵一")
    _text, header = _docx_text(desk, _add(desk, branch_id, data), tmp_path)
    assert header["应到人数"] == f"4人（{group.name}党员，其中正式党员4人、预备党员0人）"


def test_a_heart_talk_has_its_own_record(tmp_path: Path, desk: BranchDesk, branch_id: int) -> None:
    members = add_members(desk, branch_id)
    people = tuple(AttendanceInput(m.name, AttendanceStatus.PRESENT, m.id) for m in members[:3])
    data = EventInput(
        EventType.HEART_TALK,
        DAY,
        place="书记办公室",
        chair="赵一",
        recorder="赵一",
        minutes="交流了近期思想和工作情况。\n钱二同志表示将加强理论学习。",
        attendance=people,
    )
    text, header = _docx_text(desk, _add(desk, branch_id, data), tmp_path)
    assert header["谈话人"] == "赵一"
    assert header["谈话对象"] == "钱二、孙三"
    assert header["谈话地点"] == "书记办公室"
    for word in ("应到", "缺席", "决议", "主持人", "记录人"):
        assert word not in text + "".join(header), word
    assert "谈话内容" in text and "钱二同志表示将加强理论学习。" in text
    assert "谈心谈话记录" in text


def test_a_heart_talk_sign_in_sheet_has_no_expected_count(desk: BranchDesk, branch_id: int):
    from branch_desk.exports.minutes_document import sign_in_document

    sheet = desk.minutes.sign_in_sheet(branch_id, EventType.HEART_TALK, DAY)
    text = "\n".join(document_texts(sign_in_document(sheet)))
    assert "应到" not in text and "实到" in text


def test_the_preview_model_and_the_docx_agree_for_a_talk(
    tmp_path: Path, desk: BranchDesk, branch_id: int
) -> None:
    members = add_members(desk, branch_id)
    people = tuple(AttendanceInput(m.name, AttendanceStatus.PRESENT, m.id) for m in members[:2])
    data = EventInput(EventType.HEART_TALK, DAY, chair="赵一", attendance=people)
    event_id = _add(desk, branch_id, data)
    model = "\n".join(document_texts(minutes_document(minutes_doc(desk.events.get(event_id)))))
    assert "谈话对象" in model and "钱二" in model and "应到" not in model
