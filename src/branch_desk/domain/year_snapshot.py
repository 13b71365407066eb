"""The year snapshot: every figure of one unit's year, as of one day, in one place.

A figure the records cannot tell is ``None`` (printed in words, never as 0): no 学时 recorded
for any meeting of the year, no remittance recorded, months owed by members without a dues
assessment.

Dates: for a year already over, the snapshot is taken as of 31 December of that year unless an
earlier day is asked for; for the current year, as of today. Facts dated inside the year count
even when they were entered later; facts dated after the as-of day never count.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from .dues_owed import collection_rate
from .errors import UserError
from .money import yuan

AGE_BANDS: tuple[tuple[int, int | None, str], ...] = (
    (0, 30, "30岁及以下"),
    (31, 40, "31至40岁"),
    (41, 50, "41至50岁"),
    (51, 60, "51至60岁"),
    (61, None, "61岁及以上"),
)
NOT_RECORDED = "未登记"
FIRST_YEAR, LAST_YEAR = 1921, 2999


def default_as_of(year: int, today: date, as_of: date | None = None) -> date:
    """Return the day a year's figures are taken on (see the module docstring).

    Raise UserError for a year outside 1921–2999, a future year, or an as-of day before the
    year began.
    """
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise UserError(f"年度“{year}”无效，应在{FIRST_YEAR}至{LAST_YEAR}年之间。")
    if as_of is None:
        if year > today.year:
            raise UserError(f"{year}年尚未开始，不能统计该年度的数据。")
        return date(year, 12, 31) if year < today.year else today
    if as_of < date(year, 1, 1):
        raise UserError(f"截至日期 {as_of.isoformat()} 早于{year}年，不能统计该年度的数据。")
    return as_of


def figures_day(year: int, as_of: date) -> date:
    """Return the last day of ``year`` whose facts count (the as-of day, at most 31 December)."""
    return min(as_of, date(year, 12, 31))


def age_on(born: date, day: date) -> int:
    """Return the age in whole years on ``day``."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def age_band(born: date | None, day: date) -> str:
    """Return the age band label of someone born on ``born`` (未登记 without a birth date)."""
    if born is None:
        return NOT_RECORDED
    age = age_on(born, day)
    for low, high, label in AGE_BANDS:
        if age >= low and (high is None or age <= high):
            return label
    return AGE_BANDS[-1][2]


def tally(values: Iterable[str], order: Iterable[str] = ()) -> tuple[tuple[str, int], ...]:
    """Count ``values``: labels of ``order`` first (also when 0), then the rest by count."""
    counts = Counter(v or NOT_RECORDED for v in values)
    fixed = list(order)
    rest = sorted((k for k in counts if k not in fixed), key=lambda k: (-counts[k], k))
    return tuple((k, counts[k]) for k in [*fixed, *rest])


@dataclass(frozen=True, slots=True)
class MemberFigures:
    """The roll on the figures' day, with its breakdowns."""

    total: int
    full: int
    probationary: int
    by_category: tuple[tuple[str, int], ...]
    by_gender: tuple[tuple[str, int], ...]
    by_ethnicity: tuple[tuple[str, int], ...]
    by_age: tuple[tuple[str, int], ...]
    by_education: tuple[tuple[str, int], ...]
    by_group: tuple[tuple[str, int], ...]
    joined: int  # 入党 (admitted as 预备党员) in the year up to the day
    made_full: int  # 转正 in the year up to the day
    transferred_in: int
    transferred_out: int
    other_departures: int  # 去世, 出党, 停止党籍, 取消预备党员资格


@dataclass(frozen=True, slots=True)
class MeetingFigures:
    """Meetings and activities held in the year up to the day.

    ``total`` counts each event once; ``by_type`` counts it for every type it counts as (a
    支部党员大会 held together with a 党课 is one of each), as the requirements count them.
    """

    total: int
    by_type: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class StudyFigures:
    """学时: ``None`` where no meeting of the year has 学时 recorded."""

    sessions_with_hours: int
    members_counted: int
    total_hours: Decimal | None
    members_met: int | None


@dataclass(frozen=True, slots=True)
class DevelopmentFigures:
    """Steps taken in the year up to the day, and where the candidates stand on that day."""

    applications: int
    talks: int
    new_activists: int
    new_targets: int
    admissions_voted: int  # 支部大会讨论接收
    full_votes: int  # 支部大会讨论转正
    extensions: int
    ended: int  # 未通过, 取消资格, 撤回
    stages: tuple[tuple[str, int], ...]  # 申请人, 积极分子, 发展对象 on the day
    trained: int = 0  # 短期集中培训 finished in the year


@dataclass(frozen=True, slots=True)
class DuesFigures:
    """党费 under the one definition of "owed" (domain/dues_owed.py, README).

    A month is owed by a member who is a Party member on the roll at the month's end, for the
    months of the year that have ended by the as-of day (all twelve for a year that is over).
    Paid counts payments dated up to the as-of day for owed months, each month at most its due.
    """

    payers: int
    months_owed: int
    owed_fen: int | None  # None while an owed month has no assessment
    assessed_owed_fen: int  # the part of "owed" that assessments tell
    paid_fen: int  # for owed months, at most the due of each
    extra_fen: int  # paid beyond the due of owed months (预交, voluntary extra)
    arrears_fen: int  # owed and assessed, not paid
    members_in_arrears: int
    exempt_members: int
    unassessed: tuple[str, ...]  # names of members with an owed month and no assessment
    remitted_fen: int | None  # None where no remittance is recorded for the year

    @property
    def rate(self) -> Decimal | None:
        """Paid over owed in percent, one decimal, half up (None when unknown; dues_owed)."""
        return collection_rate(self.owed_fen, self.paid_fen, self.months_owed)


