"""Errors and problems that carry a message meant for the user (in Chinese)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong (or doubtful) with one field of an input."""

    field: str
    label: str
    message: str
    severity: Severity = "error"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def describe(self) -> str:
        """Return ``label：message`` for display."""
        return f"{self.label}：{self.message}" if self.label else self.message


class UserError(Exception):
    """An error whose message is shown to the user as is; nothing was changed."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ValidationFailed(UserError):
    """Input was rejected; ``problems`` lists each field and what is wrong with it."""

    def __init__(self, problems: list[Problem]) -> None:
        errors = [p.describe() for p in problems if p.is_error]
        super().__init__("；".join(errors) or "输入有误")
        self.problems = problems


class NotFound(UserError):
    """The record asked for does not exist."""
