"""The `encrypt` and `password` commands, `init --encrypt`, and asking for the password.

The password comes from $BRANCH_DESK_PASSWORD or, when stdin is a terminal, from a prompt
(getpass, not echoed). With neither the command stops at once with exit 1: it never waits on
a closed input. The password is kept in memory only (storage/cipher.py).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TextIO

from ..domain.errors import UserError
from ..paths import AppPaths
from ..services.data.preferences import load_preferences
from ..services.safety import sealed
from ..services.safety.encryption import (
    change_password,
    check_new_password,
    encrypt_data_dir,
    plain_backups,
)
from ..services.safety.restore import verified_contents
from ..storage import cipher
from .common import CliParser, finish

ENV_PASSWORD = "BRANCH_DESK_PASSWORD"
ENV_NEW_PASSWORD = "BRANCH_DESK_NEW_PASSWORD"
NO_TERMINAL = "需要密码：请在终端中运行以输入密码，或设置环境变量 {env}。"


def add_encryption_commands(commands: argparse._SubParsersAction[CliParser]) -> None:
    """Add `encrypt` and `password` (both work on the closed data dir)."""
    encrypt = commands.add_parser("encrypt", help="为现有数据库加密（设置密码，遗失无法恢复）")
    encrypt.add_argument(
        "--keep-plain-backups",
        action="store_true",
        help="保留备份目录中未加密的旧备份（默认在加密前备份校验无误后删除）",
    )
    encrypt.set_defaults(handler=cmd_encrypt, without_desk=True)
    password = commands.add_parser("password", help="更换数据库密码")
    password.set_defaults(handler=cmd_password, without_desk=True)


def _interactive() -> bool:
    stdin = sys.stdin
    try:
        return stdin is not None and stdin.isatty()
    except (ValueError, OSError):
        return False


def _ask(prompt: str) -> str:
    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise cipher.PasswordNeeded("未输入密码，操作已取消。") from None


def read_password(prompt: str = "请输入数据库密码：", env: str = ENV_PASSWORD) -> str:
    """Return the password from ``env`` or the terminal; refuse at once when there is neither."""
    value = os.environ.get(env)
    if value:
        return value
    if not _interactive():
        raise cipher.PasswordNeeded("数据库已加密，" + NO_TERMINAL.format(env=env))
    value = _ask(prompt)
    if not value:
        raise cipher.PasswordNeeded("未输入密码，操作已取消。")
    return value


def read_new_password(env: str = ENV_PASSWORD, prompt: str = "请设置数据库密码：") -> str:
    """Return a new password from ``env`` or asked twice on the terminal."""
    value = os.environ.get(env)
    if value:
        return check_new_password(value)
    if not _interactive():
        raise cipher.PasswordNeeded("设置密码" + NO_TERMINAL.format(env=env))
    print("请牢记密码：密码遗失后数据无法恢复，任何人（包括开发者）都无法找回。", file=sys.stderr)
    first = check_new_password(_ask(prompt))
    if _ask("请再次输入密码：") != first:
        raise UserError("两次输入的密码不一致，未做任何改动。")
    return first


def prepare_password(paths: AppPaths, args: argparse.Namespace) -> None:
    """Before opening the data dir: take the password the command needs (init --encrypt too)."""
    db = paths.database
    if args.command == "init" and getattr(args, "encrypt", False) and not cipher.needs_password(db):
        if db.exists() and db.stat().st_size > 0:
            raise UserError("该数据目录已有数据库；如需加密，请使用 branch-desk encrypt。")
        password = read_new_password()
        sealed.create_key(paths.data_dir, password)  # the marker, with the wrapped files key
        cipher.set_key(db, password)
        return
    if getattr(args, "without_desk", False):
        return
    if cipher.needs_password(db):
        cipher.set_key(db, read_password())


def cmd_encrypt(paths: AppPaths, args: argparse.Namespace, out: TextIO) -> int:
    """Encrypt the data dir's plain database in place."""
    if cipher.is_marked(paths.data_dir) and not cipher.has_plain_header(paths.database):
        raise UserError("数据库已经加密；如需更换密码，请使用 branch-desk password。")
    password = read_new_password()
    backup = encrypt_data_dir(paths, password)
    print(f"数据库已加密。加密前的数据已备份（已加密）到 {backup}", file=out)
    left = plain_backups(paths)
    if left and not args.keep_plain_backups:
        verify_backup(backup, paths.data_dir, password)
        for path in left:
            path.unlink(missing_ok=True)
        print(f"已删除{len(left)}个未加密的旧备份（加密前备份已校验无误）。", file=out)
    elif left:
        print(
            f"注意：备份目录中还有{len(left)}个未加密的旧备份，含明文数据，请妥善处理。", file=out
        )
    if load_preferences(paths.data_dir).mirror_dir:
        print(
            "注意：备份镜像文件夹中此前的备份未加密，请自行删除；今后的镜像备份均已加密。", file=out
        )
    return finish(out, "请牢记密码：密码遗失后数据无法恢复。")


def cmd_password(paths: AppPaths, args: argparse.Namespace, out: TextIO) -> int:
    """Change the database password (old from $BRANCH_DESK_PASSWORD, new from ..._NEW_...)."""
    if not cipher.needs_password(paths.database):
        raise UserError("数据库未加密；如需加密，请使用 branch-desk encrypt。")
    old = read_password("请输入当前密码：")
    cipher.check_password(paths.database, old)
    new = read_new_password(ENV_NEW_PASSWORD, "请输入新密码：")
    change_password(paths, old, new)
    return finish(out, "密码已更换。此前的备份仍需用当时的密码恢复。")


def verify_backup(backup: Path, work_dir: Path, password: str) -> None:
    """Read back and check a backup just written (raises when it is not sound)."""
    with verified_contents(backup, work_dir, password):
        pass


def restore_password(encrypted: bool) -> str | None:
    """The password for restoring a backup: asked only when the backup is encrypted."""
    return read_password("请输入该备份的密码：") if encrypted else None
