from datetime import date
from pathlib import Path

import pytest

from branch_desk.domain.development import RecordKind, Stage, Step
from branch_desk.domain.errors import UserError, ValidationFailed
from branch_desk.domain.idcard import check_char
from branch_desk.domain.members import Gender, PartyStatus, RosterStatus
from branch_desk.services.app import BranchDesk
from branch_desk.services.development.service import CandidateInput
from tests.conftest import member_input

FIRST17 = "43010320000101123"
CANDIDATE_ID = FIRST17 + check_char(FIRST17)


@pytest.fixture
def sponsors(desk: BranchDesk, branch_id: int) -> list[dict]:
    people = []
    for index, name in enumerate(("赵一", "钱二")):
        data = member_input(
            name=name, id_number="", gender=Gender.MALE, birth_date=date(1980, 1, 1 + index)
        )
        m = desk.roster.add(branch_id, data).value
        people.append({"name": m.name, "member_id": m.id})
    return people


@pytest.fixture
def candidate(desk: BranchDesk, branch_id: int):
    return desk.development.add(
        branch_id, CandidateInput("王小明", id_number=CANDIDATE_ID, group="第一党小组")
    ).value


def admit(
    desk: BranchDesk, cid: int, sponsors: list[dict], admitted: date = date(2025, 3, 10)
) -> None:
    dev = desk.development
    dev.record_step(cid, Step.APPLICATION, date(2022, 9, 1))
    dev.record_step(cid, Step.TALK, date(2022, 9, 20))
    dev.record_step(cid, Step.ACTIVIST, date(2022, 12, 5))
    dev.record_step(cid, Step.MENTORS, date(2022, 12, 10), {"people": sponsors[:1]})
    dev.record_step(cid, Step.TARGET, date(2024, 1, 8))
    dev.record_step(cid, Step.SPONSORS, date(2024, 1, 15), {"people": sponsors})
    dev.record_step(cid, Step.REVIEW, date(2024, 6, 1), {"conclusion": "合格"})
    dev.record_step(cid, Step.TRAINING, date(2024, 6, 20), {"days": 3, "hours": 24})
    dev.record_step(cid, Step.PRE_REVIEW, date(2025, 1, 20), {"result": "同意"})
    dev.record_step(cid, Step.PUBLICITY, date(2025, 2, 10), {"end": "2025-02-17"})
    dev.record_step(cid, Step.FORM, date(2025, 2, 20))
    dev.record_step(cid, Step.ADMISSION, admitted, {"method": "无记名投票", "passed": True})


def test_identity_is_validated_like_a_member(desk, branch_id):
    with pytest.raises(ValidationFailed, match="校验位错误"):
        desk.development.add(
            branch_id,
            CandidateInput(
                "王小明", id_number=FIRST17 + "0" if check_char(FIRST17) != "0" else FIRST17 + "1"
            ),
        )
    created = desk.development.add(
        branch_id, CandidateInput("王小明", id_number=CANDIDATE_ID.lower())
    ).value
    assert (created.gender, created.birth_date, created.stage) == (
        "男",
        date(2000, 1, 1),
        Stage.APPLICANT,
    )
    with pytest.raises(ValidationFailed, match="与已有发展对象“王小明”重复"):
        desk.development.add(branch_id, CandidateInput("王晓明", id_number=CANDIDATE_ID))


def test_admission_and_approval_add_the_member_once(desk, branch_id, candidate, sponsors):
    admit(desk, candidate.id, sponsors)
    assert [m.name for m in desk.roster.list()] == ["赵一", "钱二"]  # not before approval
    view = desk.development.record_step(
        candidate.id, Step.APPROVAL, date(2025, 4, 20), {"approver": "机关党委"}
    ).value
    assert view.stage is Stage.PROBATIONARY and view.probation_ends == date(2026, 3, 9)
    member = desk.roster.get(view.member_id).member
    assert (member.name, member.party_status, member.joined_on, member.group) == (
        "王小明",
        PartyStatus.PROBATIONARY,
        date(2025, 3, 10),
        "第一党小组",
    )
    desk.development.record_step(
        candidate.id, Step.APPROVAL, date(2025, 4, 22), {"approver": "机关党委"}
    )
    desk.development.record_step(candidate.id, Step.OATH, date(2025, 5, 1))
    assert sum(1 for m in desk.roster.list() if m.name == "王小明") == 1


