"""The `import` and `export` commands of the CLI: workbooks, documents and the exchange file."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from ..domain.errors import UserError
from ..domain.events import EventType
from ..services.app import BranchDesk
from ..services.meetings.importer import EventImportPreview, EventImportResult
from ..services.roster.importer import RosterImportResult
from .common import CliParser, add_group, add_import, add_output, date_arg, finish, import_workbook


def add_import_commands(
    commands: argparse._SubParsersAction[CliParser],
) -> argparse._SubParsersAction[CliParser]:
    """Add `import roster|events|data`; return the kinds for other areas' importers."""
    kinds = add_group(commands, "import", "导入数据", dest="what")
    add_import(kinds, "roster", "从 Excel 导入党员名册", cmd_import_roster)
    add_import(kinds, "events", "从 Excel 导入会议台账", cmd_import_events)
    data = kinds.add_parser("data", help="导入整库数据交换文件（JSON）到空数据目录")
    data.add_argument("file", type=Path, metavar="FILE.json")
    data.set_defaults(handler=cmd_import_data, creates=True)
    return kinds


def add_export_commands(
    commands: argparse._SubParsersAction[CliParser],
) -> argparse._SubParsersAction[CliParser]:
    """Add `export roster|data|minutes|sign-in`; return the kinds for other areas' exports."""
    kinds = add_group(commands, "export", "导出数据", dest="what")
    roster = kinds.add_parser("roster", help="导出党员名册（Excel，可直接打印）")
    add_output(roster, "xlsx")
    roster.add_argument("--unit", help="党组织名称")
    roster.add_argument("--all", action="store_true", help="包括已转出、去世等不在册人员")
    roster.set_defaults(handler=cmd_export_roster)
    data = kinds.add_parser("data", help="导出整库数据交换文件（JSON）")
    add_output(data, "json")
    data.set_defaults(handler=cmd_export_data)
    minutes = kinds.add_parser("minutes", help="导出会议记录（Word）")
    minutes.add_argument("--event", type=int, required=True, metavar="ID", help="会议编号")
    add_output(minutes, "docx")
    minutes.set_defaults(handler=cmd_export_minutes)
    sign_in = kinds.add_parser("sign-in", help="导出签到表（Word），预先列出应到人员")
    sign_in.add_argument("--type", required=True, choices=[t.value for t in EventType])
    sign_in.add_argument("--date", required=True, type=date_arg, metavar="YYYY-MM-DD")
    sign_in.add_argument("--group", help="党小组名称（党小组会）")
    sign_in.add_argument("--place", default="", help="地点")
    sign_in.add_argument("--unit", help="党组织名称")
    add_output(sign_in, "docx")
    sign_in.set_defaults(handler=cmd_export_sign_in)
    return kinds


def cmd_import_roster(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """Import (or with --dry-run, check) a roster workbook."""
    unit_id = desk.org.resolve(args.unit).id
    return import_workbook(desk.roster_import, unit_id, args, out, _roster_imported)


def _roster_imported(r: RosterImportResult) -> str:
    return f"导入完成：新增{r.created}人，更新{r.updated}人，无变化{r.unchanged}人。"


def cmd_import_events(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """Import (or with --dry-run, check) a meeting ledger workbook."""
    unit_id = desk.org.resolve(args.unit).id
    return import_workbook(desk.event_import, unit_id, args, out, _events_imported, _hours)


def _events_imported(r: EventImportResult) -> str:
    return f"导入完成：新增{r.created}次会议活动，更新{r.updated}次，无变化{r.unchanged}次。"


def _hours(preview: EventImportPreview) -> list[str]:
    """The notice of how study hours were counted, when the preview has one."""
    return [preview.hours_notice] if preview.hours_notice else []


def cmd_import_data(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """Load a whole-database exchange file into an empty data dir."""
    counts = desk.exchange.import_data(args.file).value
    return finish(
        out, f"导入完成：党员{counts.get('members', 0)}名，共{sum(counts.values())}条记录。"
    )


def cmd_export_roster(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """Write the printable roster workbook."""
    unit = desk.org.resolve(args.unit)
    count = desk.roster_io.export_roster(unit.id, args.output, include_inactive=args.all)
    return finish(out, f"已导出{unit.name}党员名册（{count}人）：{args.output}")


def cmd_export_data(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """Write the whole-database exchange file."""
    counts = desk.exchange.export_data(args.output)
    return finish(out, f"已导出数据交换文件（共{sum(counts.values())}条记录）：{args.output}")


def cmd_export_minutes(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """Write one event's 会议记录."""
    doc = desk.minutes.export_minutes(args.event, args.output)
    return finish(out, f"已导出{doc.title}（{doc.day.isoformat()}）：{args.output}")


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
    return finish(out, f"已导出签到表（应到{len(sheet.names)}人）：{args.output}")
