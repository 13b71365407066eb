"""Importing a development ledger (发展党员台账): one row per person, one date column per step.

Preview reports every problem by row and column and writes nothing; apply writes every row in
one transaction or nothing at all.  A step date earlier than the step before it is not an import
error: it is imported as written and the development rules report it (``develop.order``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.development import (
    STEPS,
    CandidateFacts,
    FullOutcome,
    Stage,
    Step,
    StepRecord,
    derive_stage,
)
from ...domain.errors import Problem, UserError, ValidationFailed
from ...domain.idcard import IdNumberError, parse_id_number
from ...domain.members import Gender, MemberCategory, RosterStatus
from ...domain.rules.development_steps import check_step
from ...domain.text import squeeze
from ...storage.database import Database
from ...storage.models import Candidate, CandidateStep, Member
from ...storage.repositories import units
from ...storage.repositories.units import group_ids_by_name
from ..outcome import Area, Outcome, changed
from ..progress import Cancel, Progress, never_cancel, no_progress
from ..roster.importer import CATEGORY_ALIASES, GENDER_ALIASES
from ..sheets.cells import (
    CellError,
    choice_cell,
    date_cell,
    free_text_cell,
    id_number_cell,
    phone_cell,
    text_cell,
)
from ..sheets.reader import CellProblem, PreviewCounts, SheetRow, SheetTable, read_table
from .service import (
    CandidateInput,
    DevelopmentService,
    _checked,
    _write_identity,
    candidate_facts,
)

ALIASES: dict[str, tuple[str, ...]] = {
    # identity
    "name": ("姓名",),
    "gender": ("性别",),
    "birth_date": ("出生日期", "出生年月日", "出生年月", "出生时间"),
    "id_number": ("身份证号", "身份证号码", "公民身份号码", "身份证"),
    "ethnicity": ("民族",),
    "education": ("学历", "文化程度", "最高学历"),
    "category": ("人员类别", "人员分类"),
    "work_unit": ("工作单位及职务", "工作单位及职务（职称）", "工作单位", "单位及职务"),
    "phone": ("联系电话", "手机号码", "手机", "联系方式", "电话"),
    "group": ("党小组", "所在党小组"),
    "notes": ("备注",),
    # steps
    "application": ("入党申请时间", "递交申请书时间", "递交入党申请书时间", "申请入党时间",
                    "入党申请书递交时间", "递交入党申请书日期", "申请时间"),
    "talk": ("谈话时间", "谈话日期", "党组织派人谈话时间", "入党谈话时间"),
    "activist": ("确定积极分子时间", "列为积极分子时间", "确定入党积极分子时间",
                 "列为入党积极分子时间", "确定为入党积极分子时间"),
    "mentors_day": ("指定培养联系人时间", "确定培养联系人时间"),
    "mentors": ("培养联系人", "培养人"),
    "target": ("确定发展对象时间", "列为发展对象时间", "确定为发展对象时间"),
    "sponsors_day": ("确定入党介绍人时间",),
    "sponsors": ("入党介绍人", "介绍人"),
    "review": ("政审时间", "政治审查时间", "政审日期"),
    "review_conclusion": ("政审结论", "政治审查结论", "政审结果"),
    "training": ("培训时间", "集中培训时间", "短期集中培训时间", "培训日期", "培训起止时间",
                 "培训起止日期", "集中培训起止时间", "参加集中培训时间", "参加短期集中培训时间",
                 "参加培训时间", "短期集中培训", "集中培训"),
    "training_days": ("培训天数", "集中培训天数"),
    "training_hours": ("培训学时", "学时", "集中培训学时", "培训课时"),
    "committee_review": ("支委会审查时间", "支部委员会审查时间"),
    "pre_review": ("预审时间", "上级党委预审时间", "党委预审时间"),
    "publicity_start": ("公示开始", "公示开始时间", "公示开始日期"),
    "publicity_end": ("公示结束", "公示结束时间", "公示结束日期"),
    "publicity": ("公示时间", "公示期", "公示日期", "公示起止时间"),
    "form": ("填写入党志愿书时间", "填写志愿书时间"),
    "admission": ("支部大会时间", "支部大会讨论时间", "支部大会讨论接收时间", "接收预备党员时间",
                  "入党时间"),
    "upper_talk": ("上级党委谈话时间", "党委谈话时间"),
    "approval": ("审批时间", "上级党委审批时间", "党委审批时间"),
    "oath": ("入党宣誓时间", "宣誓时间"),
    "full_application": ("转正申请时间", "提出转正申请时间", "递交转正申请时间"),
    "full_vote": ("转正讨论时间", "支部大会讨论转正时间", "讨论转正时间"),
    "full_date": ("转正时间", "转正日期"),
    "full_approval": ("转正审批时间", "上级党委审批转正时间"),
}  # fmt: skip
LABELS = {key: names[0] for key, names in ALIASES.items()}

# Columns that are just a date for one step, with the details that step records by default.
DATE_STEPS: dict[str, tuple[Step, dict[str, Any]]] = {
    "application": (Step.APPLICATION, {}),
    "talk": (Step.TALK, {}),
    "activist": (Step.ACTIVIST, {}),
    "target": (Step.TARGET, {}),
    "committee_review": (Step.COMMITTEE_REVIEW, {}),
    "pre_review": (Step.PRE_REVIEW, {}),
    "form": (Step.FORM, {}),
    "admission": (Step.ADMISSION, {"passed": True}),
    "upper_talk": (Step.UPPER_TALK, {}),
    "approval": (Step.APPROVAL, {}),
    "oath": (Step.OATH, {}),
    "full_application": (Step.FULL_APPLICATION, {}),
}
# Names of people: the step, the column with its own date, and the step whose date it falls back to.
PEOPLE_STEPS: dict[str, tuple[Step, str, Step]] = {
    "mentors": (Step.MENTORS, "mentors_day", Step.ACTIVIST),
    "sponsors": (Step.SPONSORS, "sponsors_day", Step.TARGET),
}
IDENTITY_FIELDS = ("name", "gender", "birth_date", "id_number", "ethnicity", "education",
                   "category", "work_unit", "phone", "group", "notes")  # fmt: skip
_READERS: dict[str, Callable[[object], Any]] = {
    "name": text_cell,
    "gender": lambda v: choice_cell(v, Gender, GENDER_ALIASES),
    "birth_date": date_cell,
    "id_number": id_number_cell,
    "ethnicity": text_cell,
    "education": text_cell,
    "category": lambda v: choice_cell(v, MemberCategory, CATEGORY_ALIASES),
    "work_unit": free_text_cell,
    "phone": phone_cell,
    "group": text_cell,
    "notes": text_cell,
}
# Why a filled cell of a recognised column was not imported (a 提示 names it in the preview).
UNUSED_REASONS: dict[str, str] = {
    "training_days": "已填写，但该行未填写培训时间，未导入",
    "training_hours": "已填写，但该行未填写培训时间，未导入",
    "review_conclusion": "已填写，但该行未填写政审时间，未导入",
    "mentors_day": "已填写，但该行未填写培养联系人，未导入",
    "sponsors_day": "已填写，但该行未填写入党介绍人，未导入",
    "publicity": "已按“公示开始”“公示结束”两列导入，该格未导入",
}
# Columns that only mean something next to another column: (column, the column it needs).
NEEDS_COLUMN: tuple[tuple[str, str], ...] = (
    ("training_days", "training"),
    ("training_hours", "training"),
    ("review_conclusion", "review"),
    ("mentors_day", "mentors"),
    ("sponsors_day", "sponsors"),
)
# The columns imported together with a step's own column.
COMPANIONS: dict[str, tuple[str, ...]] = {
    "training": ("training_days", "training_hours"),
    "review": ("review_conclusion",),
    "publicity_start": ("publicity_end",),
    "mentors": ("mentors_day",),
    "sponsors": ("sponsors_day",),
}
_NAME_SPLIT = re.compile(r"[、，,；;/\s]+")
_RANGE_SPLIT = re.compile(r"至|到|~|～|—+|–|-{2,}")
_FULL_DATE = re.compile(r"^\d{4}\D\d{1,2}\D\d{1,2}\D?$")
_NUMBER = re.compile(r"^(\d+(?:\.\d+)?)(?:天|日|学时|小时|课时)?$")
CREATE, UPDATE, UNCHANGED = "新增", "更新", "无变化"


@dataclass(frozen=True, slots=True)
class CandidateImportRow:
    """What will happen to one sheet row, and what is wrong with it."""

    row: int
    name: str
    action: str
    candidate_id: int | None
    problems: tuple[CellProblem, ...]
    data: CandidateInput | None
    steps: tuple[StepRecord, ...] = ()
    stage: Stage | None = None

    @property
    def ok(self) -> bool:
        return self.data is not None and not any(p.is_error for p in self.problems)


@dataclass(frozen=True, slots=True)
class CandidateImportPreview(PreviewCounts):
    """Everything the import would do, and every problem, before anything is written."""

    path: Path
    sheet_name: str
    header_row: int
    rows: tuple[CandidateImportRow, ...]
    problems: tuple[CellProblem, ...]
    unknown_columns: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CandidateImportResult:
    created: int
    updated: int
    unchanged: int = 0


class CandidateImportService:
    """Preview and apply development-ledger imports for one branch."""

    def __init__(self, db: Database, development: DevelopmentService) -> None:
        self.db = db
        self.development = development

    def preview(
        self,
        unit_id: int,
        path: Path,
        progress: Progress = no_progress,
        cancel: Cancel = never_cancel,
    ) -> CandidateImportPreview:
        """Read the ledger and report what an import would do, and every problem; writes nothing."""
        table = read_table(Path(path), ALIASES, progress=progress, cancel=cancel)
        if "name" not in table.headers:
            raise UserError("发展党员台账缺少必需的列：姓名")
        progress(1.0, "正在核对")
        with self.db.session(audited=False) as s:
            units.require(s, unit_id)
            context = _Context(s, unit_id, self.development.today(), table)
            rows = tuple(context.row(r) for r in table.rows)
        problems = context.file_problems + [p for r in rows for p in r.problems]
        if not rows:
            problems = [CellProblem(None, "", "表头下没有任何数据行")]
        return CandidateImportPreview(
            Path(path),
            table.sheet_name,
            table.header_row,
            rows,
            tuple(problems),
            tuple(table.unknown_columns),
        )

    def apply(
        self, unit_id: int, preview: CandidateImportPreview
    ) -> Outcome[CandidateImportResult]:
        """Write every previewed candidate and step in one transaction; refused on any error."""
        if not preview.ok:
            raise UserError(
                f"文件中有{preview.error_count}处错误，请改正后重新导入；未导入任何数据。"
            )
        stale = UserError("数据在预览后被修改，请重新预览后再导入。")
        with self.db.session() as s:
            units.require(s, unit_id)
            now = self.db.now()
            for item in preview.rows:
                if item.action == UNCHANGED:
                    continue
                assert item.data is not None
                try:
                    data = _checked(s, unit_id, item.data, item.candidate_id)
                except ValidationFailed:
                    raise stale from None
                if item.candidate_id is None:
                    row = Candidate(unit_id=unit_id, created_at=now, updated_at=now)
                    _write_identity(s, row, unit_id, data)
                    s.add(row)
                else:
                    found = s.get(Candidate, item.candidate_id)
                    if found is None or found.unit_id != unit_id or found.ended:
                        raise stale
                    row = found
                    _write_identity(s, row, unit_id, data)
                    row.updated_at = now
                for record in item.steps:
                    existing = next((x for x in row.steps if x.step == record.step.code), None)
                    if existing is None:
                        existing = CandidateStep(step=record.step.code)
                        row.steps.append(existing)
                    existing.day = record.day
                    existing.data = _dump(record.data)
                s.flush()
                self.development._sync_roster(s, row)
            s.flush()
        result = CandidateImportResult(
            preview.count(CREATE), preview.count(UPDATE), preview.count(UNCHANGED)
        )
        return changed(result, Area.DEVELOPMENT, Area.MEMBERS)


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)


def _normal(data: dict[str, Any]) -> dict[str, Any]:
    """Return ``data`` as it reads back from the database (for comparing)."""
    return dict(json.loads(_dump(data)))


@dataclass(slots=True)
class _RowState:
    """The problems of one row as it is read; a column reports only its first problem."""

    number: int
    table: SheetTable
    problems: list[CellProblem] = field(default_factory=list)
    used: set[str] = field(default_factory=set)

    def column(self, key: str) -> str:
        return self.table.column(key, LABELS.get(key, key))

    def error(self, key: str, message: str, severity: str = "error") -> None:
        column = self.column(key)
        if severity == "error" and self.failed(key):
            return
        self.problems.append(CellProblem(self.number, column, message, severity))  # type: ignore[arg-type]

    def failed(self, key: str) -> bool:
        column = self.column(key)
        return any(p.column == column and p.is_error for p in self.problems)


class _Context:
    """Lookups shared by every row of one preview."""

    def __init__(self, s: Session, unit_id: int, today: date, table: SheetTable) -> None:
        self.s = s
        self.unit_id = unit_id
        self.today = today
        self.table = table
        self.groups = group_ids_by_name(s, unit_id)
        self.group_names = {gid: name for name, gid in self.groups.items()}
        self.candidates = list(
            s.scalars(select(Candidate).where(Candidate.unit_id == unit_id).order_by(Candidate.id))
        )
        self.members: dict[str, list[Member]] = {}
        for m in s.scalars(select(Member).where(Member.unit_id == unit_id).order_by(Member.id)):
            self.members.setdefault(squeeze(m.name), []).append(m)
        self.seen_ids: dict[str, int] = {}
        self.seen_names: dict[tuple[str, date], int] = {}
        self.seen_candidates: dict[int, int] = {}
        self.file_problems: list[CellProblem] = []
        self.reported: set[str] = set()  # columns already named by a file-wide 提示
        headers = table.headers
        self.vote_key = next((k for k in ("full_vote", "full_date") if k in headers), None)
        self.approval_key = next((k for k in ("full_approval", "full_date") if k in headers), None)
        if {"full_vote", "full_approval", "full_date"} <= set(headers):
            self.file_problems.append(
                CellProblem(
                    None,
                    headers["full_date"],
                    "已有转正讨论时间和转正审批时间两列，该列未导入",
                    "warning",
                )
            )
            self.reported.add("full_date")
        self._column_problems()

    def _column_problems(self) -> None:
        """Name every column that will not be imported: unknown, or missing its partner."""
        headers = self.table.headers
        for key, needed in NEEDS_COLUMN:
            if key in headers and needed not in headers:
                message = f"表中没有“{LABELS[needed]}”列，该列未导入"
                self.file_problems.append(CellProblem(None, headers[key], message, "warning"))
                self.reported.add(key)
        for name in self.table.unknown_columns:
            self.file_problems.append(CellProblem(None, name, "未识别的列，未导入", "warning"))

    # ---- one row ---------------------------------------------------------------------------

    def row(self, sheet_row: SheetRow) -> CandidateImportRow:
        state = _RowState(sheet_row.number, self.table)
        values = sheet_row.values
        cells: dict[str, Any] = {}
        for key, reader in _READERS.items():
            if key not in self.table.headers:
                continue
            state.used.add(key)
            try:
                cells[key] = reader(values.get(key))
            except CellError as exc:
                state.error(key, str(exc))
        present = {k for k, v in cells.items() if v not in (None, "")}
        name = cells.get("name") or ""
        birth = cells.get("birth_date")
        if birth is not None and birth > self.today:
            state.error("birth_date", "不能晚于今天")
        match = self._match(state, cells)
        if match is not None and match.ended:
            state.error("name", f"发展程序已终止（{match.ended}），不能再导入步骤")
            return CandidateImportRow(
                state.number, name, UPDATE, match.id, tuple(state.problems), None
            )
        data = self._identity(state, cells, present, match)
        steps = self._steps(state, values, match)
        self._unused(state, sheet_row)
        self._duplicates(state, data, match)
        if data is None:
            return CandidateImportRow(
                state.number, name, CREATE, None, tuple(state.problems), None, steps
            )
        stored = candidate_facts(match).steps if match is not None else {}
        planned = stored | {r.step: r for r in steps}
        facts = CandidateFacts(match.id if match else 0, data.name, data.birth_date, planned)
        action = CREATE
        if match is not None:
            same = data == self._stored_input(match) and all(
                r.step in stored
                and stored[r.step].day == r.day
                and _normal(stored[r.step].data) == r.data
                for r in steps
            )
            action = UNCHANGED if same else UPDATE
        return CandidateImportRow(
            state.number,
            data.name,
            action,
            match.id if match else None,
            tuple(state.problems),
            data,
            steps,
            derive_stage(facts),
        )

    def _unused(self, state: _RowState, sheet_row: SheetRow) -> None:
        """Name each filled cell of a recognised column that the row did not import.

        A row with an error is not imported at all, so it is left to its errors.
        """
        if any(p.is_error for p in state.problems):
            return
        for key, column in self.table.headers.items():
            if key in state.used or key in self.reported or not sheet_row.has(key):
                continue
            if any(p.column == column for p in state.problems):
                continue
            reason = UNUSED_REASONS.get(key, "该格内容未导入")
            state.problems.append(CellProblem(state.number, column, reason, "warning"))

    def _match(self, state: _RowState, cells: dict[str, Any]) -> Candidate | None:
        """Find the stored candidate: by 身份证号, else name + birth date, else a unique name."""
        name = squeeze(cells.get("name") or "")
        id_text = "" if state.failed("id_number") else (cells.get("id_number") or "")
        birth = cells.get("birth_date")
        if id_text:
            for c in self.candidates:
                if c.id_number == id_text:
                    return c
            try:
                birth = parse_id_number(id_text).birth_date
            except IdNumberError:
                return None
        if not name:
            return None
        if birth is not None:
            for c in self.candidates:
                if squeeze(c.name) == name and c.birth_date == birth:
                    return c
        same_name = [
            c
            for c in self.candidates
            if squeeze(c.name) == name
            and (birth is None or c.birth_date is None or c.birth_date == birth)
            and not (id_text and c.id_number)
        ]
        return same_name[0] if len(same_name) == 1 else None

    def _stored_input(self, row: Candidate) -> CandidateInput:
        return CandidateInput(
            name=row.name,
            gender=Gender(row.gender),
            birth_date=row.birth_date,
            id_number=row.id_number or "",
            ethnicity=row.ethnicity,
            education=row.education,
            category=MemberCategory(row.category),
            phone=row.phone,
            work_unit=row.work_unit,
            group=self.group_names.get(row.group_id, "") if row.group_id else "",
            notes=row.notes,
        )

    def _identity(
        self,
        state: _RowState,
        cells: dict[str, Any],
        present: set[str],
        match: Candidate | None,
    ) -> CandidateInput | None:
        """Overlay the row's non-blank cells on the stored candidate and check the result."""
        base = self._stored_input(match) if match is not None else CandidateInput(name="")
        changes = {k: cells[k] for k in IDENTITY_FIELDS if k in present}
        if state.failed("id_number"):
            changes.pop("id_number", None)
        if match is not None and squeeze(changes.get("name", "")) == squeeze(match.name):
            changes.pop("name")  # '刘 一' in the sheet is the stored 刘一
        merged = CandidateInput(**{**_fields(base), **changes})
        try:
            data = _checked(self.s, self.unit_id, merged, match.id if match else None)
        except ValidationFailed as exc:
            bad_id = state.failed("id_number") or any(p.field == "id_number" for p in exc.problems)
            skip = {"gender", "birth_date"} if bad_id else set()
            for problem in exc.problems:
                if problem.field not in skip:
                    state.error(_field_key(problem), problem.message)
            return None
        if any(p.is_error for p in state.problems if p.column in _identity_columns(state)):
            return None
        return data

    def _duplicates(
        self, state: _RowState, data: CandidateInput | None, match: Candidate | None
    ) -> None:
        if match is not None:
            first = self.seen_candidates.setdefault(match.id, state.number)
            if first != state.number:
                state.error("name", f"与第{first}行是同一发展对象（{match.name}）")
                return
        if data is None:
            return
        if data.id_number:
            first = self.seen_ids.setdefault(data.id_number, state.number)
            if first != state.number:
                state.error("id_number", f"与第{first}行的身份证号重复")
        elif data.birth_date is not None:
            first = self.seen_names.setdefault((data.name, data.birth_date), state.number)
            if first != state.number:
                state.error("name", f"与第{first}行的姓名和出生日期相同")

    # ---- steps -----------------------------------------------------------------------------

    def _day(self, state: _RowState, values: Any, key: str) -> date | None:
        """Read a step date; errors (bad or future dates) are recorded and give None."""
        if key not in self.table.headers:
            return None
        try:
            day = date_cell(values.get(key))
        except CellError as exc:
            state.error(key, str(exc))
            return None
        if day is not None and day > self.today:
            state.error(key, "不能晚于今天")
            return None
        return day

    def _steps(
        self, state: _RowState, values: Any, match: Candidate | None
    ) -> tuple[StepRecord, ...]:
        stored = candidate_facts(match).steps if match is not None else {}
        wanted: dict[Step, tuple[str, date, dict[str, Any]]] = {}
        for key, (step, defaults) in DATE_STEPS.items():
            day = self._day(state, values, key)
            if day is not None:
                wanted[step] = (key, day, dict(defaults))
        self._review(state, values, wanted)
        self._training(state, values, wanted)
        self._publicity(state, values, wanted)
        self._full(state, values, wanted)
        for key, (step, day_key, fallback) in PEOPLE_STEPS.items():
            day = self._day(state, values, day_key)
            self._people(state, values, key, step, day, fallback, wanted, stored)
        records = []
        for step, (key, day, data) in sorted(wanted.items(), key=lambda i: STEPS.index(i[0])):
            previous = stored.get(step)
            defaults = {k: v for k, v in data.items() if not k.startswith("!")}
            merged = {**defaults, **(previous.data if previous else {}), **_explicit(data)}
            try:
                checked = check_step(step, day, merged, self.today)
            except ValidationFailed as exc:
                for problem in exc.problems:
                    state.error(key, problem.message)
                continue
            records.append(StepRecord(step, day, _normal(checked)))
            state.used.update((key, *COMPANIONS.get(key, ())))
        return tuple(records)

    def _review(
        self, state: _RowState, values: Any, wanted: dict[Step, tuple[str, date, dict[str, Any]]]
    ) -> None:
        """政审时间, with 政审结论 (合格 unless the sheet or an earlier record says otherwise)."""
        day = self._day(state, values, "review")
        conclusion = squeeze(text_cell(values.get("review_conclusion")))
        if conclusion and conclusion not in ("合格", "不合格"):
            state.error("review_conclusion", f"“{conclusion}”应为“合格”或“不合格”")
            return
        if day is None:
            return
        data: dict[str, Any] = {"conclusion": "合格"}
        if conclusion:
            data["!conclusion"] = conclusion
        wanted[Step.REVIEW] = ("review", day, data)

    def _training(
        self, state: _RowState, values: Any, wanted: dict[Step, tuple[str, date, dict[str, Any]]]
    ) -> None:
        """培训时间 (a day or a span), with 培训天数 and 培训学时."""
        span = self._span(state, values, "training")
        if span is None:
            return
        start, end = span
        data: dict[str, Any] = {"days": 0, "hours": 0}
        for key, kind in (("training_days", int), ("training_hours", float)):
            try:
                number = _number_cell(values.get(key), kind)
            except CellError as exc:
                state.error(key, str(exc))
                return
            if number is not None:
                data["!" + key.removeprefix("training_")] = number
        if end is not None and "!days" not in data:
            data["!days"] = (end - start).days + 1
        wanted[Step.TRAINING] = ("training", start, data)

    def _span(self, state: _RowState, values: Any, key: str) -> tuple[date, date | None] | None:
        if key not in self.table.headers:
            return None
        try:
            span = _range_cell(values.get(key))
        except CellError as exc:
            state.error(key, str(exc))
            return None
        if span is not None and span[0] > self.today:
            state.error(key, "不能晚于今天")
            return None
        return span

    def _publicity(
        self, state: _RowState, values: Any, wanted: dict[Step, tuple[str, date, dict[str, Any]]]
    ) -> None:
        """公示开始 + 公示结束, or 公示时间 written as a span (2024-09-27至2024-10-08)."""
        key, end_key = "publicity_start", "publicity_end"
        start = self._day(state, values, key)
        end = _read_date(state, values, end_key) if end_key in self.table.headers else None
        if state.failed(key) or state.failed(end_key):
            return
        if start is None and end is None:
            key = end_key = "publicity"
            span = self._span(state, values, key)
            if span is None:
                return
            start, end = span
            if end is None:
                state.error(key, "请填写公示起止日期，如“2024-09-27至2024-10-08”")
                return
        if start is None:
            state.error(key, "已填写公示结束日期，请填写公示开始日期")
            return
        if end is None:
            state.error(end_key, "已填写公示开始日期，请填写公示结束日期")
            return
        if end < start:
            state.error(end_key, "公示结束日期不能早于开始日期")
            return
        wanted[Step.PUBLICITY] = (key, start, {"!end": end.isoformat()})

    def _full(
        self, state: _RowState, values: Any, wanted: dict[Step, tuple[str, date, dict[str, Any]]]
    ) -> None:
        """转正讨论时间 → FULL_VOTE (同意转正); 转正审批时间 → FULL_APPROVAL; 转正时间 alone → both."""
        days = {
            key: self._day(state, values, key) for key in (self.vote_key, self.approval_key) if key
        }
        vote_day = days.get(self.vote_key) if self.vote_key else None
        if self.vote_key and vote_day is not None:
            wanted[Step.FULL_VOTE] = (
                self.vote_key,
                vote_day,
                {"outcome": FullOutcome.APPROVED.value},
            )
        approval_day = days.get(self.approval_key) if self.approval_key else None
        if self.approval_key and approval_day is not None:
            wanted[Step.FULL_APPROVAL] = (self.approval_key, approval_day, {})

    def _people(
        self,
        state: _RowState,
        values: Any,
        key: str,
        step: Step,
        day: date | None,
        fallback: Step,
        wanted: dict[Step, tuple[str, date, dict[str, Any]]],
        stored: dict[Step, StepRecord],
    ) -> None:
        names = [n for n in _NAME_SPLIT.split(text_cell(values.get(key))) if n]
        if not names or state.failed(PEOPLE_STEPS[key][1]):
            return
        if day is None:
            source = wanted.get(fallback)
            day = source[1] if source else (stored[fallback].day if fallback in stored else None)
        if day is None:
            state.error(
                key,
                f"未登记：缺少“{fallback.value}”的日期（可增加“{LABELS[PEOPLE_STEPS[key][1]]}”列）",
                "warning",
            )
            return
        people = []
        for name in dict.fromkeys(names):
            member_id, problem = self._member(name)
            if problem:
                state.error(key, f"“{name}”{problem}，按姓名记录（未关联党员）", "warning")
            people.append({"name": name, "member_id": member_id})
        wanted[step] = (key, day, {"!people": people})

    def _member(self, name: str) -> tuple[int | None, str]:
        found = self.members.get(squeeze(name), [])
        active = [m for m in found if m.roster_status == RosterStatus.ACTIVE.value]
        chosen = active or found
        if not chosen:
            return None, "不在本支部党员名册中"
        if len(chosen) > 1:
            return None, f"在本支部党员名册中有{len(chosen)}人同名，无法确定是哪一位"
        return chosen[0].id, ""


