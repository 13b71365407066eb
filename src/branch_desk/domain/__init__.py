"""Pure domain logic: value types, rules, calculators and validators (no Qt, no SQLAlchemy)."""
