"""民主评议党员: counts by grade for the year, and the grades in the printed record."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from branch_desk.domain.appraisal import year_appraisal
from branch_desk.domain.events import AttendanceLine, AttendanceStatus, EventRecord, EventType
from branch_desk.exports.document_model import document_texts
from branch_desk.exports.minutes_document import minutes_document
from branch_desk.services.meetings.minutes import minutes_doc

PRESENT, ABSENT = AttendanceStatus.PRESENT, AttendanceStatus.ABSENT


def _event(kind: EventType, lines: tuple[AttendanceLine, ...], day: date) -> EventRecord:
    return EventRecord(
        id=1, unit_id=1, unit_name="某党支部", group_id=None, group_name="", type=kind,
        also=(), title="2026年度民主评议党员", day=day, start=None, end=None, place="",
        session_label="", chair="张三", chair_note="", recorder="李四", lecturer="",
        lecture_topic="", agenda=(), minutes="", resolutions="", study_hours=Decimal(0),
        attendance=lines, votes=(), entitled=4, present_voting=3,
    )  # fmt: skip


LINES = (
    AttendanceLine("张三", PRESENT, 1, party_status="正式", grade="优秀"),
    AttendanceLine("李四", PRESENT, 2, party_status="正式", grade="合格"),
    AttendanceLine("王五", ABSENT, 3, party_status="正式", grade="合格"),
    AttendanceLine("赵六", PRESENT, 4, party_status="正式"),
    AttendanceLine("周八", PRESENT, 5, party_status="预备"),
)


def test_the_year_counts_the_grades_of_its_appraisal() -> None:
    event = _event(EventType.EVALUATION, LINES, date(2026, 12, 20))
    assert year_appraisal([event]) == {
        "优秀": 1,
        "合格": 2,
        "基本合格": 0,
        "不合格": 0,
        "未评定": 1,
    }
    assert year_appraisal([_event(EventType.LIFE_MEETING, LINES, date(2026, 12, 20))]) is None


def test_the_record_prints_each_grade_and_the_counts() -> None:
    doc = minutes_doc(_event(EventType.EVALUATION, LINES, date(2026, 12, 20)))
    text = "\n".join(document_texts(minutes_document(doc)))
    assert "评议结果" in text
    assert "评议正式党员4名，其中优秀1名、合格2名、基本合格0名、不合格0名，未评定1名。" in text
    assert "王五" in text and "周八" not in text.split("评议结果")[-1]
