"""The columns of a development ledger (发展党员台账), how their cells read, a row's problems.

Each step has one date column (several accepted names); a few steps bring companion columns
(培训天数, 政审结论 …). ``RowState`` gathers the problems of one row as it is read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ...domain.development import Step
from ...domain.text import squeeze
from ..roster import import_columns as roster
from ..sheets.cells import CellError, date_cell, text_cell
from ..sheets.reader import CellProblem, SheetTable

# The person's columns read as in the roster (姓名, 性别 … 党小组), then 备注.
IDENTITY_FIELDS = ("name", "gender", "birth_date", "id_number", "ethnicity", "education",
                   "category", "work_unit", "phone", "group", "notes")  # fmt: skip
_PERSON = [key for key in IDENTITY_FIELDS if key in roster.PERSON_FIELDS]
READERS: dict[str, Callable[[object], Any]] = {
    **{key: roster.READERS[key] for key in _PERSON},
    "notes": text_cell,
}
ALIASES: dict[str, tuple[str, ...]] = {
    # identity
    **{key: roster.ALIASES[key] for key in _PERSON},
    "notes": ("备注",),
    # steps
    "application": ("入党申请时间", "递交申请书时间", "递交入党申请书时间", "申请入党时间",
                    "入党申请书递交时间", "递交入党申请书日期", "申请时间"),
    "talk": ("谈话时间", "谈话日期", "党组织派人谈话时间", "入党谈话时间"),
    "activist": ("确定积极分子时间", "列为积极分子时间", "确定入党积极分子时间",
                 "列为入党积极分子时间", "确定为入党积极分子时间"),
    "mentors_day": ("指定培养联系人时间", "确定培养联系人时间"),
    "mentors": ("培养联系人", "培养人"),
    "target": ("确定发展对象时间", "列为发展对象时间", "确定为发展对象时间"),
    "sponsors_day": ("确定入党介绍人时间",),
    "sponsors": ("入党介绍人", "介绍人"),
    "review": ("政审时间", "政治审查时间", "政审日期"),
    "review_conclusion": ("政审结论", "政治审查结论", "政审结果"),
    "training": ("培训时间", "集中培训时间", "短期集中培训时间", "培训日期", "培训起止时间",
                 "培训起止日期", "集中培训起止时间", "参加集中培训时间", "参加短期集中培训时间",
                 "参加培训时间", "短期集中培训", "集中培训"),
    "training_days": ("培训天数", "集中培训天数"),
    "training_hours": ("培训学时", "学时", "集中培训学时", "培训课时"),
    "committee_review": ("支委会审查时间", "支部委员会审查时间"),
    "pre_review": ("预审时间", "上级党委预审时间", "党委预审时间"),
    "publicity_start": ("公示开始", "公示开始时间", "公示开始日期"),
    "publicity_end": ("公示结束", "公示结束时间", "公示结束日期"),
    "publicity": ("公示时间", "公示期", "公示日期", "公示起止时间"),
    "form": ("填写入党志愿书时间", "填写志愿书时间"),
    "admission": ("支部大会时间", "支部大会讨论时间", "支部大会讨论接收时间", "接收预备党员时间",
                  "入党时间"),
    "upper_talk": ("上级党委谈话时间", "党委谈话时间"),
    "approval": ("审批时间", "上级党委审批时间", "党委审批时间"),
    "oath": ("入党宣誓时间", "宣誓时间"),
    "full_application": ("转正申请时间", "提出转正申请时间", "递交转正申请时间"),
    "full_vote": ("转正讨论时间", "支部大会讨论转正时间", "讨论转正时间"),
    "full_date": ("转正时间", "转正日期"),
    "full_approval": ("转正审批时间", "上级党委审批转正时间"),
}  # fmt: skip
LABELS = {key: names[0] for key, names in ALIASES.items()}

# Columns that are just a date for one step, with the details that step records by default.
DATE_STEPS: dict[str, tuple[Step, dict[str, Any]]] = {
    "application": (Step.APPLICATION, {}),
    "talk": (Step.TALK, {}),
    "activist": (Step.ACTIVIST, {}),
    "target": (Step.TARGET, {}),
    "committee_review": (Step.COMMITTEE_REVIEW, {}),
    "pre_review": (Step.PRE_REVIEW, {}),
    "form": (Step.FORM, {}),
    "admission": (Step.ADMISSION, {"passed": True}),
    "upper_talk": (Step.UPPER_TALK, {}),
    "approval": (Step.APPROVAL, {}),
    "oath": (Step.OATH, {}),
    "full_application": (Step.FULL_APPLICATION, {}),
}
# Names of people: the step, the column with its own date, and the step whose date it falls back to.
PEOPLE_STEPS: dict[str, tuple[Step, str, Step]] = {
    "mentors": (Step.MENTORS, "mentors_day", Step.ACTIVIST),
    "sponsors": (Step.SPONSORS, "sponsors_day", Step.TARGET),
}
# Why a filled cell of a recognised column was not imported (a 提示 names it in the preview).
UNUSED_REASONS: dict[str, str] = {
    "training_days": "已填写，但该行未填写培训时间，未导入",
    "training_hours": "已填写，但该行未填写培训时间，未导入",
    "review_conclusion": "已填写，但该行未填写政审时间，未导入",
    "mentors_day": "已填写，但该行未填写培养联系人，未导入",
    "sponsors_day": "已填写，但该行未填写入党介绍人，未导入",
    "publicity": "已按“公示开始”“公示结束”两列导入，该格未导入",
}
# Columns that only mean something next to another column: (column, the column it needs).
NEEDS_COLUMN: tuple[tuple[str, str], ...] = (
    ("training_days", "training"),
    ("training_hours", "training"),
    ("review_conclusion", "review"),
    ("mentors_day", "mentors"),
    ("sponsors_day", "sponsors"),
)
# The columns imported together with a step's own column.
COMPANIONS: dict[str, tuple[str, ...]] = {
    "training": ("training_days", "training_hours"),
    "review": ("review_conclusion",),
    "publicity_start": ("publicity_end",),
    "mentors": ("mentors_day",),
    "sponsors": ("sponsors_day",),
}
NAME_SPLIT = re.compile(r"[、，,；;/\s]+")
_RANGE_SPLIT = re.compile(r"至|到|~|～|—+|–|-{2,}")
_FULL_DATE = re.compile(r"^\d{4}\D\d{1,2}\D\d{1,2}\D?$")
_NUMBER = re.compile(r"^(\d+(?:\.\d+)?)(?:天|日|学时|小时|课时)?$")


@dataclass(slots=True)
class RowState:
    """The problems of one row as it is read; a column reports only its first problem."""

    number: int
    table: SheetTable
    problems: list[CellProblem] = field(default_factory=list)
    used: set[str] = field(default_factory=set)

    def column(self, key: str) -> str:
        return self.table.column(key, LABELS.get(key, key))

    def error(self, key: str, message: str, severity: str = "error") -> None:
        column = self.column(key)
        if severity == "error" and self.failed(key):
            return
        self.problems.append(CellProblem(self.number, column, message, severity))  # type: ignore[arg-type]

    def failed(self, key: str) -> bool:
        column = self.column(key)
        return any(p.column == column and p.is_error for p in self.problems)


def read_date(state: RowState, values: Any, key: str) -> date | None:
    try:
        return date_cell(values.get(key))
    except CellError as exc:
        state.error(key, str(exc))
        return None


def number_cell(value: object, kind: type) -> Any:
    text = squeeze(text_cell(value))
    if not text:
        return None
    match = _NUMBER.match(text)
    if match is None:
        raise CellError(f"“{text}”不是有效的数字")
    number = float(match.group(1))
    if kind is int:
        if not number.is_integer():
            raise CellError(f"“{text}”应为整数天数")
        return int(number)
    return number


def range_cell(value: object) -> tuple[date, date | None] | None:
    """Read one date, or a span like 2024-09-27至2024-10-08 / 2024.9.27-10.8 / 9月27日至10月8日."""
    if value is None or not isinstance(value, str):
        day = date_cell(value)
        return (day, None) if day else None
    text = squeeze(value)
    if not text:
        return None
    parts = _RANGE_SPLIT.split(text)
    if len(parts) == 1:
        for i in (i for i, c in enumerate(text) if c == "-"):
            head, tail = text[:i], text[i + 1 :]
            if not (_FULL_DATE.match(head) and tail):
                continue
            try:
                start, end = date_cell(head), end_date(tail, date_cell(head))
            except CellError:
                continue
            if start is not None and end is not None:
                return start, end
        day = date_cell(text)
        return (day, None) if day else None
    if len(parts) != 2:
        raise CellError(f"“{value.strip()}”无法识别为起止日期（如 2024-09-27至2024-10-08）")
    start = date_cell(parts[0])
    if start is None:
        raise CellError(f"“{value.strip()}”缺少开始日期")
    end = end_date(parts[1], start)
    if end is None:
        raise CellError(f"“{value.strip()}”缺少结束日期")
    return start, end


def end_date(text: str, start: date | None) -> date | None:
    """Read the end of a span; '10月8日' or '10.8' take the start's year."""
    if start is not None and text and not re.match(r"^\d{4}", text):
        text = f"{start.year}年{text}" if "月" in text else f"{start.year}.{text}"
    return date_cell(text)
