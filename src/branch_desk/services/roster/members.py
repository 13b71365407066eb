"""The member roster (党员名册): add, edit, dated status changes, lookups."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...domain.errors import NotFound, Problem, UserError, ValidationFailed
from ...domain.members import (
    ALLOWED_CHANGES,
    FIELD_LABELS,
    MemberDetail,
    MemberInput,
    MemberRecord,
    RosterStatus,
    StatusChangeKind,
    normalise_member,
    validate_member,
)
from ...domain.text import as_typed, clean
from ...storage.database import Database
from ...storage.models import Member, MemberStatusChange, Officer
from ...storage.records import member_record, status_change_record
from ...storage.repositories import units
from ...storage.repositories.units import group_ids_by_name, unit_names
from ..outcome import Area, Outcome, changed


@dataclass(frozen=True, slots=True)
class StatusChangeInput:
    """A dated change of roster status; transfers say where to/from and the letter number."""

    kind: StatusChangeKind
    effective_on: date
    place: str = ""
    letter_no: str = ""
    note: str = ""


class RosterService:
    """Read and change the roster. Every change is audited; nothing referenced is deleted."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def today(self) -> date:
        return self.db.clock().date()

    # ---- reading -------------------------------------------------------------------------

    def list(self, unit_id: int | None = None) -> list[MemberRecord]:
        """Return the members of ``unit_id`` (or of every unit), on roll or not, by name order."""
        with self.db.session() as s:
            query = select(Member).order_by(Member.id)
            if unit_id is not None:
                query = query.where(Member.unit_id == unit_id)
            names = unit_names(s)
            return [member_record(m, names) for m in s.scalars(query)]

    def get(self, member_id: int) -> MemberDetail:
        """Return one member with the dated roster history."""
        with self.db.session() as s:
            row = _member(s, member_id)
            history = tuple(status_change_record(h) for h in row.history)
            return MemberDetail(member_record(row, unit_names(s)), history)

    def find(self, text: str, unit_id: int | None = None) -> MemberRecord:
        """Find one member by 身份证号 or exact name; ambiguous or missing → UserError."""
        wanted = clean(text).upper()
        with self.db.session() as s:
            query = select(Member)
            if unit_id is not None:
                query = query.where(Member.unit_id == unit_id)
            by_id = s.scalars(query.where(Member.id_number == wanted)).all()
            rows = by_id or s.scalars(query.where(Member.name == clean(text))).all()
            if not rows:
                raise NotFound(f"找不到党员“{clean(text)}”。")
            if len(rows) > 1:
                raise UserError(f"有{len(rows)}名党员叫“{clean(text)}”，请改用身份证号指定。")
            return member_record(rows[0], unit_names(s))

    def check(self, unit_id: int, data: MemberInput, member_id: int | None = None) -> list[Problem]:
        """Return every problem with ``data`` for this unit, without saving anything."""
        data = normalise_member(data)
        with self.db.session() as s:
            return self._check(s, unit_id, data, member_id)

    # ---- changing ------------------------------------------------------------------------

    def add(
        self, unit_id: int, data: MemberInput, arrival: StatusChangeInput | None = None
    ) -> Outcome[MemberRecord]:
        """Add a member; ``arrival`` is how they came on the roll (default: registered on 入党)."""
        data = normalise_member(data)
        with self.db.session() as s:
            problems = self._check(s, unit_id, data, None)
            if arrival is not None:
                problems += check_arrival(arrival, self.today())
            _raise_errors(problems)
            row = Member(unit_id=unit_id, created_at=self.db.now())
            write_fields(row, data, group_ids_by_name(s, unit_id))
            row.roster_status = RosterStatus.ACTIVE.value
            row.updated_at = self.db.now()
            s.add(row)
            s.flush()
            first = arrival or StatusChangeInput(
                StatusChangeKind.REGISTERED, data.joined_on or self.today()
            )
            s.add(self._history_row(row.id, first))
            s.flush()
            return changed(member_record(row, unit_names(s)), Area.MEMBERS)

    def update(self, member_id: int, data: MemberInput) -> Outcome[MemberRecord]:
        """Save edited identity and party fields of a member."""
        data = normalise_member(data)
        with self.db.session() as s:
            row = _member(s, member_id)
            _raise_errors(self._check(s, row.unit_id, data, member_id))
            write_fields(row, data, group_ids_by_name(s, row.unit_id))
            if s.is_modified(row):
                row.updated_at = self.db.now()
            s.flush()
            return changed(member_record(row, unit_names(s)), Area.MEMBERS)

    def change_status(self, member_id: int, change: StatusChangeInput) -> Outcome[MemberRecord]:
        """Record a dated roster change (转出, 停止党籍, 出党, 去世, 转入, 恢复在册)."""
        with self.db.session() as s:
            row = _member(s, member_id)
            current = RosterStatus(row.roster_status)
            if change.kind not in ALLOWED_CHANGES[current]:
                allowed = "、".join(k.value for k in ALLOWED_CHANGES[current]) or "无"
                raise UserError(
                    f"{row.name}当前为“{current.value}”，不能办理“{change.kind.value}”"
                    f"（可办理：{allowed}）。"
                )
            problems = _check_change(change, self.today())
            joined = row.joined_on
            if joined is not None and change.effective_on < joined:
                problems.append(
                    Problem(
                        "effective_on", "日期", f"不能早于{row.name}的入党日期 {joined.isoformat()}"
                    )
                )
            last = row.history[-1].effective_on if row.history else None
            if last and change.effective_on < last:
                problems.append(
                    Problem("effective_on", "日期", f"不能早于上一次变动日期 {last.isoformat()}")
                )
            _raise_errors(problems)
            s.add(self._history_row(row.id, change))
            row.roster_status = change.kind.resulting_status.value
            row.updated_at = self.db.now()
            s.flush()
            return changed(member_record(row, unit_names(s)), Area.MEMBERS)

    def references(self, member_id: int) -> list[str]:
        """Describe what refers to a member (so it can no longer be removed)."""
        with self.db.session() as s:
            return _references(s, _member(s, member_id))

    def remove(self, member_id: int) -> Outcome[None]:
        """Delete a record entered by mistake; refused once anything refers to it."""
        with self.db.session() as s:
            row = _member(s, member_id)
            refs = _references(s, row)
            if refs:
                raise UserError(
                    f"{row.name}的记录已被引用（{'、'.join(refs)}），不能删除；"
                    "如该党员已离开，请办理转出等状态变更。"
                )
            for entry in list(row.history):
                s.delete(entry)
            s.delete(row)
            s.flush()
            return changed(None, Area.MEMBERS)

    # ---- helpers ---------------------------------------------------------------------------

    def _check(
        self, s: Session, unit_id: int, data: MemberInput, member_id: int | None
    ) -> list[Problem]:
        units.require(s, unit_id)
        problems = validate_member(data, self.today())
        if data.id_number and not any(p.field == "id_number" for p in problems):
            other = s.scalar(
                select(Member).where(
                    Member.id_number == data.id_number, Member.id != (member_id or 0)
                )
            )
            if other is not None:
                problems.append(
                    Problem("id_number", FIELD_LABELS["id_number"], f"与已有党员“{other.name}”重复")
                )
        if data.group and data.group not in group_ids_by_name(s, unit_id):
            problems.append(Problem("group", FIELD_LABELS["group"], f"“{data.group}”不存在"))
        return problems

    def _history_row(self, member_id: int, change: StatusChangeInput) -> MemberStatusChange:
        return MemberStatusChange(
            member_id=member_id,
            kind=change.kind.value,
            effective_on=change.effective_on,
            place=as_typed(change.place),
            letter_no=as_typed(change.letter_no),
            note=change.note.strip(),
            created_at=self.db.now(),
        )


