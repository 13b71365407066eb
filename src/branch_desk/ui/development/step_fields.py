"""The detail fields of each development step (people, results, numbers), as one widget."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from ...domain.development import FullOutcome, Step
from ...domain.errors import Problem
from ...domain.events import VoteMethod
from ...domain.members import MemberRecord
from ...domain.rules.development_admission import approver_problem
from ...domain.rules.development_early import people_count_problem
from ...domain.rules.votes import VoteAssessment, judge_step_vote
from ...domain.workdays import count_workdays
from ..widgets.form_fields import DateEdit, ProblemLabel, choice_combo, select_data, with_message
from .people import PeoplePicker

NOTE_STYLE = "color: #666;"
APPROVER_KINDS = ("基层党委", "党委", "党总支")
APPROVER_RULE = "审批预备党员须由基层党委（党委）进行，党总支无权审批。"
PEOPLE_HINTS = {
    Step.TALK: "谈话人（可留空）",
    Step.MENTORS: "培养联系人：1至2名正式党员",
    Step.SPONSORS: "入党介绍人：2名正式党员，不得为受留党察看处分者",
}
VOTE_KEYS = ("entitled", "present_voting", "yes", "no", "abstain", "written_yes")
VOTE_LABELS = ("应到会有表决权", "实到会有表决权", "赞成", "反对", "弃权", "书面意见赞成")
NO_VOTES = "请填写应到、实到人数和票数（未填写时只登记表决方式）。"
DAY_CAPTIONS = {Step.PUBLICITY: "公示开始日期：", Step.ADMISSION: "会议日期："}


def _spin(maximum: int = 999, minimum: int = 0) -> QSpinBox:
    box = QSpinBox()
    box.setRange(minimum, maximum)
    box.setMinimumWidth(80)
    return box


FIELD_ROWS: dict[Step, tuple[tuple[str, str], ...]] = {
    Step.REVIEW: (("政审结论：", "conclusion"),),
    Step.TRAINING: (("培训天数：", "days"), ("培训学时：", "hours"), ("结业证书：", "certificate")),
    Step.PUBLICITY: (("公示结束日期：", "end"), ("", "workdays")),
    Step.PRE_REVIEW: (("预审意见：", "result"),),
    Step.APPROVAL: (
        ("审批组织：", "approver"),
        ("组织类别：", "approver_kind"),
        ("", "rule"),
        ("批复文号：", "ref"),
        ("", "approved"),
    ),
    Step.EXTENSION: (("延长期限（月）：", "months"), ("延长原因：", "reasons")),
    Step.FULL_APPROVAL: (("批复文号：", "ref"),),
}
"""The form rows of a step's own details (label, attribute), for steps without people or votes."""


