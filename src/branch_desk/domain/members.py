"""Members of the Party roster (党员名册): value types and validation."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from .copying import record_from
from .dates import add_years
from .errors import Problem
from .idcard import IdNumberError, parse_id_number
from .text import as_typed, clean, squeeze


class Gender(StrEnum):
    MALE = "男"
    FEMALE = "女"


class MemberCategory(StrEnum):
    """人员类别."""

    EMPLOYED = "在职"
    RETIRED = "离退休"
    STUDENT = "学生"
    FARMER = "农民"
    OTHER = "其他"


class PartyStatus(StrEnum):
    """正式/预备党员."""

    FULL = "正式"
    PROBATIONARY = "预备"


class RosterStatus(StrEnum):
    """Where the member stands on the roll (党籍/在册状态)."""

    ACTIVE = "在册"
    TRANSFERRED_OUT = "转出"
    SUSPENDED = "停止党籍"
    EXPELLED = "出党"
    DECEASED = "去世"
    CANCELLED = "取消预备党员资格"


class StatusChangeKind(StrEnum):
    """A dated event in a member's roster history."""

    REGISTERED = "登记在册"
    TRANSFER_IN = "转入"
    TRANSFER_OUT = "转出"
    SUSPEND = "停止党籍"
    EXPEL = "出党"
    DECEASE = "去世"
    RESTORE = "恢复在册"
    CANCEL_PROBATION = "取消预备党员资格"

    @property
    def resulting_status(self) -> RosterStatus:
        return _RESULT[self]

    @property
    def needs_destination(self) -> bool:
        """Transfers name where the member went to or came from."""
        return self in (StatusChangeKind.TRANSFER_OUT, StatusChangeKind.TRANSFER_IN)


_RESULT = {
    StatusChangeKind.REGISTERED: RosterStatus.ACTIVE,
    StatusChangeKind.TRANSFER_IN: RosterStatus.ACTIVE,
    StatusChangeKind.RESTORE: RosterStatus.ACTIVE,
    StatusChangeKind.TRANSFER_OUT: RosterStatus.TRANSFERRED_OUT,
    StatusChangeKind.SUSPEND: RosterStatus.SUSPENDED,
    StatusChangeKind.EXPEL: RosterStatus.EXPELLED,
    StatusChangeKind.DECEASE: RosterStatus.DECEASED,
    StatusChangeKind.CANCEL_PROBATION: RosterStatus.CANCELLED,
}

# The changes a member in a given status may undergo next.
ALLOWED_CHANGES: dict[RosterStatus, tuple[StatusChangeKind, ...]] = {
    RosterStatus.ACTIVE: (
        StatusChangeKind.TRANSFER_OUT,
        StatusChangeKind.SUSPEND,
        StatusChangeKind.EXPEL,
        StatusChangeKind.DECEASE,
    ),
    RosterStatus.TRANSFERRED_OUT: (StatusChangeKind.TRANSFER_IN,),
    RosterStatus.SUSPENDED: (StatusChangeKind.RESTORE,),
    RosterStatus.EXPELLED: (),
    RosterStatus.DECEASED: (),
    RosterStatus.CANCELLED: (),
}

FIELD_LABELS: dict[str, str] = {
    "name": "姓名",
    "gender": "性别",
    "ethnicity": "民族",
    "birth_date": "出生日期",
    "id_number": "身份证号",
    "education": "学历",
    "category": "人员类别",
    "party_status": "党员类别",
    "joined_on": "入党时间",
    "full_member_on": "转正时间",
    "group": "党小组",
    "phone": "联系电话",
    "work_unit": "工作单位及职务",
}

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")
MAX_NAME_LENGTH = 30
MIN_JOIN_AGE = 18


@dataclass(frozen=True, slots=True)
class MemberInput:
    """What a form or an import row says about a member, already parsed into types."""

    name: str = ""
    gender: Gender | None = None
    ethnicity: str = ""
    birth_date: date | None = None
    id_number: str = ""
    education: str = ""
    category: MemberCategory | None = None
    party_status: PartyStatus | None = None
    joined_on: date | None = None
    full_member_on: date | None = None
    group: str = ""
    phone: str = ""
    work_unit: str = ""
    notes: str = ""

    def with_changes(self, **changes: object) -> MemberInput:
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(slots=True)
class _Checker:
    problems: list[Problem] = field(default_factory=list)

    def error(self, name: str, message: str) -> None:
        self.problems.append(Problem(name, FIELD_LABELS.get(name, ""), message))

    def warn(self, name: str, message: str) -> None:
        self.problems.append(Problem(name, FIELD_LABELS.get(name, ""), message, "warning"))


def normalise_phone(text: str) -> str:
    """Fold full-width digits and drop spaces; keep a landline's hyphens."""
    return squeeze(text)


