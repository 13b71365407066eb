"""The `report` command of the CLI: the year-end Party-building summary (.docx)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..services.app import BranchDesk

if TYPE_CHECKING:
    from .common import CliParser


def add_report_command(commands: argparse._SubParsersAction[CliParser]) -> None:
    """Add `report --year Y [--unit NAME] [--as-of DATE] -o FILE.docx`."""
    from .common import date_arg

    report = commands.add_parser("report", help="导出年度党建工作总结（Word）")
    report.add_argument("--year", type=int, required=True, help="年度")
    report.add_argument("--unit", help="党组织名称（党总支汇总其下各党支部）")
    report.add_argument(
        "--as-of",
        type=date_arg,
        metavar="YYYY-MM-DD",
        help="统计截止日期，也是落款日期（默认今天）",
    )
    report.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.docx")
    report.set_defaults(handler=cmd_report)


def cmd_report(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """Write the year-end summary of a unit."""
    unit = desk.org.resolve(args.unit)
    doc = desk.summary.export(unit.id, args.year, args.output, as_of=args.as_of)
    blanks = doc.text().count("【请填写")
    note = f"，有{blanks}处【请填写】待补充" if blanks else ""
    print(f"已导出{doc.title.replace(chr(10), '')}{note}：{args.output}", file=out)
    return 0
