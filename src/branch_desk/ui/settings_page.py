"""设置: the rule settings of the branch, grouped, each with its label, default and basis."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import Problem
from ..domain.periods import PeriodKind
from ..domain.rules.settings import ROUNDING_LABELS, SETTINGS, RuleValues, SettingSpec
from ..services.outcome import Area
from . import messages
from .context import UiContext, touches
from .development.holidays import HolidaysBox
from .records_dialog import RecordsDialog
from .safety.settings_box import DataSafetyBox
from .security import LockSettingBox
from .widgets.form_fields import ProblemLabel, show_field_problems

Editor = QSpinBox | QComboBox | QLineEdit
NOTE_STYLE = "color: #666;"
INTRO = (
    "以下规则设置保存在本支部的数据中，随备份一起保存。"
    "带“本地规定”的项目可按上级党组织的要求调整；修改后点击“保存”。"
)


def choices(spec: SettingSpec) -> dict[str, str]:
    """Return the stored value → Chinese label of a setting chosen from a list ({} if typed)."""
    if spec.kind == "period":
        return {kind.value: kind.label for kind in PeriodKind}
    if spec.kind == "rounding":
        return dict(ROUNDING_LABELS)
    return {}


def default_text(spec: SettingSpec) -> str:
    """Return the default as shown: 每季度, 32 …"""
    return choices(spec).get(spec.default, spec.default)


def make_editor(spec: SettingSpec) -> Editor:
    """Return a combo (period, rounding), a spin box (int within limits) or a text field."""
    if options := choices(spec):
        combo = QComboBox()
        for value, label in options.items():
            combo.addItem(label, value)
        return combo
    if spec.kind != "int":
        return QLineEdit()
    box = QSpinBox()
    box.setRange(spec.minimum, spec.maximum)
    box.setMinimumWidth(90)
    return box


def editor_value(editor: Editor) -> str:
    """Return an editor's value as the stored text."""
    if isinstance(editor, QLineEdit):
        return editor.text()
    return str(editor.value()) if isinstance(editor, QSpinBox) else str(editor.currentData())


def set_editor_value(editor: Editor, value: str) -> None:
    """Show a stored value in its editor."""
    if isinstance(editor, QLineEdit):
        editor.setText(value)
    elif isinstance(editor, QSpinBox):
        editor.setValue(int(value))
    else:
        editor.setCurrentIndex(max(editor.findData(value), 0))


class SettingsPage(QScrollArea):
    """Edit the rule settings of the current branch."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWidgetResizable(True)
        self.editors: dict[str, Editor] = {}
        self.labels: dict[str, ProblemLabel] = {}
        self.status = QLabel()
        self.save_button = QPushButton("保存")
        self.reset_button = QPushButton("恢复默认")
        self._build()
        self.reload()

    def _build(self) -> None:
        body = QWidget()
        layout = QVBoxLayout(body)
        title = QLabel("规则设置")
        title.setStyleSheet("font-size: 20px; font-weight: bold;")
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.records_button = QPushButton("学习重点与表彰…")
        self.records_button.setToolTip("登记每年的学习重点和支部、党员获得的表彰（年度总结会用到）")
        self.records_button.clicked.connect(self.open_records)
        head = QHBoxLayout()
        head.addWidget(title, 1)
        head.addWidget(self.records_button)
        layout.addLayout(head)
        layout.addWidget(intro)
        groups: dict[str, list[SettingSpec]] = {}
        for spec in SETTINGS:
            groups.setdefault(spec.group, []).append(spec)
        for name, specs in groups.items():
            layout.addWidget(self._group_box(name, specs))
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.status, 1)
        layout.addLayout(buttons)
        self.holidays = HolidaysBox(self.ctx)
        layout.addWidget(self.holidays)
        self.safety = DataSafetyBox(self.ctx)
        layout.addWidget(self.safety)
        self.security = LockSettingBox(
            self.ctx.desk.paths.database, self.ctx.desk.paths.ui_settings
        )
        layout.addWidget(self.security)
        layout.addStretch(1)
        self.setWidget(body)
        self.save_button.clicked.connect(self.save)
        self.reset_button.clicked.connect(self.reset_defaults)

    def open_records(self) -> RecordsDialog:
        """Open 学习重点与表彰 (returned for tests; modal for the user)."""
        dialog = RecordsDialog(self.ctx, self)
        dialog.open()
        return dialog

    def _group_box(self, name: str, specs: list[SettingSpec]) -> QGroupBox:
        box = QGroupBox(name)
        grid = QGridLayout(box)
        for column, heading in enumerate(("项目", "设置", "默认", "依据")):
            label = QLabel(heading)
            label.setStyleSheet("font-weight: bold;")
            grid.addWidget(label, 0, column)
        for row, spec in enumerate(specs, start=1):
            editor = make_editor(spec)
            editor.setToolTip(f"默认：{default_text(spec)}；依据：{spec.basis}")
            self.editors[spec.key] = editor
            self.labels[spec.key] = ProblemLabel()
            cell = QVBoxLayout()
            cell.addWidget(editor)
            cell.addWidget(self.labels[spec.key])
            grid.addWidget(QLabel(spec.label), row, 0)
            grid.addLayout(cell, row, 1)
            for column, text in ((2, default_text(spec)), (3, spec.basis)):
                note = QLabel(text)
                note.setStyleSheet(NOTE_STYLE)
                note.setWordWrap(True)
                grid.addWidget(note, row, column)
        grid.setColumnStretch(3, 1)
        return box

    def on_data_changed(self, areas: frozenset[Area]) -> None:
        """Reload when the settings or the branch changed."""
        if touches(areas, Area.SETTINGS, Area.ORG):
            self.reload()

    def reload(self) -> RuleValues:
        """Show the stored values (defaults where none is stored)."""
        values = self.ctx.desk.settings.values(self.ctx.unit_id)
        for key, editor in self.editors.items():
            set_editor_value(editor, values.text(key))
        for label in self.labels.values():
            label.show_problems([])
        return values

    def changes(self) -> dict[str, str]:
        """Return every setting as shown in its editor."""
        return {key: editor_value(editor) for key, editor in self.editors.items()}

    def save(self) -> bool:
        """Store the shown values; show problems under their settings."""
        settings = self.ctx.desk.settings
        outcome = messages.inline_call(
            self, lambda: settings.update(self.ctx.unit_id, self.changes()), self._refused
        )
        if outcome is None:
            return False
        self.ctx.apply(outcome)
        self.status.setText("已保存。")
        return True

    def _refused(self, problems: Sequence[Problem]) -> None:
        show_field_problems(self.labels, problems)
        self.status.setText("有设置不正确，未保存。")

    def reset_defaults(self) -> bool:
        """Put every setting back to its default after confirmation, and save."""
        if not messages.confirm(self, "确定将全部规则设置恢复为默认值吗？", yes="恢复默认"):
            return False
        for spec in SETTINGS:
            set_editor_value(self.editors[spec.key], spec.default)
        return self.save()
