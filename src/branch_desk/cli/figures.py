"""The `figures` command: the year snapshot every document of that year is built from."""

from __future__ import annotations

import argparse
from typing import TextIO

from ..domain.dues_owed import rate_text
from ..domain.money import yuan
from ..domain.year_snapshot import YearSnapshot
from ..services.app import BranchDesk
from .common import AS_OF_HELP, CliParser, add_as_of, print_json


def add_figures_command(commands: argparse._SubParsersAction[CliParser]) -> None:
    """Add `figures --year Y [--unit NAME] [--as-of DATE] [--json]`."""
    figures = commands.add_parser("figures", help="年度统计数据（各文档共用的同一组数字）")
    figures.add_argument("--year", type=int, required=True, help="年度")
    figures.add_argument("--unit", help="党组织名称（有多个党组织时必填）")
    add_as_of(figures, AS_OF_HELP)
    figures.add_argument("--json", action="store_true", help="以 JSON 输出")
    figures.set_defaults(handler=cmd_figures)


def cmd_figures(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """Print the snapshot of a unit's year."""
    unit = desk.org.resolve(args.unit)
    snapshot = desk.snapshots.build(unit.id, args.year, args.as_of)
    if args.json:
        return print_json(snapshot.to_json(), out)
    for line in describe(snapshot):
        print(line, file=out)
    return 0


def describe(s: YearSnapshot) -> list[str]:
    """Return the snapshot as a few lines of Chinese text."""
    m, d, st, dev = s.members, s.dues, s.study, s.development
    owed = "未能确定（有党员未核定党费基数）" if d.owed_fen is None else f"{yuan(d.owed_fen)}元"
    rate = rate_text(d.rate, "未核定" if d.owed_fen is None else "—")
    hours = "未登记学时" if st.total_hours is None else f"{st.total_hours}学时"
    remitted = "未登记" if d.remitted_fen is None else f"{yuan(d.remitted_fen)}元"
    extra = f"（另收预交及多交{yuan(d.extra_fen)}元）" if d.extra_fen else ""
    return [
        f"{s.unit_name} {s.year}年（截至{s.as_of.isoformat()}）",
        f"党员{m.total}名：正式党员{m.full}名，预备党员{m.probationary}名；"
        f"本年发展{m.joined}名，转正{m.made_full}名，转入{m.transferred_in}名，"
        f"转出{m.transferred_out}名。",
        "会议活动{}次：{}".format(
            s.meetings.total, "，".join(f"{k}{v}次" for k, v in s.meetings.by_type) or "无"
        ),
        f"学习：{hours}",
        f"发展：递交申请{dev.applications}人，确定积极分子{dev.new_activists}人，"
        f"确定发展对象{dev.new_targets}人。",
        f"党费：应交{owed}，实交{yuan(d.paid_fen)}元{extra}，收缴率{rate}，上缴{remitted}。",
        "民主评议党员：{}".format(
            "本年度未开展"
            if s.appraisal is None
            else "、".join(f"{k}{v}名" for k, v in s.appraisal.items()) + "。"
        ),
        f"检查发现：{s.findings.total}项。",
    ]
