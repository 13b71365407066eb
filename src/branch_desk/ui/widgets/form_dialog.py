"""A form dialog that saves on 确定 and shows refused input under its fields."""

from __future__ import annotations

from typing import Any

from ...domain.errors import Problem
from ...services.outcome import Outcome
from .. import messages
from ..context import UiContext
from ..dialog_guard import EditorDialog
from .form_fields import FieldProblems, ProblemLabel


class SavingFormDialog(FieldProblems, EditorDialog):
    """Read the fields, show their problems, save through a service, then close.

    A subclass sets ``ctx`` and ``labels`` (field name → its problem label) and gives
    :meth:`read` and :meth:`save`; :meth:`saved` runs after a successful save.
    """

    ctx: UiContext
    labels: dict[str, ProblemLabel]

    def read(self) -> tuple[Any, list[Problem]]:
        """Return the typed input (None when it cannot be read) and its problems."""
        raise NotImplementedError

    def save(self, data: Any) -> Outcome[Any]:
        """Store the input through a service (raises UserError when refused)."""
        raise NotImplementedError

    def saved(self, outcome: Outcome[Any]) -> None:
        """Act on a successful save, before the dialog closes (nothing by default)."""

    def accept(self) -> None:
        """Save; stay open with inline messages when the input is refused."""
        data, problems = self.read()
        self.show_problems(problems)
        if data is None:
            return
        outcome = messages.inline_call(self, lambda: self.save(data), self.show_problems)
        if outcome is None:
            return
        self.saved(outcome)
        self.ctx.apply(outcome)
        super().accept()
