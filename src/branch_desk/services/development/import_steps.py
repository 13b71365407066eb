"""Reading the step columns of one ledger row into the step records it would write."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from ...domain.candidate_records import RollEntry
from ...domain.development import STEPS, FullOutcome, Step, StepRecord
from ...domain.errors import ValidationFailed
from ...domain.members import RosterStatus
from ...domain.rules.development_steps import check_step
from ...domain.text import squeeze
from ...storage.repositories.candidates import as_stored
from ..sheets.cells import CellError, date_cell, text_cell
from ..sheets.reader import SheetTable
from .import_columns import (
    COMPANIONS,
    DATE_STEPS,
    LABELS,
    NAME_SPLIT,
    PEOPLE_STEPS,
    RowState,
    number_cell,
    range_cell,
    read_date,
)

Wanted = dict[Step, tuple[str, date, dict[str, Any]]]
T = TypeVar("T")


class StepReader:
    """Turns a row's step columns into checked step records (problems go to the row)."""

    def __init__(self, today: date, table: SheetTable, roll: list[RollEntry]) -> None:
        self.today = today
        self.table = table
        self.members: dict[str, list[RollEntry]] = {}
        for m in roll:
            self.members.setdefault(squeeze(m.name), []).append(m)
        headers = table.headers
        self.vote_key = next((k for k in ("full_vote", "full_date") if k in headers), None)
        self.approval_key = next((k for k in ("full_approval", "full_date") if k in headers), None)

    def _read(
        self,
        state: RowState,
        values: Any,
        key: str,
        parse: Callable[[object], T | None],
        first_day: Callable[[T], date],
    ) -> T | None:
        """Read the step cell ``key`` with ``parse``; errors (bad or future) are recorded, give None."""
        if key not in self.table.headers:
            return None
        try:
            found = parse(values.get(key))
        except CellError as exc:
            state.error(key, str(exc))
            return None
        if found is not None and first_day(found) > self.today:
            state.error(key, "不能晚于今天")
            return None
        return found

    def _day(self, state: RowState, values: Any, key: str) -> date | None:
        """Read a step date."""
        return self._read(state, values, key, date_cell, lambda day: day)

    def read(
        self, state: RowState, values: Any, stored: dict[Step, StepRecord]
    ) -> tuple[StepRecord, ...]:
        """The steps the row states, merged over the ``stored`` ones and checked, in order."""
        wanted: Wanted = {}
        for key, (step, defaults) in DATE_STEPS.items():
            day = self._day(state, values, key)
            if day is not None:
                wanted[step] = (key, day, dict(defaults))
        self._review(state, values, wanted)
        self._training(state, values, wanted)
        self._publicity(state, values, wanted)
        self._full(state, values, wanted)
        for key, (step, day_key, fallback) in PEOPLE_STEPS.items():
            day = self._day(state, values, day_key)
            self._people(state, values, key, step, day, fallback, wanted, stored)
        return self._checked(state, wanted, stored)

    def _checked(
        self, state: RowState, wanted: Wanted, stored: dict[Step, StepRecord]
    ) -> tuple[StepRecord, ...]:
        """Check each wanted step: defaults, then stored details, then what the sheet states."""
        records = []
        for step, (key, day, data) in sorted(wanted.items(), key=lambda i: STEPS.index(i[0])):
            previous = stored.get(step)
            defaults = {k: v for k, v in data.items() if not k.startswith("!")}
            merged = {**defaults, **(previous.data if previous else {}), **_explicit(data)}
            try:
                checked = check_step(step, day, merged, self.today)
            except ValidationFailed as exc:
                for problem in exc.problems:
                    state.error(key, problem.message)
                continue
            records.append(StepRecord(step, day, as_stored(checked)))
            state.used.update((key, *COMPANIONS.get(key, ())))
        return tuple(records)

    def _review(self, state: RowState, values: Any, wanted: Wanted) -> None:
        """政审时间, with 政审结论 (合格 unless the sheet or an earlier record says otherwise)."""
        day = self._day(state, values, "review")
        conclusion = squeeze(text_cell(values.get("review_conclusion")))
        if conclusion and conclusion not in ("合格", "不合格"):
            state.error("review_conclusion", f"“{conclusion}”应为“合格”或“不合格”")
            return
        if day is None:
            return
        data: dict[str, Any] = {"conclusion": "合格"}
        if conclusion:
            data["!conclusion"] = conclusion
        wanted[Step.REVIEW] = ("review", day, data)

    def _training(self, state: RowState, values: Any, wanted: Wanted) -> None:
        """培训时间 (a day or a span), with 培训天数 and 培训学时."""
        span = self._span(state, values, "training")
        if span is None:
            return
        start, end = span
        data: dict[str, Any] = {"days": 0, "hours": 0}
        for key, kind in (("training_days", int), ("training_hours", float)):
            try:
                number = number_cell(values.get(key), kind)
            except CellError as exc:
                state.error(key, str(exc))
                return
            if number is not None:
                data["!" + key.removeprefix("training_")] = number
        if end is not None and "!days" not in data:
            data["!days"] = (end - start).days + 1
        wanted[Step.TRAINING] = ("training", start, data)

    def _span(self, state: RowState, values: Any, key: str) -> tuple[date, date | None] | None:
        """Read a step day or span (start, end or None)."""
        return self._read(state, values, key, range_cell, lambda span: span[0])

    def _publicity(self, state: RowState, values: Any, wanted: Wanted) -> None:
        """公示开始 + 公示结束, or 公示时间 written as a span (2024-09-27至2024-10-08)."""
        key, end_key = "publicity_start", "publicity_end"
        start = self._day(state, values, key)
        end = read_date(state, values, end_key) if end_key in self.table.headers else None
        if state.failed(key) or state.failed(end_key):
            return
        if start is None and end is None:
            key = end_key = "publicity"
            span = self._span(state, values, key)
            if span is None:
                return
            start, end = span
            if end is None:
                state.error(key, "请填写公示起止日期，如“2024-09-27至2024-10-08”")
                return
        if start is None:
            state.error(key, "已填写公示结束日期，请填写公示开始日期")
            return
        if end is None:
            state.error(end_key, "已填写公示开始日期，请填写公示结束日期")
            return
        if end < start:
            state.error(end_key, "公示结束日期不能早于开始日期")
            return
        wanted[Step.PUBLICITY] = (key, start, {"!end": end.isoformat()})

    def _full(self, state: RowState, values: Any, wanted: Wanted) -> None:
        """转正讨论时间 → FULL_VOTE (同意转正); 转正审批时间 → FULL_APPROVAL; 转正时间 alone → both."""
        days = {
            key: self._day(state, values, key) for key in (self.vote_key, self.approval_key) if key
        }
        vote_day = days.get(self.vote_key) if self.vote_key else None
        if self.vote_key and vote_day is not None:
            wanted[Step.FULL_VOTE] = (
                self.vote_key,
                vote_day,
                {"outcome": FullOutcome.APPROVED.value},
            )
        approval_day = days.get(self.approval_key) if self.approval_key else None
        if self.approval_key and approval_day is not None:
            wanted[Step.FULL_APPROVAL] = (self.approval_key, approval_day, {})

    def _people(
        self,
        state: RowState,
        values: Any,
        key: str,
        step: Step,
        day: date | None,
        fallback: Step,
        wanted: Wanted,
        stored: dict[Step, StepRecord],
    ) -> None:
        names = [n for n in NAME_SPLIT.split(text_cell(values.get(key))) if n]
        if not names or state.failed(PEOPLE_STEPS[key][1]):
            return
        if day is None:
            source = wanted.get(fallback)
            day = source[1] if source else (stored[fallback].day if fallback in stored else None)
        if day is None:
            state.error(
                key,
                f"未登记：缺少“{fallback.value}”的日期（可增加“{LABELS[PEOPLE_STEPS[key][1]]}”列）",
                "warning",
            )
            return
        people = []
        for name in dict.fromkeys(names):
            member_id, problem = self._member(name)
            if problem:
                state.error(key, f"“{name}”{problem}，按姓名记录（未关联党员）", "warning")
            people.append({"name": name, "member_id": member_id})
        wanted[step] = (key, day, {"!people": people})

    def _member(self, name: str) -> tuple[int | None, str]:
        found = self.members.get(squeeze(name), [])
        active = [m for m in found if m.roster_status == RosterStatus.ACTIVE.value]
        chosen = active or found
        if not chosen:
            return None, "不在本支部党员名册中"
        if len(chosen) > 1:
            return None, f"在本支部党员名册中有{len(chosen)}人同名，无法确定是哪一位"
        return chosen[0].id, ""


def _explicit(data: dict[str, Any]) -> dict[str, Any]:
    """Return the values the sheet states (keys marked '!') over defaults and stored details."""
    return {k[1:]: v for k, v in data.items() if k.startswith("!")}
