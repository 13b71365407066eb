"""Composition root: paths → database → services → GUI or CLI."""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from collections.abc import Sequence

from . import __version__
from .cli.guard import check_arguments, creates_database
from .domain.errors import UserError
from .paths import AppPaths
from .services.app import READ_ONLY_NOTICE, BranchDesk
from .services.app_log import setup_logging
from .storage.connect import is_disk_full
from .storage.private import private_umask

log = logging.getLogger("branch_desk")

EXIT_USER_ERROR = 1
EXIT_INTERNAL_ERROR = 3
EXIT_INTERRUPTED = 130


def _utf8_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(encoding="utf-8", errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI command given in ``argv``, or the GUI when there is none."""
    from .cli.main import parse

    _utf8_streams()
    sys.unraisablehook = _log_unraisable
    _parser, args = parse(sys.argv[1:] if argv is None else argv)
    if args.version:
        print(f"支部工作台 {__version__}")
        return 0
    paths = AppPaths.resolve(args.data_dir)
    with private_umask():  # everything created in the data dir is owner-only (POSIX)
        return _run(paths, args)


def _run(paths: AppPaths, args: argparse.Namespace) -> int:
    from .cli.encryption import prepare_password
    from .cli.main import needs_command, run_command

    try:
        check_arguments(args)
        paths.ensure()
        setup_logging(paths)
        if not needs_command(args):
            return _run_gui(paths)
        prepare_password(paths, args)  # encryption at rest (cli_encryption.py)
        if getattr(args, "without_desk", False):
            return int(args.handler(paths, args, sys.stdout))
        with BranchDesk.open(paths, create=creates_database(args)) as desk:
            if desk.read_only:
                print(READ_ONLY_NOTICE.format(path=paths.data_dir), file=sys.stderr)
            return run_command(desk, args)
    except UserError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as exc:
        log.exception("file system error")
        reason = "磁盘空间不足，未保存任何改动" if is_disk_full(exc) else exc.strerror or exc
        print(f"错误：无法访问 {exc.filename or paths.data_dir}：{reason}", file=sys.stderr)
        return EXIT_USER_ERROR
    except Exception as exc:
        log.exception("internal error")
        print(
            f"内部错误：{type(exc).__name__}: {exc}（详情已写入日志 {paths.logs_dir}）",
            file=sys.stderr,
        )
        return EXIT_INTERNAL_ERROR


def _log_unraisable(unraisable: sys.UnraisableHookArgs) -> None:
    """Send errors raised in finalizers (e.g. a library closing a file on a full disk) to the log."""
    log.warning(
        "ignored exception in %r",
        unraisable.object,
        exc_info=(unraisable.exc_type, unraisable.exc_value, unraisable.exc_traceback),  # type: ignore[arg-type]
    )


def _run_gui(paths: AppPaths) -> int:
    from .ui.launch import start_gui

    return start_gui(paths)


if __name__ == "__main__":
    sys.exit(main())
