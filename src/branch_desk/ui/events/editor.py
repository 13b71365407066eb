"""The event editor: one dialog to record a meeting quickly and correctly.

A new event starts from its type's template (学时, 主持人, 记录人; its usual 议题 only as a
hint with a button to fill them in) and the attendance grid is listed from the roster whenever
type, date or 党小组 change (asking before it overwrites edits). Problems from ``desk.events.check`` show inline; 保存 is refused while
any is an error.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QLabel, QTabWidget, QWidget

from ...domain.errors import Problem, UserError
from ...domain.events import EventInput, EventRecord, EventType, VoteInput
from ...domain.rules.votes import VoteAssessment
from ...services.outcome import Outcome
from .. import messages
from ..context import UiContext
from ..dialog_guard import EditorDialog
from ..widgets.form_fields import ERROR_COLOR, ok_cancel
from ..widgets.layouts import dialog_stack
from ..widgets.settings import ui_settings
from .attachments import AttachmentsPanel
from .attendance import AttendanceModel, AttendanceRow
from .editor_form import EventForm
from .editor_tabs import AttendancePanel, RecordPanel
from .editor_values import EditorValues
from .grades_panel import GradesPanel
from .live_checks import form_findings
from .talk_panel import TalkPanel
from .templates import default_chair, default_recorder, template_for
from .votes import VotesModel, VotesPanel
from .voting_preview import RollFacts, roll_facts, vote_verdict

CHECK_DELAY_MS = 250
ROLL_DELAY_MS = 400
REFILL_QUESTION = "参会人员名单已有修改，按名册重新生成将覆盖这些修改。\n是否重新生成？"


class EventDialog(EditorDialog, EditorValues):
    """Record a new event (``event`` None) or edit one; saves through the event service."""

    def __init__(
        self,
        ctx: UiContext,
        event: EventRecord | None = None,
        kind: EventType = EventType.BRANCH_ASSEMBLY,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.original = ctx, event
        self.outcome: Outcome[EventRecord] | None = None
        self.officers = ctx.desk.org.officers(ctx.unit_id)
        self.members = ctx.desk.roster.list(ctx.unit_id)
        kinds = ctx.desk.settings.values(ctx.unit_id).items("activity.kinds")
        self.form = EventForm(ctx.desk.org.groups(ctx.unit_id), kinds=kinds)
        self.attendance = AttendanceModel(self)
        self.votes = VotesModel(self)
        self.attendance_panel = AttendancePanel(self.attendance)
        self.record = RecordPanel()
        self.votes_panel = VotesPanel(self.votes)
        self.attachments = AttachmentsPanel(ctx, event.id if event else None)
        self.talk = TalkPanel(self.members)
        self.grades_panel = GradesPanel(self.attendance)
        self.tabs = QTabWidget()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.buttons = ok_cancel("保存")
        self.facts: RollFacts | None = None
        self._auto: dict[str, Any] = {}
        self._check_timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._roll_timer = QTimer(self, singleShot=True, interval=ROLL_DELAY_MS)
        self._build()
        self._load(kind)
        self._wire()
        self.validate()

    @property
    def is_new(self) -> bool:
        """Tell whether the dialog records a new event."""
        return self.original is None

    def _build(self) -> None:
        self.setWindowTitle("编辑会议记录" if self.original else "新建会议记录")
        self.tabs.addTab(self.attendance_panel, "参会人员")
        self.tabs.addTab(self.record, "议题与记录")
        self.tabs.addTab(self.votes_panel, "表决")
        self.tabs.addTab(self.talk, "谈话")
        self.tabs.addTab(self.grades_panel, "评议结果")
        self.tabs.addTab(self.attachments, "附件")
        dialog_stack(self, self.form, (self.tabs, 1), self.summary, buttons=self.buttons)
        self.resize(1040, 760)
        geometry = self._settings().value("event_editor/geometry")
        if geometry:
            self.restoreGeometry(geometry)

    def _load(self, kind: EventType) -> None:
        self.votes.judge = self._judge
        if self.original is None:
            self.form.set_kind(kind)
            self.form.day.set_date(self.ctx.desk.roster.today())
            self.form.update_visibility()
            self._show_kind_tabs()
            self._apply_template()
            self._refresh_roll()
            self.refill(ask=False)
            return
        self._show_stored(self.original)
        self._show_kind_tabs()

    def _wire(self) -> None:
        self._check_timer.timeout.connect(self.validate)
        self._roll_timer.timeout.connect(self._day_settled)
        self.form.edited.connect(self._edited)
        self.attendance.counts_changed.connect(self.votes.refresh_verdicts)
        self.attendance.counts_changed.connect(self._check_timer.start)
        self.votes.dataChanged.connect(lambda *_a: self._check_timer.start())
        self.votes.rowsInserted.connect(lambda *_a: self._check_timer.start())
        self.votes.rowsRemoved.connect(lambda *_a: self._check_timer.start())
        self.record.agenda.changed.connect(self._check_timer.start)
        self.record.resolutions.textChanged.connect(self._check_timer.start)
        self.talk.edited.connect(self._check_timer.start)
        self.grades_panel.edited.connect(self._check_timer.start)
        self.attendance_panel.refill_button.clicked.connect(lambda: self.refill(ask=True))

    # ---- reacting to edits -------------------------------------------------------------

    def _show_kind_tabs(self) -> None:
        """A 谈心谈话 shows its 谈话 tab instead of attendance, record and votes."""
        talk = self.is_talk
        for panel in (self.attendance_panel, self.record, self.votes_panel):
            self.tabs.setTabVisible(self.tabs.indexOf(panel), not talk)
        self.tabs.setTabVisible(self.tabs.indexOf(self.talk), talk)
        appraisal = self.form.kind() is EventType.EVALUATION
        self.grades_panel.set_in_use(appraisal)
        self.tabs.setTabVisible(self.tabs.indexOf(self.grades_panel), appraisal)
        if talk and self.tabs.currentWidget() is not self.talk:
            self.tabs.setCurrentWidget(self.talk)
        elif not talk and self.tabs.currentWidget() is self.talk:
            self.tabs.setCurrentWidget(self.attendance_panel)

    @property
    def is_talk(self) -> bool:
        """Tell whether the record is a 谈心谈话 (its own form)."""
        return self.form.kind() is EventType.HEART_TALK

    def _edited(self, name: str) -> None:
        if name in ("type", "also"):
            self.form.update_visibility()
            self._show_kind_tabs()
        if name == "type" and self.is_new:
            self._apply_template()
            self.refill(ask=True)
        elif name == "group_id" and self.is_new:
            self._apply_people()
            self.refill(ask=True)
        elif name == "day":
            self._roll_timer.start()
        self._check_timer.start()

    def _day_settled(self) -> None:
        if self.form.day_value() is None:
            return
        self._refresh_roll()
        if self.is_new:
            self._apply_people()
            self.refill(ask=True)

    def _refresh_roll(self) -> None:
        day = self.form.day_value()
        if day is not None and (self.facts is None or self.facts.day != day):
            self.facts = roll_facts(self.ctx.desk, self.ctx.unit_id, day)
            self.votes.refresh_verdicts()

    def _fill(self, key: str, value: Any, current: Any, setter: Callable[[Any], None]) -> None:
        """Set a field from the template unless the user has typed something of their own."""
        if current in ("", (), 0.0, None) or current == self._auto.get(key):
            setter(value)
            self._auto[key] = value

    def _apply_template(self) -> None:
        template = template_for(self.form.kind())
        self.record.agenda.set_usual(template.agenda)  # a hint and a button, never filled in
        hours = float(template.hours)
        self._fill("hours", hours, self.form.hours.value(), self.form.hours.setValue)
        self.form.lecture_topic.setPlaceholderText(template.lecture_topic or "如 学习贯彻全会精神")
        self._fill("place", template.place, self.form.place.text(), self.form.place.setText)
        self._apply_people()

    def _apply_people(self) -> None:
        day = self.form.day_value()
        if day is None:
            return
        group = self.form.group.currentText()
        chair = default_chair(self.officers, day, self.form.kind(), group, self.members)
        self._fill("chair", chair, self.form.chair.text(), self.form.chair.setText)
        recorder = default_recorder(self.officers, day)
        self._fill("recorder", recorder, self.form.recorder.text(), self.form.recorder.setText)

    def refill(self, ask: bool = True) -> bool:
        """List the expected people from the roster again; ask first when edits would be lost."""
        day = self.form.day_value()
        if day is None:
            return False
        if (
            ask
            and self.attendance.edited
            and not messages.confirm(self, REFILL_QUESTION, yes="重新生成")
        ):
            return False
        self._refresh_roll()
        kind, group_id = self.form.kind(), self.form.group_id()
        if kind is EventType.GROUP_MEETING and group_id is None:
            return False
        expected = self.ctx.desk.events.expected(self.ctx.unit_id, kind, day, group_id)
        standing = self.facts.standing if self.facts else (lambda _m: "")
        rows = [
            AttendanceRow(a.name, a.status, a.member_id, standing=standing(a.member_id))
            for a in expected
        ]
        rows += [r for r in self.attendance.rows() if r.member_id is None]
        self.attendance.set_rows(rows)
        return True

    def _judge(self, vote: VoteInput) -> VoteAssessment | None:
        if self.facts is None:
            return None
        return vote_verdict(vote, self.form.kind(), self.facts, self.attendance.rows())

    # ---- reading and checking ----------------------------------------------------------

    def validate(self) -> list[Problem]:
        """Check now; show errors (red) and record warnings (orange) inline."""
        problems = self.form.parse_problems()
        if not problems:
            data = self.read()
            try:
                problems += self.ctx.desk.events.check(self.ctx.unit_id, data)
            except UserError as exc:
                problems.append(Problem("", "", exc.message))
            problems += self.live_findings(data)
            if self.is_talk and not self.talk.names():
                problems.append(Problem("talk", "谈话对象", "请填写谈话对象"))
        self.form.show_problems(problems)
        self.talk.problems.show_problems(p for p in problems if p.field in ("talk", "attendance"))
        self.attendance_panel.problems.show_problems(p for p in problems if p.field == "attendance")
        self.record.problems.show_problems(p for p in problems if p.field == "resolutions")
        self.votes_panel.problems.show_problems(p for p in problems if p.field == "votes")
        self.grades_panel.problems.show_problems(p for p in problems if p.field == "grades")
        self._show_summary(problems)
        return problems

    def live_findings(self, data: EventInput) -> list[Problem]:
        """Return what the record check will flag later, as warnings that still allow saving."""
        self._refresh_roll()
        entitled = self.facts.entitled_ids if self.facts else frozenset()
        period = self.ctx.desk.checks.assembly_period(self.ctx.unit_id)
        rows = self.attendance.rows()
        return form_findings(data, rows, self._judge, self.officers, entitled, period)

    def _show_summary(self, problems: list[Problem]) -> None:
        errors = [p for p in problems if p.is_error]
        warnings = len(problems) - len(errors)
        if errors:
            listed = "；".join(p.describe() for p in errors)
            text = f"有{len(errors)}处错误，改正后才能保存：{listed}"
            self.summary.setStyleSheet(f"color: {ERROR_COLOR};")
        elif warnings:
            text = f"有{warnings}处提示（可以保存，但检查时会列为记录问题）。"
            self.summary.setStyleSheet("color: #e67e00;")
        else:
            text = ""
        self.summary.setText(text)
        self.summary.setVisible(bool(text))

    # ---- saving ------------------------------------------------------------------------

    def accept(self) -> None:
        """Save when there is no error; otherwise stay open with the problems shown."""
        self._check_timer.stop()
        self._roll_timer.stop()
        self._refresh_roll()
        if any(p.is_error for p in self.validate()):
            return
        data = self.read()
        events = self.ctx.desk.events
        original = self.original
        self.outcome = messages.inline_call(
            self,
            lambda: (
                events.add(self.ctx.unit_id, data)
                if original is None
                else events.update(original.id, data)
            ),
            self._refused,
        )
        if self.outcome is None:
            return
        self.ctx.apply(self.outcome)
        if self.is_new:
            self.attachments.attach_pending(self.outcome.value.id)
        super().accept()

    def _refused(self, problems: Sequence[Problem]) -> None:
        self.form.show_problems(problems)
        self._show_summary(problems)

    def done(self, result: int) -> None:
        """Remember the dialog's size, then close."""
        self._settings().setValue("event_editor/geometry", self.saveGeometry())
        super().done(result)

    def _settings(self) -> QSettings:
        return ui_settings(self.ctx.desk)
