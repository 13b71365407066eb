"""The timeline of a candidate: every step in order with its date, details and issues."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain.development import STEPS, RecordKind, Step
from ...domain.findings import Severity
from ...services.development.views import CandidateView
from ..widgets.form_fields import ERROR_COLOR, WARNING_COLOR
from .stages import iso, issue_color, step_summary

HEADINGS = ("序号", "步骤", "日期", "内容", "问题", "")
NEXT_STYLE = "background: #fff3cd; border: 1px solid #f0c36d; border-radius: 4px;"
DONE_STYLE = "border-bottom: 1px solid #e6e6e6;"
MUTED = "color: #9e9e9e;"


@dataclass
class TimelineRow:
    """The widgets of one step's row."""

    step: Step
    back: QFrame
    day: QLabel
    summary: QLabel
    issues: QLabel
    button: QPushButton


def _label(text: str = "", style: str = "", wrap: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if style:
        label.setStyleSheet(style)
    return label


def issues_html(candidate: CandidateView, step: Step) -> str:
    """Return the issues of a step, errors red and the rest orange, one per line."""
    lines = []
    for issue in candidate.issues:
        if issue.step is step:
            color = ERROR_COLOR if issue.severity is Severity.ERROR else WARNING_COLOR
            lines.append(f'<span style="color:{color}">● {issue.message}</span>')
    return "<br>".join(lines)


def window_summary(candidate: CandidateView) -> str:
    """Return the next step's allowed window: 下一步：最早 …，最迟 …（note）."""
    nxt = candidate.next
    if nxt is None:
        return ""
    parts = [f"最早 {iso(nxt.earliest)}"] if nxt.earliest else []
    parts += [f"最迟 {iso(nxt.latest)}"] if nxt.latest else []
    text = "下一步" + ("：" + "，".join(parts) if parts else "")
    return text + (f"（{nxt.note}）" if nxt.note else "")


def record_counts(candidate: CandidateView, step: Step) -> str:
    """Count the 思想汇报 and 培养考察 of the cultivation or the probation period."""
    if step not in (Step.CULTIVATION, Step.PROBATION_EDUCATION):
        return ""
    start = candidate.steps.get(Step.ACTIVIST)
    admitted = candidate.steps.get(Step.ADMISSION)
    if step is Step.PROBATION_EDUCATION:
        start, admitted = admitted, None
    if start is None:
        return ""
    days = [
        kind
        for kind, day in candidate.records
        if day >= start.day and (admitted is None or day <= admitted.day)
    ]
    counts = [f"{kind.value}{days.count(kind)}次" for kind in RecordKind if days.count(kind)]
    return "、".join(counts) if counts else "尚无思想汇报和考察记录"


class Timeline(QScrollArea):
    """All steps of the 细则 in order; the next step is highlighted with its window."""

    edit_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.rows: dict[Step, TimelineRow] = {}
        self.general = _label(wrap=True)
        self.general.setTextFormat(Qt.TextFormat.RichText)
        self.ended = False
        self._build()

    def _build(self) -> None:
        body = QWidget()
        outer = QVBoxLayout(body)
        outer.addWidget(self.general)
        grid = QGridLayout()
        outer.addLayout(grid)  # in place first: each widget then gets its parent once, directly
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        for column, text in enumerate(HEADINGS):
            grid.addWidget(_label(text, "font-weight: bold;"), 0, column)
        for row, step in enumerate(STEPS, start=1):
            back = QFrame()
            grid.addWidget(back, row, 0, 1, len(HEADINGS))
            number = _label(step.number)
            number.setAlignment(Qt.AlignmentFlag.AlignCenter)
            name = _label(step.value, wrap=True)
            button = QPushButton("登记")
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, s=step: self.edit_requested.emit(s))
            line = TimelineRow(step, back, _label(), _label(wrap=True), _label(wrap=True), button)
            line.issues.setTextFormat(Qt.TextFormat.RichText)
            for column, widget in enumerate((number, name, line.day, line.summary, line.issues)):
                align = Qt.AlignmentFlag.AlignTop if column > 2 else Qt.AlignmentFlag.AlignVCenter
                grid.addWidget(widget, row, column, align)
            grid.addWidget(button, row, 5, Qt.AlignmentFlag.AlignVCenter)
            self.rows[step] = line
        grid.setColumnMinimumWidth(0, 34)
        grid.setColumnMinimumWidth(1, 170)
        grid.setColumnMinimumWidth(2, 86)
        grid.setColumnStretch(3, 3)
        grid.setColumnStretch(4, 4)
        outer.addStretch(1)
        self.setWidget(body)

    def set_candidate(self, candidate: CandidateView) -> None:
        """Show a candidate's steps, their issues and the next step's window."""
        nxt = candidate.next.step if candidate.next else None
        self.ended = candidate.stage.ended
        for step, line in self.rows.items():
            record = candidate.steps.get(step)
            line.day.setText(iso(record.day) if record else "")
            line.day.setStyleSheet("" if record else MUTED)
            text = step_summary(record) if record else record_counts(candidate, step)
            if step is nxt and candidate.next is not None:
                text = window_summary(candidate)
            line.summary.setText(text)
            line.summary.setStyleSheet("font-weight: bold;" if step is nxt else "")
            line.issues.setText(issues_html(candidate, step))
            line.back.setStyleSheet(NEXT_STYLE if step is nxt else DONE_STYLE)
            line.button.setText("修改" if record else "登记")
            line.button.setEnabled(not self.ended)
        general = [i for i in candidate.issues if i.step is None]
        if candidate.stage.ended:
            reason = f"：{candidate.ended_reason}" if candidate.ended_reason else ""
            self.general.setText(
                f'<b style="color:{ERROR_COLOR}">发展程序已于{iso(candidate.ended_on)}终止'
                f"（{candidate.stage.value}）{reason}</b>"
            )
        else:
            self.general.setText(
                "<br>".join(
                    f'<span style="color:{issue_color(i)}">● {i.message}</span>' for i in general
                )
            )
        self.general.setVisible(bool(self.general.text()))

    def scroll_to(self, step: Step) -> None:
        """Make a step's row visible."""
        self.ensureWidgetVisible(self.rows[step].back)
