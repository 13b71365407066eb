"""The `dues` and dues-import commands of the CLI."""

from __future__ import annotations

import argparse
import re
from datetime import date
from typing import TextIO

from ..domain.dues_records import PAYMENT_METHODS, PaymentInput, RemittanceInput
from ..domain.errors import UserError
from ..domain.money import MoneyError, parse_yuan, yuan, yuan_grouped
from ..domain.rules.dues import standing_date
from ..domain.year_snapshot import default_as_of
from ..services.app import BranchDesk
from ..services.dues.import_rows import DuesImportPreview
from .common import (
    CliParser,
    add_as_of,
    add_group,
    add_import,
    add_output,
    date_arg,
    finish,
    print_json,
    run_import,
)

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


def add_dues_commands(
    commands: argparse._SubParsersAction[CliParser],
    importer_kinds: argparse._SubParsersAction[CliParser],
) -> None:
    """Add `dues …` and `import dues-bases|dues-payments`."""
    _add_import_commands(importer_kinds)
    actions = add_group(commands, "dues", "党费")
    _add_base_commands(actions)
    _add_money_commands(actions)
    _add_report_commands(actions)


def _add_import_commands(importer_kinds: argparse._SubParsersAction[CliParser]) -> None:
    for name, help_text, handler in (
        ("dues-bases", "从 Excel 导入党费基数（月基数或工资明细）", cmd_import_bases),
        (
            "dues-payments",
            "从 Excel 导入以往的党费收缴登记表（1月…12月实交金额）",
            cmd_import_payments,
        ),
    ):
        add_import(importer_kinds, name, help_text, handler, year=True)


def _add_base_commands(actions: argparse._SubParsersAction[CliParser]) -> None:
    assess = actions.add_parser("assess", help="列出某年度党费核定情况")
    assess.add_argument("--year", type=int, required=True)
    assess.add_argument("--unit")
    assess.add_argument("--json", action="store_true")
    assess.set_defaults(handler=cmd_assess)

    carry = actions.add_parser("carry", help="沿用上年党费基数（全支部，待确认）")
    carry.add_argument("--year", type=int, required=True, help="沿用到的年度")
    carry.add_argument("--dry-run", action="store_true", help="只列出，不写入")
    carry.add_argument("--unit")
    carry.set_defaults(handler=cmd_carry)

    confirm = actions.add_parser("confirm", help="确认沿用的党费基数")
    confirm.add_argument("--year", type=int, required=True)
    confirm.add_argument("--member", metavar="NAME_OR_ID", help="只确认某位党员（默认全部）")
    confirm.add_argument("--unit")
    confirm.set_defaults(handler=cmd_confirm)


def _add_money_commands(actions: argparse._SubParsersAction[CliParser]) -> None:
    pay = actions.add_parser("pay", help="登记党费缴纳")
    pay.add_argument("--member", required=True, metavar="NAME_OR_ID", help="姓名或身份证号")
    pay.add_argument(
        "--months",
        required=True,
        metavar="YYYY-MM..YYYY-MM",
        help="所交月份，如 2024-01..2024-03 或 2024-05",
    )
    pay.add_argument("--amount", required=True, metavar="元", help="金额（元），如 45.00")
    pay.add_argument("--date", required=True, type=date_arg, metavar="YYYY-MM-DD", help="缴纳日期")
    pay.add_argument("--method", default="现金", choices=PAYMENT_METHODS)
    pay.add_argument("--collector", default="", help="经手人")
    pay.add_argument("--unit")
    pay.set_defaults(handler=cmd_pay)

    remit = actions.add_parser("remit", help="登记党费上缴")
    remit.add_argument("--amount", required=True, metavar="元")
    remit.add_argument("--large", default="0", metavar="元", help="其中大额党费（元）")
    remit.add_argument("--date", required=True, type=date_arg, metavar="YYYY-MM-DD")
    remit.add_argument("--covers", default="", help="所属期间，如 2024年1—3月")
    remit.add_argument("--receipt", default="", help="收据编号")
    remit.add_argument("--unit")
    remit.set_defaults(handler=cmd_remit)