def write_fields(row: Member, data: MemberInput, groups: dict[str, int]) -> None:
    """Copy a normalised, validated input onto a Member row."""
    assert data.gender and data.category and data.party_status
    row.name = data.name
    row.gender = data.gender.value
    row.ethnicity = data.ethnicity
    row.birth_date = data.birth_date
    row.id_number = data.id_number or None
    row.education = data.education
    row.category = data.category.value
    row.party_status = data.party_status.value
    row.joined_on = data.joined_on
    row.full_member_on = data.full_member_on
    row.group_id = groups.get(data.group) if data.group else None
    row.phone = data.phone
    row.work_unit = data.work_unit
    row.notes = data.notes


def _raise_errors(problems: list[Problem]) -> None:
    if any(p.is_error for p in problems):
        raise ValidationFailed(problems)


def _check_change(change: StatusChangeInput, today: date) -> list[Problem]:
    problems = []
    if change.effective_on > today:
        problems.append(Problem("effective_on", "日期", "不能晚于今天"))
    if change.kind is StatusChangeKind.TRANSFER_OUT:
        if not clean(change.place):
            problems.append(Problem("place", "转往党组织", "转出须填写转往的党组织"))
        if not clean(change.letter_no):
            problems.append(Problem("letter_no", "介绍信编号", "转出须填写组织关系介绍信编号"))
    if change.kind is StatusChangeKind.TRANSFER_IN and not clean(change.place):
        problems.append(Problem("place", "转自党组织", "转入须填写原所在党组织"))
    return problems


def check_arrival(arrival: StatusChangeInput, today: date) -> list[Problem]:
    """Return the problems with how a new member arrives on the roll."""
    if arrival.kind not in (StatusChangeKind.REGISTERED, StatusChangeKind.TRANSFER_IN):
        return [Problem("kind", "", "新党员只能以“登记在册”或“转入”方式加入名册")]
    return _check_change(arrival, today)


def _references(s: Session, row: Member) -> list[str]:
    refs = []
    changes = s.scalar(
        select(func.count())
        .select_from(MemberStatusChange)
        .where(MemberStatusChange.member_id == row.id)
    )
    if changes and changes > 1:
        refs.append("已有党籍变动记录")
    if s.scalar(select(func.count()).select_from(Officer).where(Officer.member_id == row.id)):
        refs.append("担任支委或党小组组长")
    for model, label in _REFERRING:
        if s.scalar(select(func.count()).select_from(model).where(model.member_id == row.id)):
            refs.append(label)
    return refs


def _referring() -> tuple[tuple[type, str], ...]:
    from ...storage.models import (
        Attendance,
        Candidate,
        DuesAssessment,
        DuesPayment,
        VotingExclusion,
    )

    return (
        (Attendance, "有会议出席记录"),
        (DuesAssessment, "有党费核定记录"),
        (DuesPayment, "有党费缴纳记录"),
        (VotingExclusion, "有表决权排除记录"),
        (Candidate, "由发展党员程序转入"),
    )


_REFERRING = _referring()


def _member(s: Session, member_id: int) -> Member:
    row = s.get(Member, member_id)
    if row is None:
        raise NotFound(f"找不到编号为 {member_id} 的党员。")
    return row
