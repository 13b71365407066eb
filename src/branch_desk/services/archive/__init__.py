"""The archive area: a year's inspection pack, its plan, facts and completeness."""
