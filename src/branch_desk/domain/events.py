"""Meetings and activities (三会一课 and the rest): types, inputs, attendance, records."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal
from enum import StrEnum


class EventType(StrEnum):
    """Kinds of meeting or activity; one event may count for several."""

    BRANCH_ASSEMBLY = "支部党员大会"
    COMMITTEE = "支部委员会"
    GROUP_MEETING = "党小组会"
    PARTY_LECTURE = "党课"
    THEME_DAY = "主题党日"
    LIFE_MEETING = "组织生活会"
    EVALUATION = "民主评议党员"
    HEART_TALK = "谈心谈话"
    STUDY = "集中学习"
    VOLUNTEER = "志愿服务"
    OTHER = "其他"


class AttendanceStatus(StrEnum):
    PRESENT = "出席"
    ABSENT = "缺席"
    OBSERVER = "列席"


class AbsenceReason(StrEnum):
    SICK = "病假"
    PERSONAL = "事假"
    OFFICIAL = "公差"
    TRAVEL = "出差"
    OTHER = "其他"


class AppraisalGrade(StrEnum):
    """A member's grade in the year's 民主评议党员."""

    EXCELLENT = "优秀"
    QUALIFIED = "合格"
    BASIC = "基本合格"
    UNQUALIFIED = "不合格"


class VoteKind(StrEnum):
    GENERAL = "一般事项"
    ADMISSION = "接收预备党员"
    FULL_MEMBERSHIP = "预备党员转正"
    ELECTION = "选举"


class VoteMethod(StrEnum):
    SHOW_OF_HANDS = "举手表决"
    SECRET_BALLOT = "无记名投票"


# The kinds of file an event's attachment may be.
ATTACHMENT_KINDS = ("照片", "签到表", "讲稿", "会议材料", "其他")

# Event types whose record names a 届次 (session number) by custom.
SESSION_TYPES = frozenset({EventType.BRANCH_ASSEMBLY, EventType.COMMITTEE})


def observer_name(name: str, standing: str) -> str:
    """Return how a non-member 列席 is stored and printed: 王五（入党积极分子）."""
    return f"{name}（{standing}）" if standing else name


def split_observer(stored: str) -> tuple[str, str]:
    """Split a stored non-member name into name and 身份 (full- or half-width brackets)."""
    text = stored.replace("（", "(").replace("）", ")")
    if text.endswith(")") and "(" in text:
        name, _, standing = text[:-1].partition("(")
        return name, standing
    return stored, ""


@dataclass(frozen=True, slots=True)
class AttendanceLine:
    """One person's attendance at an event (a member, or a named non-member observer)."""

    name: str
    status: AttendanceStatus
    member_id: int | None = None
    reason: AbsenceReason | None = None
    reason_text: str = ""
    party_status: str = ""  # 正式/预备 on the meeting day ('' for non-members)
    grade: str = ""  # 民主评议党员: 优秀/合格/基本合格/不合格 ('' when not graded)

    def describe_reason(self) -> str:
        """Return e.g. '病假' or '其他（照顾病人）'; '' when no reason is given."""
        if self.reason is None:
            return self.reason_text
        if self.reason_text:
            return f"{self.reason.value}（{self.reason_text}）"
        return self.reason.value


@dataclass(frozen=True, slots=True)
class VoteInput:
    """One vote as the editor (or an import row) gives it."""

    subject: str
    kind: VoteKind = VoteKind.GENERAL
    method: VoteMethod = VoteMethod.SHOW_OF_HANDS
    yes: int = 0
    no: int = 0
    abstain: int = 0
    written_yes: int = 0
    written_no: int = 0


@dataclass(frozen=True, slots=True)
class VoteRecord(VoteInput):
    """One vote taken at an event, with its tally and what the rules make of it."""

    entitled: int = 0  # E: voting full members on the day
    present_voting: int = 0
    quorate: bool = True
    passed: bool = False
    verdict: str = ""  # the rules' conclusion in words


@dataclass(frozen=True, slots=True)
class MeetingText:
    """What a meeting's record says, stored or printed: whose, when, where, who, what was decided."""

    unit_name: str
    title: str
    day: date
    start: time | None
    end: time | None
    place: str
    session_label: str
    chair: str
    chair_note: str
    recorder: str
    lecturer: str
    lecture_topic: str
    agenda: tuple[str, ...]
    minutes: str
    resolutions: str