@dataclass(frozen=True, slots=True)
class HonourFigure:
    """An honour of the year: who (a member or the branch), what, at which level, from whom."""

    recipient: str
    title: str
    level: str
    issuer: str
    awarded_on: date
    of_member: bool


@dataclass(frozen=True, slots=True)
class RecordFigures:
    """The year's 学习重点, honours (up to the day) and activities by their kind."""

    study_focus: tuple[str, ...] = ()
    honours: tuple[HonourFigure, ...] = ()
    activities: tuple[tuple[str, int], ...] = ()  # 志愿服务 3, 结对共建 1 …


@dataclass(frozen=True, slots=True)
class FindingFigures:
    total: int
    by_severity: tuple[tuple[str, int], ...]
    by_rule: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class YearSnapshot:
    """Every figure of a unit's year as of a day."""

    unit_name: str
    year: int
    as_of: date
    day: date
    members: MemberFigures
    meetings: MeetingFigures
    study: StudyFigures
    development: DevelopmentFigures
    dues: DuesFigures
    findings: FindingFigures
    appraisal: dict[str, int] | None = None  # 民主评议党员 counts by grade; None: not held
    records: RecordFigures = RecordFigures()

    def to_json(self) -> dict[str, Any]:
        """Return the snapshot as `figures --json` prints it (money as '12.50', unknown null)."""
        return {
            "unit": self.unit_name,
            "year": self.year,
            "as_of": self.as_of.isoformat(),
            "members": _members_json(self.members),
            "meetings": {"total": self.meetings.total, "by_type": dict(self.meetings.by_type)},
            "study": _study_json(self.study),
            "development": _development_json(self.development, self.members),
            "dues": _dues_json(self.dues),
            "appraisal": None if self.appraisal is None else dict(self.appraisal),
            "records": _records_json(self.records),
            "findings": {
                "total": self.findings.total,
                "by_severity": dict(self.findings.by_severity),
                "by_rule": dict(self.findings.by_rule),
            },
        }


def _members_json(m: MemberFigures) -> dict[str, Any]:
    return {
        "total": m.total,
        "full": m.full,
        "probationary": m.probationary,
        "by_category": dict(m.by_category),
        "by_gender": dict(m.by_gender),
        "by_ethnicity": dict(m.by_ethnicity),
        "by_age": dict(m.by_age),
        "by_education": dict(m.by_education),
        "by_group": dict(m.by_group),
        "joined": m.joined,
        "made_full": m.made_full,
        "transferred_in": m.transferred_in,
        "transferred_out": m.transferred_out,
        "other_departures": m.other_departures,
    }


def _study_json(s: StudyFigures) -> dict[str, Any]:
    return {
        "sessions_with_hours": s.sessions_with_hours,
        "members_counted": s.members_counted,
        "total_hours": None if s.total_hours is None else str(s.total_hours),
        "members_met": s.members_met,
    }


def _development_json(dev: DevelopmentFigures, m: MemberFigures) -> dict[str, Any]:
    """The development figures; admissions and 转正 are the roster's (``m``)."""
    return {
        "applications": dev.applications,
        "talks": dev.talks,
        "new_activists": dev.new_activists,
        "new_targets": dev.new_targets,
        "admissions": m.joined,
        "admissions_voted": dev.admissions_voted,
        "made_full": m.made_full,
        "full_votes": dev.full_votes,
        "extensions": dev.extensions,
        "trained": dev.trained,
        "ended": dev.ended,
        "stages": dict(dev.stages),
    }


def _dues_json(d: DuesFigures) -> dict[str, Any]:
    rate = d.rate
    return {
        "payers": d.payers,
        "months_owed": d.months_owed,
        "owed": _money(d.owed_fen),
        "assessed_owed": _money(d.assessed_owed_fen),
        "paid": _money(d.paid_fen),
        "extra": _money(d.extra_fen),
        "arrears": _money(d.arrears_fen),
        "rate": None if rate is None else str(rate),
        "members_in_arrears": d.members_in_arrears,
        "exempt_members": d.exempt_members,
        "unassessed": list(d.unassessed),
        "remitted": _money(d.remitted_fen),
    }


def _records_json(r: RecordFigures) -> dict[str, Any]:
    return {
        "study_focus": list(r.study_focus),
        "honours": [
            {
                "recipient": h.recipient,
                "title": h.title,
                "level": h.level,
                "issuer": h.issuer,
                "awarded_on": h.awarded_on.isoformat(),
                "of_member": h.of_member,
            }
            for h in r.honours
        ],
        "activities": dict(r.activities),
    }


def _money(fen: int | None) -> str | None:
    return None if fen is None else yuan(fen)
