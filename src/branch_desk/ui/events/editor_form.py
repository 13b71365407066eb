"""The field part of the event editor: type, 同时计为, date, time, place, people, 学时."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from ...domain.errors import Problem
from ...domain.events import SESSION_TYPES, EventRecord, EventType
from ...domain.org import OrgUnitRecord
from ..widgets.form_fields import DateEdit, ProblemLabel, show_field_problems, with_message
from .fields import AlsoCountsList, TimeEdit

LABELED = ("type", "also", "group_id", "day", "end", "place", "session", "chair", "recorder")
LABELS = (*LABELED, "lecture", "study_hours")


class EventForm(QWidget):
    """The fields of a meeting record in two columns; ``edited`` names each changed field."""

    edited = Signal(str)

    def __init__(
        self,
        groups: list[OrgUnitRecord],
        parent: QWidget | None = None,
        kinds: list[str] | tuple[str, ...] = (),
    ) -> None:
        super().__init__(parent)
        self.type = QComboBox()
        for kind in EventType:
            self.type.addItem(kind.value, kind.value)
        self.title = QLineEdit(placeholderText="可留空，列表中显示第一项议题")
        self.also = AlsoCountsList()
        self.group = QComboBox()
        for group in groups:
            self.group.addItem(group.name, group.id)
        self.day = DateEdit()
        self.day.setPlaceholderText("如 2026-06-15")
        self.start, self.end = TimeEdit(), TimeEdit()
        self.place = QLineEdit()
        self.session = QLineEdit(placeholderText="如 第三届支部委员会第五次会议")
        self.chair = QLineEdit()
        self.chair_note = QLineEdit(placeholderText="非书记主持时注明，如 受书记委托")
        self.recorder = QLineEdit()
        self.lecturer = QLineEdit()
        self.lecture_topic = QLineEdit()
        self.hours = QDoubleSpinBox(decimals=1, maximum=24.0, singleStep=0.5, suffix=" 学时")
        self.activity = QComboBox()  # 活动类别, from the setting activity.kinds
        self.activity.addItem("（不分类）", "")
        for name in kinds:
            self.activity.addItem(name, name)
        self.activity.setToolTip("年度总结按活动类别统计志愿服务、结对共建等；类别可在“设置”中修改")
        self.labels = {name: ProblemLabel() for name in LABELS}
        self.rows: dict[str, QWidget] = {}
        self._build()
        self._wire()

    def _build(self) -> None:
        left, right = QFormLayout(), QFormLayout()
        self.forms = (left, right)
        times = QHBoxLayout()
        times.setContentsMargins(0, 0, 0, 0)
        for widget in (self.start, QLabel("至"), self.end):
            times.addWidget(widget)
        times.addStretch(1)
        time_row = QWidget()
        time_row.setLayout(times)
        cells = {
            "type": ("会议类型：", self.type, left),
            "title": ("主题：", self.title, left),
            "also": ("同时计为：", self.also, left),
            "group_id": ("党小组：", self.group, left),
            "day": ("日期：", self.day, left),
            "end": ("起止时间：", time_row, left),
            "place": ("地点：", self.place, left),
            "session": ("届次：", self.session, left),
            "chair": ("主持人：", self.chair, right),
            "chair_note": ("委托说明：", self.chair_note, right),
            "recorder": ("记录人：", self.recorder, right),
            "lecturer": ("授课人：", self.lecturer, right),
            "lecture": ("党课主题：", self.lecture_topic, right),
            "study_hours": ("学时：", self.hours, right),
            "activity_kind": ("活动类别：", self.activity, right),
        }
        for name, (text, widget, form) in cells.items():
            cell = with_message(widget, self.labels[name]) if name in self.labels else widget
            self.rows[name] = cell
            form.addRow(text, cell)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 3)
        layout.addSpacing(16)
        layout.addLayout(right, 2)

    def _wire(self) -> None:
        self.type.currentIndexChanged.connect(lambda _i: self.edited.emit("type"))
        self.also.itemChanged.connect(lambda _item: self.edited.emit("also"))
        self.group.currentIndexChanged.connect(lambda _i: self.edited.emit("group_id"))
        self.day.date_changed.connect(lambda: self.edited.emit("day"))
        self.hours.valueChanged.connect(lambda _v: self.edited.emit("study_hours"))
        self.activity.currentIndexChanged.connect(lambda _i: self.edited.emit("activity_kind"))
        edits = {
            "title": self.title,
            "start": self.start,
            "end": self.end,
            "place": self.place,
            "session": self.session,
            "chair": self.chair,
            "chair_note": self.chair_note,
            "recorder": self.recorder,
            "lecturer": self.lecturer,
            "lecture": self.lecture_topic,
        }
        for name, widget in edits.items():
            widget.textEdited.connect(lambda _t, n=name: self.edited.emit(n))

    # ---- values ------------------------------------------------------------------------

    def kind(self) -> EventType:
        """Return the chosen type."""
        return EventType(self.type.currentData())

    def set_kind(self, kind: EventType) -> None:
        """Choose a type."""
        self.type.setCurrentIndex(self.type.findData(kind.value))

    def group_id(self) -> int | None:
        """Return the chosen 党小组 for a 党小组会, else None."""
        if self.kind() is not EventType.GROUP_MEETING:
            return None
        return self.group.currentData()

    def types(self) -> tuple[EventType, ...]:
        """Return the own type and the 同时计为 types."""
        return (self.kind(), *self.also.checked())

    def study_hours(self) -> Decimal:
        """Return the 学时 as a decimal with one place."""
        return Decimal(str(round(self.hours.value(), 1)))

    def update_visibility(self) -> None:
        """Show only the fields the chosen type uses."""
        kind, types = self.kind(), self.types()
        self.also.hide_type(kind)
        self._show("group_id", kind is EventType.GROUP_MEETING)
        self._show("session", kind in SESSION_TYPES)
        lecture = EventType.PARTY_LECTURE in types
        self._show("lecturer", lecture)
        self._show("lecture", lecture)
        talk = kind is EventType.HEART_TALK  # a talk names its 谈话人; no recorder, no delegation
        self._show("recorder", not talk)
        self._show("chair_note", not talk)
        label = self.forms[1].labelForField(self.rows["chair"])
        if isinstance(label, QLabel):
            label.setText("谈话人：" if talk else "主持人：")

    def _show(self, name: str, visible: bool) -> None:
        for form in self.forms:
            if form.indexOf(self.rows[name]) >= 0:
                form.setRowVisible(self.rows[name], visible)

    def set_record(self, event: EventRecord) -> None:
        """Show a stored event."""
        self.set_kind(event.type)
        self.also.set_checked(event.also)
        if event.group_id is not None:
            self.group.setCurrentIndex(max(self.group.findData(event.group_id), 0))
        self.day.set_date(event.day)
        self.start.set_value(event.start)
        self.end.set_value(event.end)
        for widget, value in (
            (self.title, event.title),
            (self.place, event.place),
            (self.session, event.session_label),
            (self.chair, event.chair),
            (self.chair_note, event.chair_note),
            (self.recorder, event.recorder),
            (self.lecturer, event.lecturer),
            (self.lecture_topic, event.lecture_topic),
        ):
            widget.setText(value)
        self.hours.setValue(float(event.study_hours))
        self.set_activity_kind(event.activity_kind)
        self.update_visibility()

    def activity_kind(self) -> str:
        """Return the chosen 活动类别 ("" when not classified)."""
        return str(self.activity.currentData() or "")

    def set_activity_kind(self, kind: str) -> None:
        """Choose a 活动类别; one no longer in the settings list is kept as it was stored."""
        if kind and self.activity.findData(kind) < 0:
            self.activity.addItem(kind, kind)
        self.activity.setCurrentIndex(max(self.activity.findData(kind), 0))

    def parse_problems(self) -> list[Problem]:
        """Return the problems of fields that cannot be read (date, times)."""
        problems = []
        if message := self.day.parse_problem():
            problems.append(Problem("day", "日期", message))
        else:
            try:
                if self.day.date() is None:
                    problems.append(Problem("day", "日期", "请填写会议日期"))
            except ValueError:
                pass
        for widget, label in ((self.start, "开始时间"), (self.end, "结束时间")):
            if message := widget.parse_problem():
                problems.append(Problem("end", label, message))
        return problems

    def day_value(self) -> date | None:
        """Return the date when it can be read, else None."""
        return None if self.day.parse_problem() else self.day.date()

    def show_problems(self, problems: list[Problem]) -> None:
        """Show each problem under its field (the lecture ones under 党课主题)."""
        show_field_problems(self.labels, problems)