def _add_report_commands(actions: argparse._SubParsersAction[CliParser]) -> None:
    arrears = actions.add_parser("arrears", help="列出连续未交党费的党员")
    arrears.add_argument("--year", type=int, help="年度：列出截至该年12月31日仍连续未交的党员")
    add_as_of(arrears)
    arrears.add_argument("--unit")
    arrears.add_argument("--json", action="store_true")
    arrears.set_defaults(handler=cmd_arrears)

    for name, help_text, handler, suffix in (
        ("ledger", "导出党费收缴登记表（Excel）", cmd_ledger, "xlsx"),
        ("assessment", "导出党费基数核定表（Excel）", cmd_assessment, "xlsx"),
        ("notice", "导出党费收缴情况公示（Word）", cmd_notice, "docx"),
    ):
        sub = actions.add_parser(name, help=help_text)
        sub.add_argument("--year", type=int, required=True)
        add_output(sub, suffix)
        sub.add_argument("--unit")
        sub.set_defaults(handler=handler)


def _amount(text: str, what: str = "金额") -> int:
    try:
        return parse_yuan(text)
    except MoneyError as exc:
        raise UserError(f"{what}：{exc}") from None


def parse_months(text: str) -> tuple[date, date]:
    """Read '2024-01..2024-03' or '2024-05' into the first days of the first and last month."""
    first_text, _, last_text = text.partition("..")
    result = []
    for part in (first_text, last_text or first_text):
        match = _MONTH.match(part.strip())
        if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 1900:
            raise UserError(f"月份“{part}”格式应为 YYYY-MM，区间写作 2024-01..2024-03")
        result.append(date(int(match.group(1)), int(match.group(2)), 1))
    return result[0], result[1]


def _import(desk: BranchDesk, args: argparse.Namespace, out: TextIO, bases: bool) -> int:
    """Import bases or payments, printing what each row would record and the totals."""
    unit = desk.org.resolve(args.unit)
    service = desk.dues_import
    preview = (service.preview_bases if bases else service.preview_payments)(
        unit.id, args.year, args.file
    )

    def apply() -> str:
        count = (service.apply_bases if bases else service.apply_payments)(preview).value
        return f"导入完成：{'党费核定' if bases else '月度缴费'}{count}条。"

    return run_import(preview, args.dry_run, out, apply, preview_lines(preview, bases))


def preview_lines(preview: DuesImportPreview, bases: bool) -> list[str]:
    """Return one line per row that would record something, then the totals."""
    lines = []
    good = [r for r in preview.rows if r.ok]
    for r in good:
        if bases and r.monthly_due_fen is not None:
            base = f"基数 {yuan_grouped(r.base_fen)} 元，" if r.base_fen is not None else ""
            lines.append(
                f"第{r.row}行 {r.name}：{r.category}，{base}{r.rate}，"
                f"月应交 {yuan_grouped(r.monthly_due_fen)} 元"
            )
        elif not bases and r.amount_fen:
            lines.append(f"第{r.row}行 {r.name}：{r.months}，实交 {yuan_grouped(r.amount_fen)} 元")
    if bases:
        lines.append(
            f"合计：{len(good)}人，月应交合计 {yuan_grouped(preview.total_monthly_fen)} 元"
        )
    else:
        payers = sum(1 for r in good if r.amount_fen)
        lines.append(f"合计：{payers}人，实交合计 {yuan_grouped(preview.total_amount_fen)} 元")
    return lines


