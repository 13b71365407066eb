"""Findings of the rule checker: what an inspector would point at."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Finding:
    """One gap or fault: which rule, which period, which unit, who or what, and why."""

    rule: str
    severity: Severity
    period: str | None
    unit: str
    subject: str | None
    message: str
    due: date | None = None
    event_id: int | None = None
    member_id: int | None = None

    def to_json(self) -> dict[str, Any]:
        """Return the finding as the `check --json` object."""
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "period": self.period,
            "unit": self.unit,
            "subject": self.subject,
            "message": self.message,
            "due": self.due.isoformat() if self.due else None,
            "event_id": self.event_id,
            "member_id": self.member_id,
        }