@dataclass(frozen=True, slots=True)
class MinutesDoc(MeetingText):
    """Everything a printed 会议记录 shows; fed to the docx writer (no database)."""

    types: tuple[EventType, ...]
    expected_full: int
    expected_probationary: int
    present: int
    absentees: tuple[AttendanceLine, ...]
    observers: tuple[AttendanceLine, ...]
    present_names: tuple[str, ...]
    votes: tuple[VoteRecord, ...] = field(default=())
    study_hours: Decimal = Decimal(0)
    topic: str = ""  # the 主题 as typed ('' when none was recorded)
    group_name: str = ""  # the 党小组 of a 党小组会
    grades: tuple[tuple[str, str], ...] = ()  # 民主评议党员: (name, grade) of each full member
    expected_count: int | None = None  # 应到 when not split into 正式/预备 (支委会)

    @property
    def expected(self) -> int:
        if self.expected_count is not None:
            return self.expected_count
        return self.expected_full + self.expected_probationary


@dataclass(frozen=True, slots=True)
class SignInSheet:
    """A 签到表 for a planned meeting, prefilled with the names of those expected."""

    unit_name: str
    title: str
    day: date
    start: time | None
    place: str
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EventRecord(MeetingText):
    """A stored event with everything computed from it (应到, 实到, E, verdicts)."""

    id: int
    unit_id: int
    group_id: int | None
    group_name: str
    type: EventType
    also: tuple[EventType, ...]
    study_hours: Decimal
    attendance: tuple[AttendanceLine, ...]
    votes: tuple[VoteRecord, ...]
    entitled: int  # E on the day
    present_voting: int
    attachment_count: int = 0
    activity_kind: str = ""  # 活动类别 (志愿服务, 结对共建 …)

    @property
    def types(self) -> tuple[EventType, ...]:
        """Every type this event counts as, its own first."""
        return (self.type, *self.also)

    @property
    def topic(self) -> str:
        """The subject line: the title, else the lecture topic, else the first agenda item."""
        return self.title or self.lecture_topic or (self.agenda[0] if self.agenda else "")

    @property
    def expected_lines(self) -> tuple[AttendanceLine, ...]:
        return tuple(a for a in self.attendance if a.status is not AttendanceStatus.OBSERVER)

    @property
    def expected(self) -> int:
        return len(self.expected_lines)

    @property
    def present(self) -> int:
        return sum(1 for a in self.attendance if a.status is AttendanceStatus.PRESENT)

    @property
    def absentees(self) -> tuple[AttendanceLine, ...]:
        return tuple(a for a in self.attendance if a.status is AttendanceStatus.ABSENT)

    @property
    def observers(self) -> tuple[AttendanceLine, ...]:
        return tuple(a for a in self.attendance if a.status is AttendanceStatus.OBSERVER)

    def counts_as(self, kind: EventType) -> bool:
        return kind in self.types


@dataclass(frozen=True, slots=True)
class AttendanceInput:
    """One person's attendance as the editor (or an import row) gives it."""

    name: str
    status: AttendanceStatus
    member_id: int | None = None
    reason: AbsenceReason | None = None
    reason_text: str = ""
    grade: str = ""  # 民主评议党员: the member's grade ('' when not graded)


@dataclass(frozen=True, slots=True)
class EventInput:
    """What the editor (or an import row) says about an event."""

    type: EventType
    day: date
    also: tuple[EventType, ...] = ()
    group_id: int | None = None
    title: str = ""
    start: time | None = None
    end: time | None = None
    place: str = ""
    session_label: str = ""
    chair: str = ""
    chair_note: str = ""
    recorder: str = ""
    lecturer: str = ""
    lecture_topic: str = ""
    agenda: tuple[str, ...] = ()
    minutes: str = ""
    resolutions: str = ""
    study_hours: Decimal = Decimal(0)
    attendance: tuple[AttendanceInput, ...] | None = None  # None: everyone expected, present
    votes: tuple[VoteInput, ...] = field(default=())
    activity_kind: str = ""  # 活动类别 (志愿服务, 结对共建 …); "" when not given


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """An event as stored, before anything is computed from it (应到, E, verdicts).

    ``data`` holds the stored fields in input form: attendance (with grades) and votes in their
    order, the further types, the agenda without empty items.
    """

    id: int
    unit_id: int
    data: EventInput
    attachment_count: int = 0


@dataclass(frozen=True, slots=True)
class AttachmentRecord:
    """A file attached to an event (stored once by its SHA-256)."""

    id: int
    kind: str
    title: str
    sha256: str
    size: int
    original_name: str
