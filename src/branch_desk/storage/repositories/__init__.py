"""Repositories: the only code above the models that builds queries or touches ORM rows.

One module per aggregate (``units``, ``members`` …). Each function takes the open ``Session`` of
the use case — services/ decide where a transaction begins and ends — and takes and returns
domain values: records from ``storage/records.py``, inputs from ``domain/``, ids, dates. Nothing
returned is an ORM row, so services/ import neither SQLAlchemy nor ``storage.models``
(``tests/test_import_direction.py`` holds them to it).
"""
