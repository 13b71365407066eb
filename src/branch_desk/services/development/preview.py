"""What a step would break before it is saved: the checker's rules run on the proposed steps.

The step dialog calls ``preview_step`` as the user types: the candidate's recorded steps with
the proposed one put in (or replaced) go through ``check_candidate`` — the very rule functions
``check`` and the timeline use — so the dialog can show the findings and ask before saving.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from ...domain.candidate_records import facts_as_of
from ...domain.development import Step, StepRecord
from ...domain.findings import Severity
from ...domain.rules.catalogue import spec_of
from ...domain.rules.development import check_candidate
from ...domain.rules.development_types import DevIssue
from ...storage.repositories import candidates as repo
from .service import DevelopmentService
from .views import RuleInputs


@dataclass(frozen=True, slots=True)
class StepPreview:
    """The rule issues a proposed step would leave: on the step itself, and new elsewhere."""

    issues: tuple[DevIssue, ...]

    @property
    def errors(self) -> tuple[DevIssue, ...]:
        return tuple(i for i in self.issues if i.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[DevIssue, ...]:
        return tuple(i for i in self.issues if i.severity is not Severity.ERROR)

    def question(self, step: Step) -> str:
        """Return the confirmation asked before saving a step that breaks a rule ('' if none)."""
        if not self.errors:
            return ""
        lines = [f"“{step.value}”按此日期保存将违反以下规则："]
        lines += [f"● {rule_title(i)}：{i.message}" for i in self.errors]
        lines.append("仍要保存吗？")
        return "\n".join(lines)


def rule_title(issue: DevIssue) -> str:
    """Return the rule's name from the catalogue (e.g. 培养考察满一年), else its id."""
    spec = spec_of(issue.rule.value)
    return spec.title if spec else issue.rule.value


def preview_step(
    development: DevelopmentService,
    candidate_id: int,
    step: Step,
    day: date,
    data: dict[str, Any],
) -> StepPreview:
    """Return the issues ``step`` on ``day`` would leave, without writing anything.

    Reported: every issue on the step itself, and any issue elsewhere that the current
    record does not already have (an order fault in a later step, say).
    """
    today = development.today()
    with development.db.session(audited=False) as s:
        candidate = repo.require(s, candidate_id)
        settings, checker, overrides = RuleInputs(s, development.settings).of(candidate.unit_id)
        facts = candidate.facts
    as_of = max(today, day)
    proposed = replace(facts, steps={**facts.steps, step: StepRecord(step, day, dict(data))})
    before = check_candidate(facts_as_of(facts, as_of), settings, as_of, checker, overrides)
    after = check_candidate(facts_as_of(proposed, as_of), settings, as_of, checker, overrides)
    known = {(i.rule, i.step, i.message) for i in before}
    shown = [i for i in after if i.step is step or (i.rule, i.step, i.message) not in known]
    return StepPreview(tuple(shown))
