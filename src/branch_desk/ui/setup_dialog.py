"""First-start set-up: create the branch and its 党小组 before anything else."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import Problem
from ..domain.ledger_start import default_ledger_start
from ..domain.org import DEFAULT_TERM_YEARS, OrgUnitKind, OrgUnitRecord
from ..services.app import BranchDesk
from ..services.org.units import BranchInput
from ..services.outcome import Outcome
from ..services.safety import keys as cipher
from . import messages
from .dialog_guard import EditorDialog
from .org_widgets import GroupListEditor
from .security import EncryptionBox
from .widgets.form_fields import (
    DateEdit,
    FieldProblems,
    ProblemLabel,
    choice_combo,
    ok_cancel,
    select_data,
    with_message,
)

DEFAULT_GROUPS = ("第一党小组", "第二党小组", "第三党小组")
TOP_KINDS = (OrgUnitKind.BRANCH, OrgUnitKind.GENERAL_BRANCH, OrgUnitKind.PARTY_COMMITTEE)
BRANCH_FIELDS = ("name", "kind", "upper_org", "elected_on", "term_years", "ledger_start", "groups")
LEDGER_START_HINT = "此日期之前的月份、季度不作检查（不提示“未召开”“未交党费”）；留空则全部检查"


class BranchFields(FieldProblems, QWidget):
    """名称, 类型, 上级党组织, 换届日期, 任期 and 台账起始日期, each with an inline problem label."""

    def __init__(self, parent: QWidget | None = None, ledger_start: date | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit(placeholderText="如：中共××局机关第一支部委员会")
        self.kind = choice_combo((k.value for k in TOP_KINDS), blank=None)
        self.upper_org = QLineEdit(placeholderText="如：中共××局机关委员会")
        self.elected_on = DateEdit()
        self.term_years = QSpinBox(minimum=1, maximum=5, value=DEFAULT_TERM_YEARS, suffix=" 年")
        self.ledger_start = DateEdit(ledger_start)
        self.ledger_start.setPlaceholderText("如 2026-12-01，可留空")
        self.ledger_start.setToolTip(LEDGER_START_HINT)
        self.labels = {name: ProblemLabel() for name in BRANCH_FIELDS}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        rows = (
            ("党组织名称（必填）：", self.name, "name"),
            ("类型：", self.kind, "kind"),
            ("上级党组织：", self.upper_org, "upper_org"),
            ("换届日期：", self.elected_on, "elected_on"),
            ("任期：", self.term_years, "term_years"),
            ("台账起始日期：", self.ledger_start, "ledger_start"),
        )
        for text, widget, name in rows:
            form.addRow(text, with_message(widget, self.labels[name]))

    def set_unit(self, unit: OrgUnitRecord) -> None:
        """Show a saved unit."""
        self.name.setText(unit.name)
        select_data(self.kind, unit.kind.value)
        self.upper_org.setText(unit.upper_org)
        self.elected_on.set_date(unit.elected_on)
        self.term_years.setValue(unit.term_years)
        self.ledger_start.set_date(unit.ledger_start)

    def read(self, groups: Iterable[str] = ()) -> tuple[BranchInput | None, list[Problem]]:
        """Return the branch typed, or the problem of an unreadable date."""
        if message := self.elected_on.parse_problem():
            return None, [Problem("elected_on", "换届日期", message)]
        if message := self.ledger_start.parse_problem():
            return None, [Problem("ledger_start", "台账起始日期", message)]
        data = BranchInput(
            name=self.name.text(),
            kind=OrgUnitKind(self.kind.currentData()),
            upper_org=self.upper_org.text(),
            elected_on=self.elected_on.date(),
            term_years=self.term_years.value(),
            groups=tuple(groups),
            ledger_start=self.ledger_start.date(),
        )
        return data, []


class SetupDialog(EditorDialog):
    """Create the branch; cancelling it means the user does not want to start yet."""

    def __init__(
        self, desk: BranchDesk, parent: QWidget | None = None, *, encryption: bool = True
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.outcome: Outcome[OrgUnitRecord] | None = None
        self.setWindowTitle("支部工作台 — 初始设置")
        intro = QLabel("欢迎使用支部工作台。请先填写本党组织的基本情况，以后可在“工作台”中修改。")
        intro.setWordWrap(True)
        self.fields = BranchFields(ledger_start=default_ledger_start(desk.db.clock().date()))
        self.groups = GroupListEditor()
        for name in DEFAULT_GROUPS:
            self.groups.add_row(name)
        self.group_problems = ProblemLabel()
        self.fields.labels["groups"] = self.group_problems
        group_box = QGroupBox("党小组（可增删、双击改名）")
        group_layout = QVBoxLayout(group_box)
        group_layout.addWidget(self.groups)
        group_layout.addWidget(self.group_problems)
        self.encryption = EncryptionBox(self.fields.name.text)  # encryption at rest
        self.encryption.setVisible(encryption and cipher.key_for(desk.paths.database) is None)
        self.password: str | None = None
        self.buttons = ok_cancel("开始使用")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, self.fields, group_box, self.encryption, self.buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(520)

    def accept(self) -> None:
        """Create the branch; stay open with inline messages when the input is refused."""
        data, problems = self.fields.read(self.groups.names())
        self.fields.show_problems(problems)
        valid, self.password = (
            self.encryption.read() if self.encryption.isVisibleTo(self) else (True, None)
        )
        if data is None or not valid:
            return
        org = self.desk.org
        self.outcome = messages.inline_call(
            self, lambda: org.create_branch(data), self.fields.show_problems
        )
        if self.outcome is not None:
            super().accept()
