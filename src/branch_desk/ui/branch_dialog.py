"""支部信息: edit the branch's details, its 党小组 and its officers."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel, QTabWidget, QWidget

from ..domain.errors import UserError, ValidationFailed
from ..domain.members import RosterStatus
from ..domain.rules.structure import term_end
from ..domain.text import clean
from ..services.outcome import Area, Outcome
from . import messages
from .context import UiContext
from .dialog_guard import EditorDialog
from .org_widgets import GROUP_ID_ROLE, GroupListEditor, OfficerEditor
from .setup_dialog import BranchFields
from .widgets.form_fields import ERROR_COLOR, ok_cancel
from .widgets.layouts import dialog_stack


class BranchDialog(EditorDialog):
    """Three tabs: 基本信息, 党小组, 支委成员; 确定 saves whatever changed."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("支部信息")
        org = ctx.desk.org
        self.unit = org.get(ctx.unit_id)
        self.fields = BranchFields()
        self.fields.set_unit(self.unit)
        self.fields.kind.setEnabled(False)
        self.groups = GroupListEditor()
        self._saved_groups = {g.id: g.name for g in org.groups(ctx.unit_id)}
        for group_id, name in self._saved_groups.items():
            self.groups.add_row(name, group_id)
        members = [
            m for m in ctx.desk.roster.list(ctx.unit_id) if m.roster_status is RosterStatus.ACTIVE
        ]
        self.officers = OfficerEditor(members)
        self.officers.default_term = self._default_term()
        for officer in org.officers(ctx.unit_id):
            self.officers.add_row(officer)
        self.error = QLabel()
        self.error.setStyleSheet(f"color: {ERROR_COLOR};")
        self.error.setWordWrap(True)
        self.buttons = ok_cancel()
        self._build()

    def _build(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.addTab(self.fields, "基本信息")
        self.tabs.addTab(self.groups, "党小组")
        self.tabs.addTab(self.officers, "支委成员")
        dialog_stack(self, self.tabs, self.error, buttons=self.buttons)
        self.resize(720, 460)

    def _default_term(self) -> tuple[date | None, date | None]:
        elected = self.unit.elected_on
        if elected is None:
            return (None, None)
        return (elected, term_end(elected, self.unit.term_years))

    def accept(self) -> None:
        """Save details, 党小组 and officers; stay open and explain when refused."""
        outcomes: list[Outcome] = []
        try:
            self._save(outcomes)
        except ValidationFailed as exc:
            self.fields.show_problems(exc.problems)
            self.error.setText(messages.error_text(exc))
            return
        except UserError as exc:
            self.error.setText(exc.message)
            return
        finally:
            areas: frozenset[Area] = frozenset().union(*(o.areas for o in outcomes))
            if areas:
                self.ctx.publish(areas)
        super().accept()

    def _save(self, outcomes: list[Outcome]) -> None:
        org, unit_id = self.ctx.desk.org, self.ctx.unit_id
        data, problems = self.fields.read()
        if data is None:
            raise ValidationFailed(problems)
        officers, officer_problems = self.officers.read()
        if officer_problems:
            raise UserError("；".join(officer_problems))
        outcomes.append(org.update_branch(unit_id, data))
        for item in self.groups.items():
            group_id, name = item.data(GROUP_ID_ROLE), clean(item.text())
            if group_id is None and name:
                added = org.add_group(unit_id, name)
                outcomes.append(added)
                item.setData(GROUP_ID_ROLE, added.value.id)
                self._saved_groups[added.value.id] = name
            elif group_id is not None and self._saved_groups.get(group_id) != name:
                outcomes.append(org.rename_group(group_id, name))
                self._saved_groups[group_id] = name
        outcomes.append(org.set_officers(unit_id, officers))
