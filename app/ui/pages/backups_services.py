"""The backup services, built in one place from the App, and the automatic backups.

BackupService takes the folder from this desk's settings, so it is built again whenever it is
asked for (construction does no I/O); the Backups page, the Upcoming warning and the main window's
timer all get theirs here.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.bootstrap import App
from app.services.backup_tools import BackupTools
from app.ui.context import UiContext

BACKUP = "backup"  # notifier entity: a backup was written, verified or restored
CHECK_EVERY_MS = 60 * 60 * 1000
AUTO_INTERVAL = timedelta(days=1)
log = logging.getLogger(__name__)


def backup_folder(app: App) -> Path:
    return app.backup_folder()


def backup_tools(app: App) -> BackupTools:
    return app.backup_tools()


def size_text(size: int) -> str:
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} bytes"


def warning_text(days: int | None, limit: int) -> str | None:
    """The Upcoming page's banner, or None when the last verified backup is recent enough."""
    if days is None:
        return "No verified backup yet. Open the Backups page to make one."
    if days > limit:
        return (
            f"The last verified backup is {days} days old (the limit set is {limit}). "
            "Open the Backups page to make one."
        )
    return None


class AutoBackup(QObject):
    """Backs up when due: every hour while the app runs (if a day has passed) and on exit."""

    finished = Signal()

    def __init__(self, ctx: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.running = False
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self.timer.start()

    def enabled(self) -> bool:
        """Automatic backups are on and the keys exist (a backup nobody can open is never made)."""
        if not self.ctx.app.settings.auto_backup:
            return False
        try:
            return backup_tools(self.ctx.app).keys.status().set_up
        except Exception:  # noqa: BLE001 - a closed database must not stop the app from closing
            log.exception("backup status unavailable")
            return False

    def due(self) -> bool:
        if not self.enabled():
            return False
        try:
            return backup_tools(self.ctx.app).backups.due(self.ctx.app.ctx.now(), AUTO_INTERVAL)
        except Exception:  # noqa: BLE001
            log.exception("backup status unavailable")
            return False

    def check(self) -> None:
        """The hourly timer: start a backup in the background when one is due."""
        if self.running or not self.due():
            return
        self._start(None)

    def run_on_exit(self, parent: QWidget) -> bool:
        """True when a backup started; `finished` fires when it is over (success or not)."""
        if self.running or not self.due():
            return False
        progress = QProgressDialog("Backing up before closing…", "", 0, 0, parent)
        progress.setObjectName("exitBackupProgress")
        progress.setWindowTitle("CourtSafe")
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.show()
        self._start(progress)
        return True

    def _start(self, progress: QProgressDialog | None) -> None:
        self.running = True
        tools = backup_tools(self.ctx.app)
        now = self.ctx.app.ctx.now()

        def work() -> Any:
            return tools.backups.create_if_due(now, AUTO_INTERVAL)

        def done(_result: object) -> None:
            self._end(progress)
            self.ctx.notifier.data_changed(BACKUP)

        def failed(error: BaseException) -> None:
            # Recorded in the history by the service; the Backups page and the banner show it.
            log.warning("automatic backup failed: %s", error)
            self._end(progress)
            self.ctx.notifier.data_changed(BACKUP)

        self.ctx.runner.run(
            work, done, failed, key="backup.auto", label="Automatic backup", owner=self
        )

    def _end(self, progress: QProgressDialog | None) -> None:
        self.running = False
        if progress is not None:
            progress.close()
            progress.deleteLater()
        self.finished.emit()
