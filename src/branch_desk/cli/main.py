"""Command-line front end over the services (headless; every export is reachable here)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from ..domain.errors import UserError
from ..domain.ledger_start import default_ledger_start
from ..domain.org import OrgUnitKind
from ..exports.safe_output import check_output, protect_folder
from ..paths import AppPaths
from ..services.app import BranchDesk
from ..services.org.units import BranchInput
from .archive import add_archive_command
from .common import CliParser, date_arg, finish
from .development import add_develop_commands
from .dues import add_dues_commands
from .encryption import add_encryption_commands
from .figures import add_figures_command
from .listings import add_check_command, add_events_commands, add_members_list_command
from .members import add_member_change_command
from .report import add_report_command
from .safety import add_safety_commands
from .transfer import add_export_commands, add_import_commands

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

    import_kinds = add_import_commands(commands)
    export_kinds = add_export_commands(commands)

    member_cmds = add_members_list_command(commands)
    add_member_change_command(member_cmds, date_arg)
    add_events_commands(commands)
    add_dues_commands(commands, import_kinds)
    add_develop_commands(commands, import_kinds, export_kinds)
    add_archive_command(commands)
    add_safety_commands(commands)
    add_encryption_commands(commands)
    add_report_command(commands)
    add_figures_command(commands)
    add_check_command(commands)
    return parser


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
    return finish(out, f"台账起始日期：{start.isoformat()}（此前的月份、季度不作检查）")


def cmd_demo(paths: AppPaths, args: argparse.Namespace, out: TextIO) -> int:
    """Fill an empty data dir with demo data (all or nothing)."""
    from ..services.demo.build import build_demo

    summary = build_demo(paths, seed=args.seed)
    return finish(
        out,
        f"已生成演示数据：{summary.unit_name}，党员{summary.members}名，党小组{summary.groups}个，"
        f"会议活动{summary.events}次，发展党员对象{summary.candidates}人。",
    )


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
