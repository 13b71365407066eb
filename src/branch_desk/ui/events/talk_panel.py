"""The 谈话 tab of the event editor: a 谈心谈话 is its own record, not a meeting.

It names who talked with whom and what was said; there is no 应到, 缺席, 表决 or 决议. The
谈话人 is the form's first person field (labelled 谈话人 for a talk); the 谈话对象 are typed
here, separated by 、 or commas, and stored as the people present.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from ...domain.events import AttendanceInput, AttendanceStatus, EventRecord
from ...domain.members import MemberRecord
from ..widgets.form_fields import ProblemLabel

_SPLIT = re.compile(r"[、，,；;\s]+")
HINT = "谈话对象可填一人或多人，以“、”分隔；本支部党员按姓名自动关联。"


class TalkPanel(QWidget):
    """谈话对象 and 谈话内容 of a 谈心谈话; ``edited`` fires on every change."""

    edited = Signal()

    def __init__(self, members: Sequence[MemberRecord], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.members = {m.name: m.id for m in members}
        self.partners = QLineEdit(placeholderText="如：李四、王五")
        self.content = QPlainTextEdit()
        self.content.setPlaceholderText("谈话的主要内容：思想、工作、生活情况，意见建议……")
        self.problems = ProblemLabel()
        hint = QLabel(HINT)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666;")
        form = QFormLayout(self)
        form.addRow("谈话对象：", self.partners)
        form.addRow("", hint)
        form.addRow("谈话内容：", self.content)
        form.addRow(self.problems)
        self.partners.textEdited.connect(lambda _t: self.edited.emit())
        self.content.textChanged.connect(self.edited.emit)

    def names(self) -> list[str]:
        """Return the 谈话对象 as typed, in order, each once."""
        parts = (p.strip() for p in _SPLIT.split(self.partners.text()))
        return list(dict.fromkeys(p for p in parts if p))

    def people(self, talker: str) -> tuple[AttendanceInput, ...]:
        """Return the 谈话人 and the 谈话对象 as the people present (members linked by name)."""
        names = [talker.strip()] if talker.strip() else []
        names += [n for n in self.names() if n not in names]
        present = AttendanceStatus.PRESENT
        return tuple(AttendanceInput(n, present, self.members.get(n)) for n in names)

    def set_record(self, event: EventRecord) -> None:
        """Show a stored talk: everyone but the 谈话人 is a 谈话对象."""
        others = [a.name for a in event.attendance if a.name != event.chair]
        self.partners.setText("、".join(others))
        self.content.setPlainText(event.minutes)
