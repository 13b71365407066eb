"""The progress/cancel contract for long work (GUI, CLI and tests alike)."""

from __future__ import annotations

from collections.abc import Callable

from ..domain.errors import UserError

Progress = Callable[[float, str], None]
Cancel = Callable[[], bool]


class Cancelled(UserError):
    """The user cancelled; nothing was changed."""

    def __init__(self) -> None:
        super().__init__("操作已取消，数据未做任何改动。")


def no_progress(_fraction: float, _message: str) -> None:
    """Ignore progress reports."""


def never_cancel() -> bool:
    """Never ask to cancel."""
    return False


def checkpoint(cancel: Cancel) -> None:
    """Raise Cancelled if the user asked to stop."""
    if cancel():
        raise Cancelled()
