"""Persistence: SQLAlchemy models, the database engine and unit of work, migrations, audit."""