def normalise_member(data: MemberInput) -> MemberInput:
    """Return the input with text cleaned, the ID upper-cased and gaps filled from the ID."""
    id_text = clean(data.id_number).replace(" ", "").upper()
    gender, birth = data.gender, data.birth_date
    try:
        parsed = parse_id_number(id_text) if id_text else None
    except IdNumberError:
        parsed = None
    if parsed is not None:
        gender = gender or Gender(parsed.gender)
        birth = birth or parsed.birth_date
    return replace(
        data,
        name=clean(data.name),
        ethnicity=clean(data.ethnicity),
        id_number=id_text,
        education=clean(data.education),
        group=clean(data.group),
        phone=normalise_phone(data.phone),
        work_unit=as_typed(data.work_unit),
        notes=as_typed(data.notes),
        gender=gender,
        birth_date=birth,
    )


def validate_member(data: MemberInput, today: date) -> list[Problem]:
    """Check a normalised member input; return every problem found (errors and warnings)."""
    check = _Checker()
    _check_name(data, check)
    _check_identity(data, check, today)
    _check_party_dates(data, check, today)
    if data.category is None:
        check.error("category", "请选择人员类别（在职/离退休/学生/农民/其他）")
    if data.phone and not (_MOBILE.match(data.phone) or _LANDLINE.match(data.phone)):
        check.error("phone", f"“{data.phone}”不是有效的手机号（11位）或座机号（如 0731-84561234）")
    return check.problems


def _check_name(data: MemberInput, check: _Checker) -> None:
    if not data.name:
        check.error("name", "不能为空")
    elif len(data.name) > MAX_NAME_LENGTH:
        check.error("name", f"过长（最多{MAX_NAME_LENGTH}个字）")
    elif any(ch.isdigit() for ch in data.name):
        check.error("name", f"“{data.name}”含有数字")


def _check_identity(data: MemberInput, check: _Checker, today: date) -> None:
    if data.id_number:
        try:
            parsed = parse_id_number(data.id_number)
        except IdNumberError as exc:
            check.error("id_number", f"“{data.id_number}”无效：{exc}")
            parsed = None
        if parsed is not None:
            if data.birth_date and data.birth_date != parsed.birth_date:
                check.error(
                    "birth_date",
                    f"与身份证号不符（身份证号显示为{parsed.birth_date.isoformat()}）",
                )
            if data.gender and data.gender != parsed.gender:
                check.error("gender", f"与身份证号不符（身份证号显示为{parsed.gender}）")
    elif data.birth_date is None:
        check.error("birth_date", "未填身份证号时，出生日期必填")
    if data.gender is None:
        check.error("gender", "请填写性别（男/女）")
    if data.birth_date and data.birth_date > today:
        check.error("birth_date", "不能晚于今天")


def _check_party_dates(data: MemberInput, check: _Checker, today: date) -> None:
    joined, full = data.joined_on, data.full_member_on
    if data.party_status is None:
        check.error("party_status", "请填写正式党员或预备党员")
    if joined is None:
        check.error("joined_on", "不能为空")
    else:
        if joined > today:
            check.error("joined_on", "不能晚于今天")
        if data.birth_date and joined < add_years(data.birth_date, MIN_JOIN_AGE):
            check.error(
                "joined_on", f"入党时未满{MIN_JOIN_AGE}周岁（出生于{data.birth_date.isoformat()}）"
            )
    if full is not None:
        if data.party_status is PartyStatus.PROBATIONARY:
            check.error("full_member_on", "预备党员不应填写转正时间")
        if full > today:
            check.error("full_member_on", "不能晚于今天")
        if joined and full < joined:
            check.error("full_member_on", "不能早于入党时间")
        elif joined and full < add_years(joined, 1):
            check.warn("full_member_on", "早于预备期满（入党满一年），请核对")
    elif data.party_status is PartyStatus.FULL and joined is not None:
        check.warn("full_member_on", "正式党员未填转正时间")


@dataclass(frozen=True, slots=True)
class StatusChangeRecord:
    """One dated entry of a member's roster history."""

    id: int
    member_id: int
    kind: StatusChangeKind
    effective_on: date
    place: str
    letter_no: str
    note: str


@dataclass(frozen=True, slots=True)
class MemberRecord:
    """A member as stored, with the names of the unit and group resolved."""

    id: int
    unit_id: int
    unit_name: str
    group_id: int | None
    group: str
    name: str
    gender: Gender
    ethnicity: str
    birth_date: date | None
    id_number: str
    education: str
    category: MemberCategory
    party_status: PartyStatus
    joined_on: date | None
    full_member_on: date | None
    phone: str
    work_unit: str
    notes: str
    roster_status: RosterStatus

    def to_input(self) -> MemberInput:
        """Return the editable fields as an input (for forms and re-validation)."""
        return record_from(MemberInput, self)


@dataclass(frozen=True, slots=True)
class MemberDetail:
    """A member with the dated roster history."""

    member: MemberRecord
    history: tuple[StatusChangeRecord, ...]


@dataclass(frozen=True, slots=True)
class StatusChangeInput:
    """A dated change of roster status; transfers say where to/from and the letter number."""

    kind: StatusChangeKind
    effective_on: date
    place: str = ""
    letter_no: str = ""
    note: str = ""