def _explicit(data: dict[str, Any]) -> dict[str, Any]:
    """Return the values the sheet states (keys marked '!') over defaults and stored details."""
    return {k[1:]: v for k, v in data.items() if k.startswith("!")}


def _fields(data: CandidateInput) -> dict[str, Any]:
    return {name: getattr(data, name) for name in CandidateInput.__dataclass_fields__}


_PROBLEM_KEYS = {"name": "name", "gender": "gender", "birth_date": "birth_date",
                 "id_number": "id_number", "group": "group"}  # fmt: skip


def _field_key(problem: Problem) -> str:
    return _PROBLEM_KEYS.get(problem.field, "name")


def _identity_columns(state: _RowState) -> set[str]:
    return {state.column(k) for k in IDENTITY_FIELDS}


def _read_date(state: _RowState, values: Any, key: str) -> date | None:
    try:
        return date_cell(values.get(key))
    except CellError as exc:
        state.error(key, str(exc))
        return None


def _number_cell(value: object, kind: type) -> Any:
    text = squeeze(text_cell(value))
    if not text:
        return None
    match = _NUMBER.match(text)
    if match is None:
        raise CellError(f"“{text}”不是有效的数字")
    number = float(match.group(1))
    if kind is int:
        if not number.is_integer():
            raise CellError(f"“{text}”应为整数天数")
        return int(number)
    return number


