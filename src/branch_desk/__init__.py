"""Branch Desk (支部工作台): offline record keeping for Party branch secretaries.

``__version__`` is read from the installed package's metadata on first use (PEP 562), not at
import: ``importlib.metadata`` costs the start-up of the window ≈ 10 ms it does not need.
"""

from __future__ import annotations

from functools import cache


@cache
def app_version() -> str:
    """The installed version (pyproject.toml's), or 0.0.0 in a source tree never installed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("branch-desk")
    except PackageNotFoundError:
        return "0.0.0"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return app_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