def cmd_import_bases(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """Import a year's dues bases."""
    return _import(desk, args, out, bases=True)


def cmd_import_payments(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """Import a previous 收缴登记表 grid."""
    return _import(desk, args, out, bases=False)


def cmd_assess(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """List the year's assessments."""
    unit = desk.org.resolve(args.unit)
    rows = desk.dues.assessments(unit.id, args.year)
    if args.json:
        data = [
            {
                "name": a.member_name,
                "member_id": a.member_id,
                "from_month": a.from_month,
                "category": a.category.value,
                "base": yuan(a.base_fen),
                "rate": None if a.rate_bp is None else f"{a.rate_bp / 100:g}%",
                "monthly_due": yuan(a.monthly_due_fen),
                "reduction": a.reduction.value,
                "approval_ref": a.approval_ref or None,
                "explanation": a.explanation,
                "carried_from": a.carried_from,
            }
            for a in rows
        ]
        return print_json(data, out)
    for a in rows:
        carried = f"\t沿用{a.carried_from}年（待确认）" if a.carried_from else ""
        print(f"{a.member_name}\t{a.category.value}\t{a.explanation}{carried}", file=out)
    return finish(out, f"{args.year}年度已核定{len({a.member_id for a in rows})}人")


def cmd_carry(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """Carry last year's bases forward for every unassessed member (marked 沿用)."""
    unit = desk.org.resolve(args.unit)
    if args.dry_run:
        _, result = desk.dues_carry.plan(unit.id, args.year)
    else:
        result = desk.dues_carry.carry(unit.id, args.year).value
    done = "将沿用" if args.dry_run else "已沿用"
    print(
        f"{done}{args.year - 1}年党费基数：{len(result.carried)}人"
        f"（{'、'.join(result.carried) or '无'}）；已核定未改动{result.kept}人。",
        file=out,
    )
    if result.missing:
        print(f"上年无基数、须逐一核定：{'、'.join(result.missing)}", file=out)
    if not args.dry_run:
        print(f"沿用的基数待确认：核对后运行 dues confirm --year {args.year}", file=out)
    return 0


def cmd_confirm(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """Confirm the carried bases of a year (or one member's)."""
    unit = desk.org.resolve(args.unit)
    members = None
    if args.member:
        members = {desk.roster.find(args.member, unit.id).id}
    count = desk.dues_carry.confirm(unit.id, args.year, members).value
    return finish(out, f"已确认{args.year}年沿用的党费基数{count}条。")


def cmd_pay(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """Record a dues payment."""
    unit = desk.org.resolve(args.unit)
    member = desk.roster.find(args.member, unit.id)
    first, last = parse_months(args.months)
    payment = desk.dues.pay(
        member.id,
        PaymentInput(first, last, _amount(args.amount), args.date, args.method, args.collector),
    ).value
    extra = f"，其中自愿多交 {yuan(payment.extra_fen)} 元" if payment.extra_fen else ""
    large = "（大额党费，须全额上缴）" if payment.large else ""
    return finish(
        out,
        f"已登记：{member.name} {payment.span} 党费 {yuan(payment.amount_fen)} 元{extra}{large}。",
    )


def cmd_remit(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """Record dues handed up."""
    unit = desk.org.resolve(args.unit)
    record = desk.dues.remit(
        unit.id,
        RemittanceInput(
            args.date,
            _amount(args.amount),
            _amount(args.large, "大额党费"),
            args.covers,
            args.receipt,
        ),
    ).value
    return finish(
        out,
        f"已登记上缴党费 {yuan(record.amount_fen)} 元；尚未上缴余额 {yuan(desk.dues.balance(unit.id))} 元。",
    )


def cmd_arrears(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """List members with consecutive unpaid months."""
    unit = desk.org.resolve(args.unit)
    today = desk.roster.today()
    if args.year is not None:  # a past year's arrears as they stood on its 31 December
        as_of = default_as_of(args.year, today, args.as_of)
        year = args.year
    else:
        as_of = args.as_of or today
        year = as_of.year
    rows = desk.dues_reports.arrears(unit.id, as_of, year=year)
    if args.json:
        data = [
            {"name": a.name, "months": a.count, "since": a.since, "owed": yuan(a.owed_fen)}
            for a in rows
        ]
        return print_json(data, out)
    for a in rows:
        print(f"{a.name}\t自{a.since}起连续{a.count}个月未交\t欠交{yuan(a.owed_fen)}元", file=out)
    day = standing_date(year, as_of)
    return finish(out, f"共{len(rows)}人（截至{day.year}年{day.month}月{day.day}日）")


def cmd_ledger(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """Write the 收缴登记表."""
    unit = desk.org.resolve(args.unit)
    ledger = desk.dues_io.export_ledger(unit.id, args.year, args.output)
    return finish(
        out,
        f"已导出{args.year}年度党费收缴登记表（{len(ledger.rows)}人，实交 {yuan(ledger.annual_paid_fen)} 元）：{args.output}",
    )


def cmd_assessment(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """Write the 核定表."""
    unit = desk.org.resolve(args.unit)
    sheet = desk.dues_io.export_assessment(unit.id, args.year, args.output)
    return finish(out, f"已导出{args.year}年度党费基数核定表（{len(sheet.rows)}条）：{args.output}")


def cmd_notice(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """Write the yearly 公示."""
    unit = desk.org.resolve(args.unit)
    desk.dues_io.export_notice(unit.id, args.year, args.output)
    return finish(out, f"已导出{args.year}年度党费收缴情况公示：{args.output}")
