"""Command-line front end over the services (headless; every export is reachable here)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from ..domain.errors import UserError
from ..domain.events import EventRecord, EventType
from ..domain.ledger_start import default_ledger_start
from ..domain.org import OrgUnitKind
from ..domain.text import iso
from ..domain.year_snapshot import default_as_of
from ..exports.safe_output import check_output, protect_folder
from ..paths import AppPaths
from ..services.app import BranchDesk
from ..services.org.units import BranchInput
from .archive import add_archive_command
from .common import CliParser, date_arg, print_preview
from .development import add_develop_commands
from .dues import add_dues_commands
from .encryption import add_encryption_commands
from .figures import add_figures_command
from .members import add_member_change_command
from .report import add_report_command
from .safety import add_safety_commands

Handler = Callable[[BranchDesk, argparse.Namespace, TextIO], int]


def build_parser() -> CliParser:
    """Return the parser for every command."""
    parser = CliParser(prog="branch-desk", description="支部工作台：党支部台账管理（离线）")
    parser.add_argument("--data-dir", metavar="DIR", help="数据目录（默认为本机用户数据目录）")
    parser.add_argument("--version", action="store_true", help="显示版本号")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CliParser)

    init = commands.add_parser("init", help="在新数据目录中建立党支部")
    init.add_argument("--name", required=True, help="党组织名称")
    init.add_argument("--parent", default="", help="上级党组织名称")
    init.add_argument(
        "--kind", default=OrgUnitKind.BRANCH.value, choices=[k.value for k in OrgUnitKind][:3]
    )
    init.add_argument("--groups", default="", help="党小组名称，以逗号分隔")
    init.add_argument(
        "--start",
        type=date_arg,
        metavar="YYYY-MM-DD",
        help="台账起始日期：此前的月份、季度不再检查（默认为本月1日）",
    )
    init.add_argument(
        "--encrypt", action="store_true", help="用密码加密数据库（密码遗失无法恢复，见 README）"
    )
    init.set_defaults(handler=cmd_init, creates=True)

    demo = commands.add_parser("demo", help="在空数据目录中填入演示数据")
    demo.add_argument("--seed", type=int, default=1, help="随机种子（相同种子生成相同数据）")
    demo.set_defaults(handler=cmd_demo, without_desk=True)

    importer_kinds: list[argparse._SubParsersAction[CliParser]] = []
    _add_import(commands, importer_kinds)
    exporter_kinds: list[argparse._SubParsersAction[CliParser]] = []
    _add_export(commands, exporter_kinds)

    members = commands.add_parser("members", help="党员名册")
    member_cmds = members.add_subparsers(
        dest="action", metavar="ACTION", parser_class=CliParser, required=True
    )
    listing = member_cmds.add_parser("list", help="列出党员")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    listing.add_argument("--unit", help="党组织名称（有多个党组织时必填）")
    listing.set_defaults(handler=cmd_members_list)
    add_member_change_command(member_cmds, date_arg)
    _add_events(commands)
    add_dues_commands(commands, importer_kinds[0], CliParser)
    add_develop_commands(commands, importer_kinds[0], exporter_kinds[0], CliParser)
    add_archive_command(commands, CliParser)
    add_safety_commands(commands)
    add_encryption_commands(commands)
    add_report_command(commands)
    add_figures_command(commands, date_arg)
    check = commands.add_parser("check", help="按规则检查台账，列出问题和待办")
    check.add_argument("--year", type=int, help="年度（默认为 --as-of 所在年度）")
    check.add_argument(
        "--as-of",
        type=date_arg,
        metavar="YYYY-MM-DD",
        help="检查日期（以往年度默认为12月31日，本年度默认为今天）",
    )
    check.add_argument("--unit", help="党组织名称（默认全部党支部）")
    check.add_argument("--json", action="store_true", help="以 JSON 输出")
    check.set_defaults(handler=cmd_check)
    return parser


def _add_events(commands: argparse._SubParsersAction[CliParser]) -> None:
    events = commands.add_parser("events", help="会议活动")
    actions = events.add_subparsers(
        dest="action", metavar="ACTION", parser_class=CliParser, required=True
    )
    listing = actions.add_parser("list", help="列出会议活动")
    listing.add_argument("--year", type=int, help="年度")
    listing.add_argument("--unit", help="党组织名称")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    listing.set_defaults(handler=cmd_events_list)


def _add_import(
    commands: argparse._SubParsersAction[CliParser],
    importer_kinds: list[argparse._SubParsersAction[CliParser]],
) -> None:
    importer = commands.add_parser("import", help="导入数据")
    kinds = importer.add_subparsers(
        dest="what", metavar="WHAT", parser_class=CliParser, required=True
    )
    roster = kinds.add_parser("roster", help="从 Excel 导入党员名册")
    roster.add_argument("file", type=Path, metavar="FILE.xlsx")
    roster.add_argument("--dry-run", action="store_true", help="只检查，不写入")
    roster.add_argument("--unit", help="党组织名称")
    roster.set_defaults(handler=cmd_import_roster)
    events = kinds.add_parser("events", help="从 Excel 导入会议台账")
    events.add_argument("file", type=Path, metavar="FILE.xlsx")
    events.add_argument("--dry-run", action="store_true", help="只检查，不写入")
    events.add_argument("--unit", help="党组织名称")
    events.set_defaults(handler=cmd_import_events)
    importer_kinds.append(kinds)
    data = kinds.add_parser("data", help="导入整库数据交换文件（JSON）到空数据目录")
    data.add_argument("file", type=Path, metavar="FILE.json")
    data.set_defaults(handler=cmd_import_data, creates=True)


def _add_export(
    commands: argparse._SubParsersAction[CliParser],
    exporter_kinds: list[argparse._SubParsersAction[CliParser]],
) -> None:
    exporter = commands.add_parser("export", help="导出数据")
    kinds = exporter.add_subparsers(
        dest="what", metavar="WHAT", parser_class=CliParser, required=True
    )
    exporter_kinds.append(kinds)
    roster = kinds.add_parser("roster", help="导出党员名册（Excel，可直接打印）")
    roster.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.xlsx")
    roster.add_argument("--unit", help="党组织名称")
    roster.add_argument("--all", action="store_true", help="包括已转出、去世等不在册人员")
    roster.set_defaults(handler=cmd_export_roster)
    data = kinds.add_parser("data", help="导出整库数据交换文件（JSON）")
    data.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.json")
    data.set_defaults(handler=cmd_export_data)
    minutes = kinds.add_parser("minutes", help="导出会议记录（Word）")
    minutes.add_argument("--event", type=int, required=True, metavar="ID", help="会议编号")
    minutes.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.docx")
    minutes.set_defaults(handler=cmd_export_minutes)
    sign_in = kinds.add_parser("sign-in", help="导出签到表（Word），预先列出应到人员")
    sign_in.add_argument("--type", required=True, choices=[t.value for t in EventType])
    sign_in.add_argument("--date", required=True, type=date_arg, metavar="YYYY-MM-DD")
    sign_in.add_argument("--group", help="党小组名称（党小组会）")
    sign_in.add_argument("--place", default="", help="地点")
    sign_in.add_argument("--unit", help="党组织名称")
    sign_in.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.docx")
    sign_in.set_defaults(handler=cmd_export_sign_in)


# ---- commands ---------------------------------------------------------------------------------


def cmd_init(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """Create the branch in a new data dir."""
    if desk.org.is_set_up():
        names = "、".join(u.name for u in desk.org.top_units())
        raise UserError(f"该数据目录已建立党组织（{names}），无需再次初始化。")
    groups = tuple(g for g in args.groups.replace("，", ",").split(",") if g.strip())
    start = args.start or default_ledger_start(desk.db.clock().date())
    unit = desk.org.create_branch(
        BranchInput(
            name=args.name,
            kind=OrgUnitKind(args.kind),
            upper_org=args.parent,
            groups=groups,
            ledger_start=start,
        )
    ).value
    print(f"已建立{unit.kind.value}：{unit.name}（数据目录 {desk.paths.data_dir}）", file=out)
    print(f"台账起始日期：{start.isoformat()}（此前的月份、季度不作检查）", file=out)
    return 0


def cmd_demo(paths: AppPaths, args: argparse.Namespace, out: TextIO) -> int:
    """Fill an empty data dir with demo data (all or nothing)."""
    from ..services.demo.build import build_demo

    summary = build_demo(paths, seed=args.seed)
    print(
        f"已生成演示数据：{summary.unit_name}，党员{summary.members}名，党小组{summary.groups}个，"
        f"会议活动{summary.events}次，发展党员对象{summary.candidates}人。",
        file=out,
    )
    return 0


def cmd_import_roster(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """Import (or with --dry-run, check) a roster workbook."""
    unit = desk.org.resolve(args.unit)
    preview = desk.roster_import.preview(unit.id, args.file)
    print_preview(preview, out)
    if not preview.ok:
        print(f"发现{preview.error_count}处错误，未导入任何数据。", file=sys.stderr)
        return 1
    if args.dry_run:
        print("检查通过（--dry-run：未写入任何数据）。", file=out)
        return 0
    result = desk.roster_import.apply(unit.id, preview).value
    print(
        f"导入完成：新增{result.created}人，更新{result.updated}人，无变化{result.unchanged}人。",
        file=out,
    )
    return 0


def cmd_import_events(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """Import (or with --dry-run, check) a meeting ledger workbook."""
    unit = desk.org.resolve(args.unit)
    preview = desk.event_import.preview(unit.id, args.file)
    print_preview(preview, out)
    if preview.hours_notice:
        print(preview.hours_notice, file=out)
    if not preview.ok:
        print(f"发现{preview.error_count}处错误，未导入任何数据。", file=sys.stderr)
        return 1
    if args.dry_run:
        print("检查通过（--dry-run：未写入任何数据）。", file=out)
        return 0
    result = desk.event_import.apply(unit.id, preview).value
    print(
        f"导入完成：新增{result.created}次会议活动，更新{result.updated}次，"
        f"无变化{result.unchanged}次。",
        file=out,
    )
    return 0


def cmd_import_data(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """Load a whole-database exchange file into an empty data dir."""
    counts = desk.exchange.import_data(args.file).value
    print(f"导入完成：党员{counts.get('members', 0)}名，共{sum(counts.values())}条记录。", file=out)
    return 0


def cmd_export_roster(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """Write the printable roster workbook."""
    unit = desk.org.resolve(args.unit)
    count = desk.roster_io.export_roster(unit.id, args.output, include_inactive=args.all)
    print(f"已导出{unit.name}党员名册（{count}人）：{args.output}", file=out)
    return 0


def cmd_export_data(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """Write the whole-database exchange file."""
    counts = desk.exchange.export_data(args.output)
    print(f"已导出数据交换文件（共{sum(counts.values())}条记录）：{args.output}", file=out)
    return 0


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
        json.dump(rows, out, ensure_ascii=False, indent=1)
        out.write("\n")
        return 0
    for m in members:
        print(
            f"{m.name}\t{m.gender.value}\t{m.party_status.value}\t{m.group}\t{m.roster_status.value}",
            file=out,
        )
    print(f"共{len(members)}人", file=out)
    return 0


def cmd_export_minutes(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """Write one event's 会议记录."""
    doc = desk.minutes.export_minutes(args.event, args.output)
    print(f"已导出{doc.title}（{doc.day.isoformat()}）：{args.output}", file=out)
    return 0


