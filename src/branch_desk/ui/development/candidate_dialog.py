"""The candidate page: identity, the timeline of steps, records, dossier documents, 终止."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.development import Step
from ...domain.errors import Problem
from ...services.development.views import CandidateView
from .. import messages
from ..context import UiContext
from ..dialog_guard import EditorDialog
from ..one_window import open_once
from ..widgets.settings import ui_settings
from .board import STAGE_COLORS
from .documents import DocumentsPanel
from .end_dialog import EndDialog
from .identity import CandidateForm, group_names
from .import_export import export_dossier
from .records import RecordsPanel
from .stages import iso, issues_count_text
from .step_dialog import StepDialog
from .timeline import Timeline


def stage_badge(candidate: CandidateView) -> str:
    """Return the stage as a coloured badge (rich text)."""
    color = STAGE_COLORS.get(candidate.stage, "#9e9e9e")
    return (
        f'<span style="background:{color}; color:white; padding:2px 8px;">'
        f"&nbsp;{candidate.stage.value}&nbsp;</span>"
    )


def facts_line(candidate: CandidateView) -> str:
    """Return the dates that matter at a glance: probation end, 党龄 start, member link."""
    parts = []
    if candidate.probation_ends:
        parts.append(f"预备期至 {iso(candidate.probation_ends)}")
    if candidate.party_age_from:
        parts.append(f"党龄自 {iso(candidate.party_age_from)} 起算")
    if candidate.member_id:
        parts.append("已编入党员名册")
    parts.append(issues_count_text(candidate))
    return "　".join(parts)


class CandidateDialog(EditorDialog):
    """Everything about one candidate; every change is saved at once through the service."""

    def __init__(self, ctx: UiContext, candidate_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.candidate = ctx.desk.development.get(candidate_id)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.next = QLabel()
        self.next.setWordWrap(True)
        self.facts = QLabel()
        self.form = CandidateForm(group_names(ctx), columns=1)
        self.save_button = QPushButton("保存基本信息")
        self.status = QLabel()
        self.timeline = Timeline()
        self.records = RecordsPanel(ctx)
        self.documents = DocumentsPanel(ctx)
        self.tabs = QTabWidget()
        self.export_button = QPushButton("导出纪实表…")
        self.end_button = QPushButton("终止…")
        self.close_button = QPushButton("关闭")
        self.step_dialog: StepDialog | None = None
        self._build()
        self._wire()
        self.form.set_candidate(self.candidate)
        self.show_candidate(self.candidate)

    def _build(self) -> None:
        self.setWindowTitle("发展党员 — 个人纪实")
        self.title.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.next.setStyleSheet("font-size: 14px;")
        self.facts.setStyleSheet("color: #555;")
        identity = QWidget()
        column = QVBoxLayout(identity)
        column.addWidget(self.form)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.save_button)
        column.addLayout(row)
        column.addStretch(1)
        self.tabs.addTab(identity, "基本信息")
        self.tabs.addTab(self.records, "思想汇报与考察")
        self.tabs.addTab(self.documents, "档案材料")
        steps = QGroupBox("发展程序（按《中国共产党发展党员工作细则》）")
        box = QVBoxLayout(steps)
        box.setContentsMargins(4, 8, 4, 4)
        box.addWidget(self.timeline)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.tabs)
        split.addWidget(steps)
        split.setStretchFactor(1, 1)
        split.setSizes([380, 900])
        header = QVBoxLayout()
        header.addWidget(self.title)
        header.addWidget(self.next)
        header.addWidget(self.facts)
        top = QHBoxLayout()
        top.addLayout(header, 1)
        for button in (self.export_button, self.end_button):
            button.setAutoDefault(False)
            top.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)
        self.resize(1280, 820)
        geometry = self._settings().value("candidate_dialog/geometry")
        if geometry:
            self.restoreGeometry(geometry)

    def _wire(self) -> None:
        self.save_button.clicked.connect(self.save_identity)
        self.timeline.edit_requested.connect(self.edit_step)
        self.records.changed.connect(self.show_candidate)
        self.documents.attached.connect(self.refresh)
        self.export_button.clicked.connect(lambda: export_dossier(self.ctx, self, self.candidate))
        self.end_button.clicked.connect(self.end_procedure)
        self.close_button.clicked.connect(self.reject)

    def show_candidate(self, candidate: CandidateView) -> None:
        """Show a (re-read) candidate everywhere in the page."""
        self.candidate = candidate
        group = f"　{candidate.group}" if candidate.group else ""
        self.title.setText(f"{candidate.name}　{stage_badge(candidate)}<small>{group}</small>")
        if candidate.next is not None:
            self.next.setText(candidate.next.describe())
        elif candidate.stage.ended:
            self.next.setText(f"发展程序已终止：{candidate.ended_reason}")
        else:
            self.next.setText("发展程序已全部完成")
        self.facts.setText(facts_line(candidate))
        self.timeline.set_candidate(candidate)
        self.records.set_candidate(candidate)
        self.documents.set_candidate(candidate)
        ended = candidate.stage.ended or candidate.member_id is not None
        self.end_button.setEnabled(not ended)
        self.end_button.setToolTip(
            "已编入党员名册，如需取消预备党员资格请在“支部大会讨论转正”中作出决定"
            if candidate.member_id
            else "以未通过、取消资格或撤回终止发展程序"
        )

    def refresh(self) -> CandidateView:
        """Read the candidate again and show it."""
        self.show_candidate(self.ctx.desk.development.get(self.candidate.id))
        return self.candidate

    def edit_step(self, step: Step) -> StepDialog:
        """Open the step editor; show the result when it is saved."""
        dialog = StepDialog(self.ctx, self.candidate, step, self)
        dialog.accepted.connect(self.refresh)
        self.step_dialog = dialog
        dialog.open()
        return dialog

    def save_identity(self) -> bool:
        """Save the identity fields; show problems under them."""
        service = self.ctx.desk.development
        outcome = messages.inline_call(
            self, lambda: service.update(self.candidate.id, self.form.read()), self._refused
        )
        if outcome is None:
            return False
        self.form.show_problems([])
        self.status.setText("已保存。")
        self.show_candidate(self.ctx.apply(outcome))
        self.mark_saved()
        return True

    def _refused(self, problems: Sequence[Problem]) -> None:
        self.form.show_problems(problems)
        self.status.setText("有信息不正确，未保存。")

    def guarded_widgets(self) -> list[QWidget]:
        """Only the identity fields wait for 保存; steps, records and files save at once."""
        return [self.form]

    def end_procedure(self) -> EndDialog:
        """Open the 终止 dialog."""
        dialog = EndDialog(self.ctx, self.candidate, self)
        dialog.accepted.connect(self.refresh)
        dialog.open()
        return dialog

    def done(self, result: int) -> None:
        """Remember the size, then close."""
        self._settings().setValue("candidate_dialog/geometry", self.saveGeometry())
        super().done(result)

    def _settings(self) -> QSettings:
        return ui_settings(self.ctx.desk)


def open_candidate(ctx: UiContext, parent: QWidget, candidate_id: int) -> CandidateDialog:
    """Open the candidate page (window-modal), or bring forward the one already open.

    Used by the board, the list and the 工作台.
    """
    return open_once(
        ctx.desk, "candidate", candidate_id, lambda: CandidateDialog(ctx, candidate_id, parent)
    )
