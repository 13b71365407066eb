"""The shapes of member development checking: settings, issues, next steps (RULES part C)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from ..development import Person, Step
from ..findings import Severity
from .ids import RuleId

MemberCheck = Callable[[Person, date], str | None]


@dataclass(frozen=True, slots=True)
class DevSettings:
    """The development rule settings of a unit (defaults per RULES part C)."""

    activist_gap_months: int = 3
    review_valid_months: int = 12
    training_days: int = 3
    training_hours: int = 24
    publicity_workdays: int = 5
    report_months: int = 3
    assessment_months: int = 6
    approval_months: int = 3
    approval_max_months: int = 6
    full_vote_grace_months: int = 1
    full_application_lead_months: int = 1


@dataclass(frozen=True, slots=True)
class DevIssue:
    """One rule a candidate's procedure breaks (or is about to)."""

    rule: RuleId
    severity: Severity
    step: Step | None
    message: str
    day: date | None = None
    due: date | None = None


@dataclass(frozen=True, slots=True)
class NextStep:
    """What to do next and the window the rules allow for it."""

    step: Step
    earliest: date | None
    latest: date | None
    note: str = ""

    def describe(self) -> str:
        parts = [f"下一步：{self.step.value}"]
        if self.earliest:
            parts.append(f"最早 {self.earliest.isoformat()}")
        if self.latest:
            parts.append(f"最迟 {self.latest.isoformat()}")
        text = "，".join(parts)
        return f"{text}（{self.note}）" if self.note else text


def fmt(day: date | None) -> str:
    return day.isoformat() if day else "—"
