"""Record a dated change of roster status (转出, 停止党籍, 出党, 去世, 转入, 恢复在册)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from ...domain.errors import Problem
from ...domain.members import ALLOWED_CHANGES, MemberRecord, StatusChangeKind
from ...services.outcome import Outcome
from ...services.roster.members import StatusChangeInput
from ..context import UiContext
from ..widgets.form_dialog import SavingFormDialog
from ..widgets.form_fields import (
    DateEdit,
    ProblemLabel,
    choice_combo,
    ok_cancel,
    with_message,
)
from ..widgets.layouts import dialog_stack

FIELDS = ("kind", "effective_on", "place", "letter_no", "note")
PLACE_LABELS = {
    StatusChangeKind.TRANSFER_OUT: "转往党组织：",
    StatusChangeKind.TRANSFER_IN: "转自党组织：",
}


def allowed_changes(member: MemberRecord) -> tuple[StatusChangeKind, ...]:
    """Return the changes the member's current status allows."""
    return ALLOWED_CHANGES[member.roster_status]


class StatusDialog(SavingFormDialog):
    """Choose the change, its date, place, 介绍信编号 and a note; saves on 确定."""

    def __init__(self, ctx: UiContext, member: MemberRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.member = ctx, member
        self.outcome: Outcome[MemberRecord] | None = None
        self.setWindowTitle(f"党籍状态变更 — {member.name}")
        self.kind = choice_combo((k.value for k in allowed_changes(member)), blank=None)
        self.effective_on = DateEdit(ctx.desk.roster.today())
        self.place = QLineEdit()
        self.letter_no = QLineEdit()
        self.note = QLineEdit()
        self.labels = {name: ProblemLabel() for name in FIELDS}
        self.place_label = QLabel()
        self.buttons = ok_cancel()
        self._build()
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def _build(self) -> None:
        form = QFormLayout()
        form.addRow("当前状态：", QLabel(self.member.roster_status.value))
        form.addRow("变更类型：", with_message(self.kind, self.labels["kind"]))
        form.addRow("生效日期：", with_message(self.effective_on, self.labels["effective_on"]))
        form.addRow(self.place_label, with_message(self.place, self.labels["place"]))
        form.addRow("介绍信编号：", with_message(self.letter_no, self.labels["letter_no"]))
        form.addRow("备注：", with_message(self.note, self.labels["note"]))
        dialog_stack(self, form, buttons=self.buttons)
        self.setMinimumWidth(420)

    def selected_kind(self) -> StatusChangeKind:
        """Return the change chosen in the combo."""
        return StatusChangeKind(self.kind.currentData())

    def select_kind(self, kind: StatusChangeKind) -> None:
        """Choose ``kind`` in the combo."""
        self.kind.setCurrentIndex(self.kind.findData(kind.value))

    def _kind_changed(self) -> None:
        self.place_label.setText(PLACE_LABELS.get(self.selected_kind(), "地点或说明："))

    def read(self) -> tuple[StatusChangeInput | None, list[Problem]]:
        """Return the change typed, or the problems of an unreadable date."""
        if message := self.effective_on.parse_problem():
            return None, [Problem("effective_on", "生效日期", message)]
        when = self.effective_on.date()
        if when is None:
            return None, [Problem("effective_on", "生效日期", "请填写生效日期")]
        change = StatusChangeInput(
            self.selected_kind(),
            when,
            place=self.place.text(),
            letter_no=self.letter_no.text(),
            note=self.note.text(),
        )
        return change, []

    def save(self, data: StatusChangeInput) -> Outcome[MemberRecord]:
        """Record the change."""
        return self.ctx.desk.roster.change_status(self.member.id, data)

    def saved(self, outcome: Outcome[MemberRecord]) -> None:
        """Keep the outcome for the page (it selects the member again)."""
        self.outcome = outcome
