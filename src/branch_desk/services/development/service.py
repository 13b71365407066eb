"""Member development: candidates and their steps; admission and 转正 update the roster.

The candidate as shown is built in ``views.py``, its identity checked in ``identity.py``; steps
are written by ``steps.py`` and the roster follows them in ``admission.py``. Storage is reached
through ``storage/repositories/candidates.py``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from ...domain.candidate_records import ENDINGS, CandidateInput, DocumentRecord
from ...domain.development import RecordKind, Stage, Step, StepRecord
from ...domain.errors import NotFound, Problem, UserError, ValidationFailed
from ...domain.rules.development_steps import check_step
from ...domain.text import as_typed, clean
from ...storage.database import Database
from ...storage.repositories import Session, units
from ...storage.repositories import candidates as repo
from ...storage.repositories.units import unit_names
from ..checking.rule_settings import SettingsService
from ..data.attachments import FileStore
from ..outcome import Area, Outcome, changed
from ..shared_reads import share, shared, shared_list, sharing
from .identity import checked_input, group_id
from .steps import VOTED_STEPS, delete_step, require_assembly, save_step, vote_details
from .views import CandidateView, RuleInputs, build_view

__all__ = ["CandidateInput", "DevelopmentService"]  # the form, re-exported for its many callers


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
        day = as_of or self.today()
        return shared_list(("candidates", unit_id, day), lambda: self._list(unit_id, day))

    def share_units(self, unit_ids: list[int], day: date) -> None:
        """Inside a build, read the candidates of many units at once and share each unit's."""
        if not sharing():
            return
        by_unit: dict[int, list[CandidateView]] = {unit_id: [] for unit_id in unit_ids}
        for view in self._list(None, day):
            if view.unit_id in by_unit:
                by_unit[view.unit_id].append(view)
        for unit_id, views in by_unit.items():
            share(("candidates", unit_id, day), views)

    def _list(self, unit_id: int | None, day: date) -> list[CandidateView]:
        with self.db.session() as s:
            names = shared(("unit names",), lambda: unit_names(s))  # read, never changed here
            inputs = RuleInputs(s, self.settings)
            return [build_view(c, day, inputs, names) for c in repo.in_unit(s, unit_id)]

    def get(self, candidate_id: int, as_of: date | None = None) -> CandidateView:
        with self.db.session() as s:
            return self._view(s, candidate_id, as_of)

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
            return repo.documents(s, candidate_id)

    # ---- changing --------------------------------------------------------------------------

    def add(self, unit_id: int, data: CandidateInput) -> Outcome[CandidateView]:
        """Add a person to the pipeline (usually on receiving the 入党申请书)."""
        with self.db.session() as s:
            units.require(s, unit_id)
            data = checked_input(s, unit_id, data, None)
            new_id = repo.add(s, unit_id, data, group_id(s, unit_id, data), self.db.now())
            return changed(self._view(s, new_id), Area.DEVELOPMENT)

    def update(self, candidate_id: int, data: CandidateInput) -> Outcome[CandidateView]:
        with self.db.session() as s:
            unit_id = repo.require(s, candidate_id).unit_id
            data = checked_input(s, unit_id, data, candidate_id)
            repo.write_identity(s, candidate_id, data, group_id(s, unit_id, data))
            repo.touch(s, candidate_id, self.db.now())
            s.flush()
            return changed(self._view(s, candidate_id), Area.DEVELOPMENT)

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
        if event_id is not None and step in VOTED_STEPS:
            day, raw = self._vote_from_event(candidate_id, step, event_id, raw)
        details = check_step(step, day, raw, self.today())
        with self.db.session() as s:
            save_step(s, candidate_id, StepRecord(step, day, details), event_id, self.db.now())
            return changed(self._view(s, candidate_id), Area.DEVELOPMENT, Area.MEMBERS)

    def _vote_from_event(
        self, candidate_id: int, step: Step, event_id: int, data: dict[str, Any]
    ) -> tuple[date, dict[str, Any]]:
        from ..meetings.events import EventService

        event = EventService(self.db, self.files).get(event_id)
        require_assembly(event)
        return vote_details(event, self.get(candidate_id).name, step, data)

    def remove_step(self, candidate_id: int, step: Step) -> Outcome[CandidateView]:
        """Remove a step recorded by mistake (not once it has changed the roster)."""
        with self.db.session() as s:
            delete_step(s, candidate_id, step, self.db.now())
            return changed(self._view(s, candidate_id), Area.DEVELOPMENT)

    def add_record(
        self, candidate_id: int, kind: RecordKind, day: date, note: str = ""
    ) -> Outcome[CandidateView]:
        """Record a 思想汇报 received or a 培养考察 done."""
        if day > self.today():
            raise ValidationFailed([Problem("day", "日期", "不能晚于今天")])
        with self.db.session() as s:
            repo.add_note(s, candidate_id, kind, day, note.strip())
            s.flush()
            return changed(self._view(s, candidate_id), Area.DEVELOPMENT)

    def remove_record(self, candidate_id: int, record_id: int) -> Outcome[CandidateView]:
        """Delete a 思想汇报/考察 record entered by mistake."""
        with self.db.session() as s:
            if not repo.delete_note(s, candidate_id, record_id):
                raise NotFound("找不到该记录。")
            repo.touch(s, candidate_id, self.db.now())
            s.flush()
            return changed(self._view(s, candidate_id), Area.DEVELOPMENT)

    def detach(self, document_id: int) -> Outcome[None]:
        """Remove a document from a dossier (the stored file stays for other references)."""
        with self.db.session() as s:
            repo.delete_document(s, document_id)
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
            candidate = repo.require(s, candidate_id)
            if candidate.member_id is not None:
                raise UserError(
                    f"{candidate.name}已是党员，请在转正环节作出决定或在党员名册中办理。"
                )
            repo.end(s, candidate_id, outcome, on, as_typed(reason))
            s.flush()
            return changed(self._view(s, candidate_id), Area.DEVELOPMENT)

    def attach(
        self, candidate_id: int, doc_kind: str, source: Path, title: str = ""
    ) -> Outcome[DocumentRecord]:
        """Add a document to the candidate's dossier (stored once by its SHA-256)."""
        with self.db.session() as s:
            repo.require(s, candidate_id)
            stored = self.files.add(s, Path(source), self.db.now())
            kind, named = clean(doc_kind) or "其他", as_typed(title) or Path(source).stem
            doc = repo.add_document(s, candidate_id, kind, stored.id, named, self.db.now())
            return changed(doc, Area.DEVELOPMENT)

    def _view(self, s: Session, candidate_id: int, as_of: date | None = None) -> CandidateView:
        """The candidate as it stands in this session, derived as of a day (default today)."""
        candidate = repo.require(s, candidate_id)
        return build_view(
            candidate, as_of or self.today(), RuleInputs(s, self.settings), unit_names(s)
        )
