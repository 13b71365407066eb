"""The member roster (党员名册): add, edit, dated status changes, lookups."""

from __future__ import annotations

from datetime import date

from ...domain.errors import NotFound, Problem, UserError, ValidationFailed
from ...domain.members import (
    ALLOWED_CHANGES,
    FIELD_LABELS,
    MemberDetail,
    MemberInput,
    MemberRecord,
    StatusChangeInput,
    StatusChangeKind,
    normalise_member,
    validate_member,
)
from ...domain.text import clean
from ...storage.database import Database
from ...storage.repositories import Session, members, units
from ...storage.repositories.members import write_fields
from ...storage.repositories.units import group_ids_by_name
from ..outcome import Area, Outcome, changed
from ..shared_reads import shared_list

__all__ = ["RosterService", "StatusChangeInput", "check_arrival", "write_fields"]


class RosterService:
    """Read and change the roster. Every change is audited; nothing referenced is deleted."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def today(self) -> date:
        return self.db.clock().date()

    # ---- reading -------------------------------------------------------------------------

    def list(self, unit_id: int | None = None) -> list[MemberRecord]:
        """Return the members of ``unit_id`` (or of every unit), on roll or not, by name order."""
        return shared_list(("members", unit_id), lambda: self._list(unit_id))

    def _list(self, unit_id: int | None) -> list[MemberRecord]:
        with self.db.session() as s:
            return members.list_members(s, unit_id)

    def get(self, member_id: int) -> MemberDetail:
        """Return one member with the dated roster history."""
        with self.db.session() as s:
            return members.detail(s, member_id)

    def find(self, text: str, unit_id: int | None = None) -> MemberRecord:
        """Find one member by 身份证号 or exact name; ambiguous or missing → UserError."""
        with self.db.session() as s:
            found = members.find(
                s, id_number=clean(text).upper(), name=clean(text), unit_id=unit_id
            )
        if not found:
            raise NotFound(f"找不到党员“{clean(text)}”。")
        if len(found) > 1:
            raise UserError(f"有{len(found)}名党员叫“{clean(text)}”，请改用身份证号指定。")
        return found[0]

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
            member_id = members.add(s, unit_id, data, self.db.now())
            first = arrival or StatusChangeInput(
                StatusChangeKind.REGISTERED, data.joined_on or self.today()
            )
            members.add_status_change(s, member_id, first, self.db.now())
            return changed(members.require(s, member_id), Area.MEMBERS)

    def update(self, member_id: int, data: MemberInput) -> Outcome[MemberRecord]:
        """Save edited identity and party fields of a member."""
        data = normalise_member(data)
        with self.db.session() as s:
            current = members.require(s, member_id)
            _raise_errors(self._check(s, current.unit_id, data, member_id))
            return changed(members.update(s, member_id, data, self.db.now()), Area.MEMBERS)

    def change_status(self, member_id: int, change: StatusChangeInput) -> Outcome[MemberRecord]:
        """Record a dated roster change (转出, 停止党籍, 出党, 去世, 转入, 恢复在册)."""
        with self.db.session() as s:
            found = members.detail(s, member_id)
            member, current = found.member, found.member.roster_status
            if change.kind not in ALLOWED_CHANGES[current]:
                allowed = "、".join(k.value for k in ALLOWED_CHANGES[current]) or "无"
                raise UserError(
                    f"{member.name}当前为“{current.value}”，不能办理“{change.kind.value}”"
                    f"（可办理：{allowed}）。"
                )
            problems = _check_change(change, self.today())
            joined = member.joined_on
            if joined is not None and change.effective_on < joined:
                problems.append(
                    Problem(
                        "effective_on",
                        "日期",
                        f"不能早于{member.name}的入党日期 {joined.isoformat()}",
                    )
                )
            last = found.history[-1].effective_on if found.history else None
            if last and change.effective_on < last:
                problems.append(
                    Problem("effective_on", "日期", f"不能早于上一次变动日期 {last.isoformat()}")
                )
            _raise_errors(problems)
            members.add_status_change(s, member_id, change, self.db.now())
            members.set_roster_status(s, member_id, change.kind.resulting_status, self.db.now())
            return changed(members.require(s, member_id), Area.MEMBERS)

    def references(self, member_id: int) -> list[str]:
        """Describe what refers to a member (so it can no longer be removed)."""
        with self.db.session() as s:
            members.require(s, member_id)
            return members.references(s, member_id)

    def remove(self, member_id: int) -> Outcome[None]:
        """Delete a record entered by mistake; refused once anything refers to it."""
        with self.db.session() as s:
            member = members.require(s, member_id)
            refs = members.references(s, member_id)
            if refs:
                raise UserError(
                    f"{member.name}的记录已被引用（{'、'.join(refs)}），不能删除；"
                    "如该党员已离开，请办理转出等状态变更。"
                )
            members.delete(s, member_id)
            return changed(None, Area.MEMBERS)

    # ---- helpers ---------------------------------------------------------------------------

    def _check(
        self, s: Session, unit_id: int, data: MemberInput, member_id: int | None
    ) -> list[Problem]:
        units.require(s, unit_id)
        problems = validate_member(data, self.today())
        if data.id_number and not any(p.field == "id_number" for p in problems):
            other = members.id_number_holder(s, data.id_number, member_id)
            if other is not None:
                problems.append(
                    Problem("id_number", FIELD_LABELS["id_number"], f"与已有党员“{other}”重复")
                )
        if data.group and data.group not in group_ids_by_name(s, unit_id):
            problems.append(Problem("group", FIELD_LABELS["group"], f"“{data.group}”不存在"))
        return problems


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
