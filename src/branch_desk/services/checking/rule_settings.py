"""Rule settings per unit: read with defaults, change with validation."""

from __future__ import annotations

from ...domain.errors import Problem, ValidationFailed
from ...domain.rules.settings import SETTING_BY_KEY, RuleValues, validate_setting
from ...storage.database import Database
from ...storage.repositories import settings, units
from ..outcome import Area, Outcome, changed
from ..shared_reads import share, shared, sharing


class SettingsService:
    """Read and change the rule settings stored for a unit."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def values(self, unit_id: int) -> RuleValues:
        """Return the unit's effective settings (stored values over defaults)."""
        return shared(("settings", unit_id), lambda: self._values(unit_id))

    def _values(self, unit_id: int) -> RuleValues:
        with self.db.session() as s:
            return _effective(settings.stored_values(s, unit_id))

    def share_units(self, unit_ids: list[int]) -> None:
        """Inside a build, read the settings of many units at once and share each unit's."""
        if sharing():
            with self.db.session() as s:
                stored = settings.stored_values_of_units(s, unit_ids)
            for unit_id, values in stored.items():
                share(("settings", unit_id), _effective(values))

    def update(self, unit_id: int, changes: dict[str, str]) -> Outcome[RuleValues]:
        """Store new values (a default value removes the unit's own); all or nothing."""
        problems = []
        normalised: dict[str, str] = {}
        for key, value in changes.items():
            try:
                normalised[key] = validate_setting(key, str(value))
            except ValueError as exc:
                label = SETTING_BY_KEY[key].label if key in SETTING_BY_KEY else key
                problems.append(Problem(key, label, str(exc)))
        if problems:
            raise ValidationFailed(problems)
        with self.db.session() as s:
            units.require(s, unit_id)
            settings.store(
                s,
                unit_id,
                {
                    key: None if value == SETTING_BY_KEY[key].default else value
                    for key, value in normalised.items()
                },
            )
        return changed(self.values(unit_id), Area.SETTINGS)


def _effective(stored: dict[str, str]) -> RuleValues:
    return RuleValues({k: v for k, v in stored.items() if k in SETTING_BY_KEY})
