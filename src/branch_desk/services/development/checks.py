"""Development findings for `check`, the dashboard reminders, and the working-day calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ...domain.events import EventType
from ...domain.findings import Finding, Severity
from ...domain.org import OrgUnitRecord
from ...domain.rules.development import issue_findings
from ...domain.rules.development_votes import vote_meeting_issues
from ...storage.repositories import candidates as repo
from ..meetings.events import EventService
from ..outcome import Area, Outcome, changed
from .service import DevelopmentService


@dataclass(frozen=True, slots=True)
class Reminder:
    """Something in a candidate's procedure that falls due soon, or is already late."""

    candidate_id: int
    name: str
    what: str
    due: date
    late: bool


class DevelopmentChecks:
    """Turn each candidate's rule issues into findings and reminders."""

    def __init__(self, development: DevelopmentService, events: EventService) -> None:
        self.development = development
        self.events = events

    def findings(self, unit: OrgUnitRecord, year: int, as_of: date) -> list[Finding]:
        """Return `develop.*` findings whose dates fall in ``year`` (open ones in the current year).

        Besides each candidate's own issues: every admission or 转正 step (by ``as_of``) needs
        a 支部党员大会 in the unit's meeting records on its day (``develop.vote_meeting``).
        """
        held = self.events.days_held(unit.id, EventType.BRANCH_ASSEMBLY)
        found = []
        for c in self.development.list(unit.id, as_of):
            issues = [*c.issues, *vote_meeting_issues(c.facts, held)]
            found += issue_findings(unit.name, c.name, issues, year, as_of)
        return found

    def share_findings(self, units: list[OrgUnitRecord], _year: int, as_of: date) -> None:
        """Inside a build, read the candidates ``findings`` checks for many units at once."""
        self.development.share_units([u.id for u in units], as_of)
        self.events.share_days_held([u.id for u in units], EventType.BRANCH_ASSEMBLY)

    def reminders(self, unit_id: int, as_of: date, days: int | None = None) -> list[Reminder]:
        """Return next steps due within ``days`` (setting) and everything already late."""
        horizon_days = days or self.development.settings.values(unit_id).number(
            "develop.reminder_days"
        )
        horizon = as_of + timedelta(days=horizon_days)
        result = []
        for c in self.development.list(unit_id, as_of):
            if c.stage.ended:
                continue
            nxt = c.next
            if nxt is not None and nxt.latest is not None and nxt.latest <= horizon:
                result.append(
                    Reminder(c.id, c.name, nxt.step.value, nxt.latest, nxt.latest < as_of)
                )
            for issue in c.issues:
                if issue.due is not None and issue.severity is not Severity.INFO:
                    result.append(
                        Reminder(c.id, c.name, issue.message, issue.due, issue.due < as_of)
                    )
        return sorted(result, key=lambda r: (not r.late, r.due))


class CalendarService:
    """The user's own holiday and 调休 entries, for years chinese-calendar does not cover."""

    def __init__(self, development: DevelopmentService) -> None:
        self.db = development.db

    def days(self, year: int | None = None) -> list[tuple[date, bool, str]]:
        with self.db.session() as s:
            days = repo.calendar_days(s)
        return [d for d in days if year is None or d[0].year == year]

    def set_day(self, day: date, workday: bool | None, note: str = "") -> Outcome[None]:
        """Mark a day as a holiday (False) or a 调休 working day (True); None removes the entry."""
        with self.db.session() as s:
            repo.set_calendar_day(s, day, workday, note.strip())
        return changed(None, Area.DEVELOPMENT, Area.SETTINGS)
