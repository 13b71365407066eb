"""Imports after PySide6 without reading every module's source.

Once PySide6 is imported, its ``__feature__`` support (``from __feature__ import snake_case``)
runs a hook after every import: ``shibokensupport.feature._mod_uses_pyside`` reads the whole
source of the new module (``inspect.getsource``) to look for the word "PySide6". Branch Desk
never selects a feature, and every module imported after the window shell (SQLAlchemy, the
models, the services, each page's modules) paid that read: ≈ 10 % of opening a data dir.

``quicken`` answers the hook from the module's name where the answer is known: the standard
library, the layers that must not use Qt (tests/test_layering.py) and the libraries they use
answer "no"; this package's ``ui`` answers "yes". Any other module is still read as before.
The answer only chooses a module's default feature set, and with no feature ever selected
both answers mean Qt's plain names.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

FEATURE_MODULE = "shibokensupport.feature"
QT_FREE_LIBRARIES = frozenset(
    {
        "alembic",
        "chinese_calendar",
        "docx",
        "et_xmlfile",
        "greenlet",
        "lxml",
        "mako",
        "markupsafe",
        "openpyxl",
        "pypinyin",
        "sqlalchemy",
        "typing_extensions",
    }
)
PACKAGE = "branch_desk"  # only its ui imports PySide6


def uses_pyside(name: str) -> bool | None:
    """Tell from ``name`` whether a module uses PySide6 (None: unknown, read the source)."""
    top = name.partition(".")[0]
    if top in sys.stdlib_module_names or top in QT_FREE_LIBRARIES:
        return False
    if top != PACKAGE:
        return None
    return name.split(".")[1:2] == ["ui"]


def quicken() -> bool:
    """Answer PySide6's per-import hook by name where known (idempotent); False without it."""
    feature = sys.modules.get(FEATURE_MODULE)
    original: Callable[[ModuleType], bool] | None = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None:
        return False
    if getattr(original, "quickened", False):
        return True

    def by_name(module: ModuleType) -> bool:
        known = uses_pyside(getattr(module, "__name__", ""))
        return original(module) if known is None else known

    by_name.quickened = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = by_name  # type: ignore[attr-defined]
    return True


quicken()  # on import: ui/app.py imports this module right after PySide6, before any page
