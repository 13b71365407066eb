"""Alembic migrations, run programmatically on open (no alembic.ini needed)."""
