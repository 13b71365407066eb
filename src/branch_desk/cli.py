"""Command-line front end over the services (headless; every export is reachable here)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from .domain.errors import UserError
from .domain.org import OrgUnitKind
from .domain.text import iso
from .services.app import BranchDesk
from .services.org import BranchInput
from .services.roster_import import RosterImportPreview

Handler = Callable[[BranchDesk, argparse.Namespace, TextIO], int]


class CliParser(argparse.ArgumentParser):
    """An argument parser whose errors are one Chinese line and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"参数错误：{message}（用 --help 查看用法）\n")


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
    init.set_defaults(handler=cmd_init)

    demo = commands.add_parser("demo", help="在空数据目录中填入演示数据")
    demo.add_argument("--seed", type=int, default=1, help="随机种子（相同种子生成相同数据）")
    demo.set_defaults(handler=cmd_demo)

    _add_import(commands)
    _add_export(commands)

    members = commands.add_parser("members", help="党员名册")
    member_cmds = members.add_subparsers(
        dest="action", metavar="ACTION", parser_class=CliParser, required=True
    )
    listing = member_cmds.add_parser("list", help="列出党员")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    listing.add_argument("--unit", help="党组织名称（有多个党组织时必填）")
    listing.set_defaults(handler=cmd_members_list)
    return parser


def _add_import(commands: argparse._SubParsersAction[CliParser]) -> None:
    importer = commands.add_parser("import", help="导入数据")
    kinds = importer.add_subparsers(
        dest="what", metavar="WHAT", parser_class=CliParser, required=True
    )
    roster = kinds.add_parser("roster", help="从 Excel 导入党员名册")
    roster.add_argument("file", type=Path, metavar="FILE.xlsx")
    roster.add_argument("--dry-run", action="store_true", help="只检查，不写入")
    roster.add_argument("--unit", help="党组织名称")
    roster.set_defaults(handler=cmd_import_roster)
    data = kinds.add_parser("data", help="导入整库数据交换文件（JSON）到空数据目录")
    data.add_argument("file", type=Path, metavar="FILE.json")
    data.set_defaults(handler=cmd_import_data)


def _add_export(commands: argparse._SubParsersAction[CliParser]) -> None:
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


# ---- commands ---------------------------------------------------------------------------------


def cmd_init(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """Create the branch in a new data dir."""
    if desk.org.is_set_up():
        names = "、".join(u.name for u in desk.org.top_units())
        raise UserError(f"该数据目录已建立党组织（{names}），无需再次初始化。")
    groups = tuple(g for g in args.groups.replace("，", ",").split(",") if g.strip())
    unit = desk.org.create_branch(
        BranchInput(
            name=args.name, kind=OrgUnitKind(args.kind), upper_org=args.parent, groups=groups
        )
    ).value
    print(f"已建立{unit.kind.value}：{unit.name}（数据目录 {desk.paths.data_dir}）", file=out)
    return 0


def cmd_demo(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """Fill an empty data dir with demo data."""
    from .services.demo import fill_demo

    summary = fill_demo(desk, seed=args.seed)
    print(
        f"已生成演示数据：{summary.unit_name}，党员{summary.members}名，党小组{summary.groups}个。",
        file=out,
    )
    return 0


def cmd_import_roster(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """Import (or with --dry-run, check) a roster workbook."""
    unit = desk.org.resolve(args.unit)
    preview = desk.roster_import.preview(unit.id, args.file)
    _print_preview(preview, out)
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


def _print_preview(preview: RosterImportPreview, out: TextIO) -> None:
    print(
        f"工作表“{preview.sheet_name}”，表头在第{preview.header_row}行，数据{len(preview.rows)}行："
        f"新增{preview.count('新增')}，更新{preview.count('更新')}，无变化{preview.count('无变化')}"
        f"，有错误{preview.rows_with_errors}。",
        file=out,
    )
    if preview.unknown_columns:
        print(f"未识别的列（已忽略）：{'、'.join(preview.unknown_columns)}", file=out)
    for problem in preview.problems:
        print(problem.describe(), file=out)


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


def run_command(desk: BranchDesk, args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Run the parsed command on an open data dir, writing to ``out`` (default: stdout)."""
    handler: Handler = args.handler
    return handler(desk, args, out or sys.stdout)


def needs_command(args: argparse.Namespace) -> bool:
    """Tell whether a command was given (none: start the GUI)."""
    return args.command is not None


def parse(argv: Sequence[str]) -> tuple[CliParser, argparse.Namespace]:
    parser = build_parser()
    return parser, parser.parse_args(list(argv))
