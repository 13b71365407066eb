"""What the CLI's command modules share: the Chinese-speaking parser, date arguments, previews."""

from __future__ import annotations

import argparse
import re
from datetime import date
from typing import NoReturn, TextIO

from ..services.dues.import_rows import DuesImportPreview
from ..services.meetings.importer import EventImportPreview
from ..services.roster.importer import RosterImportPreview

Preview = RosterImportPreview | EventImportPreview | DuesImportPreview


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
