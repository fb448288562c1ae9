"""Bugs: a rotating log file and the crash dialog, installed as sys.excepthook.

Only the exception type and the stack (files, lines, functions) are logged: an exception's message
can carry a client's name, so it stays out of the log.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from app.domain.errors import UserError

LOG_NAME = "courtsafe.log"
logger = logging.getLogger("courtsafe")


def setup_logging(log_dir: Path) -> Path | None:
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        path = log_dir / LOG_NAME
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return path


def describe(kind: type[BaseException], tb: TracebackType | None) -> str:
    """The stack without the message: enough to find the bug, nothing about the client."""
    frames = [
        f"  File {frame.filename}, line {frame.lineno}, in {frame.name}\n"
        for frame in traceback.extract_tb(tb)
    ]
    return f"{kind.__module__}.{kind.__qualname__}\n" + "".join(frames)


class CrashHandler:
    """sys.excepthook: user errors get their dialog, bugs get logged and the crash dialog."""

    def __init__(
        self,
        log_file: Path | None,
        show_user_error: Callable[[UserError], None],
        show_crash: Callable[[Path | None], None],
    ) -> None:
        self.log_file = log_file
        self._show_user_error = show_user_error
        self._show_crash = show_crash
        self._previous = sys.excepthook
        self._showing = False

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self

    def uninstall(self) -> None:
        sys.excepthook = self._previous

    def __call__(
        self,
        kind: type[BaseException],
        error: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if isinstance(error, UserError):
            self._show_user_error(error)
            return
        logger.error("unhandled error: %s", describe(kind, tb))
        if self._showing:
            return
        self._showing = True
        try:
            self._show_crash(self.log_file)
        finally:
            self._showing = False

    def handle(self, error: BaseException) -> None:
        """For errors that arrive from a task rather than from the interpreter."""
        self(type(error), error, error.__traceback__)
