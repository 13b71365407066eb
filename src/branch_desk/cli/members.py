"""The `members change` command: a dated roll change (转出, 转入, 去世 …) from the command line."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from typing import TextIO

from ..domain.members import StatusChangeKind
from ..services.app import BranchDesk
from ..services.roster.members import StatusChangeInput
from .common import CliParser, finish

# What the command line accepts for --status, and the roster change each one records.
STATUS_WORDS: dict[str, StatusChangeKind] = {
    "转出": StatusChangeKind.TRANSFER_OUT,
    "转入": StatusChangeKind.TRANSFER_IN,
    "去世": StatusChangeKind.DECEASE,
    "出党": StatusChangeKind.EXPEL,
    "停止党籍": StatusChangeKind.SUSPEND,
    "恢复党籍": StatusChangeKind.RESTORE,
}


def add_member_change_command(
    member_cmds: argparse._SubParsersAction[CliParser], date_arg: Callable[[str], date]
) -> None:
    """Add `members change NAME_OR_ID --status … --date …`."""
    change = member_cmds.add_parser("change", help="办理组织关系或党籍变动（转出、转入、去世等）")
    change.add_argument("member", metavar="NAME_OR_ID", help="党员姓名或身份证号")
    change.add_argument("--status", required=True, choices=list(STATUS_WORDS), help="变动类别")
    change.add_argument(
        "--date", required=True, type=date_arg, metavar="YYYY-MM-DD", help="变动日期"
    )
    change.add_argument("--unit-name", default="", help="转出的去向或转入的来源党组织")
    change.add_argument("--letter-no", default="", help="组织关系介绍信编号（转出时必填）")
    change.add_argument("--note", default="", help="备注")
    change.add_argument("--unit", help="党组织名称（有多个党组织时用于查找党员）")
    change.set_defaults(handler=cmd_members_change)


def cmd_members_change(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """Record the change in one unit of work; refused changes leave the record as it was."""
    unit_id = desk.org.resolve(args.unit).id if args.unit else None
    member = desk.roster.find(args.member, unit_id)
    kind = STATUS_WORDS[args.status]
    outcome = desk.roster.change_status(
        member.id,
        StatusChangeInput(
            kind=kind,
            effective_on=args.date,
            place=args.unit_name,
            letter_no=args.letter_no,
            note=args.note,
        ),
    )
    record = outcome.value
    return finish(
        out,
        f"已办理：{record.name} {args.date.isoformat()} {kind.value}，"
        f"现为“{record.roster_status.value}”。",
    )
