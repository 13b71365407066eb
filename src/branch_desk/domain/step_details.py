"""Typed views of the details a development step records (stored as a JSON object).

A step's details are kept as a plain mapping in the database and the exchange file; these
dataclasses read them once, with their types, so a rule reads ``vote_details(r).method``
instead of ``r.get("method")`` and a misspelt key is a type error, not a silent ``None``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from .development import Person, StepRecord

SECRET_BALLOT = "无记名投票"


def _int(value: Any) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


def _float(value: Any) -> float:
    try:
        return float(value or 0)
    except (TypeError, ValueError):
        return 0.0


def _text(value: Any) -> str:
    return str(value) if value else ""


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _flag(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


@dataclass(frozen=True, slots=True)
class PeopleDetails:
    """培养联系人, 入党介绍人 (and who talked with the applicant)."""

    people: tuple[Person, ...]


@dataclass(frozen=True, slots=True)
class ReviewDetails:
    """政治审查: its conclusion, 合格 or 不合格 ('' when not recorded)."""

    conclusion: str


@dataclass(frozen=True, slots=True)
class TrainingDetails:
    """短期集中培训: days, 学时 and the certificate."""

    days: int
    hours: float
    certificate: str


@dataclass(frozen=True, slots=True)
class PublicityDetails:
    """公示: its last day (the step's day is the first)."""

    end: date | None


@dataclass(frozen=True, slots=True)
class PreReviewDetails:
    """上级党委预审: the written result (同意 / 不同意)."""

    result: str


@dataclass(frozen=True, slots=True)
class VoteDetails:
    """A 支部大会 vote on admission or 转正: method, counts, verdict and outcome."""

    method: str
    passed: bool | None
    verdict: str
    outcome: str
    counts: Mapping[str, int]

    @property
    def open_ballot(self) -> bool:
        """Tell whether a method other than the secret ballot was recorded."""
        return bool(self.method) and self.method != SECRET_BALLOT


@dataclass(frozen=True, slots=True)
class ApprovalDetails:
    """上级党委审批: who approved (and what kind of organisation), the reference, the result."""

    approver: str
    approver_kind: str
    ref: str
    approved: bool | None


@dataclass(frozen=True, slots=True)
class ExtensionDetails:
    """延长预备期: by how many months and why."""

    months: int
    reasons: str


def people_details(record: StepRecord) -> PeopleDetails:
    people = []
    for item in record.get("people") or []:
        if isinstance(item, Mapping):
            person_id = item.get("member_id")
            people.append(
                Person(_text(item.get("name")), person_id if isinstance(person_id, int) else None)
            )
        else:
            people.append(Person(str(item)))
    return PeopleDetails(tuple(people))


def review_details(record: StepRecord) -> ReviewDetails:
    return ReviewDetails(_text(record.get("conclusion")))


def training_details(record: StepRecord) -> TrainingDetails:
    return TrainingDetails(
        _int(record.get("days")), _float(record.get("hours")), _text(record.get("certificate"))
    )


def publicity_details(record: StepRecord) -> PublicityDetails:
    return PublicityDetails(_date(record.get("end")))


def pre_review_details(record: StepRecord) -> PreReviewDetails:
    return PreReviewDetails(_text(record.get("result")))


COUNT_KEYS = ("yes", "no", "abstain", "written_yes", "written_no", "entitled", "present_voting")


def vote_details(record: StepRecord) -> VoteDetails:
    counts = {k: record.get(k) for k in COUNT_KEYS if isinstance(record.get(k), int)}
    return VoteDetails(
        _text(record.get("method")),
        _flag(record.get("passed")),
        _text(record.get("verdict")),
        _text(record.get("outcome")),
        counts,
    )


def approval_details(record: StepRecord) -> ApprovalDetails:
    return ApprovalDetails(
        _text(record.get("approver")),
        _text(record.get("approver_kind")),
        _text(record.get("ref")),
        _flag(record.get("approved")),
    )


def extension_details(record: StepRecord) -> ExtensionDetails:
    return ExtensionDetails(_int(record.get("months")), _text(record.get("reasons")))