class StepFields(QWidget):
    """The fields a step records; ``edited`` fires on every change."""

    edited = Signal()

    def __init__(
        self,
        step: Step,
        members: Sequence[MemberRecord],
        overrides: Mapping[date, bool] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.step, self.overrides = step, dict(overrides or {})
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.start: date | None = None
        self.problem = ProblemLabel()
        self.people = PeoplePicker(members) if step in PEOPLE_HINTS else None
        self.conclusion = choice_combo(("合格", "不合格"), blank="")
        self.days = _spin(60)
        self.hours = QDoubleSpinBox(decimals=1, maximum=999.0, singleStep=1.0, suffix=" 学时")
        self.certificate = QLineEdit(placeholderText="结业证书编号，可留空")
        self.end = DateEdit()
        self.end.setPlaceholderText("必填，如 2024-10-08")
        self.workdays = QLabel()
        self.result = choice_combo(("同意", "不同意"), blank="")
        self.method = choice_combo((m.value for m in VoteMethod), blank=None)
        self.votes = {key: _spin() for key in VOTE_KEYS}
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.outcome = choice_combo((o.value for o in FullOutcome), blank=None)
        self.approver = QLineEdit(placeholderText="如 某某机关委员会")
        self.approver_kind = choice_combo(APPROVER_KINDS, blank=None)
        self.rule = QLabel(APPROVER_RULE)
        self.ref = QLineEdit(placeholderText="批复文号，可留空")
        self.approved = QCheckBox("同意接收为预备党员")
        self.approved.setChecked(True)
        self.months = _spin(12, 6)
        self.reasons = QPlainTextEdit()
        self.reasons.setFixedHeight(60)
        self._build()
        self._wire()
        self.refresh()

    def _build(self) -> None:
        step, add = self.step, self.form.addRow
        if self.people is not None:
            hint = QLabel(PEOPLE_HINTS[step])
            hint.setStyleSheet(NOTE_STYLE)
            add("人员：", self.people)
            add("", hint)
        elif step in (Step.ADMISSION, Step.FULL_VOTE):
            if step is Step.FULL_VOTE:
                add("转正决定：", self.outcome)
            add("表决方式：", self.method)
            for key, label in zip(VOTE_KEYS, VOTE_LABELS, strict=True):
                add(f"{label}：", self.votes[key])
            add("表决结果：", self.verdict)
        elif step in FIELD_ROWS:
            for label, name in FIELD_ROWS[step]:
                add(label, getattr(self, name))
        else:
            note = QLabel("本步骤只需登记日期。")
            note.setStyleSheet(NOTE_STYLE)
            add("", note)
        add("", with_message(QWidget(), self.problem))
        self.rule.setWordWrap(True)
        select_data(self.method, VoteMethod.SECRET_BALLOT.value)
        select_data(self.approver_kind, "基层党委")

    def _wire(self) -> None:
        emit = self.edited.emit
        if self.people is not None:
            self.people.changed.connect(emit)
        for combo in (self.conclusion, self.result, self.method, self.outcome, self.approver_kind):
            combo.currentIndexChanged.connect(lambda _i: emit())
        for box in (self.days, self.months, *self.votes.values()):
            box.valueChanged.connect(lambda _v: emit())
        self.hours.valueChanged.connect(lambda _v: emit())
        for line in (self.certificate, self.approver, self.ref):
            line.textChanged.connect(lambda _t: emit())
        self.end.date_changed.connect(emit)
        self.approved.toggled.connect(lambda _c: emit())
        self.reasons.textChanged.connect(emit)
        self.edited.connect(self.refresh)

    # ---- values ------------------------------------------------------------------------

    def set_data(self, data: Mapping[str, Any]) -> None:
        """Show a step's stored details."""
        if self.people is not None:
            self.people.set_people(data.get("people", []))
        select_data(self.conclusion, str(data.get("conclusion", "")))
        self.days.setValue(int(data.get("days") or 0))
        self.hours.setValue(float(data.get("hours") or 0))
        self.certificate.setText(str(data.get("certificate", "")))
        self.end.setText(str(data.get("end", "")))
        select_data(self.result, str(data.get("result", "")))
        select_data(self.method, str(data.get("method") or VoteMethod.SECRET_BALLOT.value))
        for key, box in self.votes.items():
            box.setValue(int(data.get(key) or 0))
        select_data(self.outcome, str(data.get("outcome", FullOutcome.APPROVED.value)))
        self.approver.setText(str(data.get("approver", "")))
        select_data(self.approver_kind, str(data.get("approver_kind") or "基层党委"))
        self.ref.setText(str(data.get("ref", "")))
        self.approved.setChecked(data.get("approved") is not False)
        self.months.setValue(int(data.get("months") or 6))
        self.reasons.setPlainText(str(data.get("reasons", "")))
        self.refresh()

    def data(self) -> dict[str, Any]:
        """Return the details as the service stores them."""
        step = self.step
        if self.people is not None:
            people = self.people.people()
            return {"people": people} if people or step is not Step.TALK else {}
        if step is Step.REVIEW:
            return {"conclusion": self.conclusion.currentData()}
        if step is Step.TRAINING:
            text = self.certificate.text().strip()
            return {"days": self.days.value(), "hours": round(self.hours.value(), 1)} | (
                {"certificate": text} if text else {}
            )
        if step is Step.PUBLICITY:
            return {"end": self.end.text().strip()}
        if step is Step.PRE_REVIEW:
            return {"result": self.result.currentData()}
        if step in (Step.ADMISSION, Step.FULL_VOTE):
            found: dict[str, Any] = {"method": self.method.currentData()}
            if self.votes["entitled"].value():
                found |= {key: box.value() for key, box in self.votes.items()}
                found["passed"] = self._vote_verdict().passed
            if step is Step.FULL_VOTE:
                found["outcome"] = self.outcome.currentData()
            return found
        if step is Step.APPROVAL:
            return {
                "approver": self.approver.text().strip(),
                "approver_kind": self.approver_kind.currentData(),
                "ref": self.ref.text().strip(),
                "approved": self.approved.isChecked(),
            }
        if step is Step.EXTENSION:
            return {"months": self.months.value(), "reasons": self.reasons.toPlainText().strip()}
        if step is Step.FULL_APPROVAL:
            return {"ref": self.ref.text().strip()} if self.ref.text().strip() else {}
        return {}

    def _vote_verdict(self) -> VoteAssessment:
        numbers = {key: box.value() for key, box in self.votes.items()}
        return judge_step_vote(self.step is Step.ADMISSION, numbers, self.method.currentData())

    # ---- checking ----------------------------------------------------------------------

    def set_start(self, start: date | None) -> None:
        """Tell the fields the step's date (公示 counts working days from it)."""
        self.start = start
        self.refresh()

    def problems(self) -> list[Problem]:
        """Return what is wrong with the fields (errors block saving, warnings do not)."""
        found: list[Problem] = []
        step = self.step
        if step is Step.REVIEW and not self.conclusion.currentData():
            found.append(Problem("conclusion", "政审结论", "请选择政审结论"))
        if step is Step.PUBLICITY:
            if message := self.end.parse_problem():
                found.append(Problem("end", "公示结束日期", message))
            elif self.end.date() is None:
                found.append(Problem("end", "公示结束日期", "请填写公示结束日期"))
        if step in (Step.ADMISSION, Step.FULL_VOTE) and self.votes["entitled"].value():
            found += [Problem("votes", "表决", p) for p in self._vote_verdict().problems]
        approver = self.approver_kind.currentData() if step is Step.APPROVAL else ""
        if message := approver_problem(approver or ""):
            found.append(Problem("approver_kind", "组织类别", message, "warning"))
        named = len(self.people.people()) if self.people is not None else 0
        if step in (Step.MENTORS, Step.SPONSORS) and (message := people_count_problem(step, named)):
            label = "培养联系人" if step is Step.MENTORS else "入党介绍人"
            found.append(Problem("people", label, message, "warning"))
        return found

    def refresh(self) -> None:
        """Update the verdict, the working-day count and the inline messages."""
        if self.step in (Step.ADMISSION, Step.FULL_VOTE):
            counted = self.votes["entitled"].value()
            self.verdict.setText(self._vote_verdict().verdict if counted else NO_VOTES)
        if self.step is Step.PUBLICITY:
            self.workdays.setText(self._workday_text())
        danger = self.approver_kind.currentData() == "党总支"
        self.rule.setStyleSheet("color: #c62828; font-weight: bold;" if danger else NOTE_STYLE)
        self.problem.show_problems(self.problems())

    def _workday_text(self) -> str:
        if self.start is None or self.end.parse_problem() or self.end.date() is None:
            return "公示期应不少于5个工作日（按国家法定节假日和调休计算）"
        end = self.end.date()
        assert end is not None
        counted = count_workdays(self.start, end, self.overrides)
        text = f"共{counted.days}个工作日"
        if counted.guessed_years:
            years = "、".join(str(y) for y in sorted(counted.guessed_years))
            text += f"（{years}年节假日未收录，暂按周一至周五计算，可在“设置”中录入）"
        return text
