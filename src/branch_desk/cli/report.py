"""The `report` command of the CLI: the year-end Party-building summary (.docx)."""

from __future__ import annotations

import argparse
from typing import TextIO

from ..services.app import BranchDesk
from .common import CliParser, add_as_of, add_output, finish


def add_report_command(commands: argparse._SubParsersAction[CliParser]) -> None:
    """Add `report --year Y [--unit NAME] [--as-of DATE] -o FILE.docx`."""
    report = commands.add_parser("report", help="导出年度党建工作总结（Word）")
    report.add_argument("--year", type=int, required=True, help="年度")
    report.add_argument("--unit", help="党组织名称（党总支汇总其下各党支部）")
    add_as_of(report, "统计截止日期，也是落款日期（默认今天）")
    add_output(report, "docx")
    report.set_defaults(handler=cmd_report)


def cmd_report(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """Write the year-end summary of a unit."""
    unit = desk.org.resolve(args.unit)
    doc = desk.summary.export(unit.id, args.year, args.output, as_of=args.as_of)
    blanks = doc.text().count("【请填写")
    note = f"，有{blanks}处【请填写】待补充" if blanks else ""
    return finish(out, f"已导出{doc.title.replace(chr(10), '')}{note}：{args.output}")
