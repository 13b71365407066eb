"""The `import` and `export` commands of the CLI: workbooks, documents and the exchange file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from ..domain.errors import UserError
from ..domain.events import EventType
from ..services.app import BranchDesk
from .common import CliParser, date_arg, print_preview


def add_import_commands(
    commands: argparse._SubParsersAction[CliParser],
) -> argparse._SubParsersAction[CliParser]:
    """Add `import roster|events|data`; return the kinds for other areas' importers."""
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
    data = kinds.add_parser("data", help="导入整库数据交换文件（JSON）到空数据目录")
    data.add_argument("file", type=Path, metavar="FILE.json")
    data.set_defaults(handler=cmd_import_data, creates=True)
    return kinds


def add_export_commands(
    commands: argparse._SubParsersAction[CliParser],
) -> argparse._SubParsersAction[CliParser]:
    """Add `export roster|data|minutes|sign-in`; return the kinds for other areas' exports."""
    exporter = commands.add_parser("export", help="导出数据")
    kinds = exporter.add_subparsers(
        dest="what", metavar="WHAT", parser_class=CliParser, required=True
    )
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
    return kinds


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
