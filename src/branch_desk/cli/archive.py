"""The `archive` command of the CLI: a year's inspection pack (台账) as one .zip."""

from __future__ import annotations

import argparse
from typing import TextIO

from ..domain.archive import EMPTY_NOTE
from ..services.app import BranchDesk
from .common import AS_OF_HELP, CliParser, add_as_of, add_output


def add_archive_command(commands: argparse._SubParsersAction[CliParser]) -> None:
    """Add `archive --year Y [--unit NAME] [--mask] -o FILE.zip [--as-of DATE]`."""
    archive = commands.add_parser("archive", help="生成某年度党建工作台账（按类别归档的 .zip）")
    archive.add_argument("--year", type=int, required=True, help="年度")
    archive.add_argument("--unit", help="党组织名称")
    archive.add_argument(
        "--mask", action="store_true", help="隐藏身份证号和联系电话（对外提供的副本）"
    )
    add_output(archive, "zip", "输出文件（或新文件夹）")
    add_as_of(archive, AS_OF_HELP)
    archive.set_defaults(handler=cmd_archive)


def cmd_archive(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """Build the pack and print the file count, per-category counts and what is missing."""
    unit = desk.org.resolve(args.unit)
    as_of = desk.snapshots.as_of(args.year, args.as_of)
    index = desk.archive.build(unit.id, args.year, args.output, mask=args.mask, as_of=as_of)
    masked = "（身份证号、联系电话已隐藏）" if args.mask else ""
    print(
        f"已生成 {args.output}：{unit.name}{args.year}年度台账，共{len(index.entries)}份材料{masked}。",
        file=out,
    )
    for category, n in index.counts().items():
        print(f"  {category.folder}：{f'{n}份' if n else EMPTY_NOTE}", file=out)
    statuses = desk.archive.overview(unit.id, args.year, as_of)
    gaps = [(s.category.folder, m) for s in statuses for m in s.missing]
    if gaps:
        print(f"按规则尚缺（截至{as_of.isoformat()}）：", file=out)
        for folder, text in gaps:
            print(f"  [{folder}] {text}", file=out)
    return 0
