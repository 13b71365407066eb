"""Rule settings per unit: read with defaults, change with validation."""

from __future__ import annotations

from sqlalchemy import select

from ...domain.errors import Problem, ValidationFailed
from ...domain.rules.settings import SETTING_BY_KEY, RuleValues, validate_setting
from ...storage.database import Database
from ...storage.models import RuleSetting
from ...storage.repositories import units
from ..outcome import Area, Outcome, changed


class SettingsService:
    """Read and change the rule settings stored for a unit."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def values(self, unit_id: int) -> RuleValues:
        """Return the unit's effective settings (stored values over defaults)."""
        with self.db.session() as s:
            rows = s.scalars(select(RuleSetting).where(RuleSetting.unit_id == unit_id))
            return RuleValues({r.key: r.value for r in rows if r.key in SETTING_BY_KEY})

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
            stored = {
                r.key: r
                for r in s.scalars(select(RuleSetting).where(RuleSetting.unit_id == unit_id))
            }
            for key, value in normalised.items():
                row = stored.get(key)
                if value == SETTING_BY_KEY[key].default:
                    if row is not None:
                        s.delete(row)
                elif row is None:
                    s.add(RuleSetting(unit_id=unit_id, key=key, value=value))
                else:
                    row.value = value
        return changed(self.values(unit_id), Area.SETTINGS)