def test_full_membership_dates_party_age_from_probation_end(desk, branch_id, candidate, sponsors):
    admit(desk, candidate.id, sponsors)
    dev = desk.development
    dev.record_step(candidate.id, Step.APPROVAL, date(2025, 4, 20))
    dev.record_step(candidate.id, Step.FULL_APPLICATION, date(2026, 2, 15))
    dev.record_step(
        candidate.id,
        Step.FULL_VOTE,
        date(2026, 3, 20),
        {"outcome": "同意转正", "method": "无记名投票"},
    )
    view = dev.record_step(candidate.id, Step.FULL_APPROVAL, date(2026, 4, 10)).value
    assert view.stage is Stage.FULL and view.party_age_from == date(2026, 3, 10)
    member = desk.roster.get(view.member_id).member
    assert (member.party_status, member.full_member_on) == (PartyStatus.FULL, date(2026, 3, 10))


def test_extension_moves_the_party_age(desk, branch_id, candidate, sponsors):
    admit(desk, candidate.id, sponsors)
    dev = desk.development
    dev.record_step(candidate.id, Step.APPROVAL, date(2025, 4, 20))
    with pytest.raises(ValidationFailed, match="6至12"):
        dev.record_step(candidate.id, Step.EXTENSION, date(2026, 3, 15), {"months": 3})
    dev.record_step(
        candidate.id, Step.EXTENSION, date(2026, 3, 15), {"months": 6, "reasons": "学习不够"}
    )
    view = dev.get(candidate.id)
    assert view.probation_ends == date(2026, 9, 9)
    dev.record_step(
        candidate.id,
        Step.FULL_VOTE,
        date(2026, 9, 15),
        {"outcome": "同意转正", "method": "无记名投票"},
    )
    view = dev.record_step(candidate.id, Step.FULL_APPROVAL, date(2026, 10, 8)).value
    assert desk.roster.get(view.member_id).member.full_member_on == date(2026, 9, 10)


def test_cancelled_probation_takes_the_member_off_the_roll(desk, branch_id, candidate, sponsors):
    admit(desk, candidate.id, sponsors)
    dev = desk.development
    dev.record_step(candidate.id, Step.APPROVAL, date(2025, 4, 20))
    dev.record_step(
        candidate.id,
        Step.FULL_VOTE,
        date(2026, 3, 20),
        {"outcome": "取消预备党员资格", "method": "无记名投票"},
    )
    view = dev.record_step(candidate.id, Step.FULL_APPROVAL, date(2026, 4, 10)).value
    assert view.stage is Stage.CANCELLED
    detail = desk.roster.get(view.member_id)
    assert detail.member.roster_status is RosterStatus.CANCELLED
    assert detail.history[-1].kind.value == "取消预备党员资格"


def test_ending_a_procedure_and_refusing_later_steps(desk, candidate):
    desk.development.record_step(candidate.id, Step.APPLICATION, date(2025, 1, 5))
    with pytest.raises(ValidationFailed, match="请填写终止原因"):
        desk.development.end(candidate.id, Stage.WITHDRAWN, date(2025, 6, 1), "")
    view = desk.development.end(
        candidate.id, Stage.WITHDRAWN, date(2025, 6, 1), "本人申请撤回"
    ).value
    assert view.stage is Stage.WITHDRAWN and view.next is None and view.issues == ()
    with pytest.raises(UserError, match="已终止"):
        desk.development.record_step(candidate.id, Step.TALK, date(2025, 6, 2))


def test_step_details_are_checked(desk, candidate):
    dev = desk.development
    with pytest.raises(ValidationFailed, match="政审结论"):
        dev.record_step(candidate.id, Step.REVIEW, date(2025, 1, 5), {"conclusion": "良好"})
    with pytest.raises(ValidationFailed, match="不能早于开始日期"):
        dev.record_step(candidate.id, Step.PUBLICITY, date(2025, 1, 5), {"end": "2025-01-01"})
    with pytest.raises(ValidationFailed, match="日期不能晚于今天"):
        dev.record_step(candidate.id, Step.APPLICATION, date(2027, 1, 1))
    assert dev.get(candidate.id).steps == {}


