"""What a use case returns: its result and the areas of data it touched."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

T = TypeVar("T")


class Area(StrEnum):
    """Areas of data a view may display; views reload when their area changes."""

    ORG = "org"
    MEMBERS = "members"
    EVENTS = "events"
    SETTINGS = "settings"
    DUES = "dues"
    DEVELOPMENT = "development"
    REPORTS = "reports"
    ALL = "all"


@dataclass(frozen=True, slots=True)
class Outcome(Generic[T]):
    """A use case's result plus the set of areas it changed."""

    value: T
    areas: frozenset[Area]


def changed(value: T, *areas: Area) -> Outcome[T]:
    """Wrap ``value`` with the areas it changed."""
    return Outcome(value, frozenset(areas))
