"""The `backup`, `restore`, `backups` and `verify` commands of the CLI."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from ..paths import AppPaths
from ..services.app import BranchDesk
from ..services.safety.backup import BackupRefused, list_backups, read_manifest
from ..services.safety.restore import restore_backup
from .common import CliParser, add_output, finish
from .encryption import restore_password


def add_safety_commands(commands: argparse._SubParsersAction[CliParser]) -> None:
    """Add the data-safety commands; `restore` and `backups` work without opening the database."""
    backup = commands.add_parser("backup", help="备份整个数据目录到一个 .bdbackup 文件")
    add_output(backup, "bdbackup")
    backup.set_defaults(handler=cmd_backup)

    restore = commands.add_parser("restore", help="从 .bdbackup 文件恢复（须先关闭程序）")
    restore.add_argument("file", type=Path, metavar="FILE.bdbackup")
    restore.set_defaults(handler=cmd_restore, without_desk=True)

    backups = commands.add_parser("backups", help="列出数据目录中的备份")
    backups.set_defaults(handler=cmd_backups, without_desk=True)

    verify = commands.add_parser("verify", help="检查数据库完整性和附件校验值")
    verify.set_defaults(handler=cmd_verify)


def cmd_backup(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """Write a manual backup."""
    info = desk.safety.backup(args.output)
    return finish(out, f"已备份到 {info.path}（{info.describe()}，{info.size // 1024} KB）")


def cmd_restore(paths: AppPaths, args: argparse.Namespace, out: TextIO) -> int:
    """Restore a backup into the (closed) data dir."""
    try:
        encrypted = read_manifest(args.file).encrypted
    except BackupRefused:
        encrypted = False  # restore_backup says what is wrong with it, once the lock is ours
    password = restore_password(encrypted)  # encryption at rest
    info = restore_backup(paths, args.file, password=password)
    return finish(
        out,
        f"已从 {args.file} 恢复：{info.describe()}。原有数据已另存安全副本于 {paths.backups_dir}",
    )


def cmd_backups(paths: AppPaths, args: argparse.Namespace, out: TextIO) -> int:
    """List the backups found."""
    found = list_backups(paths)
    for info in found:
        print(f"{info.describe()}\t{info.path}", file=out)
    return finish(out, f"共{len(found)}个备份")


def cmd_verify(desk: BranchDesk, args: argparse.Namespace, out: TextIO) -> int:
    """Check the database and every attachment; exit 1 on any problem."""
    report = desk.safety.verify()
    for problem in report.problems:
        print(problem, file=sys.stderr)
    if report.ok:
        print(f"检查通过：数据库完整，{report.files_checked}个附件校验无误。", file=out)
        return 0
    print(f"发现{len(report.problems)}个问题。", file=sys.stderr)
    return 1
