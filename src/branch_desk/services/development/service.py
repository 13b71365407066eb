"""Member development: candidates and their steps; admission and 转正 update the roster."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ...domain.development import (
    CandidateFacts,
    FullOutcome,
    RecordKind,
    Stage,
    Step,
    StepRecord,
    derive_stage,
    extension_months,
    probation_end,
)
from ...domain.errors import NotFound, Problem, UserError, ValidationFailed
from ...domain.idcard import IdNumberError, parse_id_number
from ...domain.members import (
    Gender,
    MemberCategory,
    PartyStatus,
    RosterStatus,
    StatusChangeKind,
)
from ...domain.rules.development import (
    DevIssue,
    NextStep,
    check_candidate,
    next_step,
    party_age_start,
)
from ...domain.rules.development_admission import approver_problem
from ...domain.rules.development_steps import check_step
from ...domain.text import as_typed, clean
from ...storage.database import Database
from ...storage.models import (
    Candidate,
    CandidateDocument,
    CandidateRecord,
    CandidateStep,
    Member,
    MemberStatusChange,
)
from ...storage.repositories import units
from ...storage.repositories.units import group_ids_by_name, unit_names
from ..checking.rule_settings import SettingsService
from ..data.attachments import FileStore
from ..outcome import Area, Outcome, changed

ENDINGS = (Stage.REJECTED, Stage.CANCELLED, Stage.WITHDRAWN)
ADMITTED_NOTE = "由发展党员程序转入"


@dataclass(frozen=True, slots=True)
class CandidateInput:
    """Identity and placement of a candidate (validated like a member's identity)."""

    name: str
    gender: Gender | None = None
    birth_date: date | None = None
    id_number: str = ""
    ethnicity: str = ""
    education: str = ""
    category: MemberCategory = MemberCategory.EMPLOYED
    phone: str = ""
    work_unit: str = ""
    group: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    id: int
    doc_kind: str
    title: str
    sha256: str
    original_name: str


@dataclass(frozen=True, slots=True)
class CandidateView:
    """A candidate with everything derived: stage, next step and its window, rule issues."""

    id: int
    unit_id: int
    unit_name: str
    group: str
    name: str
    gender: str
    birth_date: date | None
    id_number: str
    ethnicity: str
    education: str
    category: str
    phone: str
    work_unit: str
    stage: Stage
    steps: dict[Step, StepRecord]
    records: tuple[tuple[RecordKind, date], ...]
    ended_on: date | None
    ended_reason: str
    member_id: int | None
    next: NextStep | None
    issues: tuple[DevIssue, ...]
    probation_ends: date | None
    party_age_from: date | None
    notes: str = ""
    record_notes: tuple[tuple[int, RecordKind, date, str], ...] = ()

    @property
    def facts(self) -> CandidateFacts:
        ended = self.stage if self.stage.ended and self.ended_on else None
        return CandidateFacts(
            self.id,
            self.name,
            self.birth_date,
            self.steps,
            self.records,
            ended,
            self.ended_on,
            self.member_id,
        )


class DevelopmentService:
    """Record the development procedure of each candidate, step by step."""

    def __init__(self, db: Database, settings: SettingsService, files: FileStore) -> None:
        self.db = db
        self.settings = settings
        self.files = files

    def today(self) -> date:
        return self.db.clock().date()

    # ---- reading ---------------------------------------------------------------------------

    def list(self, unit_id: int | None = None, as_of: date | None = None) -> list[CandidateView]:
        """Return candidates with their stage, next step and issues as of a day (default today)."""
        with self.db.session() as s:
            query = (
                select(Candidate)
                .options(selectinload(Candidate.steps), selectinload(Candidate.records))
                .order_by(Candidate.id)
            )
            if unit_id is not None:
                query = query.where(Candidate.unit_id == unit_id)
            context: dict[int, tuple[Any, Any, Any]] = {}
            names = unit_names(s)
            day = as_of or self.today()
            return [self._view(s, c, day, context, names) for c in s.scalars(query)]

    def get(self, candidate_id: int, as_of: date | None = None) -> CandidateView:
        with self.db.session() as s:
            return self._view(s, _candidate(s, candidate_id), as_of or self.today())

    def find(self, text: str, unit_id: int | None = None) -> CandidateView:
        """Find a candidate by 身份证号 or exact name."""
        wanted = clean(text)
        matches = [
            c for c in self.list(unit_id) if c.id_number == wanted.upper() or c.name == wanted
        ]
        if not matches:
            raise NotFound(f"找不到发展对象“{wanted}”。")
        if len(matches) > 1:
            raise UserError(f"有{len(matches)}人叫“{wanted}”，请改用身份证号指定。")
        return matches[0]

    def documents(self, candidate_id: int) -> list[DocumentRecord]:
        with self.db.session() as s:
            rows = s.scalars(
                select(CandidateDocument)
                .where(CandidateDocument.candidate_id == candidate_id)
                .order_by(CandidateDocument.id)
            )
            return [
                DocumentRecord(d.id, d.doc_kind, d.title, d.file.sha256, d.file.original_name)
                for d in rows
            ]

    # ---- changing --------------------------------------------------------------------------

    def add(self, unit_id: int, data: CandidateInput) -> Outcome[CandidateView]:
        """Add a person to the pipeline (usually on receiving the 入党申请书)."""
        with self.db.session() as s:
            units.require(s, unit_id)
            data = _checked(s, unit_id, data, None)
            now = self.db.now()
            row = Candidate(unit_id=unit_id, created_at=now, updated_at=now)
            _write_identity(s, row, unit_id, data)
            s.add(row)
            s.flush()
            return changed(self._view(s, row, self.today()), Area.DEVELOPMENT)

    def update(self, candidate_id: int, data: CandidateInput) -> Outcome[CandidateView]:
        with self.db.session() as s:
            row = _candidate(s, candidate_id)
            data = _checked(s, row.unit_id, data, candidate_id)
            _write_identity(s, row, row.unit_id, data)
            row.updated_at = self.db.now()
            s.flush()
            return changed(self._view(s, row, self.today()), Area.DEVELOPMENT)

    def record_step(
        self,
        candidate_id: int,
        step: Step,
        day: date,
        data: dict[str, Any] | None = None,
        event_id: int | None = None,
    ) -> Outcome[CandidateView]:
        """Record (or correct) the date and details of a step; admission and 转正 update the roster.

        For 支部大会讨论接收/转正, ``event_id`` links the 支部党员大会 that voted: the day, the
        method, the tally, E and the verdict are then taken from that meeting's record.
        """
        raw = dict(data or {})
        if event_id is not None and step in (Step.ADMISSION, Step.FULL_VOTE):
            day, raw = self._vote_from_event(candidate_id, step, event_id, raw)
        details = check_step(step, day, raw, self.today())
        with self.db.session() as s:
            row = _candidate(s, candidate_id)
            if row.ended:
                raise UserError(f"{row.name}的发展程序已终止（{row.ended}），不能再登记步骤。")
            existing = next((x for x in row.steps if x.step == step.code), None)
            if existing is None:
                existing = CandidateStep(step=step.code)
                row.steps.append(existing)
            existing.day = day
            existing.data = json.dumps(details, ensure_ascii=False, sort_keys=True, default=str)
            existing.event_id = event_id
            row.updated_at = self.db.now()
            s.flush()
            self._sync_roster(s, row)
            return changed(self._view(s, row, self.today()), Area.DEVELOPMENT, Area.MEMBERS)

    def _vote_from_event(
        self, candidate_id: int, step: Step, event_id: int, data: dict[str, Any]
    ) -> tuple[date, dict[str, Any]]:
        from ...domain.events import EventType, VoteKind
        from ..meetings.events import EventService

        event = EventService(self.db, self.files).get(event_id)
        if not event.counts_as(EventType.BRANCH_ASSEMBLY):
            raise UserError("应关联支部党员大会的会议记录。")
        name = self.get(candidate_id).name
        kind = VoteKind.ADMISSION if step is Step.ADMISSION else VoteKind.FULL_MEMBERSHIP
        votes = [v for v in event.votes if v.kind is kind]
        named = [v for v in votes if name in v.subject]
        chosen = named or votes
        if len(chosen) != 1:
            raise UserError(
                f"在{event.day.isoformat()}的支部党员大会记录中找不到关于{name}的“{kind.value}”表决。"
            )
        vote = chosen[0]
        data.update(
            method=vote.method.value,
            yes=vote.yes,
            no=vote.no,
            abstain=vote.abstain,
            written_yes=vote.written_yes,
            written_no=vote.written_no,
            entitled=vote.entitled,
            present_voting=vote.present_voting,
        )
        return event.day, data

    def remove_step(self, candidate_id: int, step: Step) -> Outcome[CandidateView]:
        """Remove a step recorded by mistake (not once it has changed the roster)."""
        with self.db.session() as s:
            row = _candidate(s, candidate_id)
            if row.member_id is not None and step in (
                Step.ADMISSION,
                Step.APPROVAL,
                Step.FULL_VOTE,
                Step.FULL_APPROVAL,
            ):
                raise UserError("该步骤已据以更新党员名册，不能删除；如有误请修改其日期或内容。")
            row.steps = [x for x in row.steps if x.step != step.code]
            row.updated_at = self.db.now()
            s.flush()
            return changed(self._view(s, row, self.today()), Area.DEVELOPMENT)

    def add_record(
        self, candidate_id: int, kind: RecordKind, day: date, note: str = ""
    ) -> Outcome[CandidateView]:
        """Record a 思想汇报 received or a 培养考察 done."""
        if day > self.today():
            raise ValidationFailed([Problem("day", "日期", "不能晚于今天")])
        with self.db.session() as s:
            row = _candidate(s, candidate_id)
            row.records.append(CandidateRecord(kind=kind.value, day=day, note=note.strip()))
            s.flush()
            return changed(self._view(s, row, self.today()), Area.DEVELOPMENT)

    def remove_record(self, candidate_id: int, record_id: int) -> Outcome[CandidateView]:
        """Delete a 思想汇报/考察 record entered by mistake."""
        with self.db.session() as s:
            row = _candidate(s, candidate_id)
            kept = [r for r in row.records if r.id != record_id]
            if len(kept) == len(row.records):
                raise NotFound("找不到该记录。")
            row.records = kept
            row.updated_at = self.db.now()
            s.flush()
            return changed(self._view(s, row, self.today()), Area.DEVELOPMENT)

    def detach(self, document_id: int) -> Outcome[None]:
        """Remove a document from a dossier (the stored file stays for other references)."""
        with self.db.session() as s:
            doc = s.get(CandidateDocument, document_id)
            if doc is None:
                raise NotFound("找不到该材料。")
            s.delete(doc)
            return changed(None, Area.DEVELOPMENT)

    def document_path(self, sha256: str) -> Path:
        """Return where a dossier document's file is kept."""
        return self.files.readable(sha256)  # decrypted copy when sealed (encryption at rest)

    def end(
        self, candidate_id: int, outcome: Stage, on: date, reason: str
    ) -> Outcome[CandidateView]:
        """End the procedure: 未通过, 取消资格 or 撤回 (with the reason)."""
        if outcome not in ENDINGS:
            raise UserError("终止方式应为：未通过、取消资格、撤回")
        if not as_typed(reason):
            raise ValidationFailed([Problem("reason", "原因", "请填写终止原因")])
        with self.db.session() as s:
            row = _candidate(s, candidate_id)
            if row.member_id is not None:
                raise UserError(f"{row.name}已是党员，请在转正环节作出决定或在党员名册中办理。")
            row.ended, row.ended_on, row.ended_reason = outcome.value, on, as_typed(reason)
            s.flush()
            return changed(self._view(s, row, self.today()), Area.DEVELOPMENT)

    def attach(
        self, candidate_id: int, doc_kind: str, source: Path, title: str = ""
    ) -> Outcome[DocumentRecord]:
        """Add a document to the candidate's dossier (stored once by its SHA-256)."""
        with self.db.session() as s:
            row = _candidate(s, candidate_id)
            stored = self.files.add(s, Path(source), self.db.now())
            doc = CandidateDocument(
                candidate_id=row.id,
                doc_kind=clean(doc_kind) or "其他",
                file_id=stored.id,
                title=as_typed(title) or Path(source).stem,
                added_at=self.db.now(),
            )
            s.add(doc)
            s.flush()
            return changed(
                DocumentRecord(
                    doc.id, doc.doc_kind, doc.title, stored.sha256, stored.original_name
                ),
                Area.DEVELOPMENT,
            )

    # ---- internals -------------------------------------------------------------------------

    def _view(
        self,
        s: Session,
        row: Candidate,
        as_of: date,
        context: dict[int, tuple[Any, Any, Any]] | None = None,
        names: dict[int, str] | None = None,
    ) -> CandidateView:
        """Derive stage, issues and next step; ``context`` caches per-unit lookups for lists."""
        from .checks import member_checker, workday_overrides

        context = {} if context is None else context
        if row.unit_id not in context:
            context[row.unit_id] = (
                self.settings.values(row.unit_id).development(),
                member_checker(s, row.unit_id),
                workday_overrides(s),
            )
        settings, checker, overrides = context[row.unit_id]
        facts = facts_as_of(candidate_facts(row), as_of)
        stage = derive_stage(facts)
        issues: tuple[DevIssue, ...] = ()
        upcoming = None
        if not stage.ended:
            issues = tuple(check_candidate(facts, settings, as_of, checker, overrides))
            upcoming = next_step(facts, settings)
        admitted = facts.day(Step.ADMISSION)
        names = unit_names(s) if names is None else names
        return CandidateView(
            id=row.id,
            unit_id=row.unit_id,
            unit_name=names.get(row.unit_id, ""),
            group=names.get(row.group_id, "") if row.group_id else "",
            name=row.name,
            gender=row.gender,
            birth_date=row.birth_date,
            id_number=row.id_number or "",
            ethnicity=row.ethnicity,
            education=row.education,
            category=row.category,
            phone=row.phone,
            work_unit=row.work_unit,
            stage=stage,
            steps=facts.steps,
            records=facts.records,
            ended_on=facts.ended_on if facts.ended else None,
            ended_reason=row.ended_reason if facts.ended else "",
            notes=row.notes,
            record_notes=tuple((r.id, RecordKind(r.kind), r.day, r.note) for r in row.records),
            member_id=row.member_id,
            next=upcoming,
            issues=issues,
            probation_ends=probation_end(admitted, extension_months(facts))
            if admitted and facts.has(Step.APPROVAL)
            else None,
            party_age_from=party_age_start(facts),
        )

    def _sync_roster(self, s: Session, row: Candidate) -> None:
        """Create the 预备党员 on approval of the admission; make them 正式 on 转正 approval."""
        facts = candidate_facts(row)
        admitted = facts.day(Step.ADMISSION)
        approval = facts.steps.get(Step.APPROVAL)
        if admitted is None or approval is None or approval.get("approved") is False:
            return
        if approver_problem(str(approval.get("approver_kind") or "")):
            return  # a 党总支 cannot approve: the finding asks for a valid approval first
        member = s.get(Member, row.member_id) if row.member_id else None
        if member is None:
            member = self._admit(s, row, admitted)
        if member.joined_on is None or member.notes == ADMITTED_NOTE:
            member.joined_on = admitted
        vote = facts.steps.get(Step.FULL_VOTE)
        if facts.has(Step.FULL_APPROVAL) and vote is not None:
            if vote.get("outcome") == FullOutcome.CANCEL.value:
                self._cancel(s, member, facts.day(Step.FULL_APPROVAL) or vote.day)
            else:
                member.party_status = PartyStatus.FULL.value
                member.full_member_on = party_age_start(facts)
        member.updated_at = self.db.now()

    def _admit(self, s: Session, row: Candidate, admitted: date) -> Member:
        same_unit = select(Member).where(Member.unit_id == row.unit_id)
        if row.id_number:
            existing = s.scalar(same_unit.where(Member.id_number == row.id_number))
            elsewhere = s.scalar(
                select(Member).where(
                    Member.id_number == row.id_number, Member.unit_id != row.unit_id
                )
            )
            if existing is None and elsewhere is not None:
                raise UserError(
                    f"{row.name}的身份证号已在其他党组织的名册中（{elsewhere.name}），请核实后再登记审批。"
                )
        else:
            existing = s.scalar(
                same_unit.where(Member.name == row.name, Member.birth_date == row.birth_date)
            )
        if existing is not None:
            row.member_id = existing.id
            return existing
        now = self.db.now()
        member = Member(
            unit_id=row.unit_id,
            group_id=row.group_id,
            name=row.name,
            gender=row.gender,
            ethnicity=row.ethnicity,
            birth_date=row.birth_date,
            id_number=row.id_number,
            education=row.education,
            category=row.category,
            party_status=PartyStatus.PROBATIONARY.value,
            joined_on=admitted,
            phone=row.phone,
            work_unit=row.work_unit,
            notes=ADMITTED_NOTE,
            roster_status=RosterStatus.ACTIVE.value,
            created_at=now,
            updated_at=now,
        )
        s.add(member)
        s.flush()
        s.add(
            MemberStatusChange(
                member_id=member.id,
                kind=StatusChangeKind.REGISTERED.value,
                effective_on=admitted,
                place="",
                letter_no="",
                note="支部大会接收为预备党员",
                created_at=now,
            )
        )
        row.member_id = member.id
        return member

    def _cancel(self, s: Session, member: Member, on: date) -> None:
        if member.roster_status == RosterStatus.CANCELLED.value:
            return
        s.add(
            MemberStatusChange(
                member_id=member.id,
                kind=StatusChangeKind.CANCEL_PROBATION.value,
                effective_on=on,
                place="",
                letter_no="",
                note="支部大会决定取消预备党员资格",
                created_at=self.db.now(),
            )
        )
        member.roster_status = RosterStatus.CANCELLED.value


def candidate_facts(row: Candidate) -> CandidateFacts:
    """Turn a stored candidate into the facts the rules look at."""
    from ...domain.development import STEP_BY_CODE

    steps = {}
    for x in row.steps:
        step = STEP_BY_CODE[x.step]
        steps[step] = StepRecord(step, x.day, json.loads(x.data) if x.data else {})
    records = tuple((RecordKind(r.kind), r.day) for r in row.records)
    ended = Stage(row.ended) if row.ended else None
    return CandidateFacts(
        row.id, row.name, row.birth_date, steps, records, ended, row.ended_on, row.member_id
    )


def facts_as_of(facts: CandidateFacts, day: date) -> CandidateFacts:
    """Return ``facts`` as they stood on ``day``: later steps, records and endings left out."""
    ended = facts.ended if facts.ended_on is None or facts.ended_on <= day else None
    return replace(
        facts,
        steps={k: v for k, v in facts.steps.items() if v.day <= day},
        records=tuple((k, d) for k, d in facts.records if d <= day),
        ended=ended,
        ended_on=facts.ended_on if ended else None,
    )


def _candidate(s: Session, candidate_id: int) -> Candidate:
    row = s.get(Candidate, candidate_id)
    if row is None:
        raise NotFound(f"找不到编号为 {candidate_id} 的发展对象。")
    return row


def _checked(
    s: Session, unit_id: int, data: CandidateInput, candidate_id: int | None
) -> CandidateInput:
    problems = []
    name = clean(data.name)
    gender, birth = data.gender, data.birth_date
    id_text = clean(data.id_number).replace(" ", "").upper()
    if not name:
        problems.append(Problem("name", "姓名", "不能为空"))
    if id_text:
        try:
            parsed = parse_id_number(id_text)
            gender = gender or Gender(parsed.gender)
            birth = birth or parsed.birth_date
            if birth != parsed.birth_date:
                problems.append(
                    Problem(
                        "birth_date",
                        "出生日期",
                        f"与身份证号不符（身份证号显示为{parsed.birth_date.isoformat()}）",
                    )
                )
            if gender != parsed.gender:
                problems.append(
                    Problem("gender", "性别", f"与身份证号不符（身份证号显示为{parsed.gender}）")
                )
            clash = s.scalar(
                select(Candidate).where(
                    Candidate.id_number == parsed.value, Candidate.id != (candidate_id or 0)
                )
            )
            if clash is not None:
                problems.append(
                    Problem("id_number", "身份证号", f"与已有发展对象“{clash.name}”重复")
                )
        except IdNumberError as exc:
            problems.append(Problem("id_number", "身份证号", f"“{id_text}”无效：{exc}"))
    if gender is None:
        problems.append(Problem("gender", "性别", "请填写性别（男/女）"))
    if birth is None:
        problems.append(Problem("birth_date", "出生日期", "未填身份证号时，出生日期必填"))
    if data.group and clean(data.group) not in group_ids_by_name(s, unit_id):
        problems.append(Problem("group", "党小组", f"“{clean(data.group)}”不存在"))
    if problems:
        raise ValidationFailed(problems)
    return CandidateInput(
        name,
        gender,
        birth,
        id_text,
        clean(data.ethnicity),
        clean(data.education),
        data.category,
        clean(data.phone).replace(" ", ""),
        as_typed(data.work_unit),
        clean(data.group),
        data.notes.strip(),
    )


def _write_identity(s: Session, row: Candidate, unit_id: int, data: CandidateInput) -> None:
    assert data.gender is not None
    row.name, row.gender, row.birth_date = data.name, data.gender.value, data.birth_date
    row.id_number = data.id_number or None
    row.ethnicity, row.education, row.category = data.ethnicity, data.education, data.category.value
    row.phone, row.work_unit, row.notes = data.phone, data.work_unit, data.notes
    row.group_id = group_ids_by_name(s, unit_id).get(data.group) if data.group else None
