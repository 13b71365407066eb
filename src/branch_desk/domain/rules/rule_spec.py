"""The shape of a catalogue entry and the names of the regulations rules come from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..findings import Severity
from .ids import Area, RuleId
from .settings import SETTING_BY_KEY

TIAOLI = "《中国共产党支部工作条例（试行）》"
XIZE = "《中国共产党发展党员工作细则》"
DUES_RULES = "《关于中国共产党党费收缴、使用和管理的规定》（中组发〔2008〕3号）"
CONSTITUTION = "《中国共产党章程》"
ELECTIONS = "《中国共产党基层组织选举工作条例》"
LOCAL = "本地规定（默认值见设置）"
OURS = "本系统约定"

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """One rule: id, area, default severity, source, what it checks, settings, checker."""

    id: RuleId
    area: Area
    severity: Severity
    source: str
    title: str
    text: str
    check: Callable[..., Any]
    settings: tuple[str, ...] = ()

    @property
    def checker_name(self) -> str:
        """Return the dotted name of the checking function, e.g. ``rules.votes.vote_issues``."""
        module = self.check.__module__.removeprefix("branch_desk.domain.")
        return f"{module}.{self.check.__qualname__}"

    def setting_defaults(self) -> list[tuple[str, str]]:
        """Return each setting key with its default value."""
        return [(key, SETTING_BY_KEY[key].default) for key in self.settings]
