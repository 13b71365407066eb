"""What every page and dialog needs: the services, the current unit, tasks and change news."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from PySide6.QtWidgets import QWidget

from ..domain.errors import UserError
from ..services.app import BranchDesk
from ..services.outcome import Area, Outcome
from . import messages
from .tasks import TaskRunner

T = TypeVar("T")
Publish = Callable[[frozenset[Area]], None]


@dataclass
class UiContext:
    """The desk, the unit the window works on, the task runner and the change publisher."""

    desk: BranchDesk
    unit_id: int
    tasks: TaskRunner
    publish: Publish

    def apply(self, outcome: Outcome[T]) -> T:
        """Announce the areas an outcome changed and return its value."""
        self.publish(frozenset(outcome.areas))
        return outcome.value

    def attempt(self, parent: QWidget | None, call: Callable[[], Outcome[T]]) -> Outcome[T] | None:
        """Run a service call; show a UserError's message and return None instead of raising."""
        try:
            outcome = call()
        except UserError as exc:
            messages.show_error(parent, exc)
            return None
        self.apply(outcome)
        return outcome


def touches(areas: frozenset[Area], *wanted: Area) -> bool:
    """Tell whether a change to ``areas`` concerns a view showing ``wanted``."""
    return Area.ALL in areas or bool(areas.intersection(wanted))


def current_unit_id(desk: BranchDesk, preferred: int | None = None) -> int:
    """Return the unit the window works on: ``preferred`` if it exists, else the first 党支部."""
    units = desk.units.top_units()
    if preferred is not None and any(u.id == preferred for u in units):
        return preferred
    branches = [u for u in units if u.kind.value == "党支部"]
    return (branches or units)[0].id
