"""The listing commands of the CLI: `members list`, `events list` and `check`."""

from __future__ import annotations

import argparse
from typing import TextIO

from ..domain.events import EventRecord
from ..domain.text import iso
from ..domain.year_snapshot import default_as_of
from ..services.app import BranchDesk
from .common import CliParser, add_as_of, add_group, finish, print_json


def add_members_list_command(
    commands: argparse._SubParsersAction[CliParser],
) -> argparse._SubParsersAction[CliParser]:
    """Add `members list`; return the members actions for `members change`."""
    member_cmds = add_group(commands, "members", "党员名册")
    listing = member_cmds.add_parser("list", help="列出党员")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    listing.add_argument("--unit", help="党组织名称（有多个党组织时必填）")
    listing.set_defaults(handler=cmd_members_list)
    return member_cmds


def add_events_commands(commands: argparse._SubParsersAction[CliParser]) -> None:
    """Add `events list`."""
    actions = add_group(commands, "events", "会议活动")
    listing = actions.add_parser("list", help="列出会议活动")
    listing.add_argument("--year", type=int, help="年度")
    listing.add_argument("--unit", help="党组织名称")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    listing.set_defaults(handler=cmd_events_list)


def add_check_command(commands: argparse._SubParsersAction[CliParser]) -> None:
    """Add `check`: the findings of a year as of a day."""
    check = commands.add_parser("check", help="按规则检查台账，列出问题和待办")
    check.add_argument("--year", type=int, help="年度（默认为 --as-of 所在年度）")
    add_as_of(check, "检查日期（以往年度默认为12月31日，本年度默认为今天）")
    check.add_argument("--unit", help="党组织名称（默认全部党支部）")
    check.add_argument("--json", action="store_true", help="以 JSON 输出")
    check.set_defaults(handler=cmd_check)


def cmd_members_list(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """List members, as a JSON array with --json."""
    unit_id = desk.org.resolve(args.unit).id if args.unit else None
    members = desk.roster.list(unit_id)
    if args.json:
        rows = [
            {
                "id": m.id,
                "name": m.name,
                "id_number": m.id_number or None,
                "gender": m.gender.value,
                "ethnicity": m.ethnicity,
                "birth_date": iso(m.birth_date),
                "education": m.education,
                "category": m.category.value,
                "party_status": m.party_status.value,
                "joined_on": iso(m.joined_on),
                "full_member_on": iso(m.full_member_on),
                "unit": m.unit_name,
                "group": m.group or None,
                "phone": m.phone,
                "work_unit": m.work_unit,
                "roster_status": m.roster_status.value,
            }
            for m in members
        ]
        return print_json(rows, out)
    for m in members:
        print(
            f"{m.name}\t{m.gender.value}\t{m.party_status.value}\t{m.group}\t{m.roster_status.value}",
            file=out,
        )
    return finish(out, f"共{len(members)}人")


def cmd_events_list(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """List events, as a JSON array with --json."""
    unit_id = desk.org.resolve(args.unit).id if args.unit else None
    events = desk.events.list(unit_id, args.year)
    if args.json:
        return print_json([event_json(e) for e in events], out)
    for e in events:
        print(
            f"{e.id}\t{e.day.isoformat()}\t{'、'.join(t.value for t in e.types)}\t{e.topic}"
            f"\t应到{e.expected} 实到{e.present}",
            file=out,
        )
    return finish(out, f"共{len(events)}次")


def event_json(e: EventRecord) -> dict[str, object]:
    """Return an event as the `events list --json` object."""
    return {
        "id": e.id,
        "type": e.type.value,
        "types": [t.value for t in e.types],
        "date": e.day.isoformat(),
        "start": e.start.strftime("%H:%M") if e.start else None,
        "end": e.end.strftime("%H:%M") if e.end else None,
        "unit": e.unit_name,
        "group": e.group_name or None,
        "topic": e.topic,
        "place": e.place,
        "chair": e.chair,
        "recorder": e.recorder,
        "expected": e.expected,
        "present": e.present,
        "absent": [{"name": a.name, "reason": a.describe_reason() or None} for a in e.absentees],
        "observers": [a.name for a in e.observers],
        "entitled": e.entitled,
        "study_hours": str(e.study_hours),
        "votes": [
            {
                "subject": v.subject,
                "kind": v.kind.value,
                "method": v.method.value,
                "yes": v.yes,
                "no": v.no,
                "abstain": v.abstain,
                "written_yes": v.written_yes,
                "written_no": v.written_no,
                "quorate": v.quorate,
                "passed": v.passed,
                "verdict": v.verdict,
            }
            for v in e.votes
        ],
    }


def cmd_check(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """Print the findings for a year (as of a day)."""
    if args.year is not None:  # a past year is checked as it stood on 31 December
        year = args.year
        as_of = args.as_of or default_as_of(year, desk.roster.today())
    else:
        as_of = args.as_of or desk.roster.today()
        year = as_of.year
    findings = desk.checks.findings(year, as_of, args.unit)
    if args.json:
        return print_json([f.to_json() for f in findings], out)
    labels = {"error": "问题", "warning": "提示", "info": "待办"}
    for f in findings:
        subject = f"〔{f.subject}〕" if f.subject else ""
        print(f"[{labels[f.severity.value]}] {f.period or ''} {subject}{f.message}", file=out)
    counts = {k: sum(1 for f in findings if f.severity.value == k) for k in labels}
    return finish(
        out,
        f"{year}年（截至{as_of.isoformat()}）：问题{counts['error']}项，提示{counts['warning']}项，待办{counts['info']}项。",
    )