def test_sponsor_on_probation_discipline_is_a_finding(desk, branch_id, candidate, sponsors):
    from branch_desk.domain.voting import ExclusionKind
    from branch_desk.services.roster.exclusions import ExclusionInput

    desk.exclusions.add(
        sponsors[1]["member_id"],
        ExclusionInput(ExclusionKind.PROBATION_DISCIPLINE, date(2023, 1, 1)),
    )
    desk.development.record_step(
        candidate.id, Step.SPONSORS, date(2024, 1, 15), {"people": sponsors}
    )
    messages = [
        i.message for i in desk.development.get(candidate.id).issues if i.rule == "develop.sponsors"
    ]
    assert messages == ["入党介绍人钱二正受留党察看处分"]


def test_reminders_and_findings(desk, branch_id, candidate):
    desk.development.record_step(candidate.id, Step.APPLICATION, date(2026, 11, 1))
    (reminder,) = desk.development_checks.reminders(branch_id, date(2026, 11, 20))
    assert (reminder.what, reminder.due, reminder.late) == (
        "党组织派人谈话",
        date(2026, 12, 1),
        False,
    )
    late = desk.development_checks.reminders(branch_id, date(2026, 12, 5))
    assert late[0].late
    desk.development.record_step(candidate.id, Step.TALK, date(2026, 11, 20))
    assert desk.development_checks.reminders(branch_id, date(2026, 11, 20)) == []


def test_thought_reports_keep_the_reminder_away(desk, branch_id, candidate):
    dev = desk.development
    dev.record_step(candidate.id, Step.APPLICATION, date(2025, 1, 5))
    dev.record_step(candidate.id, Step.TALK, date(2025, 1, 20))
    dev.record_step(candidate.id, Step.ACTIVIST, date(2025, 5, 10))
    rules = {i.rule for i in dev.get(candidate.id).issues}
    assert "develop.thought_report" in rules
    for day in (
        date(2025, 8, 1),
        date(2025, 11, 1),
        date(2026, 2, 1),
        date(2026, 5, 1),
        date(2026, 8, 1),
        date(2026, 11, 1),
    ):
        dev.add_record(candidate.id, RecordKind.THOUGHT_REPORT, day)
    assert "develop.thought_report" not in {i.rule for i in dev.get(candidate.id).issues}


def test_dossier_documents_are_stored_by_hash(desk, candidate, tmp_path: Path):
    scan = tmp_path / "申请书.pdf"
    scan.write_bytes(b"%PDF-1.4 application")
    doc = desk.development.attach(candidate.id, "入党申请书", scan).value
    assert desk.files.path_of(doc.sha256).read_bytes() == scan.read_bytes()
    assert [(d.doc_kind, d.title) for d in desk.development.documents(candidate.id)] == [
        ("入党申请书", "申请书")
    ]


def test_calendar_entries_override_the_official_calendar(desk, candidate):
    dev = desk.development
    dev.record_step(candidate.id, Step.PUBLICITY, date(2026, 11, 2), {"end": "2026-11-06"})
    assert not [i for i in dev.get(candidate.id).issues if i.rule == "develop.publicity"]
    desk.calendar.set_day(date(2026, 11, 4), False, "本地放假")
    (issue,) = [i for i in dev.get(candidate.id).issues if i.rule == "develop.publicity"]
    assert "共4个工作日" in issue.message
    desk.calendar.set_day(date(2026, 11, 4), None)
    assert not [i for i in dev.get(candidate.id).issues if i.rule == "develop.publicity"]


def test_admission_links_an_existing_roster_entry_without_id(desk, branch_id, sponsors):
    existing = desk.roster.add(
        branch_id,
        member_input(
            name="周六",
            id_number="",
            gender=Gender.MALE,
            birth_date=date(1999, 5, 5),
            party_status=PartyStatus.PROBATIONARY,
            joined_on=date(2025, 3, 10),
            full_member_on=None,
        ),
    ).value
    cid = desk.development.add(
        branch_id, CandidateInput("周六", Gender.MALE, date(1999, 5, 5))
    ).value.id
    admit(desk, cid, sponsors)
    view = desk.development.record_step(cid, Step.APPROVAL, date(2025, 4, 20)).value
    assert view.member_id == existing.id
    assert sum(1 for m in desk.roster.list() if m.name == "周六") == 1