def _range_cell(value: object) -> tuple[date, date | None] | None:
    """Read one date, or a span like 2024-09-27至2024-10-08 / 2024.9.27-10.8 / 9月27日至10月8日."""
    if value is None or not isinstance(value, str):
        day = date_cell(value)
        return (day, None) if day else None
    text = squeeze(value)
    if not text:
        return None
    parts = _RANGE_SPLIT.split(text)
    if len(parts) == 1:
        for i in (i for i, c in enumerate(text) if c == "-"):
            head, tail = text[:i], text[i + 1 :]
            if not (_FULL_DATE.match(head) and tail):
                continue
            try:
                start, end = date_cell(head), _end_date(tail, date_cell(head))
            except CellError:
                continue
            if start is not None and end is not None:
                return start, end
        day = date_cell(text)
        return (day, None) if day else None
    if len(parts) != 2:
        raise CellError(f"“{value.strip()}”无法识别为起止日期（如 2024-09-27至2024-10-08）")
    start = date_cell(parts[0])
    if start is None:
        raise CellError(f"“{value.strip()}”缺少开始日期")
    end = _end_date(parts[1], start)
    if end is None:
        raise CellError(f"“{value.strip()}”缺少结束日期")
    return start, end


def _end_date(text: str, start: date | None) -> date | None:
    """Read the end of a span; '10月8日' or '10.8' take the start's year."""
    if start is not None and text and not re.match(r"^\d{4}", text):
        text = f"{start.year}年{text}" if "月" in text else f"{start.year}.{text}"
    return date_cell(text)