def cmd_export_sign_in(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """Write a 签到表 prefilled with those expected."""
    unit = desk.org.resolve(args.unit)
    kind = EventType(args.type)
    group_id = None
    if args.group:
        groups = {g.name: g.id for g in desk.org.groups(unit.id)}
        if args.group not in groups:
            raise UserError(f"找不到党小组“{args.group}”。")
        group_id = groups[args.group]
    elif kind is EventType.GROUP_MEETING:
        raise UserError("党小组会签到表须用 --group 指定党小组。")
    sheet = desk.minutes.export_sign_in(
        unit.id, kind, args.date, args.output, group_id=group_id, place=args.place
    )
    print(f"已导出签到表（应到{len(sheet.names)}人）：{args.output}", file=out)
    return 0


def cmd_events_list(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """List events, as a JSON array with --json."""
    unit_id = desk.org.resolve(args.unit).id if args.unit else None
    events = desk.events.list(unit_id, args.year)
    if args.json:
        json.dump([event_json(e) for e in events], out, ensure_ascii=False, indent=1)
        out.write("\n")
        return 0
    for e in events:
        print(
            f"{e.id}\t{e.day.isoformat()}\t{'、'.join(t.value for t in e.types)}\t{e.topic}"
            f"\t应到{e.expected} 实到{e.present}",
            file=out,
        )
    print(f"共{len(events)}次", file=out)
    return 0


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
        json.dump([f.to_json() for f in findings], out, ensure_ascii=False, indent=1)
        out.write("\n")
        return 0
    labels = {"error": "问题", "warning": "提示", "info": "待办"}
    for f in findings:
        subject = f"〔{f.subject}〕" if f.subject else ""
        print(f"[{labels[f.severity.value]}] {f.period or ''} {subject}{f.message}", file=out)
    counts = {k: sum(1 for f in findings if f.severity.value == k) for k in labels}
    print(
        f"{year}年（截至{as_of.isoformat()}）：问题{counts['error']}项，提示{counts['warning']}项，待办{counts['info']}项。",
        file=out,
    )
    return 0


def run_command(desk: BranchDesk, args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Run the parsed command on an open data dir, writing to ``out`` (default: stdout)."""
    handler: Handler = args.handler
    output = getattr(args, "output", None)
    if output is not None and not _backup_into_backups(desk, args):
        protect_folder(desk.paths.data_dir)  # no document into the data dir, whatever the command
        check_output(Path(output))
    return handler(desk, args, out or sys.stdout)


def _backup_into_backups(desk: BranchDesk, args: argparse.Namespace) -> bool:
    """A manual backup may go where the automatic ones are (and nowhere else in the data dir)."""
    if args.command != "backup":
        return False
    return Path(args.output).absolute().parent == desk.paths.backups_dir.absolute()


def needs_command(args: argparse.Namespace) -> bool:
    """Tell whether a command was given (none: start the GUI)."""
    return args.command is not None


def parse(argv: Sequence[str]) -> tuple[CliParser, argparse.Namespace]:
    parser = build_parser()
    return parser, parser.parse_args(list(argv))
