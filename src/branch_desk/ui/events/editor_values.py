"""The event editor's values: a stored event into its panels, and its panels into an EventInput.

``EditorValues`` is mixed into ``editor.py: EventDialog``, which builds the panels it names.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ...domain.events import (
    SESSION_TYPES,
    AttendanceInput,
    EventInput,
    EventRecord,
    EventType,
    VoteInput,
    split_observer,
)
from .attendance import AttendanceModel, AttendanceRow
from .editor_form import EventForm
from .editor_tabs import RecordPanel
from .grades_panel import GradesPanel
from .talk_panel import TalkPanel
from .templates import template_for
from .votes import VotesModel


def rows_of(event: EventRecord) -> list[AttendanceRow]:
    """Return a stored event's attendance as grid rows."""
    rows = []
    for line in event.attendance:
        name, standing = line.name, f"{line.party_status}党员" if line.party_status else ""
        if line.member_id is None:
            name, standing = split_observer(line.name)
        reason, note = line.reason, line.reason_text
        rows.append(AttendanceRow(name, line.status, line.member_id, reason, note, standing))
    return rows


def votes_of(event: EventRecord) -> list[VoteInput]:
    """Return a stored event's votes as editable inputs."""
    return [
        VoteInput(v.subject, v.kind, v.method, v.yes, v.no, v.abstain, v.written_yes, v.written_no)
        for v in event.votes
    ]


class EditorValues:
    """Fill the editor's panels from a stored event and read them back as typed."""

    form: EventForm
    record: RecordPanel
    votes: VotesModel
    attendance: AttendanceModel
    grades_panel: GradesPanel
    talk: TalkPanel

    def _refresh_roll(self) -> None:  # the dialog's: the roll on the form's day
        raise NotImplementedError

    def _show_stored(self, event: EventRecord) -> None:
        """Put a stored event into the form and every panel."""
        self.record.agenda.set_usual(template_for(event.type).agenda)
        self.form.set_record(event)
        self.record.agenda.set_items(event.agenda)
        self.record.minutes.setPlainText(event.minutes)
        self.record.resolutions.setPlainText(event.resolutions)
        self.votes.set_votes(votes_of(event))
        self._refresh_roll()
        self.attendance.set_rows(rows_of(event))
        self.grades_panel.set_grades(
            {a.member_id: a.grade for a in event.attendance if a.member_id}
        )
        if event.type is EventType.HEART_TALK:
            self.talk.set_record(event)

    def read(self) -> EventInput:
        """Return the event as typed (call only when the date and times can be read)."""
        form, kind = self.form, self.form.kind()
        lecture = EventType.PARTY_LECTURE in form.types()
        day = form.day.date()
        assert day is not None
        if kind is EventType.HEART_TALK:
            return self._read_talk(day)
        return EventInput(
            type=kind,
            day=day,
            also=form.also.checked(),
            group_id=form.group_id(),
            title=form.title.text(),
            start=form.start.value(),
            end=form.end.value(),
            place=form.place.text(),
            session_label=form.session.text() if kind in SESSION_TYPES else "",
            chair=form.chair.text(),
            chair_note=form.chair_note.text(),
            recorder=form.recorder.text(),
            lecturer=form.lecturer.text() if lecture else "",
            lecture_topic=form.lecture_topic.text() if lecture else "",
            agenda=self.record.agenda.items(),
            minutes=self.record.minutes.toPlainText(),
            resolutions=self.record.resolutions.toPlainText(),
            study_hours=form.study_hours(),
            attendance=self._attendance_inputs(kind),
            votes=self.votes.votes(),
            activity_kind=form.activity_kind(),
        )

    def _attendance_inputs(self, kind: EventType) -> tuple[AttendanceInput, ...]:
        """Return the grid as inputs; a 民主评议党员 carries each 正式党员's grade."""
        lines = self.attendance.inputs()
        if kind is not EventType.EVALUATION:
            return lines
        grades = self.grades_panel.grades()
        return tuple(replace(a, grade=grades.get(a.member_id or 0, "")) for a in lines)

    def _read_talk(self, day: date) -> EventInput:
        """Return a 谈心谈话 as typed: the people and what was said, nothing of a meeting."""
        form, talker = self.form, self.form.chair.text()
        return EventInput(
            type=EventType.HEART_TALK,
            day=day,
            also=form.also.checked(),
            title=form.title.text(),
            start=form.start.value(),
            end=form.end.value(),
            place=form.place.text(),
            chair=talker,
            recorder=talker,
            minutes=self.talk.content.toPlainText(),
            study_hours=form.study_hours(),
            attendance=self.talk.people(talker),
        )
