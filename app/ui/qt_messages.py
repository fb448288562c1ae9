"""Qt's own log lines: pass them on, minus the offscreen platform's known harmless notice."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QtMsgType, qInstallMessageHandler

HARMLESS = ("This plugin does not support propagateSizeHints()",)
Handler = Callable[[QtMsgType, Any, str], None]


class _Filter:
    def __init__(self) -> None:
        self.previous: Handler | None = None

    def __call__(self, kind: QtMsgType, context: Any, message: str) -> None:
        if any(message.startswith(text) for text in HARMLESS):
            return
        (self.previous or _stderr)(kind, context, message)  # e.g. pytest-qt's, failing tests


_FILTER = _Filter()


def quiet_offscreen_notices() -> None:
    """Install once; screenshots and the self-test render offscreen on purpose."""
    if _FILTER.previous is None:
        previous = qInstallMessageHandler(_FILTER)
        _FILTER.previous = previous if previous is not _FILTER else None
        if _FILTER.previous is None:
            _FILTER.previous = _stderr


def _stderr(kind: QtMsgType, _context: Any, message: str) -> None:
    if kind in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
        print(message, file=sys.stderr)
