"""The stable id of every rule the app checks, and the areas they belong to.

A finding carries its rule id (``Finding.rule``); `check --json` prints it, so the strings
never change once released. What each id means lives in ``catalogue.py``.
"""

from __future__ import annotations

from enum import StrEnum


class Area(StrEnum):
    """The areas of the rules, one module (or two) each in this package."""

    MEETINGS = "meetings"
    VOTES = "votes"
    DUES = "dues"
    DEVELOPMENT = "development"
    STRUCTURE = "structure"
    STUDY = "study"
    ARCHIVE = "archive"

    @property
    def label(self) -> str:
        return AREA_LABELS[self]


AREA_LABELS = {
    Area.MEETINGS: "组织生活与会议记录",
    Area.VOTES: "表决与法定人数",
    Area.DUES: "党费",
    Area.DEVELOPMENT: "发展党员",
    Area.STRUCTURE: "组织设置",
    Area.STUDY: "学习教育",
    Area.ARCHIVE: "台账归档",
}


class RuleId(StrEnum):
    """Every rule id a finding, an issue or an archive gap can carry."""

    # meetings: how often (RULES part A)
    FREQ_BRANCH_ASSEMBLY = "freq.branch_assembly"
    FREQ_COMMITTEE = "freq.committee"
    FREQ_GROUP_MEETING = "freq.group_meeting"
    FREQ_PARTY_LECTURE = "freq.party_lecture"
    FREQ_THEME_DAY = "freq.theme_day"
    FREQ_LIFE_MEETING = "freq.life_meeting"
    FREQ_EVALUATION = "freq.evaluation"
    FREQ_HEART_TALK = "freq.heart_talk"
    # meetings: what a record holds (RULES part B)
    RECORD_ABSENCE_REASON = "record.absence_reason"
    RECORD_RECORDER = "record.recorder"
    RECORD_CHAIR = "record.chair"
    RECORD_CHAIR_DELEGATION = "record.chair_delegation"
    RECORD_LECTURE = "record.lecture"
    RECORD_TIME = "record.time"
    RECORD_VOTE_RESOLUTION = "record.vote_resolution"
    # votes (RULES part B)
    RECORD_SECRET_BALLOT = "record.secret_ballot"
    QUORUM = "quorum"
    VOTE_FAILED = "vote.failed"
    # structure
    STRUCT_MIN_MEMBERS = "struct.min_members"
    STRUCT_SIZE = "struct.size"
    STRUCT_COMMITTEE = "struct.committee"
    STRUCT_TERM = "struct.term"
    # study
    STUDY_HOURS = "study.hours"
    # dues (RULES part D)
    DUES_ARREARS_WARN = "dues.arrears_3"
    DUES_ARREARS_FLAG = "dues.arrears_6"
    DUES_UNASSESSED = "dues.unassessed"
    # development (RULES part C)
    DEVELOP_ORDER = "develop.order"
    DEVELOP_AGE = "develop.age"
    DEVELOP_TALK_DEADLINE = "develop.talk_deadline"
    DEVELOP_ACTIVIST_GAP = "develop.activist_gap"
    DEVELOP_ACTIVIST_YEAR = "develop.activist_year"
    DEVELOP_THOUGHT_REPORT = "develop.thought_report"
    DEVELOP_ASSESSMENT = "develop.assessment"
    DEVELOP_MENTORS = "develop.mentors"
    DEVELOP_SPONSORS = "develop.sponsors"
    DEVELOP_REVIEW = "develop.review"
    DEVELOP_REVIEW_EXPIRED = "develop.review_expired"
    DEVELOP_TRAINING = "develop.training"
    DEVELOP_PUBLICITY = "develop.publicity"
    DEVELOP_PRE_REVIEW = "develop.pre_review"
    DEVELOP_SECRET_BALLOT = "develop.secret_ballot"
    DEVELOP_ADMISSION_FAILED = "develop.admission_failed"
    DEVELOP_APPROVER = "develop.approver"
    DEVELOP_APPROVAL_DEADLINE = "develop.approval_deadline"
    DEVELOP_EXTENSION = "develop.extension"
    DEVELOP_FULL_VOTE_EARLY = "develop.full_vote_early"
    DEVELOP_FULL_VOTE_LATE = "develop.full_vote_late"
    DEVELOP_FULL_APPROVAL_DEADLINE = "develop.full_approval_deadline"
    DEVELOP_MISSING_STEP = "develop.missing_step"
    DEVELOP_VOTE_MEETING = "develop.vote_meeting"
    # archive (RULES part E): gaps listed in the archive pack's 缺失清单
    ARCHIVE_BASIC = "archive.basic"
    ARCHIVE_MEETINGS = "archive.meetings"
    ARCHIVE_LECTURE_SCRIPT = "archive.lecture_script"
    ARCHIVE_ROSTER = "archive.roster"
    ARCHIVE_DOSSIER = "archive.dossier"
    ARCHIVE_DUES = "archive.dues"
    ARCHIVE_STUDY = "archive.study"
    ARCHIVE_SUMMARY = "archive.summary"


FREQUENCY_RULES = frozenset(r for r in RuleId if r.value.startswith("freq."))
# Faults of one meeting's record, fixed in its editor (the 工作台 lists them with the event).
RECORD_RULES = frozenset(r for r in RuleId if r.value.startswith("record.")) | {RuleId.QUORUM}
