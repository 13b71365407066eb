"""What the CLI's command modules share: the Chinese-speaking parser, date arguments, previews."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any, NoReturn, Protocol, TextIO, TypeVar

from ..services.development.import_rows import CandidateImportPreview
from ..services.dues.import_rows import DuesImportPreview
from ..services.meetings.importer import EventImportPreview
from ..services.outcome import Outcome
from ..services.roster.importer import RosterImportPreview

Preview = RosterImportPreview | EventImportPreview | DuesImportPreview | CandidateImportPreview
Handler = Callable[..., int]
P = TypeVar("P", bound=Preview)
R = TypeVar("R")


class WorkbookImporter(Protocol[P, R]):
    """An import service that previews a workbook for a unit, then applies the preview."""

    def preview(self, unit_id: int, path: Path) -> P: ...

    def apply(self, unit_id: int, preview: P) -> Outcome[R]: ...


class CliParser(argparse.ArgumentParser):
    """An argument parser whose errors are one Chinese line and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"参数错误：{chinese_usage_error(message)}（用 --help 查看用法）\n")


# argparse's own English messages, in the words a secretary reads
_USAGE_ERRORS = (
    (re.compile(r"argument (\S+): invalid int value: '(.*)'"), r"\1 应为整数，“\2”不是整数"),
    (
        re.compile(r"argument (\S+): invalid choice: '(.*?)' \(choose from (.*)\)"),
        r"\1 不能为“\2”，可选：\3",
    ),
    (re.compile(r"argument (\S+): expected one argument"), r"\1 后面缺少取值"),
    (re.compile(r"the following arguments are required: (.*)"), r"缺少必需的参数：\1"),
    (re.compile(r"unrecognized arguments: (.*)"), r"无法识别的参数：\1"),
)


def chinese_usage_error(message: str) -> str:
    """Say argparse's usual complaints in Chinese; anything else is passed on as it is."""
    for pattern, words in _USAGE_ERRORS:
        if pattern.fullmatch(message):
            return pattern.sub(words, message)
    return message


def add_group(
    commands: argparse._SubParsersAction[CliParser], name: str, help_text: str, dest: str = "action"
) -> argparse._SubParsersAction[CliParser]:
    """Add a command ``name`` whose sub-command (stored in ``dest``) must be given."""
    group = commands.add_parser(name, help=help_text)
    return group.add_subparsers(
        dest=dest, metavar=dest.upper(), parser_class=CliParser, required=True
    )


def add_import(
    kinds: argparse._SubParsersAction[CliParser],
    name: str,
    help_text: str,
    handler: Handler,
    *,
    year: bool = False,
) -> None:
    """Add `import NAME FILE.xlsx [--year Y] [--dry-run] [--unit U]`."""
    sub = kinds.add_parser(name, help=help_text)
    sub.add_argument("file", type=Path, metavar="FILE.xlsx")
    if year:
        sub.add_argument("--year", type=int, required=True, help="年度")
    sub.add_argument("--dry-run", action="store_true", help="只检查，不写入")
    sub.add_argument("--unit", help="党组织名称")
    sub.set_defaults(handler=handler)


def add_output(parser: argparse.ArgumentParser, suffix: str, help_text: str | None = None) -> None:
    """Add the required `-o/--output FILE.suffix`."""
    parser.add_argument(
        "-o", "--output", type=Path, required=True, metavar=f"FILE.{suffix}", help=help_text
    )


AS_OF_HELP = "统计截至日期（以往年度默认为12月31日，本年度默认为今天）"


def add_as_of(parser: argparse.ArgumentParser, help_text: str | None = None) -> None:
    """Add `--as-of YYYY-MM-DD`."""
    parser.add_argument("--as-of", type=date_arg, metavar="YYYY-MM-DD", help=help_text)


def date_arg(text: str) -> date:
    """An argparse type for YYYY-MM-DD, refused in Chinese."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是 YYYY-MM-DD 格式的日期") from None


def print_preview(preview: Preview, out: TextIO) -> None:
    """Print an import preview: counts by action, unknown columns, every problem."""
    counts = "，".join(f"{action}{preview.count(action)}" for action in ("新增", "更新", "无变化"))
    errors = sum(1 for r in preview.rows if not r.ok)
    print(
        f"工作表“{preview.sheet_name}”，表头在第{preview.header_row}行，数据{len(preview.rows)}行："
        f"{counts}，有错误{errors}。",
        file=out,
    )
    named = {p.column for p in preview.problems if p.row is None}
    if unknown := [c for c in preview.unknown_columns if c not in named]:
        print(f"未识别的列（已忽略）：{'、'.join(unknown)}", file=out)
    for problem in preview.problems:
        print(problem.describe(), file=out)


def run_import(
    preview: Preview,
    dry_run: bool,
    out: TextIO,
    apply: Callable[[], str],
    figures: Iterable[str] = (),
) -> int:
    """Print the preview (and ``figures``); refuse on errors, stop at --dry-run, else apply.

    ``apply`` writes the import and returns the line that says what it did.
    """
    print_preview(preview, out)
    for line in figures:
        print(line, file=out)
    if not preview.ok:
        print(f"发现{preview.error_count}处错误，未导入任何数据。", file=sys.stderr)
        return 1
    if dry_run:
        print("检查通过（--dry-run：未写入任何数据）。", file=out)
        return 0
    print(apply(), file=out)
    return 0


def import_workbook(
    importer: WorkbookImporter[Any, R],
    unit_id: int,
    args: argparse.Namespace,
    out: TextIO,
    said: Callable[[R], str],
    notes: Callable[[Any], Iterable[str]] = lambda preview: (),
) -> int:
    """Import ``args.file`` into the unit (only check it with --dry-run); ``said`` words the result.

    ``notes`` gives lines printed after the preview (what the rows would record, a notice).
    """
    preview = importer.preview(unit_id, args.file)
    return run_import(
        preview,
        args.dry_run,
        out,
        lambda: said(importer.apply(unit_id, preview).value),
        notes(preview),
    )


def finish(out: TextIO, message: str) -> int:
    """Print the line that says what the command did; return the exit code 0."""
    print(message, file=out)
    return 0


def print_json(data: object, out: TextIO) -> int:
    """Write ``data`` as indented JSON with Chinese kept as it is; return the exit code 0."""
    json.dump(data, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return 0
