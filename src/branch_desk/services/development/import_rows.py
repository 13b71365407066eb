"""Reading one ledger row: which candidate it is, its identity, its steps, what will happen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ...domain.candidate_records import CandidateInput, StoredCandidate
from ...domain.development import CandidateFacts, Stage, StepRecord, derive_stage
from ...domain.errors import Problem, ValidationFailed
from ...domain.idcard import IdNumberError, parse_id_number
from ...domain.members import Gender, MemberCategory
from ...domain.text import squeeze
from ...storage.repositories import Session
from ...storage.repositories import candidates as repo
from ..sheets.cells import CellError
from ..sheets.importing import CREATE, UNCHANGED, UPDATE, ImportResult, SheetPreview, UnitRows
from ..sheets.reader import CellProblem, SheetRow, SheetTable
from .identity import checked_input
from .import_columns import (
    IDENTITY_FIELDS,
    LABELS,
    NEEDS_COLUMN,
    READERS,
    UNUSED_REASONS,
    RowState,
)
from .import_steps import StepReader


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
class CandidateImportPreview(SheetPreview[CandidateImportRow]):
    """Everything the import would do, and every problem, before anything is written."""


CandidateImportResult = ImportResult


class RowReader(UnitRows):
    """Lookups shared by every row of one preview; ``row`` reads one sheet row."""

    def __init__(self, s: Session, unit_id: int, today: date, table: SheetTable) -> None:
        super().__init__(s, unit_id, today)
        self.table = table
        self.group_names = {gid: name for name, gid in self.groups.items()}
        self.candidates = repo.in_unit(s, unit_id)
        self.steps = StepReader(today, table, repo.roll(s, unit_id))
        self.seen_ids: dict[str, int] = {}
        self.seen_names: dict[tuple[str, date], int] = {}
        self.seen_candidates: dict[int, int] = {}
        self.file_problems: list[CellProblem] = []
        self.reported: set[str] = set()  # columns already named by a file-wide 提示
        headers = table.headers
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
        """What importing ``sheet_row`` would do, with every problem of the row."""
        state = RowState(sheet_row.number, self.table)
        cells = self._cells(state, sheet_row)
        name = cells.get("name") or ""
        match = self._match(state, cells)
        if match is not None and match.ended:
            state.error("name", f"发展程序已终止（{match.ended}），不能再导入步骤")
            return CandidateImportRow(
                state.number, name, UPDATE, match.id, tuple(state.problems), None
            )
        present = {k for k, v in cells.items() if v not in (None, "")}
        data = self._identity(state, cells, present, match)
        stored = match.steps if match is not None else {}
        steps = self.steps.read(state, sheet_row.values, stored)
        self._unused(state, sheet_row)
        self._duplicates(state, data, match)
        if data is None:
            return CandidateImportRow(
                state.number, name, CREATE, None, tuple(state.problems), None, steps
            )
        planned = stored | {r.step: r for r in steps}
        facts = CandidateFacts(match.id if match else 0, data.name, data.birth_date, planned)
        return CandidateImportRow(
            state.number,
            data.name,
            self._action(data, steps, match),
            match.id if match else None,
            tuple(state.problems),
            data,
            steps,
            derive_stage(facts),
        )

    def _cells(self, state: RowState, sheet_row: SheetRow) -> dict[str, Any]:
        """Read the identity cells of the row (a bad cell is a problem of the row)."""
        cells: dict[str, Any] = {}
        for key, reader in READERS.items():
            if key not in self.table.headers:
                continue
            state.used.add(key)
            try:
                cells[key] = reader(sheet_row.values.get(key))
            except CellError as exc:
                state.error(key, str(exc))
        birth = cells.get("birth_date")
        if birth is not None and birth > self.today:
            state.error("birth_date", "不能晚于今天")
        return cells

    def _action(
        self, data: CandidateInput, steps: tuple[StepRecord, ...], match: StoredCandidate | None
    ) -> str:
        """新增 for a new candidate; 无变化 when identity and every step are as stored; else 更新."""
        if match is None:
            return CREATE
        stored = match.steps
        same = data == self._stored_input(match) and all(
            r.step in stored
            and stored[r.step].day == r.day
            and repo.as_stored(stored[r.step].data) == r.data
            for r in steps
        )
        return UNCHANGED if same else UPDATE

    def _unused(self, state: RowState, sheet_row: SheetRow) -> None:
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

    def _match(self, state: RowState, cells: dict[str, Any]) -> StoredCandidate | None:
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

    def _stored_input(self, row: StoredCandidate) -> CandidateInput:
        return CandidateInput(
            name=row.name,
            gender=Gender(row.gender),
            birth_date=row.birth_date,
            id_number=row.id_number,
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
        state: RowState,
        cells: dict[str, Any],
        present: set[str],
        match: StoredCandidate | None,
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
            data = checked_input(self.s, self.unit_id, merged, match.id if match else None)
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
        self, state: RowState, data: CandidateInput | None, match: StoredCandidate | None
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


def _fields(data: CandidateInput) -> dict[str, Any]:
    return {name: getattr(data, name) for name in CandidateInput.__dataclass_fields__}


_PROBLEM_KEYS = {"name": "name", "gender": "gender", "birth_date": "birth_date",
                 "id_number": "id_number", "group": "group"}  # fmt: skip


def _field_key(problem: Problem) -> str:
    return _PROBLEM_KEYS.get(problem.field, "name")


def _identity_columns(state: RowState) -> set[str]:
    return {state.column(k) for k in IDENTITY_FIELDS}
