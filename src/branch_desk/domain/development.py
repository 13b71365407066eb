"""Member development (发展党员): the 25 steps of the 细则, stages, and candidate facts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from .dates import add_months, add_years


class Stage(StrEnum):
    """Where a candidate stands; always derived from the steps, never typed."""

    APPLICANT = "申请人"
    ACTIVIST = "积极分子"
    TARGET = "发展对象"
    PROBATIONARY = "预备党员"
    FULL = "正式党员"
    REJECTED = "未通过"
    CANCELLED = "取消资格"
    WITHDRAWN = "撤回"

    @property
    def ended(self) -> bool:
        return self in (Stage.REJECTED, Stage.CANCELLED, Stage.WITHDRAWN)


class Step(StrEnum):
    """The steps of 《发展党员工作细则》 in order (公示 sits between 13 and 14)."""

    APPLICATION = "递交入党申请书"
    TALK = "党组织派人谈话"
    ACTIVIST = "确定入党积极分子"
    ACTIVIST_FILED = "上级党委备案（积极分子）"
    MENTORS = "指定培养联系人"
    CULTIVATION = "培养教育考察"
    TARGET = "确定发展对象"
    TARGET_FILED = "报上级党委备案（发展对象）"
    SPONSORS = "确定入党介绍人"
    REVIEW = "政治审查"
    TRAINING = "短期集中培训"
    COMMITTEE_REVIEW = "支部委员会审查"
    PRE_REVIEW = "上级党委预审"
    PUBLICITY = "公示"
    FORM = "填写入党志愿书"
    ADMISSION = "支部大会讨论接收"
    UPPER_TALK = "上级党委派人谈话"
    APPROVAL = "上级党委审批"
    APPROVAL_FILED = "再上一级组织部门备案"
    PLACEMENT = "编入党支部和党小组"
    OATH = "入党宣誓"
    PROBATION_EDUCATION = "继续教育考察"
    FULL_APPLICATION = "提出转正申请"
    EXTENSION = "延长预备期"
    FULL_VOTE = "支部大会讨论转正"
    FULL_APPROVAL = "上级党委审批转正"
    ARCHIVE = "材料归档"

    @property
    def number(self) -> str:
        """Return the 细则 number ('1'…'25'; '—' for 公示 and 延长预备期)."""
        return STEP_NUMBERS[self]

    @property
    def code(self) -> str:
        """Return a stable ASCII id (for exchange files and CLI)."""
        return self.name.lower()


STEPS: tuple[Step, ...] = tuple(Step)
UNNUMBERED = (Step.PUBLICITY, Step.EXTENSION)
_numbered = [s for s in STEPS if s not in UNNUMBERED]
STEP_NUMBERS = {s: str(i) for i, s in enumerate(_numbered, start=1)} | dict.fromkeys(
    UNNUMBERED, "—"
)
STEP_BY_CODE = {s.code: s for s in STEPS}

# Documents each step produces for the dossier (一人一档).
STEP_DOCUMENTS: dict[Step, tuple[str, ...]] = {
    Step.APPLICATION: ("入党申请书",),
    Step.TALK: ("谈话记录",),
    Step.ACTIVIST: ("推荐/推优表",),
    Step.CULTIVATION: ("培养考察登记表", "思想汇报"),
    Step.REVIEW: ("政审材料",),
    Step.TRAINING: ("培训结业证书",),
    Step.PRE_REVIEW: ("预审意见",),
    Step.FORM: ("入党志愿书",),
    Step.ADMISSION: ("支部大会记录",),
    Step.APPROVAL: ("审批意见",),
    Step.OATH: ("宣誓记录",),
    Step.FULL_APPLICATION: ("转正申请书",),
    Step.FULL_APPROVAL: ("转正决议与批复",),
}


class FullOutcome(StrEnum):
    """The 支部大会's decision on 转正 (an extension is its own step, 延长预备期)."""

    APPROVED = "同意转正"
    CANCEL = "取消预备党员资格"


class RecordKind(StrEnum):
    """Repeated records during cultivation and probation."""

    THOUGHT_REPORT = "思想汇报"
    ASSESSMENT = "培养考察"


@dataclass(frozen=True, slots=True)
class StepRecord:
    """A step done on a day, with its details (people, results, numbers)."""

    step: Step
    day: date
    data: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


@dataclass(frozen=True, slots=True)
class Person:
    """Someone named in a step: a member of the branch (member_id) or only a name."""

    name: str
    member_id: int | None = None


@dataclass(frozen=True, slots=True)
class CandidateIdentity:
    """Who a candidate is, as stored and as printed (gender as its text)."""

    name: str
    gender: str
    birth_date: date | None
    id_number: str
    ethnicity: str
    education: str


@dataclass(frozen=True, slots=True)
class CandidateContact(CandidateIdentity):
    """A candidate's identity with their 人员类别, phone and 工作单位."""

    category: str
    phone: str
    work_unit: str


@dataclass(frozen=True, slots=True)
class CandidateFacts:
    """Everything the development rules look at for one candidate."""

    id: int
    name: str
    birth_date: date | None
    steps: dict[Step, StepRecord]
    records: tuple[tuple[RecordKind, date], ...] = ()
    ended: Stage | None = None
    ended_on: date | None = None
    member_id: int | None = None

    def day(self, step: Step) -> date | None:
        record = self.steps.get(step)
        return record.day if record else None

    def has(self, step: Step) -> bool:
        return step in self.steps

    @property
    def probation_ends(self) -> date | None:
        """The last day of probation, any extension included; None before admission."""
        admitted = self.day(Step.ADMISSION)
        return None if admitted is None else probation_end(admitted, extension_months(self))

    def record_days(self, kind: RecordKind, start: date, end: date | None = None) -> list[date]:
        return sorted(
            d for k, d in self.records if k is kind and d >= start and (end is None or d <= end)
        )


def derive_stage(facts: CandidateFacts) -> Stage:
    """Return the stage that follows from the steps done so far."""
    if facts.ended is not None:
        return facts.ended
    vote = facts.steps.get(Step.FULL_VOTE)
    if vote is not None and vote.get("outcome") == FullOutcome.CANCEL.value:
        return Stage.CANCELLED
    if vote is not None and facts.has(Step.FULL_APPROVAL):
        return Stage.FULL
    if facts.has(Step.APPROVAL):
        return Stage.PROBATIONARY
    if facts.has(Step.TARGET):
        return Stage.TARGET
    if facts.has(Step.ACTIVIST):
        return Stage.ACTIVIST
    return Stage.APPLICANT


def probation_end(admitted: date, extension_months: int = 0) -> date:
    """Return the last day of probation: one year from the admission meeting, less one day."""
    end = add_years(admitted, 1) - timedelta(days=1)
    if extension_months:
        end = add_months(end + timedelta(days=1), extension_months) - timedelta(days=1)
    return end


def extension_months(facts: CandidateFacts) -> int:
    """Return the months probation was extended by (0 if it was not)."""
    record = facts.steps.get(Step.EXTENSION)
    return int(record.get("months") or 0) if record else 0
