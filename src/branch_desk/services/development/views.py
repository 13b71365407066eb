"""A candidate as the screens show it: the stored record with its stage, next step and issues.

``RuleInputs`` gathers what the development rules need besides the candidate — the unit's
settings, who was a 正式党员 on a day, the user's calendar — once per unit for a whole list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...domain.candidate_records import StoredCandidate, facts_as_of
from ...domain.copying import record_from
from ...domain.development import (
    CandidateContact,
    CandidateFacts,
    Person,
    RecordKind,
    Stage,
    Step,
    StepRecord,
    derive_stage,
)
from ...domain.rules.development import (
    DevIssue,
    MemberCheck,
    NextStep,
    check_candidate,
    member_problem,
    next_step,
    party_age_start,
)
from ...domain.rules.development_types import DevSettings
from ...storage.repositories import Session
from ...storage.repositories import candidates as repo
from ..checking.rule_settings import SettingsService
from ..roster.people import load_facts


@dataclass(frozen=True, slots=True)
class CandidateView(CandidateContact):
    """A candidate with everything derived: stage, next step and its window, rule issues."""

    id: int
    unit_id: int
    unit_name: str
    group: str
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
        return record_from(CandidateFacts, self, ended=ended)


def member_checker(s: Session, unit_id: int) -> MemberCheck:
    """Return a check that a named person was a 正式党员, not under 留党察看, on a day."""
    facts = load_facts(s, unit_id)
    by_id = {f.member_id: f for f in facts}
    by_name = {f.name: f for f in facts}

    def check(person: Person, day: date) -> str | None:
        member = by_id.get(person.member_id) if person.member_id else by_name.get(person.name)
        return member_problem(member, day)

    return check


class RuleInputs:
    """What the rules read besides the candidate, looked up once per unit in one session."""

    def __init__(self, s: Session, settings: SettingsService) -> None:
        self.s = s
        self.settings = settings
        self._units: dict[int, tuple[DevSettings, MemberCheck, dict[date, bool]]] = {}

    def of(self, unit_id: int) -> tuple[DevSettings, MemberCheck, dict[date, bool]]:
        """The unit's development settings, its member check and the calendar's overrides."""
        if unit_id not in self._units:
            self._units[unit_id] = (
                self.settings.values(unit_id).development(),
                member_checker(self.s, unit_id),
                repo.workday_overrides(self.s),
            )
        return self._units[unit_id]


def build_view(
    candidate: StoredCandidate, as_of: date, inputs: RuleInputs, names: dict[int, str]
) -> CandidateView:
    """Derive stage, issues and next step as of a day; ``names`` are the units' names."""
    settings, checker, overrides = inputs.of(candidate.unit_id)
    facts = facts_as_of(candidate.facts, as_of)
    stage = derive_stage(facts)
    issues: tuple[DevIssue, ...] = ()
    upcoming = None
    if not stage.ended:
        issues = tuple(check_candidate(facts, settings, as_of, checker, overrides))
        upcoming = next_step(facts, settings)
    group_id = candidate.group_id
    return record_from(
        CandidateView,
        candidate,
        unit_name=names.get(candidate.unit_id, ""),
        group=names.get(group_id, "") if group_id else "",
        stage=stage,
        steps=facts.steps,
        records=facts.records,
        ended_on=facts.ended_on if facts.ended else None,
        ended_reason=candidate.ended_reason if facts.ended else "",
        record_notes=tuple((r.id, r.kind, r.day, r.note) for r in candidate.records),
        next=upcoming,
        issues=issues,
        probation_ends=facts.probation_ends if facts.has(Step.APPROVAL) else None,
        party_age_from=party_age_start(facts),
    )
