"""Shared bits of the 党费 pages: month-state colours, money fields, the forms, the reason prompt."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QLabel, QVBoxLayout, QWidget

from ...domain.dues import MonthState
from ...domain.errors import UserError
from ...domain.money import MoneyError, parse_yuan, yuan
from ...domain.org import OfficerRole
from ...services.dues.ledger import MonthCell
from ...services.outcome import Outcome
from .. import messages
from ..context import UiContext
from ..dialog_guard import EditorDialog
from ..widgets.form_fields import ERROR_COLOR, TypedEdit

STATE_BACKGROUND: dict[MonthState, str] = {
    MonthState.PAID: "#c8e6c9",
    MonthState.PREPAID: "#bbdefb",
    MonthState.OWED: "#ffcdd2",
    MonthState.CURRENT: "#ffe0b2",
    MonthState.PARTIAL: "#ffe0b2",
    MonthState.EXEMPT: "#e0e0e0",
}
STATE_FOREGROUND: dict[MonthState, str] = {
    MonthState.OWED: "#b71c1c",
    MonthState.OFF_ROLL: "#9e9e9e",
    MonthState.EXEMPT: "#616161",
    MonthState.UNASSESSED: "#e67e00",
    MonthState.FUTURE: "#9e9e9e",
}
OPEN_STATES = frozenset(
    {MonthState.OWED, MonthState.PARTIAL, MonthState.CURRENT, MonthState.FUTURE}
)
MONEY_HINT = "如 48.00"


def state_background(state: MonthState) -> QColor | None:
    """Return the cell colour of a month state (None: the table's own)."""
    color = STATE_BACKGROUND.get(state)
    return QColor(color) if color else None


def state_foreground(state: MonthState) -> QColor | None:
    """Return the text colour of a month state (None: the table's own)."""
    color = STATE_FOREGROUND.get(state)
    return QColor(color) if color else None


def month_text(state: MonthState, paid_fen: int) -> str:
    """Return what a ledger cell shows: the amount paid, or a word for the state."""
    words = {
        MonthState.EXEMPT: "免交",
        MonthState.OFF_ROLL: "—",
        MonthState.UNASSESSED: "未核定",
        MonthState.OWED: "欠交",
        MonthState.CURRENT: "待交",
    }
    if paid_fen and state not in (MonthState.EXEMPT, MonthState.OFF_ROLL):
        return yuan(paid_fen)
    return words.get(state, "")


def open_fen(cell: MonthCell) -> int:
    """Return what is still to pay for a month (0 when nothing is owed there)."""
    if not cell.owed or cell.due_fen is None or cell.exempt:
        return 0
    return max(cell.due_fen - cell.paid_fen, 0)


def collector_name(ctx: UiContext) -> str:
    """Return the 组织委员's name (the usual collector), or ''."""
    for officer in ctx.desk.org.officers(ctx.unit_id):
        if officer.role is OfficerRole.ORGANIZATION:
            return officer.person_name
    return ""


class MoneyEdit(TypedEdit[int]):
    """An amount in yuan typed as text; read back as integer fen."""

    error = MoneyError
    tidy = False

    def __init__(self, fen: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(MONEY_HINT, fen, parent)

    def format(self, value: int) -> str:
        return yuan(value)

    def parse(self, text: str) -> int | None:
        text = text.strip()
        return parse_yuan(text) if text else None

    def set_fen(self, fen: int | None) -> None:
        """Show ``fen`` as yuan (nothing for None)."""
        self.set_value(fen)

    def fen(self) -> int | None:
        """Return the amount in fen (None when empty); raise MoneyError when unreadable."""
        return self.value()


def lay_out_list(panel: QWidget, table: QWidget, note: QLabel, buttons: Iterable[QWidget]) -> None:
    """Lay out a 党费 list: the table, and under it a note (counts, totals) and the buttons."""
    row = QHBoxLayout()
    row.addWidget(note, 1)
    for button in buttons:
        row.addWidget(button)
    layout = QVBoxLayout(panel)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(table, 1)
    layout.addLayout(row)


class DuesForm(EditorDialog):
    """A 党费 form (登记缴费, 核定, 登记上缴) saved through one service call.

    ``accept`` reads the form (:meth:`read`: None when it cannot be read, the reason shown)
    and :meth:`save` s it: the change is announced and the form closes, or what the
    service refused is shown in ``error`` and the form stays open.
    """

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.outcome: Outcome[Any] | None = None
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {ERROR_COLOR};")

    def read(self) -> Any:
        """Return the form's input, or None (with the reason shown) when unreadable."""
        raise NotImplementedError

    def write(self, data: Any) -> Outcome[Any]:
        """Save ``data`` through the service."""
        raise NotImplementedError

    def accept(self) -> None:
        """Save what the form says; stay open showing why when it cannot be saved."""
        data = self.read()
        if data is not None:
            self.save(data)

    def save(self, data: Any) -> None:
        """Write ``data``; announce the change and close, or show the refusal and stay open."""
        try:
            self.outcome = self.write(data)
        except UserError as exc:
            self.error.setText(messages.error_text(exc))
            return
        self.ctx.apply(self.outcome)
        super().accept()


def ask_text(parent: QWidget | None, title: str, label: str) -> str | None:
    """Ask for one line of text (Chinese buttons); None when cancelled."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setOkButtonText("确定")
    dialog.setCancelButtonText("取消")
    if dialog.exec() != QInputDialog.DialogCode.Accepted:
        return None
    return dialog.textValue()
