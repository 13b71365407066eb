"""Message boxes with Chinese buttons; the one place the UI talks to the user modally."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from ..domain.errors import Problem, UserError, ValidationFailed

log = logging.getLogger(__name__)
T = TypeVar("T")

TITLE = "支部工作台"


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(icon, title or TITLE, text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return box


def inform(parent: QWidget | None, text: str, title: str = TITLE) -> None:
    """Show an information message with a 确定 button."""
    box = _box(parent, QMessageBox.Icon.Information, title, text)
    box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def warn(parent: QWidget | None, text: str, title: str = TITLE) -> None:
    """Show a warning (something could not be done) with a 确定 button."""
    box = _box(parent, QMessageBox.Icon.Warning, title, text)
    box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def confirm(parent: QWidget | None, text: str, title: str = TITLE, yes: str = "确定") -> bool:
    """Ask a yes/no question; return True when the user chose ``yes``."""
    box = _box(parent, QMessageBox.Icon.Question, title, text)
    accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is accept


def error_text(exc: UserError) -> str:
    """Return the Chinese text for a service error, one problem per line."""
    if isinstance(exc, ValidationFailed):
        lines = [p.describe() for p in exc.problems if p.is_error]
        return "\n".join(lines) or exc.message
    return exc.message


def show_error(parent: QWidget | None, exc: UserError, title: str = TITLE) -> None:
    """Show a service error (never a traceback)."""
    warn(parent, error_text(exc), title)


def inline_call(
    parent: QWidget | None,
    call: Callable[[], T],
    show_problems: Callable[[Sequence[Problem]], object],
) -> T | None:
    """Run the service call of a form; return its result, or None when it was refused.

    The problems of a ValidationFailed go to ``show_problems`` (under the fields, the
    form stays open); any other UserError is shown in a message box.
    """
    try:
        return call()
    except ValidationFailed as exc:
        show_problems(exc.problems)
    except UserError as exc:
        show_error(parent, exc)
    return None


def show_failure(parent: QWidget | None, exc: Exception, what: str) -> None:
    """Show why work failed: the service's message, or a short general one (logged)."""
    if isinstance(exc, UserError):
        show_error(parent, exc)
        return
    log.error("%s failed", what, exc_info=exc)
    warn(parent, f"{what}失败：{exc}\n详细情况已记入日志。")
