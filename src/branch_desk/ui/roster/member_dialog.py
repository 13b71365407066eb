"""The add/edit member dialog with inline validation and, for new members, how they arrive."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import Problem, UserError, ValidationFailed
from ...domain.members import MemberRecord, StatusChangeKind
from ...services.outcome import Outcome
from ...services.roster.members import StatusChangeInput
from .. import messages
from ..context import UiContext
from ..dialog_guard import EditorDialog
from ..widgets.form_fields import (
    ERROR_COLOR,
    DateEdit,
    FieldProblems,
    ProblemLabel,
    ok_cancel,
    with_message,
)
from .member_form import MemberForm

CHECK_DELAY_MS = 250
ARRIVAL_FIELDS = ("place", "letter_no", "effective_on")


class ArrivalBox(FieldProblems, QGroupBox):
    """How a new member comes onto the roll: 登记在册 (default) or 转入 from another branch."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("加入方式", parent)
        self.registered = QRadioButton("登记在册（以入党时间登记）")
        self.transfer_in = QRadioButton("组织关系转入")
        self.registered.setChecked(True)
        self.place = QLineEdit()
        self.letter_no = QLineEdit()
        self.effective_on = DateEdit()
        self.effective_on.setPlaceholderText("如 2024-05-10")
        self.labels = {name: ProblemLabel() for name in ARRIVAL_FIELDS}
        self._build()
        self.transfer_in.toggled.connect(self._toggle)
        self._toggle(False)

    def _build(self) -> None:
        radios = QHBoxLayout()
        radios.addWidget(self.registered)
        radios.addWidget(self.transfer_in)
        radios.addStretch(1)
        self.details = QWidget()
        form = QFormLayout(self.details)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("转自党组织：", with_message(self.place, self.labels["place"]))
        form.addRow("介绍信编号：", with_message(self.letter_no, self.labels["letter_no"]))
        form.addRow("转入日期：", with_message(self.effective_on, self.labels["effective_on"]))
        layout = QVBoxLayout(self)
        layout.addLayout(radios)
        layout.addWidget(self.details)

    def _toggle(self, on: bool) -> None:
        self.details.setVisible(on)

    def read(self) -> tuple[StatusChangeInput | None, list[Problem]]:
        """Return the arrival (None for 登记在册) and what is missing for a transfer."""
        if not self.transfer_in.isChecked():
            return None, []
        problems = []
        if message := self.effective_on.parse_problem():
            problems.append(Problem("effective_on", "转入日期", message))
        elif self.effective_on.date() is None:
            problems.append(Problem("effective_on", "转入日期", "请填写转入日期"))
        if not self.place.text().strip():
            problems.append(Problem("place", "转自党组织", "转入须填写原所在党组织"))
        if problems:
            return None, problems
        arrival = StatusChangeInput(
            StatusChangeKind.TRANSFER_IN,
            self.effective_on.date(),  # type: ignore[arg-type]
            place=self.place.text(),
            letter_no=self.letter_no.text(),
        )
        return arrival, []


class MemberDialog(EditorDialog):
    """Add a member (``member`` None) or edit one; saves through the roster service."""

    def __init__(
        self, ctx: UiContext, member: MemberRecord | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.member = ctx, member
        self.outcome: Outcome[MemberRecord] | None = None
        self._touched: set[str] = set()
        self._show_all = False
        self.setWindowTitle("编辑党员信息" if member else "新增党员")
        groups = [g.name for g in ctx.desk.org.groups(ctx.unit_id)]
        self.form = MemberForm(groups)
        self.arrival = None if member else ArrivalBox()
        self.summary = QLabel()
        self.summary.setStyleSheet(f"color: {ERROR_COLOR};")
        self.summary.setWordWrap(True)
        self.buttons = ok_cancel("保存")
        self._build()
        self._timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._timer.timeout.connect(self.validate)
        self.form.edited.connect(self._on_edited)
        if member:
            self.form.set_input(member.to_input())
            self._touched.update(self.form.labels)
        self.validate()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        if self.arrival:
            layout.addWidget(self.arrival)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.resize(760, self.sizeHint().height())

    def _on_edited(self, name: str) -> None:
        self._touched.add(name)
        self._timer.start()

    def validate(self) -> list[Problem]:
        """Check the form now; show problems of touched fields (all after a 保存 attempt)."""
        data, problems = self.form.read()
        parsed_bad = {p.field for p in problems}
        try:
            found = self.ctx.desk.roster.check(self.ctx.unit_id, data, self._member_id())
        except UserError as exc:
            found = [Problem("", "", exc.message)]
        problems += [p for p in found if p.field not in parsed_bad]
        shown = None if self._show_all else self._touched
        self.form.show_problems(problems, shown)
        errors = [p for p in problems if p.is_error and (shown is None or p.field in shown)]
        self.summary.setText(f"有{len(errors)}处需要修改，请按红色提示更正。" if errors else "")
        return problems

    def _member_id(self) -> int | None:
        return self.member.id if self.member else None

    def accept(self) -> None:
        """Save when there is no error; otherwise show every problem and stay open."""
        self._show_all = True
        self._timer.stop()
        problems = self.validate()
        arrival, arrival_problems = self.arrival.read() if self.arrival else (None, [])
        if self.arrival:
            self.arrival.show_problems(arrival_problems)
        if any(p.is_error for p in problems) or arrival_problems:
            return
        if self._save(arrival):
            super().accept()

    def _save(self, arrival: StatusChangeInput | None) -> bool:
        data, _ = self.form.read()
        roster, member = self.ctx.desk.roster, self.member
        self.outcome = messages.inline_call(
            self,
            lambda: (
                roster.update(member.id, data)
                if member
                else roster.add(self.ctx.unit_id, data, arrival)
            ),
            self._refused,
        )
        if self.outcome is None:
            return False
        self.ctx.apply(self.outcome)
        return True

    def _refused(self, problems: Sequence[Problem]) -> None:
        self.form.show_problems(problems)
        if self.arrival:
            self.arrival.show_problems(problems)
        self.summary.setText(messages.error_text(ValidationFailed(list(problems))))
