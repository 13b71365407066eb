"""Checks of the CLI's arguments made before the data dir is opened (bad input → exit 1)."""

from __future__ import annotations

import argparse

from ..domain.errors import UserError

YEAR_MIN = 1921
YEAR_MAX = 2100


def check_arguments(args: argparse.Namespace) -> None:
    """Refuse a ``--year`` outside YEAR_MIN..YEAR_MAX with a clear message (every command)."""
    year = getattr(args, "year", None)
    if year is not None and not YEAR_MIN <= year <= YEAR_MAX:
        raise UserError(
            f"--year {year} 不是有效的年度，请填写 {YEAR_MIN} 至 {YEAR_MAX} 之间的年份。"
        )


def creates_database(args: argparse.Namespace) -> bool:
    """Tell whether the command may create a new database (init, import data)."""
    return bool(getattr(args, "creates", False))
