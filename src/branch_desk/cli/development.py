"""The `develop` commands, `import candidates` and `export dossier` of the CLI."""

from __future__ import annotations

import argparse
from typing import TextIO

from ..domain.development import STEPS
from ..services.app import BranchDesk
from ..services.development.import_rows import CandidateImportResult
from ..services.development.views import CandidateView
from .common import (
    CliParser,
    add_group,
    add_import,
    add_output,
    finish,
    import_workbook,
    print_json,
)


def add_develop_commands(
    commands: argparse._SubParsersAction[CliParser],
    importer_kinds: argparse._SubParsersAction[CliParser],
    exporter_kinds: argparse._SubParsersAction[CliParser],
) -> None:
    """Add `develop list`, `import candidates` and `export dossier|pipeline`."""
    add_import(
        importer_kinds,
        "candidates",
        "从 Excel 导入发展党员台账（每个步骤一列日期）",
        cmd_import_candidates,
    )

    dossier = exporter_kinds.add_parser("dossier", help="导出发展党员全程纪实表（Word）")
    dossier.add_argument("--candidate", required=True, metavar="NAME_OR_ID", help="姓名或身份证号")
    add_output(dossier, "docx")
    dossier.add_argument("--unit", help="党组织名称")
    dossier.set_defaults(handler=cmd_export_dossier)
    pipeline = exporter_kinds.add_parser("pipeline", help="导出发展党员工作情况汇总表（Excel）")
    pipeline.add_argument("--year", type=int, required=True)
    add_output(pipeline, "xlsx")
    pipeline.add_argument("--unit", help="党组织名称")
    pipeline.set_defaults(handler=cmd_export_pipeline)

    actions = add_group(commands, "develop", "发展党员")
    listing = actions.add_parser("list", help="列出发展对象及其下一步")
    listing.add_argument("--unit", help="党组织名称")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    listing.set_defaults(handler=cmd_develop_list)


def candidate_json(c: CandidateView) -> dict[str, object]:
    """Return a candidate as the `develop list --json` object."""
    nxt = c.next
    return {
        "id": c.id,
        "name": c.name,
        "id_number": c.id_number or None,
        "unit": c.unit_name,
        "group": c.group or None,
        "stage": c.stage.value,
        "next_step": nxt.step.value if nxt else None,
        "earliest": nxt.earliest.isoformat() if nxt and nxt.earliest else None,
        "latest": nxt.latest.isoformat() if nxt and nxt.latest else None,
        "steps": {step.code: c.steps[step].day.isoformat() for step in STEPS if step in c.steps},
        "step_names": {step.code: step.value for step in STEPS if step in c.steps},
        "probation_ends": c.probation_ends.isoformat() if c.probation_ends else None,
        "member_id": c.member_id,
        "issues": [
            {"rule": i.rule, "severity": i.severity.value, "message": i.message} for i in c.issues
        ],
    }


def cmd_develop_list(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """List candidates with stage and next step."""
    unit_id = desk.org.resolve(args.unit).id if args.unit else None
    rows = desk.development.list(unit_id)
    if args.json:
        return print_json([candidate_json(c) for c in rows], out)
    for c in rows:
        nxt = c.next.describe() if c.next else "—"
        problems = sum(1 for i in c.issues if i.severity.value == "error")
        print(f"{c.name}\t{c.stage.value}\t{nxt}\t问题{problems}项", file=out)
    return finish(out, f"共{len(rows)}人")


def cmd_import_candidates(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """Import (or check) a development ledger workbook."""
    unit_id = desk.org.resolve(args.unit).id
    return import_workbook(desk.candidate_import, unit_id, args, out, _candidates_imported)


def _candidates_imported(r: CandidateImportResult) -> str:
    return f"导入完成：新增{r.created}人，更新{r.updated}人。"


def cmd_export_dossier(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """Write one candidate's 发展党员全程纪实表."""
    unit_id = desk.org.resolve(args.unit).id if args.unit else None
    candidate = desk.development.find(args.candidate, unit_id)
    desk.development_io.export_dossier(candidate.id, args.output)
    return finish(out, f"已导出{candidate.name}的发展党员全程纪实表：{args.output}")


def cmd_export_pipeline(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """Write the year's pipeline summary workbook."""
    unit = desk.org.resolve(args.unit)
    desk.development_io.export_pipeline(unit.id, args.year, args.output)
    return finish(out, f"已导出{args.year}年度发展党员工作情况汇总表：{args.output}")
