"""What the development views share: stage columns, urgency colours and step summaries."""

from __future__ import annotations

from datetime import date
from typing import Any

from ...domain.development import Stage, Step, StepRecord
from ...domain.findings import Severity
from ...domain.rules.development_types import DevIssue
from ...services.development.views import CandidateView
from ..widgets.form_fields import ERROR_COLOR, WARNING_COLOR

SOON_DAYS = 30
NEUTRAL_COLOR = "#555555"
BOARD_STAGES: tuple[Stage, ...] = (
    Stage.APPLICANT,
    Stage.ACTIVIST,
    Stage.TARGET,
    Stage.PROBATIONARY,
    Stage.FULL,
)
ENDED_TITLE = "已终止"
ENDED_STAGES: tuple[Stage, ...] = (Stage.REJECTED, Stage.CANCELLED, Stage.WITHDRAWN)


def iso(day: date | None) -> str:
    """Return 2025-03-12, or '' for None."""
    return day.isoformat() if day else ""


def deadline(candidate: CandidateView) -> date | None:
    """Return the latest day of the next step, if the rules set one."""
    return candidate.next.latest if candidate.next else None


def urgency(candidate: CandidateView, today: date) -> str:
    """Return 'late', 'soon' or '' for the next step's deadline."""
    latest = deadline(candidate)
    if latest is None:
        return ""
    if latest < today:
        return "late"
    return "soon" if (latest - today).days <= SOON_DAYS else ""


def urgency_color(level: str) -> str:
    """Return red for late, amber for soon, grey otherwise."""
    return {"late": ERROR_COLOR, "soon": WARNING_COLOR}.get(level, NEUTRAL_COLOR)


def error_count(candidate: CandidateView) -> int:
    """Count the candidate's rule errors (warnings are not counted)."""
    return sum(1 for i in candidate.issues if i.severity is Severity.ERROR)


def warning_count(candidate: CandidateView) -> int:
    """Count the candidate's rule warnings and notes (shown as 提示)."""
    return sum(1 for i in candidate.issues if i.severity is not Severity.ERROR)


def issues_count_text(candidate: CandidateView) -> str:
    """Return 问题N项，提示M项 — one per bullet the timeline shows — or 暂无问题."""
    errors, warnings = error_count(candidate), warning_count(candidate)
    return f"问题{errors}项，提示{warnings}项" if errors or warnings else "暂无问题"


def issue_color(issue: DevIssue) -> str:
    """Return red for an error, orange for a warning or note."""
    return ERROR_COLOR if issue.severity is Severity.ERROR else WARNING_COLOR


def next_text(candidate: CandidateView) -> str:
    """Return the next step's name, or what ended the procedure."""
    if candidate.stage.ended:
        return f"已终止：{candidate.stage.value}"
    if candidate.next is None:
        return "程序已完成"
    return candidate.next.step.value


def deadline_text(candidate: CandidateView) -> str:
    """Return 最迟 2025-03-12 / 最早 2025-03-12 / ''."""
    nxt = candidate.next
    if nxt is None:
        return ""
    if nxt.latest:
        return f"最迟 {iso(nxt.latest)}"
    return f"最早 {iso(nxt.earliest)}" if nxt.earliest else ""


def _people(data: dict[str, Any]) -> str:
    names = [str(p.get("name", "")) for p in data.get("people", []) if isinstance(p, dict)]
    return "、".join(n for n in names if n)


def _votes(data: dict[str, Any]) -> str:
    parts = []
    if data.get("method"):
        parts.append(str(data["method"]))
    if "entitled" in data or "present_voting" in data:
        parts.append(f"应到{data.get('entitled', 0)}人、实到{data.get('present_voting', 0)}人")
    if "yes" in data:
        written = f"（书面{data['written_yes']}）" if data.get("written_yes") else ""
        parts.append(
            f"赞成{data.get('yes', 0)}{written}、反对{data.get('no', 0)}、弃权{data.get('abstain', 0)}"
        )
    if data.get("passed") is True:
        parts.append("通过")
    elif data.get("passed") is False:
        parts.append("未通过")
    return "，".join(parts)


def step_summary(record: StepRecord) -> str:
    """Describe a recorded step's details in one short line."""
    data, step = record.data, record.step
    if step in (Step.MENTORS, Step.SPONSORS, Step.TALK):
        return _people(data)
    if step is Step.REVIEW:
        return f"结论：{data.get('conclusion', '')}"
    if step is Step.TRAINING:
        text = f"{data.get('days', 0)}天、{float(data.get('hours') or 0):g}学时"
        return f"{text}，证书：{data['certificate']}" if data.get("certificate") else text
    if step is Step.PUBLICITY:
        return f"公示至 {data.get('end', '')}"
    if step is Step.PRE_REVIEW:
        return f"预审意见：{data.get('result', '')}" if data.get("result") else ""
    if step is Step.ADMISSION:
        return _votes(data)
    if step is Step.APPROVAL:
        parts = [str(data.get("approver", "")), str(data.get("approver_kind", ""))]
        text = "（".join(p for p in parts if p) + ("）" if all(parts) else "")
        if data.get("ref"):
            text += f"，文号{data['ref']}"
        if data.get("approved") is False:
            text += "，不予批准"
        return text.strip("，")
    if step is Step.EXTENSION:
        reasons = f"：{data['reasons']}" if data.get("reasons") else ""
        return f"延长{data.get('months', '')}个月{reasons}"
    if step is Step.FULL_VOTE:
        return "，".join(p for p in (str(data.get("outcome", "")), _votes(data)) if p)
    if step is Step.FULL_APPROVAL:
        return f"文号{data['ref']}" if data.get("ref") else ""
    return ""
