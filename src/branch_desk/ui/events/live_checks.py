"""The event editor's live record warnings: the checker's own rule function on the form.

The form (an ``EventInput`` and the attendance grid) is turned into the same
``RecordFacts`` the checker reads of a stored event, and ``record_issues`` judges it; so
what the editor warns about is exactly what `check` will list for the saved record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ...domain.errors import Problem
from ...domain.events import AttendanceStatus, EventInput, VoteInput
from ...domain.org import OfficerRecord
from ...domain.periods import PeriodKind
from ...domain.rules.meetings import RecordFacts, record_issues, secretaries_on
from ...domain.rules.votes import VoteAssessment, VoteFacts
from ...domain.text import as_typed, clean
from .attendance import AttendanceRow

Judge = Callable[[VoteInput], VoteAssessment | None]


def draft_facts(
    data: EventInput, rows: Iterable[AttendanceRow], judge: Judge, entitled: frozenset[int]
) -> RecordFacts:
    """Return the facts of the record being edited, as they will be once saved.

    ``entitled`` are the members counting in E on the meeting day.
    """
    lines = [r for r in rows if r.status is not AttendanceStatus.OBSERVER]
    present = [r for r in rows if r.status is AttendanceStatus.PRESENT]
    votes = []
    for vote in data.votes:
        judged = judge(vote)
        quorate, passed, verdict = (
            (judged.quorate, judged.passed, judged.verdict) if judged else (True, True, "")
        )
        votes.append(
            VoteFacts(as_typed(vote.subject), vote.kind, vote.method, quorate, passed, verdict)
        )
    return RecordFacts(
        types=(data.type, *data.also),
        day=data.day,
        chair=clean(data.chair),
        chair_note=as_typed(data.chair_note),
        recorder=clean(data.recorder),
        lecturer=clean(data.lecturer),
        lecture_topic=as_typed(data.lecture_topic),
        timed=data.start is not None and data.end is not None,
        resolutions=data.resolutions.strip(),
        missing_reason=tuple(clean(r.name) for r in lines if r.missing_reason),
        expected=len(lines),
        present=sum(1 for r in lines if r.status is AttendanceStatus.PRESENT),
        votes=tuple(votes),
        absent=tuple(clean(r.name) for r in lines if r.status is AttendanceStatus.ABSENT),
        entitled=len(entitled),
        present_voting=sum(1 for r in present if r.member_id in entitled),
        ungraded=_ungraded(data, lines),
    )


def _ungraded(data: EventInput, lines: list[AttendanceRow]) -> tuple[str, ...]:
    """Return the 正式党员 of the grid the form leaves without a grade."""
    grades = {a.member_id: a.grade for a in data.attendance or () if a.member_id}
    full = [r for r in lines if r.member_id and r.standing == "正式党员"]
    return tuple(clean(r.name) for r in full if not grades.get(r.member_id))


def form_findings(
    data: EventInput,
    rows: Iterable[AttendanceRow],
    judge: Judge,
    officers: list[OfficerRecord],
    entitled: frozenset[int] = frozenset(),
    assembly_period: PeriodKind = PeriodKind.QUARTER,
) -> list[Problem]:
    """Return the record findings of the form as warnings (saving stays allowed)."""
    facts = draft_facts(data, rows, judge, entitled)
    issues = record_issues(facts, secretaries_on(officers, data.day), assembly_period)
    return [Problem(i.field, i.label, i.message, "warning") for i in issues]
