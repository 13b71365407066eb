"""Repositories: the only code above the models that builds queries or touches ORM rows.

One module per aggregate (``units``, ``members`` …). Each function takes the open ``Session`` of
the use case — services/ decide where a transaction begins and ends — and takes and returns
domain values: records from ``storage/records.py``, inputs from ``domain/``, ids, dates. Nothing
returned is an ORM row, so services/ import neither SQLAlchemy nor ``storage.models``
(``tests/test_import_direction.py`` holds them to it).

The ``Session`` named here is the unit-of-work handle services/ pass along (``Database.session()``
opens it); services/ import it from this package for their type hints, never from SQLAlchemy.
"""

from sqlalchemy.orm import Session

__all__ = ["Session"]
