"""What each development step must record (people, results, numbers), checked on entry.

The 支部大会 votes on admission and 转正 are judged by ``votes.judge_step_vote``, the same
function the step form uses for its live verdict.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..development import FullOutcome, Person, Step
from ..errors import Problem, ValidationFailed
from ..text import clean
from .numbers import TallyFacts, number_problems
from .votes import STEP_VOTE_KEYS, judge_step_vote


def _people(value: Any, label: str) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        raise ValidationFailed([Problem("people", label, "应列出姓名")])
    people = []
    for item in value:
        try:
            person = Person(**item) if isinstance(item, dict) else Person(str(item))
        except TypeError:
            raise ValidationFailed([Problem("people", label, "人员应只含姓名和党员编号")]) from None
        if not clean(person.name):
            raise ValidationFailed([Problem("people", label, "姓名不能为空")])
        people.append({"name": clean(person.name), "member_id": person.member_id})
    return people


def check_step(step: Step, day: date, data: dict[str, Any], today: date) -> dict[str, Any]:
    """Validate the details a step needs; return them normalised."""
    if day > today:
        raise ValidationFailed([Problem("day", step.value, "日期不能晚于今天")])
    if step in (Step.MENTORS, Step.SPONSORS) or (step is Step.TALK and "people" in data):
        data["people"] = _people(data.get("people", []), "人员")
    if step is Step.REVIEW and data.get("conclusion") not in ("合格", "不合格"):
        raise ValidationFailed([Problem("conclusion", "政审结论", "应为“合格”或“不合格”")])
    if step is Step.TRAINING:
        _check_training(data)
    if step is Step.PUBLICITY:
        data["end"] = _publicity_end(data.get("end"), day).isoformat()
    if step is Step.EXTENSION:
        months = data.get("months")
        if not isinstance(months, int) or not 6 <= months <= 12:
            raise ValidationFailed(
                [Problem("months", "延长期限", "预备期可延长6个月至1年（填6至12）")]
            )
    if step in (Step.ADMISSION, Step.FULL_VOTE):
        _check_vote(step, data)
    return data


def _check_training(data: dict[str, Any]) -> None:
    """The 培训's days and 学时, as numbers."""
    try:
        data["days"] = int(data.get("days") or 0)
        data["hours"] = float(data.get("hours") or 0)
    except (TypeError, ValueError):
        raise ValidationFailed([Problem("training", "培训", "天数和学时应为数字")]) from None


def _publicity_end(end: Any, day: date) -> date:
    """The 公示's last day: a date, not before its first."""
    try:
        end_day = end if isinstance(end, date) else date.fromisoformat(str(end))
    except ValueError:
        raise ValidationFailed([Problem("end", "公示结束日期", "应为 YYYY-MM-DD")]) from None
    if end_day < day:
        raise ValidationFailed([Problem("end", "公示结束日期", "不能早于开始日期")])
    return end_day


def _check_vote(step: Step, data: dict[str, Any]) -> None:
    """A 支部大会 vote (admission, 转正): its 转正 decision, verdict and counts."""
    if step is Step.FULL_VOTE and data.get("outcome") not in {o.value for o in FullOutcome}:
        raise ValidationFailed(
            [Problem("outcome", "转正决定", f"应为：{'、'.join(o.value for o in FullOutcome)}")]
        )
    if {"entitled", "present_voting", "yes"} <= set(data):
        data["passed"] = _vote_passes(data, step is Step.ADMISSION)
    for key in ("yes", "no", "abstain", "written_yes", "written_no", "entitled", "present_voting"):
        if key in data and (not isinstance(data[key], int) or data[key] < 0):
            raise ValidationFailed([Problem(key, "表决票数", "应为非负整数")])


def _vote_passes(data: dict[str, Any], admission: bool) -> bool:
    """Judge a recorded admission/转正 vote by the 党员大会 rules (E, quorum, secret ballot)."""
    numbers = {k: data.get(k, 0) for k in STEP_VOTE_KEYS}
    if not all(isinstance(v, int) and v >= 0 for v in numbers.values()):
        raise ValidationFailed([Problem("votes", "表决票数", "应为非负整数")])
    counts = TallyFacts(
        "", numbers["yes"], numbers["no"], numbers["abstain"], numbers["present_voting"]
    )
    impossible = number_problems(
        numbers["entitled"], numbers["present_voting"], None, (counts,), count_field="votes"
    )
    if impossible and numbers["entitled"]:
        raise ValidationFailed(impossible)
    result = judge_step_vote(admission, numbers, str(data.get("method", "无记名投票")))
    data["verdict"] = result.verdict
    return result.passed
