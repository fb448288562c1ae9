"""The command line: the same services as the GUI, for scripts and headless work.

Exit codes: 0 ok, 1 a clear one-line message on stderr for anything the user can fix, 2 usage.
Bugs still raise: a traceback there is a bug report, not a user error.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from app.bootstrap import App, OpenOptions, open_app
from app.cli import (
    admin_commands,
    backup_commands,
    data_commands,
    exchange_commands,
    gui_commands,
    letter_commands,
    risk_commands,
)
from app.domain.errors import UserError
from app.security.errors import UserFacingError
from app.version import __version__

Handler = Callable[[argparse.Namespace, App], int]


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        raise UsageError(f"{self.prog}: {message}")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="courtsafe",
        description="CourtSafe: courthouse-safety case management for legal aid offices. "
        "Without a command, opens the application window.",
    )
    parser.add_argument("--version", action="version", version=f"CourtSafe {__version__}")
    parser.add_argument(
        "--database",
        metavar="URL",
        help="SQLAlchemy URL (default: the encrypted file in the data folder; "
        "env COURTSAFE_DATABASE_URL)",
    )
    parser.add_argument(
        "--data-dir", type=Path, metavar="DIR", help="keep data, settings and logs in DIR"
    )
    parser.add_argument(
        "--passphrase-file",
        type=Path,
        metavar="FILE",
        help="read the database passphrase from FILE (or env COURTSAFE_PASSPHRASE)",
    )
    parser.add_argument(
        "--self-test", action="store_true", help="check this installation end to end and exit"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    admin_commands.register(commands)
    data_commands.register(commands)
    risk_commands.register(commands)
    backup_commands.register(commands)
    exchange_commands.register(commands)
    letter_commands.register(commands)
    gui_commands.register(commands)
    return parser


CREATING_COMMANDS = {None, "demo", "migrate"}  # the window's first run, demo data, migrate


def options_from(args: argparse.Namespace) -> OpenOptions:
    return OpenOptions(
        data_dir=args.data_dir,
        database_url=args.database,
        passphrase_file=args.passphrase_file,
        create=args.command in CREATING_COMMANDS,
    )


def run(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UsageError as error:
        print(error, file=sys.stderr)
        return 2
    if args.command is None and not args.self_test:
        from app.ui.launch import run_gui

        return run_gui(options_from(args))
    gc.enable()  # off while starting (app.__main__); the window's task runner turns it on
    if args.self_test:
        from app.selftest import run_self_test

        return run_self_test()
    try:
        return dispatch(args)
    except (UserError, UserFacingError) as error:
        print(f"courtsafe: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(
            "courtsafe: interrupted; nothing was saved from the unfinished step.", file=sys.stderr
        )
        return 130
    except BrokenPipeError:
        return 0


def dispatch(args: argparse.Namespace) -> int:
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "run_without_app", None)
    if handler is not None:
        return int(handler(args))
    app_handler: Handler = args.handler
    app = open_app(options_from(args))
    try:
        return int(app_handler(args, app))
    finally:
        app.close()
