"""Render one page of the window to a PNG, offscreen, after its data has loaded (docs, tests)."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app.bootstrap import App
from app.domain.errors import UserError
from app.ui.context import UiContext
from app.ui.launch import create_qapplication
from app.ui.main_window import MainWindow
from app.ui.notifier import Notifier
from app.ui.qt_messages import quiet_offscreen_notices
from app.ui.tasks import TaskRunner


def _raise(error: BaseException) -> None:
    raise error


def settle(runner: TaskRunner, timeout: float = 30.0, quiet: float = 0.3) -> None:
    """Turn the event loop until no task has run for `quiet` seconds (loads chain)."""
    deadline = time.monotonic() + timeout
    idle_since: float | None = None
    while time.monotonic() < deadline:
        QApplication.processEvents()
        if runner.busy:
            idle_since = None
        elif idle_since is None:
            idle_since = time.monotonic()
        elif time.monotonic() - idle_since >= quiet:
            return
        time.sleep(0.01)
    raise UserError("The page did not finish loading in time.")


def render_page(app: App, page_key: str, out: Path, size: tuple[int, int]) -> Path:
    quiet_offscreen_notices()
    create_qapplication()
    errors: list[BaseException] = []
    runner = TaskRunner(errors.append)
    ctx = UiContext(app, runner, Notifier())
    window = MainWindow(ctx)
    if page_key not in window.page_keys:
        raise UserError(f"There is no page '{page_key}'. Pages: {', '.join(window.page_keys)}.")
    window.resize(*size)
    window.show()
    page = window.show_page(page_key)
    settle(runner)
    page.prepare_screenshot()
    settle(runner)
    if errors:
        raise errors[0]
    out.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(out)):
        raise UserError(f"{out} could not be written.")
    window.close()
    window.deleteLater()
    QApplication.processEvents()
    return out
