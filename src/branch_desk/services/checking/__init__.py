"""Checking a unit against the rules: the checker and the rule settings per unit."""