def test_bad_person_entries_are_a_clear_error(desk, candidate):
    with pytest.raises(ValidationFailed, match="人员应只含姓名和党员编号"):
        desk.development.record_step(
            candidate.id, Step.SPONSORS, date(2025, 1, 5), {"people": [{"name": "张三", "age": 40}]}
        )


def test_admission_vote_is_judged_from_its_numbers(desk, candidate):
    data = {
        "method": "无记名投票",
        "entitled": 20,
        "present_voting": 11,
        "yes": 10,
        "no": 1,
        "abstain": 0,
        "written_yes": 1,
    }
    view = desk.development.record_step(candidate.id, Step.ADMISSION, date(2025, 3, 10), data).value
    record = view.steps[Step.ADMISSION]
    assert record.get("passed") is True and "含书面意见赞成1票" in record.get("verdict")
    data.update(written_yes=0)
    view = desk.development.record_step(candidate.id, Step.ADMISSION, date(2025, 3, 10), data).value
    assert view.steps[Step.ADMISSION].get("passed") is False
    assert "develop.admission_failed" in {i.rule for i in view.issues}


def test_general_branch_approval_does_not_admit(desk, branch_id, candidate, sponsors):
    admit(desk, candidate.id, sponsors)
    view = desk.development.record_step(
        candidate.id, Step.APPROVAL, date(2025, 4, 20), {"approver_kind": "党总支"}
    ).value
    assert view.member_id is None and "develop.approver" in {i.rule for i in view.issues}


def test_notes_records_and_documents_can_be_managed(desk, candidate, tmp_path: Path):
    dev = desk.development
    dev.update(candidate.id, CandidateInput("王小明", id_number=CANDIDATE_ID, notes="群团推优"))
    assert dev.get(candidate.id).notes == "群团推优"
    view = dev.add_record(
        candidate.id, RecordKind.THOUGHT_REPORT, date(2025, 1, 1), "第一季度"
    ).value
    (record_id, kind, day, note) = view.record_notes[0]
    assert (kind, day, note) == (RecordKind.THOUGHT_REPORT, date(2025, 1, 1), "第一季度")
    assert dev.remove_record(candidate.id, record_id).value.record_notes == ()
    scan = tmp_path / "a.pdf"
    scan.write_bytes(b"x")
    doc = dev.attach(candidate.id, "入党申请书", scan).value
    assert dev.document_path(doc.sha256).read_bytes() == b"x"
    dev.detach(doc.id)
    assert dev.documents(candidate.id) == []


def test_admission_vote_is_taken_from_the_linked_assembly(desk, branch_id, candidate, sponsors):
    from branch_desk.domain.events import EventType, VoteKind, VoteMethod
    from branch_desk.services.meetings.events import EventInput, VoteInput

    vote = VoteInput(
        "接收王小明同志为预备党员", VoteKind.ADMISSION, VoteMethod.SECRET_BALLOT, 2, 0, 0
    )
    event = desk.events.add(
        branch_id,
        EventInput(
            EventType.BRANCH_ASSEMBLY, date(2025, 3, 10), votes=(vote,), resolutions="同意接收"
        ),
    ).value
    view = desk.development.record_step(
        candidate.id, Step.ADMISSION, date(2025, 1, 1), {}, event_id=event.id
    ).value
    record = view.steps[Step.ADMISSION]
    assert record.day == date(2025, 3, 10)  # the meeting's day, not the one typed
    assert (record.get("entitled"), record.get("yes"), record.get("passed")) == (2, 2, True)
    other = desk.events.add(branch_id, EventInput(EventType.STUDY, date(2025, 3, 11))).value
    with pytest.raises(UserError, match="应关联支部党员大会"):
        desk.development.record_step(
            candidate.id, Step.ADMISSION, date(2025, 3, 11), {}, event_id=other.id
        )
